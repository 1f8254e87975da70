"""What every channel offers the rest of the helpline: sending one message, and its limits.

A channel is a provider's wire (Twilio today; the development simulator is
another). The service, the worker and the dashboard see only these types:
`Sender.send` returns `Sent` with a neutral delivery state, or raises
`SendFailed` with a readable reason and whether trying again could help.
`ChannelInfo` says what a medium allows: the longest body and whether replies
are only allowed within a messaging window (WhatsApp's 24 hours).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from helpline.state.deliveries import DeliveryState

MAX_BODY_CHARS = 1600  # Twilio's limit for one message body, SMS and WhatsApp alike


@dataclass(frozen=True)
class ChannelInfo:
    name: str  # "sms", "whatsapp"
    max_length: int
    has_messaging_window: bool  # replies only within a window after the texter's last message


CHANNELS = {
    "sms": ChannelInfo("sms", MAX_BODY_CHARS, has_messaging_window=False),
    "whatsapp": ChannelInfo("whatsapp", MAX_BODY_CHARS, has_messaging_window=True),
}


def info(name: str) -> ChannelInfo:
    return CHANNELS.get(name, CHANNELS["sms"])


@dataclass(frozen=True)
class Sent:
    sid: str
    status: DeliveryState


class SendFailed(Exception):
    """`in_doubt`: the request may have reached the provider (a timeout while waiting for its answer), so a
    retry must ask the provider (`Sender.find`) before sending a second copy."""

    def __init__(self, code: int | None, reason: str, retryable: bool, in_doubt: bool = False):
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.retryable = retryable
        self.in_doubt = in_doubt


class Sender(Protocol):
    def send(self, to: str, body: str, status_callback: str | None) -> Sent: ...

    def find(self, to: str, body: str, since: float) -> Sent | None:
        """The message with this body sent to `to` since `since` (epoch seconds), if the provider has one."""
        ...


class Unconfigured:
    """Production without a provider account: nothing can be sent, and the counselor is told so."""

    def send(self, to: str, body: str, status_callback: str | None) -> Sent:
        raise SendFailed(None, "no Twilio account configured (TWILIO_ACCOUNT_SID)", retryable=False)

    def find(self, to: str, body: str, since: float) -> Sent | None:
        return None
