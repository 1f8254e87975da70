"""Sending one message to a texter: Twilio's REST API, or the simulator's outbox.

Built from settings. With a Twilio account configured, messages go through the
real twilio client (pointed at TWILIO_API_BASE_URL when set: tests aim it at a
local fake). In development without an account, replies land in a per-texter
Redis list that the phone simulator polls, so a counselor's reply shows up on
the simulated phone. Failures are raised as SendFailed with Twilio's code and a
readable reason, and whether trying again could help.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Protocol

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from helpline import channel
from helpline.settings import Settings
from helpline.store import PREFIX, Store

TIMEOUT_SECONDS = 10.0
SIMULATOR_OUTBOX_KEY = PREFIX + "{{{tid}}}:simulator-outbox"  # list of texts a simulated phone has not shown yet
SIMULATOR_OUTBOX_TTL_SECONDS = 24 * 3600
# twilio's HTTP client logs every request's headers at INFO; keep that out of the worker log.
_http_log = logging.getLogger("helpline.twilio_http")
_http_log.setLevel(logging.WARNING)


@dataclass(frozen=True)
class Sent:
    sid: str
    status: str


class SendFailed(Exception):
    def __init__(self, code: int | None, reason: str, retryable: bool):
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.retryable = retryable


class Sender(Protocol):
    def send(self, to: str, body: str, status_callback: str | None) -> Sent: ...


class TwilioSender:
    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        *,
        from_: str | None = None,
        messaging_service_sid: str | None = None,
        base_url: str | None = None,
        timeout: float = TIMEOUT_SECONDS,
    ):
        if not (from_ or messaging_service_sid):
            raise ValueError("a sender needs TWILIO_PHONE_NUMBER or TWILIO_MESSAGING_SERVICE_SID")
        self.client = Client(account_sid, auth_token, http_client=TwilioHttpClient(timeout=timeout, logger=_http_log))
        if base_url:
            self.client.api.base_url = base_url.rstrip("/")
        self.from_ = from_
        self.messaging_service_sid = messaging_service_sid

    def send(self, to: str, body: str, status_callback: str | None) -> Sent:
        options: dict[str, str] = {"to": to, "body": body}
        if self.messaging_service_sid:
            options["messaging_service_sid"] = self.messaging_service_sid
        else:
            options["from_"] = self._from_for(to)
        if status_callback:
            options["status_callback"] = status_callback
        try:
            message = self.client.messages.create(**options)
        except TwilioRestException as error:
            # 5xx and 429 are Twilio's trouble or a rate limit: worth another try. 4xx will fail again.
            retryable = error.status >= 500 or error.status == 429
            raise SendFailed(error.code, channel.error_reason(error.code) or error.msg, retryable) from error
        except requests.RequestException as error:
            raise SendFailed(None, f"could not reach Twilio ({type(error).__name__})", retryable=True) from error
        return Sent(sid=str(message.sid), status=str(message.status or "queued"))

    def _from_for(self, to: str) -> str:
        """WhatsApp messages go from the WhatsApp form of our number."""
        sender = self.from_ or ""
        if to.startswith(channel.WHATSAPP_PREFIX) and not sender.startswith(channel.WHATSAPP_PREFIX):
            return channel.WHATSAPP_PREFIX + sender
        return sender


class SimulatorOutbox:
    """Development without Twilio: the phone simulator shows what would have been texted."""

    def __init__(self, store: Store):
        self.store = store

    def send(self, to: str, body: str, status_callback: str | None) -> Sent:
        key = SIMULATOR_OUTBOX_KEY.format(tid=self.store.texter_id(to))
        pipe = self.store.redis.pipeline(transaction=True)
        pipe.rpush(key, body)
        pipe.expire(key, SIMULATOR_OUTBOX_TTL_SECONDS)
        pipe.execute()
        return Sent(sid="SMsim" + secrets.token_hex(16), status="delivered")

    def take(self, address: str) -> list[str]:
        """Everything waiting for a simulated phone, oldest first, once."""
        key = SIMULATOR_OUTBOX_KEY.format(tid=self.store.texter_id(address))
        pipe = self.store.redis.pipeline(transaction=True)
        pipe.lrange(key, 0, -1)
        pipe.delete(key)
        return [str(text) for text in pipe.execute()[0]]


class Unconfigured:
    """Production without a Twilio account: nothing can be sent, and the counselor is told so."""

    def send(self, to: str, body: str, status_callback: str | None) -> Sent:
        raise SendFailed(None, "no Twilio account configured (TWILIO_ACCOUNT_SID)", retryable=False)


def make_sender(settings: Settings, store: Store) -> Sender:
    if settings.can_send and settings.twilio_account_sid:
        return TwilioSender(
            settings.twilio_account_sid,
            settings.twilio_auth_token,
            from_=settings.twilio_phone_number,
            messaging_service_sid=settings.twilio_messaging_service_sid,
            base_url=settings.twilio_api_base_url,
        )
    if settings.development:
        return SimulatorOutbox(store)
    return Unconfigured()


def status_callback_url(settings: Settings) -> str | None:
    """Where Twilio reports delivery: only known when the public URL is configured."""
    return f"{settings.public_url}/twilio/status" if settings.public_url else None
