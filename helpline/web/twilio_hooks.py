"""Twilio's webhooks: inbound messages and delivery status callbacks."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, abort, request

from helpline import channel
from helpline.service import EMPTY_TWIML, Helpline
from helpline.settings import Settings

log = logging.getLogger(__name__)


def make_blueprint(settings: Settings, helpline: Helpline) -> Blueprint:
    blueprint = Blueprint("twilio", __name__, url_prefix="/twilio")

    def require_signature() -> None:
        url = channel.signed_url(request.url, request.full_path.rstrip("?"), settings.public_url)
        signature = request.headers.get(channel.SIGNATURE_HEADER)
        if not channel.signature_is_valid(settings.twilio_auth_token, url, request.form, signature):
            log.warning("rejected a request with a missing or bad Twilio signature for %s", url)
            abort(403)

    @blueprint.post("/inbound")
    def inbound() -> Response:
        require_signature()
        message = channel.parse_inbound(request.form)
        if message is None:
            return _xml(EMPTY_TWIML)
        try:
            return _xml(helpline.answer(message))
        except Exception:
            log.exception("failed to answer %s", message.message_sid)
            # Last resort: the pure engine, no storage, so an emergency is still answered.
            from helpline.engine import TexterState

            return _xml(channel.twiml(helpline.decide(message, TexterState(), on_shift=False).replies))

    @blueprint.post("/status")
    def status() -> Response:
        require_signature()
        sid = request.form.get("MessageSid") or request.form.get("SmsSid") or ""
        state = request.form.get("MessageStatus") or request.form.get("SmsStatus") or ""
        if sid and state:
            helpline.store.record_status(sid, state, request.form.get("ErrorCode") or "")
        return Response("", status=204)

    return blueprint


def _xml(body: str) -> Response:
    return Response(body, status=200, mimetype="text/xml")
