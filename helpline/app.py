"""The app factory: one place that assembles settings, Redis, knowledge and blueprints."""

from __future__ import annotations

import atexit
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from helpline import jobs, redis_conn
from helpline import settings as settings_module
from helpline.audit import AuditLog
from helpline.conversations import DEFAULT_UNCLAIMED_MINUTES, Conversations, parse_outcomes
from helpline.counselors import SESSION_LIFETIME_SECONDS, Counselors
from helpline.knowledge import Knowledge
from helpline.outbox import Outbox
from helpline.phrasebook import Phrasebook
from helpline.schedule import OfficeHours
from helpline.sender import SimulatorOutbox, make_sender
from helpline.service import Helpline
from helpline.store import Store
from helpline.web import auth, dashboard, health, simulator, twilio_hooks

DEFAULT_INSTANCE = Path.cwd() / "instance"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(Path((config or {}).get("HELPLINE_INSTANCE_PATH", DEFAULT_INSTANCE))),
        instance_relative_config=True,
    )
    settings = settings_module.load(config, Path(app.instance_path))
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_content_length,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not settings.development,
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=SESSION_LIFETIME_SECONDS),
    )
    if settings.trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    logging.basicConfig(level=logging.INFO)

    client, embedded = redis_conn.connect(settings.redis_url, settings.instance_path)
    if embedded is not None:
        atexit.register(client.close)
    store = Store(client, id_key=settings.secret_key, retention_days=settings.retention_days)
    knowledge = Knowledge.load()
    counselors = Counselors(client)
    audit = AuditLog(client)
    helpline = Helpline(knowledge, store, on_shift=_on_shift(settings, counselors))
    queue = jobs.make_queue(client)
    conversations = Conversations(store, parse_outcomes(_option(config, "HELPLINE_OUTCOMES", "")))
    outbox = Outbox(store, jobs.enqueuer(queue))
    phrasebook = Phrasebook(knowledge)
    sender = make_sender(settings, store)
    unclaimed_minutes = float(_option(config, "HELPLINE_UNCLAIMED_MINUTES", DEFAULT_UNCLAIMED_MINUTES))
    job_context = jobs.JobContext(
        settings, store, conversations, outbox, sender, phrasebook, unclaimed_seconds=unclaimed_minutes * 60
    )

    app.extensions["helpline"] = {
        "settings": settings,
        "store": store,
        "knowledge": knowledge,
        "service": helpline,
        "embedded_redis": embedded,
        "counselors": counselors,
        "audit": audit,
        "conversations": conversations,
        "outbox": outbox,
        "phrasebook": phrasebook,
        "queue": queue,
        "jobs": job_context,
    }
    app.register_blueprint(twilio_hooks.make_blueprint(settings, helpline))
    app.register_blueprint(health.make_blueprint(store))
    auth.init_csrf(app)
    app.register_blueprint(auth.make_blueprint(counselors, audit))
    app.register_blueprint(
        dashboard.make_blueprint(
            store,
            conversations,
            outbox,
            phrasebook,
            counselors,
            audit,
            knowledge,
            stream_seconds=float(_option(config, "HELPLINE_SSE_SECONDS", dashboard.DEFAULT_STREAM_SECONDS)),
        )
    )
    if settings.simulator:
        phone_outbox = sender if isinstance(sender, SimulatorOutbox) else None
        app.register_blueprint(simulator.make_blueprint(settings, phone_outbox))

    @app.get("/")
    def index() -> Any:
        from flask import redirect, url_for

        return redirect(url_for("simulator.page")) if settings.simulator else ("helpline", 200)

    return app


def _on_shift(settings: settings_module.Settings, counselors: Counselors) -> Callable[[], bool]:
    """On shift = office hours open and a counselor available and logged in; only then is a human promised.

    The office hours are parsed here, at start-up, so a bad setting stops the app with its reason.
    """
    office_hours = OfficeHours.parse(settings.office_hours, settings.closed_dates, settings.timezone)

    def on_shift() -> bool:
        return office_hours.is_open(datetime.now(UTC)) and counselors.any_available()

    return on_shift


def _option(config: dict[str, Any] | None, name: str, default: Any) -> Any:
    """A dashboard setting, read like every other one: a passed key wins over the environment."""
    value = (config or {}).get(name, os.environ.get(name))
    return default if value in (None, "") else value
