"""Channels: the providers' wires (Twilio, the simulator) behind the small interface of `base`."""
