"""Every dashboard response carries the security headers; pages with a texter on them are never cached;
with Redis gone the dashboard says so in a readable 503, not a 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from helpline.app import create_app
from helpline.knowledge import Knowledge
from tests import redis_server
from tests.desk import Desk, ask_for_counselor
from tests.support import AUTH_TOKEN, SECRET_KEY


@pytest.fixture
def app(app_config: dict[str, Any], knowledge: Knowledge) -> Flask:
    return create_app(app_config, knowledge=knowledge)


def _pages(app: Flask) -> tuple[Desk, list[str]]:
    supervisor = Desk(app, "sam", role="supervisor")  # available: TALK queues a conversation
    tid = ask_for_counselor(app, "+14155550123")
    return supervisor, ["/dashboard", f"/dashboard/c/{tid}", "/dashboard/state", f"/dashboard/c/{tid}/state", "/audit"]


def test_every_dashboard_response_has_the_headers_and_is_not_cached(app: Flask) -> None:
    supervisor, paths = _pages(app)
    responses = [supervisor.client.get(path) for path in paths] + [app.test_client().get("/login")]
    for response in responses:
        assert response.status_code == 200, response.request.path
        headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["Cache-Control"] == "no-store", response.request.path
        assert "Strict-Transport-Security" not in headers  # plain http: HSTS would mean nothing


def test_hsts_over_https(app: Flask) -> None:
    response = app.test_client().get("/login", base_url="https://helpline.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_the_unmask_answer_is_not_cached(app: Flask) -> None:
    supervisor, paths = _pages(app)
    tid = paths[1].rsplit("/", 1)[1]
    response = supervisor.post(f"/dashboard/c/{tid}/unmask")
    assert response.status_code in (200, 302)
    assert response.headers["Cache-Control"] == "no-store"


def test_dashboard_with_redis_gone_is_a_readable_503(tmp_path: Path, knowledge: Knowledge) -> None:
    with redis_server.throwaway_server() as url:
        config = {
            "REDIS_URL": url,
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "SECRET_KEY": SECRET_KEY,
            "HELPLINE_INSTANCE_PATH": str(tmp_path),
        }
        app = create_app(config, knowledge=knowledge)
        desk = Desk(app, "ana")
        assert desk.client.get("/dashboard").status_code == 200
    page = desk.client.get("/dashboard")
    assert page.status_code == 503
    assert "cannot reach its database" in page.get_data(as_text=True)
    assert page.headers["Retry-After"] == "10"
    state = desk.client.get("/dashboard/state", headers={"Accept": "application/json"})
    assert state.status_code == 503 and state.get_json()["error"] == "unavailable"
    health = app.test_client().get("/healthz")
    assert health.status_code == 503
