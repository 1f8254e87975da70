"""Helpers shared by the tests (not a test module): signed Twilio requests, the app's services."""

from __future__ import annotations

import functools
import time
import uuid
from collections.abc import Callable
from typing import Any

import redis
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpline import emergency
from helpline.app import create_app, services_of
from helpline.channels import twilio as channel
from helpline.engine import Decision, Inbound, TexterState, decide
from helpline.knowledge import Knowledge
from helpline.state import keys
from helpline.wiring import Services

AUTH_TOKEN = "test-auth-token"  # noqa: S105 - a test value
SECRET_KEY = "test-secret-key"  # noqa: S105 - a test value
INBOUND_URL = "http://localhost/twilio/inbound"
US_TEXTER = "+14155550123"



class Clock:
    """An injectable clock: starts at the real time and moves only when a test says so (no sleeping)."""

    def __init__(self, start: float | None = None):
        self.now = time.time() if start is None else start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def tier(knowledge: Knowledge, text: str, *earlier: str) -> str:
    """The emergency tier the detector gives `text`, read after the `earlier` messages of its conversation."""
    return emergency.assess(text, knowledge.lexicon, earlier).tier


def decided(
    knowledge: Knowledge, body: str, state: TexterState, texter: str = US_TEXTER, now: float = 1_000_000.0
) -> Decision:
    """The engine's decision on one message of `texter` in `state`, no counselor on shift."""
    return decide(Inbound(message_sid="SM1", texter=texter, body=body), state, knowledge, now=now, on_shift=False)


@functools.cache
def shared_knowledge() -> Knowledge:
    """The catalogs, patterns and directory, loaded once per test session (not once per app)."""
    return Knowledge.load()


def make_app(config: dict[str, Any], clock: Callable[[], float] | None = None) -> Flask:
    """The app for `config`, with the session's knowledge and, when given, an injected clock."""
    return create_app(config, knowledge=shared_knowledge(), clock=clock)


def texter_ids(client: redis.Redis) -> list[str]:
    """Every texter id with a texter hash (the app keeps no global list of texters)."""
    found = (key.split("{", 1)[1].split("}", 1)[0] for key in client.scan_iter(keys.TEXTER.format(tid="*")))
    return sorted(found)


def parts(app: Flask) -> Services:
    """The services an app was built from."""
    return services_of(app)


def close_connections(app: Flask) -> None:
    """Close the app's Redis sockets after a test. Left to the garbage collector, an open socket warns
    (ResourceWarning) whenever the collector happens to run, and the suite turns warnings into errors."""
    services = services_of(app)
    for client in (services.redis, services.queue.connection):
        client.connection_pool.disconnect()


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




def events_subscriber(redis_client: redis.Redis) -> Any:
    """A reader of the events channel, subscribed before the test acts (the confirmation already read)."""
    subscriber = redis_client.pubsub()
    subscriber.subscribe(keys.EVENTS)
    subscriber.get_message(timeout=1)  # the subscribe confirmation
    return subscriber
