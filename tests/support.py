"""Helpers shared by the tests (not a test module): signed Twilio requests, the app's services."""

from __future__ import annotations

import uuid

import redis
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpline.app import services_of
from helpline.channels import twilio as channel
from helpline.state import keys
from helpline.wiring import Services

AUTH_TOKEN = "test-auth-token"  # noqa: S105 - a test value
SECRET_KEY = "test-secret-key"  # noqa: S105 - a test value
INBOUND_URL = "http://localhost/twilio/inbound"
US_TEXTER = "+14155550123"



def texter_ids(client: redis.Redis) -> list[str]:
    """Every texter id with a texter hash (the app keeps no global list of texters)."""
    found = (key.split("{", 1)[1].split("}", 1)[0] for key in client.scan_iter(keys.TEXTER.format(tid="*")))
    return sorted(found)


def parts(app: Flask) -> Services:
    """The services an app was built from."""
    return services_of(app)


class Texter:
    """Sends signed inbound messages to the app as Twilio would."""

    def __init__(self, client: FlaskClient, address: str = US_TEXTER, token: str = AUTH_TOKEN):
        self.client = client
        self.address = address
        self.token = token

    def form(self, body: str | None, **extra: str) -> dict[str, str]:
        form = {
            "MessageSid": "SM" + uuid.uuid4().hex,
            "AccountSid": "AC" + "0" * 32,
            "From": self.address,
            "To": "+15005550006",
            "NumMedia": "0",
            "ToCity": "",
            "FromCountry": "",
        }
        if body is not None:
            form["Body"] = body
        form.update(extra)
        return form

    def post(self, form: dict[str, str], path: str = "/twilio/inbound", signature: str | None = None) -> TestResponse:
        url = "http://localhost" + path
        signature = channel.sign(self.token, url, form) if signature is None else signature
        return self.client.post(path, data=form, headers={channel.SIGNATURE_HEADER: signature})

    def send(self, body: str | None, **extra: str) -> TestResponse:
        return self.post(self.form(body, **extra))

    def replies(self, body: str | None, **extra: str) -> list[str]:
        response = self.send(body, **extra)
        assert response.status_code == 200, response.get_data(as_text=True)
        assert response.mimetype == "text/xml"
        return replies_of(response.get_data(as_text=True))


def replies_of(twiml_text: str) -> list[str]:
    from helpline.cli import replies_of as parse

    return parse(twiml_text)


