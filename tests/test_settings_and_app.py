"""Settings fail fast in production; development fills safe defaults; proxies are trusted only when told."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpline import settings
from helpline.channels import twilio as channel
from tests.support import AUTH_TOKEN, Texter, make_app


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ({"SECRET_KEY": "x" * 32}, "TWILIO_AUTH_TOKEN is not set"),
        ({"TWILIO_AUTH_TOKEN": "t"}, "SECRET_KEY is not set"),
    ],
)
def test_production_refuses_without_secrets(tmp_path: Path, given: dict, reason: str) -> None:
    with pytest.raises(settings.SettingsError, match=reason):
        settings.load(given, tmp_path, environ={})


def test_development_fills_and_keeps_local_secrets(tmp_path: Path) -> None:
    first = settings.load({"HELPLINE_ENV": "development"}, tmp_path, environ={})
    again = settings.load({"HELPLINE_ENV": "development"}, tmp_path, environ={})
    assert first.twilio_auth_token == again.twilio_auth_token and len(first.secret_key) > 30
    assert first.simulator is True


def test_config_keys_win_over_the_environment(tmp_path: Path) -> None:
    loaded = settings.load(
        {"TWILIO_AUTH_TOKEN": "mine", "SECRET_KEY": "k"},
        tmp_path,
        environ={"TWILIO_AUTH_TOKEN": "env", "SECRET_KEY": "k"},
    )
    assert loaded.twilio_auth_token == "mine" and loaded.simulator is False


def test_simulator_is_off_in_production_unless_enabled(app_config: dict) -> None:
    assert make_app(app_config).test_client().get("/simulator").status_code == 404
    with pytest.raises(settings.SettingsError, match="HELPLINE_SIMULATOR"):  # an open signing service: refused
        make_app({**app_config, "HELPLINE_SIMULATOR": "1"})


def test_health_is_ok_with_redis_and_says_when_no_worker_sends(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["redis"] == "ok"
    assert response.json["status"] == "degraded" and response.json["replies"]["workers"] == 0  # none runs here


def _forwarded_post(client, trust_url: str) -> int:
    texter = Texter(client)
    form = texter.form("MENU")
    signature = channel.sign(AUTH_TOKEN, trust_url, form)
    response = client.post(
        "/twilio/inbound",
        data=form,
        headers={
            channel.SIGNATURE_HEADER: signature,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "help.example.org",
        },
    )
    return response.status_code


def test_forwarded_headers_are_honoured_only_when_trusted(app_config: dict) -> None:
    public = "https://help.example.org/twilio/inbound"
    assert _forwarded_post(make_app(app_config).test_client(), public) == 403
    trusted = make_app({**app_config, "HELPLINE_TRUST_PROXY": "1"})
    assert _forwarded_post(trusted.test_client(), public) == 200


def test_empty_answer_is_an_empty_response_element(texter: Texter) -> None:
    texter.replies("STOP")
    response = texter.send("anything")
    assert response.get_data(as_text=True) == '<?xml version="1.0" encoding="UTF-8"?><Response />'
    assert response.mimetype == "text/xml"


def test_simulate_command_texts_the_bot(app_config: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from helpline.cli import main

    for key, value in app_config.items():
        monkeypatch.setenv(key, value)
    result = CliRunner().invoke(main, ["simulate", "--from", "+14155550199", "SIGNS"])
    assert result.exit_code == 0, result.output
    assert "Call 911 now if" in result.output
