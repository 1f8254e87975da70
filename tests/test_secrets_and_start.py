"""Secrets that must survive rotation, and starts that must be refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpline import settings
from helpline.app import create_app
from helpline.knowledge import Knowledge
from tests.support import Texter


def test_rotating_the_session_secret_forgets_no_opt_out(app_config: dict[str, Any], knowledge: Knowledge) -> None:
    before = {**app_config, "SECRET_KEY": "old-session-secret", "HELPLINE_TEXTER_KEY": "texter-key"}
    texter = Texter(create_app(before, knowledge=knowledge).test_client())
    assert texter.replies("STOP")
    after = {**before, "SECRET_KEY": "new-session-secret-after-a-leak"}
    texter = Texter(create_app(after, knowledge=knowledge).test_client())
    assert texter.replies("SIGNS") == []  # still opted out
    assert texter.replies("he took too much and is not breathing")  # emergencies still answered


def test_production_with_the_simulator_on_refuses_to_start(tmp_path: Path) -> None:
    config = {"TWILIO_AUTH_TOKEN": "t", "SECRET_KEY": "s", "HELPLINE_SIMULATOR": "1"}
    with pytest.raises(settings.SettingsError, match="HELPLINE_SIMULATOR"):
        settings.load(config, tmp_path, environ={})
    development = settings.load({**config, "HELPLINE_ENV": "development"}, tmp_path, environ={})
    assert development.simulator is True


@pytest.mark.parametrize(
    ("name", "value"), [("HELPLINE_RATE_LIMIT", "lots"), ("HELPLINE_TOTP_REQUIRED", "admins")]
)
def test_bad_settings_stop_the_start_with_their_name(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(settings.SettingsError, match=name):
        settings.load({"TWILIO_AUTH_TOKEN": "t", "SECRET_KEY": "s", name: value}, tmp_path, environ={})
