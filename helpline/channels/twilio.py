"""Everything Twilio: signatures, the inbound and status forms, TwiML, the REST sender,
status mapping to neutral delivery states, and error codes in words.

The rest of the helpline never sees a Twilio form, status word or error code:
the web hooks (helpline.web.twilio_hooks) call `parse_inbound` and
`parse_status`, render the service's replies with `twiml`, and the worker
sends through `TwilioSender`. Signatures are checked with
twilio's RequestValidator over every parameter received, blank ones included,
and over the URL Twilio called: HELPLINE_PUBLIC_URL plus path and query when
set (behind a proxy the URL we see is not the one Twilio signed), else the URL
as received.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

import requests
from twilio import request_validator
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.messaging_response import MessagingResponse

from helpline import address as address_module
from helpline.channels.base import SendFailed, Sent
from helpline.engine import Inbound
from helpline.state.deliveries import DeliveryState

WHATSAPP_PREFIX = address_module.WHATSAPP_PREFIX
SIGNATURE_HEADER = "X-Twilio-Signature"
OPTED_OUT_ERROR = 21610
TIMEOUT_SECONDS = 10.0
FIND_LIMIT = 50  # the newest messages to one number looked at when reconciling an attempt in doubt
FIND_SLACK_SECONDS = 120  # clocks differ: Twilio's date_created may be a little before our attempt's start
# twilio's HTTP client logs every request's headers at INFO; keep that out of the worker log.
_http_log = logging.getLogger("helpline.twilio_http")
_http_log.setLevel(logging.WARNING)

# Twilio's message statuses, as neutral delivery states (None: not about an outbound message).
STATUSES: dict[str, DeliveryState | None] = {
    "accepted": DeliveryState.QUEUED,
    "scheduled": DeliveryState.QUEUED,
    "queued": DeliveryState.QUEUED,
    "sending": DeliveryState.QUEUED,
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "read": DeliveryState.READ,
    "undelivered": DeliveryState.UNDELIVERED,
    "failed": DeliveryState.FAILED,
    "canceled": DeliveryState.FAILED,
    "receiving": None,
    "received": None,
}

# Twilio error codes a counselor may see on a failed message, in words.
ERROR_REASONS = {
    21211: "invalid 'To' number",
    21408: "sending to this region is not enabled",
    21610: "the texter has opted out (replied STOP)",
    21612: "this number cannot receive messages from ours",
    21614: "not a mobile number",
    30003: "phone unreachable or off",
    30004: "message blocked by the recipient",
    30005: "unknown or inactive number",
    30006: "landline or unreachable carrier",
    30007: "filtered by the carrier as spam",
    30008: "unknown delivery error",
    63016: "WhatsApp: outside the 24-hour window, a template is required",
}


def signed_url(request_url: str, full_path: str, public_url: str | None) -> str:
    """The URL Twilio signed: the public base URL plus path and query, when configured."""
    if public_url:
        return public_url.rstrip("/") + full_path
    return request_url


def signature_is_valid(auth_token: str, url: str, form: Mapping[str, str], signature: str | None) -> bool:
    """twilio's `RequestValidator.validate(url, dict(form), signature)`, answered the same for every request
    (tests/test_signature.py), with less work per webhook: the URL's two forms worked out once per URL, the form's
    part of the signed text built once for both, each signed with one `hmac.digest` call and compared in constant
    time by `hmac.compare_digest`, and the form of the URL that matched last tried first (validate signs both every
    time; either matching is a valid signature, so the order changes no answer). twilio's own steps, which this
    follows: the URL, then each parameter's name and value in name order (a form's parameters count with their first
    value, as `dict(form)` gave them), HMAC-SHA1 with the token, base64; compared with the header's text.
    validate()'s body hash check applies only to a JSON body passed as a string, never to a form."""
    if not signature:
        return False
    first = dict(form)
    params = "".join([name + first[name] for name in sorted(first)])
    expected = signature.encode("utf-8", "surrogatepass")  # equal texts <=> equal bytes
    key = auth_token.encode("utf-8")
    variants = _signed_variants(url)
    preferred = _matched.get(url, 0)
    for index in (preferred, 1 - preferred):
        digest = hmac.digest(key, (variants[index] + params).encode("utf-8"), "sha1")
        if hmac.compare_digest(base64.b64encode(digest), expected):
            if index != preferred:
                if len(_matched) >= 64:
                    _matched.clear()
                _matched[url] = index
            return True
    return False


_matched: dict[str, int] = {}  # per URL received, which of its two signed forms matched last (0: without the port)


@functools.lru_cache(maxsize=64)
def _signed_variants(url: str) -> tuple[str, str]:
    """The URL as Twilio may have signed it: without its port, then with it (validate's two tries). A
    helpline's webhook URL rarely changes, so parsing it once per URL saves work on every message."""
    parsed = urlparse(url)
    return request_validator.remove_port(parsed), request_validator.add_port(parsed)


def sign(auth_token: str, url: str, form: Mapping[str, str]) -> str:
    """The signature Twilio would send; used by the simulator and tests."""
    return str(RequestValidator(auth_token).compute_signature(url, dict(form)))


def _clean(text: str) -> str:
    """Drop NULs and other control characters that would corrupt a transcript; keep newlines and tabs."""
    return _CONTROL.sub("", text)


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # below a space but tab and newline, and DEL


def parse_inbound(form: Mapping[str, str]) -> Inbound | None:
    """An Inbound from Twilio's form, or None when it names no sender (nothing to answer)."""
    sender = (form.get("From") or "").strip()
    if not sender or sender == WHATSAPP_PREFIX:
        return None
    channel = address_module.parse(sender).scheme
    sid = form.get("MessageSid") or form.get("SmsMessageSid") or form.get("SmsSid") or ""
    if not sid:
        # No id at all: derive one from the content so an identical retry is still recognised.
        digest = hashlib.sha256(repr(sorted(form.items())).encode("utf-8", "replace")).hexdigest()
        sid = "derived-" + digest[:32]
    try:
        media_count = max(0, int(form.get("NumMedia") or 0))
    except ValueError:
        media_count = 0
    return Inbound(
        message_sid=sid[:64],
        texter=sender[:64],
        body=_clean(form.get("Body") or ""),
        channel=channel,
        media_count=media_count,
        optout_type=(form.get("OptOutType") or None),
    )


@dataclass(frozen=True)
class StatusReport:
    """One status callback, in neutral words."""

    sid: str
    status: DeliveryState
    error: str  # Twilio's code, "" when none
    reason: str  # the code in words


def parse_status(form: Mapping[str, str]) -> StatusReport | None:
    """A StatusReport from Twilio's status callback form; None when it names no message or no known status."""
    sid = form.get("MessageSid") or form.get("SmsSid") or ""
    status = STATUSES.get((form.get("MessageStatus") or form.get("SmsStatus") or "").lower())
    if not sid or status is None:
        return None
    error = form.get("ErrorCode") or ""
    return StatusReport(sid=sid[:64], status=status, error=error[:16], reason=error_reason(error))


def twiml(replies: tuple[str, ...] | list[str]) -> str:
    """The webhook's answer: one <Message> per reply.

    Written directly, byte for byte what twilio's MessagingResponse writes (tests/test_bad_input.py compares
    them): building an ElementTree per webhook cost more than the rest of the answer's formatting."""
    if not replies:
        return _TWIML_START + "<Response />"
    body = "".join(f"<Message>{_escape_text(reply)}</Message>" if reply else "<Message />" for reply in replies)
    answer = f"{_TWIML_START}<Response>{body}</Response>"
    try:
        answer.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the library writes it as a character reference
        return twiml_by_library(replies)
    return answer


def twiml_by_library(replies: tuple[str, ...] | list[str]) -> str:
    """The same answer through twilio's MessagingResponse (ElementTree)."""
    response = MessagingResponse()
    for reply in replies:
        response.message(reply)
    return str(response)


_TWIML_START = '<?xml version="1.0" encoding="UTF-8"?>'


def _escape_text(text: str) -> str:
    """XML text content as ElementTree escapes it: &, < and > only."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def error_reason(code: int | str | None) -> str:
    """A counselor-readable reason for a Twilio error code."""
    if code in (None, ""):
        return ""
    try:
        number = int(code)
    except (TypeError, ValueError):
        return f"error {code}"
    return f"{number}: {ERROR_REASONS.get(number, 'delivery failed')}"


class TwilioSender:
    """Sends through Twilio's REST API with the real twilio client (pointed at TWILIO_API_BASE_URL when set)."""

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
            options["from_"] = address_module.sender_for(to, self.from_ or "")
        if status_callback:
            options["status_callback"] = status_callback
        try:
            message = self.client.messages.create(**options)
        except TwilioRestException as error:
            # 5xx and 429 are Twilio's trouble or a rate limit: worth another try. 4xx will fail again.
            retryable = error.status >= 500 or error.status == 429
            raise SendFailed(error.code, error_reason(error.code) or error.msg, retryable) from error
        except requests.ConnectTimeout as error:  # never connected: nothing was sent
            raise SendFailed(None, "could not reach Twilio (ConnectTimeout)", retryable=True) from error
        except requests.RequestException as error:  # sent, perhaps accepted, answer lost: ask before resending
            reason = f"no answer from Twilio ({type(error).__name__}); it may have been sent"
            raise SendFailed(None, reason, retryable=True, in_doubt=True) from error
        return _sent(message)

    def find(self, to: str, body: str, since: float) -> Sent | None:
        """Ask Twilio for the message: the newest ones to `to`, the first with this body created since `since`."""
        after = datetime.fromtimestamp(since - FIND_SLACK_SECONDS, UTC)
        try:
            for message in self.client.messages.list(to=to, limit=FIND_LIMIT):
                created = message.date_created
                if message.body == body and (created is None or created >= after):
                    return _sent(message)
        except (TwilioRestException, requests.RequestException) as error:
            reason = f"could not ask Twilio about an earlier attempt ({type(error).__name__})"
            raise SendFailed(None, reason, retryable=True, in_doubt=True) from error
        return None


def _sent(message: object) -> Sent:
    status = str(getattr(message, "status", None) or "queued")
    return Sent(sid=str(getattr(message, "sid", "")), status=STATUSES.get(status) or DeliveryState.QUEUED)
