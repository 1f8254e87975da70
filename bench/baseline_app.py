"""The baseline for bench/webhook.py: a bare Flask handler that checks the signature and answers fixed TwiML.

It does what any Twilio webhook must do and nothing the helpline adds (Redis, engine, catalogs),
so the ratio helpline/baseline shows what our own work costs.
"""

from __future__ import annotations

import os

from flask import Flask, Response, abort, request
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse


def create_app() -> Flask:
    app = Flask(__name__)
    validator = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])
    public_url = os.environ["HELPLINE_PUBLIC_URL"]

    @app.post("/twilio/inbound")
    def inbound() -> Response:
        signature = request.headers.get("X-Twilio-Signature", "")
        if not validator.validate(public_url + "/twilio/inbound", request.form, signature):
            abort(403)
        response = MessagingResponse()
        response.message("Kratom Helpline: fixed answer.")
        return Response(str(response), mimetype="text/xml")

    return app
