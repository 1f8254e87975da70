"""Twilio's webhooks: inbound messages and delivery status callbacks.

Web glue only: helpline.channels.twilio checks the signature and reads the
forms; the service answers with plain replies, rendered here as TwiML. The
blueprint is exempt from CSRF (helpline.app): Twilio's signature is its proof.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from flask import Blueprint, Flask, Request, Response, abort, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from helpline.channels import twilio
from helpline.service import Helpline
from helpline.wiring import Services

log = logging.getLogger(__name__)


class SessionsExceptWebhooks(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, except on Twilio's webhooks, which carry no cookie and need none:
    opening a session builds a signing serializer per request, a measurable share of a webhook's CPU."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if request.path.startswith(URL_PREFIX + "/"):
            return self.make_null_session(app)  # reads as empty; never saved (Flask skips null sessions)
        return super().open_session(app, request)


URL_PREFIX = "/twilio"


def make_blueprint(services: Services) -> Blueprint:
    blueprint = Blueprint("twilio", __name__, url_prefix=URL_PREFIX)
    settings, helpline = services.settings, services.helpline

    @blueprint.before_request
    def require_signature() -> None:
        # request.url is built only without a public URL: werkzeug's URL building cost more than the check.
        url = (
            twilio.signed_url("", request.full_path.rstrip("?"), settings.public_url)
            if settings.public_url
            else request.url
        )
        signature = request.headers.get(twilio.SIGNATURE_HEADER)
        if not twilio.signature_is_valid(settings.twilio_auth_token, url, request.form, signature):
            log.warning("rejected a request with a missing or bad Twilio signature for %s", url)
            abort(403)

    @blueprint.post("/inbound")
    def inbound() -> Response:
        return Response(answer_inbound(helpline, request.form), status=200, mimetype="text/xml")

    @blueprint.post("/status")
    def status() -> Response:
        report = twilio.parse_status(request.form)
        if report is not None:
            services.deliveries.record_status(report.sid, report.status, report.error, report.reason)
        return Response("", status=204)

    return blueprint


def answer_inbound(helpline: Helpline, form: Mapping[str, str]) -> str:
    """The TwiML answer to one signed inbound form: the service's replies, or, if answering failed, the pure
    engine's (never a 500 to a texter). The Flask view and the fast path (helpline.web.fast_inbound) share it."""
    message = twilio.parse_inbound(form)
    if message is None:
        return twilio.twiml(())
    try:
        return twilio.twiml(helpline.answer(message))
    except Exception:
        log.exception("failed to answer %s", message.message_sid)
        return twilio.twiml(helpline.answer_unrecorded(message))
