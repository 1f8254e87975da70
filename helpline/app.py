"""The app factory: one place that assembles settings, Redis, knowledge and blueprints."""

from __future__ import annotations

import atexit
import logging
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from helpline import redis_conn
from helpline import settings as settings_module
from helpline.knowledge import Knowledge
from helpline.service import Helpline
from helpline.store import Store
from helpline.web import health, simulator, twilio_hooks

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
    )
    if settings.trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    logging.basicConfig(level=logging.INFO)

    client, embedded = redis_conn.connect(settings.redis_url, settings.instance_path)
    if embedded is not None:
        atexit.register(client.close)
    store = Store(client, id_key=settings.secret_key, retention_days=settings.retention_days)
    knowledge = Knowledge.load()
    helpline = Helpline(knowledge, store)

    app.extensions["helpline"] = {
        "settings": settings,
        "store": store,
        "knowledge": knowledge,
        "service": helpline,
        "embedded_redis": embedded,
    }
    app.register_blueprint(twilio_hooks.make_blueprint(settings, helpline))
    app.register_blueprint(health.make_blueprint(store))
    if settings.simulator:
        app.register_blueprint(simulator.make_blueprint(settings))

    @app.get("/")
    def index() -> Any:
        from flask import redirect, url_for

        return redirect(url_for("simulator.page")) if settings.simulator else ("helpline", 200)

    return app
