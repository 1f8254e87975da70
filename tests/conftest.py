"""Shared fixtures: a real Redis, the app, signed Twilio requests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from helpline.knowledge import Knowledge
from tests import redis_server
from tests.browser import browsers, chromium, desk_app, desk_clock, desk_url  # noqa: F401 - the desk's browser fixtures
from tests.desk import Desk
from tests.fake_twilio import FakeTwilio
from tests.support import AUTH_TOKEN, SECRET_KEY, Clock, Texter, close_connections, make_app, shared_knowledge


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
    return shared_knowledge()


@pytest.fixture
def app_clock() -> Clock:
    """The app's clock: the real time at the start, moved by the test (app_clock.advance) instead of sleeping."""
    return Clock()


@pytest.fixture
def app_config(redis_url: str, redis_client: redis.Redis, tmp_path: Path) -> dict[str, Any]:
    return {
        "REDIS_URL": redis_url,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "SECRET_KEY": SECRET_KEY,
        "HELPLINE_INSTANCE_PATH": str(tmp_path / "instance"),
    }


@pytest.fixture
def app(app_config: dict[str, Any], app_clock: Clock) -> Iterator[Flask]:
    made = make_app(app_config, clock=app_clock)
    yield made
    close_connections(made)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def texter(client: FlaskClient) -> Texter:
    return Texter(client)


@pytest.fixture
def texter_factory(client: FlaskClient):
    def make(address: str) -> Texter:
        return Texter(client, address)

    return make


# Counselors at their desks (logged-in test clients): ana and ben available, sam a supervisor who is away.
@pytest.fixture
def ana(app: Flask) -> Desk:
    return Desk(app, "ana")


@pytest.fixture
def ben(app: Flask) -> Desk:
    return Desk(app, "ben")


@pytest.fixture
def sam(app: Flask) -> Desk:
    return Desk(app, "sam", role="supervisor", available=False)
