"""Settings, read once into a frozen record that fails fast.

Config keys equal environment variable names; a key passed to `create_app`
wins over the environment. A production start without TWILIO_AUTH_TOKEN or
SECRET_KEY refuses to run, because a webhook that cannot check signatures
would accept forged messages. The development start (`helpline serve`) fills
safe local defaults instead, so a new user needs no Twilio account. Nor does
production start with the phone simulator on (it signs texts from any number
without a login).

Texter ids are keyed with HELPLINE_TEXTER_KEY, a secret of its own that is
never rotated, so that rotating SECRET_KEY (sessions) after a leak forgets no
opt-out; without it, SECRET_KEY is used, with a warning at start.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpline.state import limits

log = logging.getLogger(__name__)
TRUE_WORDS = {"1", "true", "yes", "on"}


class SettingsError(RuntimeError):
    """The configuration cannot run; the message is one line an operator can act on."""


@dataclass(frozen=True)
class Settings:
    development: bool
    secret_key: str
    twilio_auth_token: str
    twilio_account_sid: str | None
    twilio_phone_number: str | None
    twilio_messaging_service_sid: str | None
    twilio_api_base_url: str | None
    public_url: str | None
    redis_url: str | None
    instance_path: Path
    simulator: bool
    trust_proxy: bool
    retention_days: int
    max_content_length: int
    timezone: str
    office_hours: str
    closed_dates: str
    outcomes: str = ""  # HELPLINE_OUTCOMES, comma-separated; blank: the defaults
    unclaimed_minutes: float = 10.0
    sse_seconds: float = 55.0
    presence_seconds: float = 60.0  # a counselor with no dashboard open this long is away
    texter_key: str = ""  # HELPLINE_TEXTER_KEY: keys texter ids (HMAC of the number); never rotated
    rate_limit: str = "20/600"  # HELPLINE_RATE_LIMIT: messages per texter per window (helpline.state.limits)
    redis_sentinels: str | None = None  # HELPLINE_REDIS_SENTINELS: "host:port,host:port,..."
    redis_service: str = "helpline"  # HELPLINE_REDIS_SERVICE: the primary's name the sentinels monitor
    totp_required: str = "none"  # HELPLINE_TOTP_REQUIRED: "none", "supervisors" or "everyone"

    @property
    def can_send(self) -> bool:
        """True when outbound messages can go through Twilio's REST API."""
        return bool(self.twilio_account_sid and (self.twilio_phone_number or self.twilio_messaging_service_sid))


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in TRUE_WORDS


def _dev_secret(instance_path: Path, name: str) -> str:
    """A random secret kept in the instance folder, so development sessions survive a restart."""
    path = instance_path / name
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    path.write_text(value, encoding="utf-8")
    return value


def load(config: Mapping[str, Any] | None, instance_path: Path, environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    given = dict(config or {})

    def get(name: str, default: Any = None) -> Any:
        value = given.get(name, env.get(name))
        return default if value in (None, "") else value

    development = get("HELPLINE_ENV", "production") == "development"
    instance_path = Path(get("HELPLINE_INSTANCE_PATH", str(instance_path)))
    secret_key = get("SECRET_KEY")
    auth_token = get("TWILIO_AUTH_TOKEN")
    if not development:
        if not auth_token:
            raise SettingsError(
                "refusing to start: TWILIO_AUTH_TOKEN is not set, so Twilio signatures cannot be checked"
            )
        if not secret_key:
            raise SettingsError("refusing to start: SECRET_KEY is not set (use a long random value)")
        if _flag(get("HELPLINE_SIMULATOR", False)):
            raise SettingsError(
                "refusing to start: HELPLINE_SIMULATOR is on in production; the simulator signs texts from any"
                " number without a login (use `helpline serve` for development)"
            )
    texter_key = get("HELPLINE_TEXTER_KEY")
    if not texter_key and not development:
        log.warning(
            "HELPLINE_TEXTER_KEY is not set: texter ids are keyed with SECRET_KEY, so rotating SECRET_KEY would"
            " forget every opt-out. Set HELPLINE_TEXTER_KEY to the current SECRET_KEY value once (README: Secrets)."
        )
    rate_limit = get("HELPLINE_RATE_LIMIT", "20/600")
    totp_required = get("HELPLINE_TOTP_REQUIRED", "none")
    if totp_required not in ("none", "supervisors", "everyone"):
        raise SettingsError(f"HELPLINE_TOTP_REQUIRED={totp_required!r}: use none, supervisors or everyone")
    try:
        limits.RateLimit.parse(rate_limit)
    except limits.RateLimitError as error:
        raise SettingsError(str(error)) from None
    secret_key = secret_key or _dev_secret(instance_path, "dev-secret-key")
    return Settings(
        development=development,
        secret_key=secret_key,
        twilio_auth_token=auth_token or _dev_secret(instance_path, "dev-twilio-auth-token"),
        twilio_account_sid=get("TWILIO_ACCOUNT_SID"),
        twilio_phone_number=get("TWILIO_PHONE_NUMBER"),
        twilio_messaging_service_sid=get("TWILIO_MESSAGING_SERVICE_SID"),
        twilio_api_base_url=get("TWILIO_API_BASE_URL"),
        public_url=(get("HELPLINE_PUBLIC_URL") or "").rstrip("/") or None,
        redis_url=get("REDIS_URL"),
        instance_path=instance_path,
        simulator=_flag(get("HELPLINE_SIMULATOR", development)),
        trust_proxy=_flag(get("HELPLINE_TRUST_PROXY", False)),
        retention_days=int(get("HELPLINE_RETENTION_DAYS", 90)),
        max_content_length=int(get("HELPLINE_MAX_CONTENT_LENGTH", 64 * 1024)),
        timezone=get("HELPLINE_TIMEZONE", "UTC"),
        office_hours=get("HELPLINE_OFFICE_HOURS", ""),
        closed_dates=get("HELPLINE_CLOSED_DATES", ""),
        outcomes=get("HELPLINE_OUTCOMES", ""),
        unclaimed_minutes=float(get("HELPLINE_UNCLAIMED_MINUTES", 10)),
        sse_seconds=float(get("HELPLINE_SSE_SECONDS", 55)),
        presence_seconds=float(get("HELPLINE_PRESENCE_SECONDS", 60)),
        texter_key=texter_key or secret_key,
        rate_limit=rate_limit,
        redis_sentinels=get("HELPLINE_REDIS_SENTINELS"),
        redis_service=get("HELPLINE_REDIS_SERVICE", "helpline"),
        totp_required=totp_required,
    )
