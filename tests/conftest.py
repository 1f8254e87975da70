"""Shared fixtures: a real Redis, the app, signed Twilio requests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpline import channel, create_app
from helpline.knowledge import Knowledge
from tests import redis_server
from tests.fake_twilio import FakeTwilio

AUTH_TOKEN = "test-auth-token"  # noqa: S105 - a test value
SECRET_KEY = "test-secret-key"  # noqa: S105 - a test value
INBOUND_URL = "http://localhost/twilio/inbound"
US_TEXTER = "+14155550123"


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    shared = redis_server.shared_url()
    if shared:
        yield shared
        return
    with redis_server.throwaway_server() as url:
        yield url


@pytest.fixture
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    owned = redis_server.shared_url() is None
    redis_server.clean(client, owned)
    yield client
    redis_server.clean(client, owned)
    client.close()


@pytest.fixture
def fake_twilio() -> Iterator[FakeTwilio]:
    """Twilio's REST API on loopback, recording each request; the real twilio client is pointed at it."""
    fake = FakeTwilio().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return Knowledge.load()


@pytest.fixture
def app_config(redis_url: str, redis_client: redis.Redis, tmp_path: Path) -> dict[str, Any]:
    return {
        "REDIS_URL": redis_url,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "SECRET_KEY": SECRET_KEY,
        "HELPLINE_INSTANCE_PATH": str(tmp_path / "instance"),
    }


@pytest.fixture
def app(app_config: dict[str, Any]) -> Flask:
    return create_app(app_config)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


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


@pytest.fixture
def texter(client: FlaskClient) -> Texter:
    return Texter(client)


@pytest.fixture
def texter_factory(client: FlaskClient):
    def make(address: str) -> Texter:
        return Texter(client, address)

    return make
