"""Login, logout, access control and CSRF for the counselor dashboard.

The session cookie (signed by Flask, HttpOnly, SameSite=Lax, Secure outside
development) carries only the counselor's name and a login nonce. Every
request checks that nonce against Redis and re-reads the account, so logout,
`helpline counselor disable` and the end of the session lifetime take effect at
the next request, on every device.

CSRF is checked on every POST (and PUT/PATCH/DELETE) except Twilio's webhooks,
which prove themselves with Twilio's signature instead, and the development
simulator's signing helper: both are exempted where they are registered
(`csrf.exempt`), not by path. Forms carry `csrf_token`; scripts send the token of
the page's `<meta name="csrf-token">` in an `X-CSRFToken` header.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    render_template_string,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError, CSRFProtect

from helpline import totp
from helpline.state.accounts import SESSION_LIFETIME_SECONDS, Counselor, CounselorError, LoginRefused

if TYPE_CHECKING:
    from helpline.wiring import Services

EXTENSION = "helpline"  # app.extensions key holding the Services (helpline.app)
DASHBOARD_PATH = "/dashboard"
LOGIN_PATH = "/login"
TWO_FACTOR_PATH = "/account/two-factor"
SESSION_NAME = "counselor"
SESSION_NONCE = "login"
AUDIT_PAGE_MAX = 1000
REFUSAL_ACTIONS = {
    "bad_credentials": "login.failed",
    "locked": "login.locked",
    "rate_limited": "login.rate_limited",
    "disabled": "login.disabled",
}
REFUSAL_STATUS = {"bad_credentials": 401, "disabled": 403, "locked": 429, "rate_limited": 429}

View = TypeVar("View", bound=Callable[..., Any])
_UNSET = object()

CSRF_ERROR_PAGE = """{% extends "base.html" %}
{% block title %}Form expired{% endblock %}
{% block content %}
<section class="card narrow">
  <h1>This form expired</h1>
  <p>{{ reason }} Go back, reload the page and try again.</p>
</section>
{% endblock %}"""


def make_blueprint(services: Services) -> Blueprint:
    blueprint = Blueprint("auth", __name__)
    counselors, audit = services.counselors, services.audit

    @blueprint.app_template_filter("audit_time")
    def audit_time(at: float) -> str:
        return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S")

    @blueprint.app_context_processor
    def signed_in() -> dict[str, Any]:
        return {"me": maybe_counselor()}

    @blueprint.route(LOGIN_PATH, methods=["GET", "POST"])
    def login() -> ResponseReturnValue:
        target = safe_next(request.values.get("next"))
        if request.method == "GET":
            if maybe_counselor() is not None:
                return redirect(target)
            return render_template("login.html", next=target, name="", error=None)
        name = request.form.get("name", "")
        remote = request.remote_addr or ""
        try:
            code = request.form.get("code") or None
            counselor = counselors.authenticate(name, request.form.get("password", ""), remote, code=code)
        except LoginRefused as refused:
            audit.record_refused_login(name.strip().lower() or "?", REFUSAL_ACTIONS[refused.code], f"from {remote}")
            page = render_template("login.html", next=target, name=name, error=refused.reason)
            headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else {}
            return page, REFUSAL_STATUS[refused.code], headers
        session.clear()  # a fresh session: nothing from before the login survives (no fixation)
        session.permanent = True
        session[SESSION_NAME] = counselor.name
        session[SESSION_NONCE] = counselors.start_session(counselor.name)
        audit.record(counselor.name, "login", detail=f"from {remote}")
        return redirect(target)

    @blueprint.route(TWO_FACTOR_PATH, methods=["GET", "POST"])
    @login_required
    def two_factor() -> ResponseReturnValue:
        """Enrol an authenticator app: a QR code of a new secret, confirmed by one code from it."""
        me = current_counselor()
        error = None
        if request.method == "POST":
            if counselors.confirm_two_factor(me.name, request.form.get("code", "")):
                audit.record(me.name, "two_factor.enabled", me.name)
                flash("Two-factor sign-in is on: you will be asked for a code at every login.")
                return redirect(url_for("dashboard.overview"))
            error = "That code did not match. Scan the QR code again, or wait for the next code."
        secret = counselors.pending_two_factor(me.name) or counselors.start_two_factor(me.name)
        uri = totp.enrolment_uri(secret, me.name)
        required = _two_factor_required(me, services.settings.totp_required)
        page = render_template(
            "two_factor.html", qr=totp.qr_data_uri(uri), secret=secret, error=error, required=required
        )
        return page, (400 if error else 200)

    @blueprint.post("/logout")
    def logout() -> ResponseReturnValue:
        me = maybe_counselor()
        if me is not None:
            last_session = counselors.end_session(me.name, session[SESSION_NONCE])
            if last_session and me.available:
                # Nobody is at the dashboard any more: stop promising texters an answer.
                counselors.set_available(me.name, False)
                audit.record(me.name, "availability", me.name, "away (logged out)")
            audit.record(me.name, "logout")
        session.clear()
        flash("You are logged out.")
        return redirect(url_for("auth.login"))

    @blueprint.post("/dashboard/availability")
    @login_required
    def availability() -> ResponseReturnValue:
        me = current_counselor()
        value = request.form.get("available")
        if value not in ("0", "1"):
            abort(400, "available must be 1 or 0")
        try:
            counselors.set_available(me.name, value == "1")
        except CounselorError as error:
            abort(409, str(error))
        audit.record(me.name, "availability", me.name, "available" if value == "1" else "away")
        if _wants_json():
            return jsonify(available=value == "1")
        return redirect(safe_next(request.form.get("next")))

    @blueprint.get("/audit")
    @supervisor_required
    def audit_page() -> ResponseReturnValue:
        try:
            count = min(max(int(request.args.get("count", 200)), 1), AUDIT_PAGE_MAX)
        except ValueError:
            count = 200
        return render_template(
            "audit.html", entries=audit.recent(count), refused=audit.recent_refused_logins(count), count=count
        )

    return blueprint


def init_csrf(app: Flask) -> CSRFProtect:
    """CSRF on every state-changing request; tokens live as long as a session. Exemptions: `csrf.exempt`."""
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", SESSION_LIFETIME_SECONDS)  # a dashboard stays open a whole shift
    csrf = CSRFProtect(app)

    @app.errorhandler(CSRFError)
    def csrf_refused(error: CSRFError) -> ResponseReturnValue:
        if _wants_json():
            return jsonify(error="csrf", reason=error.description), 400
        return render_template_string(CSRF_ERROR_PAGE, reason=error.description), 400

    return csrf


def maybe_counselor(fresh: bool = False) -> Counselor | None:
    """The logged-in counselor, re-read from Redis once per request (or now, when `fresh`); None if logged out.

    A session whose login ended, expired, or whose account was disabled is
    cleared here, so it is refused from the next request on. Long-lived
    responses (event streams) should call this with fresh=True as they go.
    """
    cached = g.get("_helpline_counselor", _UNSET)
    if cached is not _UNSET and not fresh:
        return cast(Counselor | None, cached)
    name, nonce = session.get(SESSION_NAME), session.get(SESSION_NONCE)
    counselor = None
    if isinstance(name, str) and isinstance(nonce, str):
        services: Services = current_app.extensions[EXTENSION]
        counselor = services.counselors.session_counselor(name, nonce)
        if counselor is None:
            session.clear()
    g._helpline_counselor = counselor
    return counselor


def current_counselor() -> Counselor:
    """The logged-in counselor; use inside @login_required views (401 elsewhere when nobody is)."""
    counselor = maybe_counselor()
    if counselor is None:
        abort(401)
    return counselor


def login_required(view: View) -> View:
    """Let logged-in counselors through; send everyone else to /login (401 JSON to scripts and event streams).

    Where HELPLINE_TOTP_REQUIRED asks it of their role, a counselor without two-factor sign-in is sent to
    enrol first: nothing else opens until they have.
    """

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        me = maybe_counselor()
        if me is None:
            return _to_login()
        services: Services = current_app.extensions[EXTENSION]
        if request.path != TWO_FACTOR_PATH and _two_factor_required(me, services.settings.totp_required):
            if _wants_json() or request.path.endswith("/events"):
                return jsonify(error="two-factor sign-in required", enrol=TWO_FACTOR_PATH), 403
            return redirect(TWO_FACTOR_PATH)
        return view(*args, **kwargs)

    return cast(View, wrapped)


def _two_factor_required(me: Counselor, setting: str) -> bool:
    """True while `me` must enrol an authenticator before anything else (HELPLINE_TOTP_REQUIRED)."""
    if me.two_factor:
        return False
    return setting == "everyone" or (setting == "supervisors" and me.is_supervisor)


def supervisor_required(view: View) -> View:
    """Like login_required, and 403 for counselors who are not supervisors."""

    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        counselor = maybe_counselor()
        if counselor is None:
            return _to_login()
        if not counselor.is_supervisor:
            abort(403)
        services: Services = current_app.extensions[EXTENSION]
        if _two_factor_required(counselor, services.settings.totp_required):
            return redirect(TWO_FACTOR_PATH)
        return view(*args, **kwargs)

    return cast(View, wrapped)


def safe_next(value: str | None) -> str:
    """A local path to go to after login, never another site (an open redirect) and never /login itself."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return DASHBOARD_PATH
    if any(ord(character) < 32 for character in value):
        return DASHBOARD_PATH
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path == LOGIN_PATH:
        return DASHBOARD_PATH
    return value


def _to_login() -> ResponseReturnValue:
    if _wants_json() or "text/event-stream" in request.headers.get("Accept", ""):
        return jsonify(error="login required", login=url_for("auth.login")), 401
    if request.method != "GET":
        return redirect(url_for("auth.login"))
    here = request.full_path if request.query_string else request.path
    return redirect(url_for("auth.login", next=here))


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"
