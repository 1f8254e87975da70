"""The Flask factory: take the services, register the blueprints, CSRF and error pages. Nothing else.

The services come from helpline.wiring (which the worker and the CLI use too);
a blueprint gets what it needs from `make_blueprint(services)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask, redirect, url_for
from flask.typing import ResponseReturnValue
from redis.exceptions import RedisError
from werkzeug.middleware.proxy_fix import ProxyFix

from helpline import emergency, wiring
from helpline.knowledge import Knowledge
from helpline.state.accounts import SESSION_LIFETIME_SECONDS
from helpline.web import auth, dashboard, errors, fast_inbound, health, security, simulator, twilio_hooks
from helpline.wiring import Services

EXTENSION = "helpline"  # app.extensions key holding the Services
PRIVATE_PREFIXES = ("/dashboard", "/audit", "/login", "/simulator")  # never cached: transcripts, numbers, forms


def create_app(
    config: dict[str, Any] | None = None,
    *,
    knowledge: Knowledge | None = None,
    clock: Callable[[], float] | None = None,
) -> Flask:
    """The web app for `config` (keys equal env var names; the environment fills the rest)."""
    return create_app_from(wiring.build(wiring.load_settings(config), knowledge=knowledge, clock=clock))


def create_app_from(services: Services) -> Flask:
    settings = services.settings
    app = Flask(__name__, instance_path=str(Path(settings.instance_path).resolve()), instance_relative_config=True)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_content_length,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=not settings.development,
        PERMANENT_SESSION_LIFETIME=timedelta(seconds=SESSION_LIFETIME_SECONDS),
        # The cookie is sent only when the session changes: refreshed on every response, a dashboard poll that
        # left before an action and came back after it reset the browser's cookie to the older session, and the
        # action's flash ("closed: resolved") was lost. The login's lifetime is kept on the server anyway.
        SESSION_REFRESH_EACH_REQUEST=False,
    )
    logging.basicConfig(level=logging.INFO)
    app.session_interface = twilio_hooks.SessionsExceptWebhooks()
    app.extensions[EXTENSION] = services
    # The emergency reader builds its phrase index on first use (half a second, more on a busy machine): build it
    # at start-up, so the first texter after a deploy, perhaps with an emergency, is not the one who waits.
    emergency.assess("warm up", services.knowledge.lexicon)

    security.init_app(app, private_prefixes=PRIVATE_PREFIXES)
    app.register_error_handler(RedisError, errors.redis_unavailable)
    csrf = auth.init_csrf(app)
    hooks = twilio_hooks.make_blueprint(services)
    csrf.exempt(hooks)  # Twilio's signature is their proof of origin
    app.register_blueprint(hooks)
    app.register_blueprint(health.make_blueprint(services))
    app.register_blueprint(auth.make_blueprint(services))
    app.register_blueprint(dashboard.make_blueprint(services))
    if settings.simulator:
        app.register_blueprint(simulator.make_blueprint(services, csrf))

    # Inbound texts skip Flask's dispatch when they can (helpline.web.fast_inbound); behind a trusted proxy, the
    # proxy's headers are read first, for both paths.
    app.wsgi_app = fast_inbound.FastInbound(  # type: ignore[method-assign]  # Flask's documented way to wrap
        app.wsgi_app,
        services.helpline,
        auth_token=settings.twilio_auth_token,
        public_url=settings.public_url,
        max_content_length=settings.max_content_length,
        headers=security.headers_for(),
    )
    if settings.trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    @app.get("/")
    def index() -> ResponseReturnValue:
        return redirect(url_for("simulator.page")) if settings.simulator else ("helpline", 200)

    return app


def services_of(app: Flask) -> Services:
    """The services an app was built from (tests and the CLI use this)."""
    services: Services = app.extensions[EXTENSION]
    return services
