"""Twilio's wire format, and nothing else: signatures, inbound forms, TwiML.

The rest of the helpline never sees a Twilio form. Signatures are checked with
twilio's RequestValidator over every parameter received, blank ones included,
and over the URL Twilio called: HELPLINE_PUBLIC_URL plus path and query when
set (behind a proxy the URL we see is not the one Twilio signed), else the URL
as received.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from helpline.engine import Channel, Inbound

WHATSAPP_PREFIX = "whatsapp:"
SIGNATURE_HEADER = "X-Twilio-Signature"
OPTED_OUT_ERROR = 21610

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
    if not signature:
        return False
    return bool(RequestValidator(auth_token).validate(url, dict(form), signature))


def sign(auth_token: str, url: str, form: Mapping[str, str]) -> str:
    """The signature Twilio would send; used by the simulator and tests."""
    return str(RequestValidator(auth_token).compute_signature(url, dict(form)))


def _clean(text: str) -> str:
    """Drop NULs and other control characters that would corrupt a transcript; keep newlines and tabs."""
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " " and ch != "\x7f")


def parse_inbound(form: Mapping[str, str]) -> Inbound | None:
    """An Inbound from Twilio's form, or None when it names no sender (nothing to answer)."""
    sender = (form.get("From") or "").strip()
    if not sender or sender == WHATSAPP_PREFIX:
        return None
    channel: Channel = "whatsapp" if sender.startswith(WHATSAPP_PREFIX) else "sms"
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


def twiml(replies: tuple[str, ...] | list[str]) -> str:
    response = MessagingResponse()
    for reply in replies:
        response.message(reply)
    return str(response)


def error_reason(code: int | str | None) -> str:
    """A counselor-readable reason for a Twilio error code."""
    if code in (None, ""):
        return ""
    try:
        number = int(code)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"error {code}"
    return f"{number}: {ERROR_REASONS.get(number, 'delivery failed')}"
