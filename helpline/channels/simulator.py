"""The phone simulator as a channel: development without a Twilio account.

Replies the worker sends land in a per-texter list (helpline.state.deliveries.
SimulatedPhones) that the simulator page polls, so a counselor's reply shows up
on the simulated phone. Inbound messages from the page go through the real
Twilio webhook, signed with the helpline's own token (helpline.web.simulator).
"""

from __future__ import annotations

import secrets

from helpline.channels.base import Sent
from helpline.state.deliveries import DeliveryState, SimulatedPhones


class SimulatorSender:
    def __init__(self, phones: SimulatedPhones):
        self.phones = phones

    def send(self, to: str, body: str, status_callback: str | None) -> Sent:
        self.phones.put(to, body)
        return Sent(sid="SMsim" + secrets.token_hex(16), status=DeliveryState.DELIVERED)

    def find(self, to: str, body: str, since: float) -> Sent | None:
        return None  # the simulated phone's list is taken as shown; a retry may show a text twice

    def take(self, address: str) -> list[str]:
        """Everything waiting for a simulated phone, oldest first, once."""
        return self.phones.take(address)
