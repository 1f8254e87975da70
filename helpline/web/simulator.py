"""A phone in the browser, for trying the helpline without a Twilio account.

The page asks this blueprint to sign each message with the helpline's own auth
token, then posts it to /twilio/inbound exactly as Twilio would, so the
simulator exercises the real webhook: signature check, dedupe, engine, store.
Only registered when the simulator is enabled (the development start).
"""

from __future__ import annotations

import secrets

from flask import Blueprint, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFProtect

from helpline.channels import twilio as channel
from helpline.segments import gsm7_alphabet
from helpline.state.conversations import HELD, QUEUED
from helpline.wiring import Services


def make_blueprint(services: Services, csrf: CSRFProtect) -> Blueprint:
    blueprint = Blueprint("simulator", __name__, url_prefix="/simulator")
    settings, outbox = services.settings, services.simulator

    @blueprint.get("")
    def page() -> ResponseReturnValue:
        return render_template("simulator.html", status_url=url_for("simulator.status"), sms_alphabet=gsm7_alphabet())

    @blueprint.get("/status")
    def status() -> ResponseReturnValue:
        """What happened to a message the bot did not answer: with a counselor, in the queue, or opted out."""
        sender = (request.args.get("from") or "").strip()
        return jsonify(text=unanswered_fate(services, sender) if sender else "")

    @blueprint.post("/sign")
    def sign() -> ResponseReturnValue:
        """Twilio's form for one simulated message, with its signature."""
        sender = (request.form.get("from") or "+15555550100").strip()
        form = {
            "MessageSid": "SMsim" + secrets.token_hex(16),
            "AccountSid": "ACsimulator",
            "From": sender,
            "To": "+15555550000",
            "Body": request.form.get("body", ""),
            "NumMedia": "0",
            "ToCity": "",
        }
        url = channel.signed_url(
            request.url_root.rstrip("/") + url_for("twilio.inbound"), url_for("twilio.inbound"), settings.public_url
        )
        return jsonify(
            form=form, signature=channel.sign(settings.twilio_auth_token, url, form), url=url_for("twilio.inbound")
        )

    csrf.exempt(sign)  # development only; answers JSON a cross-site page cannot read

    @blueprint.get("/outbox")
    def outbox_messages() -> ResponseReturnValue:
        """Counselor replies waiting for this simulated phone (development without Twilio); each shown once."""
        sender = (request.args.get("from") or "").strip()
        return jsonify(messages=outbox.take(sender) if outbox is not None and sender else [])

    return blueprint


def unanswered_fate(services: Services, address: str) -> str:
    tid = services.texters.texter_id(address)
    if services.texters.texter(tid).get("opted_out") == "1":
        return "received; no reply: this number sent STOP (text START to opt back in)"
    summary = services.conversations.summary(tid)
    if summary is not None and summary.status == HELD:
        return f"went to counselor {summary.counselor}; the bot stays quiet while they hold the conversation"
    if summary is not None and summary.status == QUEUED:
        return "went to the counselors' queue; the bot stays quiet until someone claims it"
    return "received; no automatic reply"
