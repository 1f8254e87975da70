"""Helpers for the counselor-side tests: logged-in clients, a texter in the queue, running the worker."""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from helpline import worker
from helpline.channels import twilio as channel
from helpline.state.accounts import Counselors
from helpline.state.conversations import Conversations
from tests.support import AUTH_TOKEN, Texter, parts, replies_of

PASSWORD = "correct horse battery"
TWILIO_SID = "AC" + "1" * 32
OUR_NUMBER = "+15005550006"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert found, html[:500]
    return found.group(1)


class Desk:
    """One counselor, logged in through the real login form, with a CSRF token for posts."""

    def __init__(self, app: Flask, name: str, role: str = "counselor", available: bool = True):
        self.app = app
        self.name = name
        counselors: Counselors = parts(app).counselors
        if counselors.get(name) is None:
            counselors.add(name, role, PASSWORD)
        self.client: FlaskClient = app.test_client()
        token = csrf_of(self.client.get("/login").get_data(as_text=True))
        response = self.client.post("/login", data={"csrf_token": token, "name": name, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        if available:
            counselors.set_available(name, True)
        self.token = csrf_of(self.client.get("/dashboard").get_data(as_text=True))

    def post(self, path: str, **form: str) -> Any:
        return self.client.post(path, data={"csrf_token": self.token, **form})

    def get_json(self, path: str) -> Any:
        response = self.client.get(path, headers={"Accept": "application/json"})
        assert response.status_code == 200, (response.status_code, response.get_data(as_text=True)[:300])
        return response.get_json()


def text(app: Flask, address: str, body: str, base: str = "http://localhost") -> list[str]:
    """The bot's replies to one signed inbound message; `base` is the URL Twilio signs (HELPLINE_PUBLIC_URL)."""
    texter = Texter(app.test_client(), address, AUTH_TOKEN)
    form = texter.form(body, MessageSid="SM" + secrets.token_hex(16))
    response = texter.post(form, signature=channel.sign(AUTH_TOKEN, base + "/twilio/inbound", form))
    assert response.status_code == 200, response.get_data(as_text=True)
    return replies_of(response.get_data(as_text=True))


def ask_for_counselor(app: Flask, address: str, body: str = "TALK", base: str = "http://localhost") -> str:
    """A signed inbound message asking for a person; returns the texter id (now in the queue)."""
    text(app, address, body, base)
    services = parts(app)
    tid = services.texters.texter_id(address)
    conversation = services.conversations.fields(tid)
    assert conversation.get("status") == "queued", conversation
    return tid


def conversations_of(app: Flask) -> Conversations:
    return parts(app).conversations


def work(app: Flask, *, fork: bool = True) -> None:
    """Run the real RQ worker in burst mode over the app's queue, handing jobs the app's services."""
    worker.make_worker(parts(app), fork=fork).work(burst=True, logging_level="WARNING")
