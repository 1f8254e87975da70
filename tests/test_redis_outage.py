"""With Redis gone, an emergency still gets its answer; health says so."""

from __future__ import annotations

from pathlib import Path

from tests import redis_server
from tests.support import AUTH_TOKEN, SECRET_KEY, Texter, make_app


def _app_on_a_dead_redis(tmp_path: Path):
    # A port nobody listens on: what the app sees when Redis is down.
    return make_app(
        {
            "REDIS_URL": f"redis://127.0.0.1:{redis_server.free_port()}/0",
            "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "SECRET_KEY": SECRET_KEY,
            "HELPLINE_INSTANCE_PATH": str(tmp_path),
        }
    )


def test_emergency_is_answered_with_redis_down(tmp_path: Path) -> None:
    texter = Texter(_app_on_a_dead_redis(tmp_path).test_client())
    replies = texter.replies("my friend wont wake up and his lips are blue")
    assert replies[0].startswith("Call 911 now.")


def test_keywords_still_answer_with_redis_down(tmp_path: Path) -> None:
    texter = Texter(_app_on_a_dead_redis(tmp_path).test_client())
    assert "Call 911" in texter.replies("SIGNS")[0]


def test_health_reports_redis_down(tmp_path: Path) -> None:
    response = _app_on_a_dead_redis(tmp_path).test_client().get("/healthz")
    assert response.status_code == 503 and response.json["status"] == "unavailable"


def test_redis_stopped_mid_life(tmp_path: Path) -> None:
    """A real server that dies while the app is running."""
    with redis_server.throwaway_server() as url:
        app = make_app(
            {
                "REDIS_URL": url,
                "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
                "SECRET_KEY": SECRET_KEY,
                "HELPLINE_INSTANCE_PATH": str(tmp_path),
            }
        )
        texter = Texter(app.test_client())
        assert texter.replies("SIGNS")
        assert app.test_client().get("/healthz").status_code == 200
    replies = texter.replies("i think he overdosed")
    assert replies[0].startswith("Call 911 now.")
