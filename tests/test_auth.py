"""Login, logout, sessions, access control and CSRF, through the Flask test client against a real Redis."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask, flash, render_template_string
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from helpline.state.accounts import Counselors
from helpline.state.audit import AuditLog
from helpline.state.limits import PAIR
from helpline.web.auth import current_counselor, login_required, safe_next, supervisor_required
from tests.support import Texter, make_app, parts

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(app: Flask) -> Clock:
    """Drives the app's counselor clock, so lockouts expire without sleeping."""
    fake = Clock()
    parts(app).counselors.clock = fake
    return fake


@pytest.fixture
def counselors(app: Flask, clock: Clock) -> Counselors:
    accounts: Counselors = parts(app).counselors
    accounts.add("ana", "counselor", PASSWORD)
    accounts.add("sam", "supervisor", PASSWORD)
    return accounts


@pytest.fixture
def audit(app: Flask) -> AuditLog:
    return parts(app).audit


@pytest.fixture(autouse=True)
def probes(app: Flask) -> None:
    """Two protected pages of our own, so these tests do not depend on the dashboard's."""

    @login_required
    def whoami() -> str:
        return current_counselor().name

    @supervisor_required
    def supervisors_only() -> str:
        return "for supervisors"

    @login_required
    def page() -> str:
        return render_template_string('{% extends "base.html" %}{% block content %}hello{% endblock %}')

    @login_required
    def flashes() -> str:
        flash("done: closed")
        return "ok"

    app.add_url_rule("/test/flash", "flashes", flashes)
    app.add_url_rule("/test/whoami", "whoami", whoami)
    app.add_url_rule("/test/supervisors", "supervisors_only", supervisors_only)
    app.add_url_rule("/test/page", "page", page)


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, page
    return found.group(1)


def login(client: FlaskClient, name: str, password: str = PASSWORD, next_path: str | None = None) -> TestResponse:
    form = {"csrf_token": csrf_token(client), "name": name, "password": password}
    if next_path is not None:
        form["next"] = next_path
    return client.post("/login", data=form)


def test_login_then_a_protected_page(client: FlaskClient, counselors: Counselors, audit: AuditLog) -> None:
    assert client.get("/test/whoami").status_code == 302
    response = login(client, "Ana")
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
    assert client.get("/test/whoami").get_data(as_text=True) == "ana"
    assert client.get("/login").headers["Location"] == "/dashboard"  # already logged in
    entry = audit.recent(1)[0]
    assert (entry.actor, entry.action, entry.detail) == ("ana", "login", "from 127.0.0.1")


@pytest.mark.parametrize(("environment", "secure"), [("production", True), ("development", False)])
def test_session_cookie_flags(app_config: dict, environment: str, secure: bool) -> None:
    app = make_app({**app_config, "HELPLINE_ENV": environment})
    parts(app).counselors.add("ana", "counselor", PASSWORD)
    cookie = login(app.test_client(), "ana").headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert ("Secure" in cookie) is secure  # a development start serves plain http on localhost
    assert "Expires=" in cookie  # a permanent session, bounded by the session lifetime


def test_login_starts_a_fresh_session(client: FlaskClient, counselors: Counselors) -> None:
    """Nothing planted in the session before login survives it (session fixation)."""
    token = csrf_token(client)
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    client.post("/login", data={"csrf_token": token, "name": "ana", "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session


def test_session_holds_only_name_and_nonce(app: Flask, client: FlaskClient, counselors: Counselors) -> None:
    login(client, "ana")
    with client.session_transaction() as session:
        assert set(session) - {"_permanent", "csrf_token"} == {"counselor", "login"}
        assert session["counselor"] == "ana"
        assert PASSWORD not in str(dict(session))


def test_unauthenticated_is_sent_to_login_and_back(client: FlaskClient, counselors: Counselors) -> None:
    response = client.get("/test/whoami?x=1")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert parse_qs(location.query) == {"next": ["/test/whoami?x=1"]}
    login_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'name="next" value="/test/whoami?x=1"' in login_page
    assert login(client, "ana", next_path="/test/whoami?x=1").headers["Location"] == "/test/whoami?x=1"


def test_scripts_and_event_streams_get_401_not_a_login_page(client: FlaskClient, counselors: Counselors) -> None:
    for accept in ("application/json", "text/event-stream"):
        response = client.get("/test/whoami", headers={"Accept": accept})
        assert response.status_code == 401
        assert response.json == {"error": "login required", "login": "/login"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/dashboard/c/abc?x=1", "/dashboard/c/abc?x=1"),
        ("https://evil.example/", "/dashboard"),
        ("//evil.example/", "/dashboard"),
        ("/\\evil.example", "/dashboard"),
        ("javascript:alert(1)", "/dashboard"),
        ("/login", "/dashboard"),
        ("/ok\r\nSet-Cookie: x=1", "/dashboard"),
        ("", "/dashboard"),
        (None, "/dashboard"),
    ],
)
def test_next_never_leaves_the_site(given: str | None, expected: str) -> None:
    assert safe_next(given) == expected


def test_login_refuses_an_open_redirect(client: FlaskClient, counselors: Counselors) -> None:
    assert login(client, "ana", next_path="https://evil.example/").headers["Location"] == "/dashboard"


def test_wrong_password_says_so_and_is_audited(client: FlaskClient, counselors: Counselors, audit: AuditLog) -> None:
    response = login(client, "ana", "not the password")
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert '<p class="error" role="alert" id="login-error">Wrong name or password.</p>' in page
    assert 'value="ana"' in page  # the name is kept, the password is not
    assert "not the password" not in page
    assert client.get("/test/whoami").status_code == 302
    entry = audit.recent_refused_logins(1)[0]
    assert (entry.actor, entry.action, entry.detail) == ("ana", "login.failed", "from 127.0.0.1")
    assert audit.recent() == []  # anonymous noise stays out of the counselors' record


def test_guessing_is_slowed_with_growing_delays_not_locked(
    client: FlaskClient, counselors: Counselors, audit: AuditLog, clock: Clock
) -> None:
    statuses = [login(client, "ana", "wrong").status_code for _ in range(PAIR.free + 1)]
    assert statuses == [401] * (PAIR.free + 1)
    waiting = login(client, "ana")
    assert waiting.status_code == 429
    assert "Too many attempts. Try again in 1 second." in waiting.get_data(as_text=True)
    assert waiting.headers["Retry-After"] == "1"
    assert [e.action for e in audit.recent_refused_logins(2)] == ["login.rate_limited", "login.failed"]
    clock.now += 1
    assert login(client, "ana").headers["Location"] == "/dashboard"


def test_disabled_counselor_cannot_log_in_and_is_logged_out(
    client: FlaskClient, counselors: Counselors, audit: AuditLog
) -> None:
    login(client, "ana")
    assert client.get("/test/whoami").status_code == 200
    counselors.disable("ana")
    assert client.get("/test/whoami").status_code == 302  # the very next request
    refused = login(client, "ana")
    assert refused.status_code == 403
    assert "This account is disabled. Ask a supervisor." in refused.get_data(as_text=True)
    assert audit.recent_refused_logins(1)[0].action == "login.disabled"


def test_logout_ends_the_session_even_for_a_copied_cookie(
    client: FlaskClient, counselors: Counselors, audit: AuditLog
) -> None:
    login(client, "ana")
    stolen = client.get_cookie("session")
    assert stolen is not None
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/test/page")})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "You are logged out." in client.get("/login").get_data(as_text=True)
    assert client.get("/test/whoami").status_code == 302
    client.set_cookie("session", stolen.value)  # replaying the old signed cookie does not bring the login back
    assert client.get("/test/whoami").status_code == 302
    assert audit.recent(1)[0].action == "logout"


def test_logout_of_the_last_session_sets_away(client: FlaskClient, counselors: Counselors, audit: AuditLog) -> None:
    login(client, "ana")
    counselors.set_available("ana", True)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/test/page")})
    assert counselors.get("ana").available is False  # type: ignore[union-attr]
    assert [(e.action, e.detail) for e in audit.recent(2)] == [("logout", ""), ("availability", "away (logged out)")]


def test_supervisor_pages_are_403_for_counselors(client: FlaskClient, counselors: Counselors) -> None:
    login(client, "ana")
    assert client.get("/audit").status_code == 403
    assert client.get("/test/supervisors").status_code == 403


def test_supervisors_read_the_audit_log_escaped(
    app: Flask, client: FlaskClient, counselors: Counselors, audit: AuditLog
) -> None:
    login(client, "<script>alert(1)</script>", "wrong")
    login(client, "sam")
    assert client.get("/test/supervisors").get_data(as_text=True) == "for supervisors"
    page = client.get("/audit").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "login.failed" in page and ">sam<" in page
    actions, refused = page.split('id="actions"')[1].split('id="refused-logins"')
    assert "<code>login</code>" in actions and "login.failed" not in actions
    assert "login.failed" in refused and "alert(1)" in refused
    assert 'href="/audit"' in page  # the nav links supervisors to it


def test_unauthenticated_audit_redirects_to_login(client: FlaskClient, counselors: Counselors) -> None:
    response = client.get("/audit")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/audit"


def test_availability_toggle(app: Flask, client: FlaskClient, counselors: Counselors, audit: AuditLog) -> None:
    on_shift = parts(app).helpline.on_shift
    login(client, "ana")
    assert on_shift() is False
    token = csrf_token(client, "/test/page")
    response = client.post("/dashboard/availability", data={"csrf_token": token, "available": "1", "next": "/audit"})
    assert response.status_code == 302 and response.headers["Location"] == "/audit"
    assert counselors.get("ana").available is True  # type: ignore[union-attr]
    assert on_shift() is True
    as_json = client.post(
        "/dashboard/availability",
        data={"csrf_token": token, "available": "0"},
        headers={"Accept": "application/json"},
    )
    assert as_json.json == {"available": False}
    assert on_shift() is False
    assert [(e.actor, e.action, e.target, e.detail) for e in audit.recent(2)] == [
        ("ana", "availability", "ana", "away"),
        ("ana", "availability", "ana", "available"),
    ]
    assert client.post("/dashboard/availability", data={"csrf_token": token, "available": "yes"}).status_code == 400


def test_nav_shows_name_role_and_availability(client: FlaskClient, counselors: Counselors) -> None:
    login(client, "sam")
    html = client.get("/test/page").get_data(as_text=True)
    assert 'data-counselor="sam"' in html and "supervisor" in html
    assert "Go available" in html and 'name="available" value="1"' in html
    assert 'action="/dashboard/availability"' in html and 'action="/logout"' in html
    assert '<meta name="csrf-token" content="' in html
    counselors.set_available("sam", True)
    assert "Step away" in client.get("/test/page").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/login", "/logout", "/dashboard/availability"])
@pytest.mark.parametrize("token", [None, "forged"])
def test_posts_without_a_valid_csrf_token_are_400(
    client: FlaskClient, counselors: Counselors, path: str, token: str | None
) -> None:
    login(client, "ana")
    form = {"name": "ana", "password": PASSWORD, "available": "1"}
    if token is not None:
        form["csrf_token"] = token
    response = client.post(path, data=form)
    assert response.status_code == 400
    assert "This form expired" in response.get_data(as_text=True)
    assert counselors.get("ana").available is False  # type: ignore[union-attr]
    assert client.get("/test/whoami").status_code == 200  # the logout did not happen


def test_csrf_token_in_a_header_works_for_scripts(client: FlaskClient, counselors: Counselors) -> None:
    login(client, "ana")
    token = csrf_token(client, "/test/page")
    response = client.post(
        "/dashboard/availability",
        data={"available": "1"},
        headers={"X-CSRFToken": token, "Accept": "application/json"},
    )
    assert response.json == {"available": True}


def test_twilio_webhooks_need_no_csrf_token(texter: Texter) -> None:
    assert texter.replies("MENU")  # signed by Twilio, no CSRF token: answered
    status = texter.post({"MessageSid": "SM" + "1" * 32, "MessageStatus": "delivered"}, path="/twilio/status")
    assert status.status_code == 204


def test_a_poll_sent_before_an_action_does_not_undo_the_actions_flash(
    app: Flask, client: FlaskClient, counselors: Counselors
) -> None:
    """A dashboard polls while the counselor acts. Flask used to send the session cookie back with every response
    of a permanent session, so a poll that left with the cookie from before "close" and came back after it reset
    the browser's cookie to that older one, and the "closed: resolved" flash was lost (a flaky browser test showed
    it). The session's lifetime is the server's (helpline.state.accounts), so nothing needs the refresh."""
    login(client, "ana")
    cookie = client.get_cookie("session")
    assert cookie is not None
    before = cookie.value
    assert client.get("/test/flash").status_code == 200
    poll = app.test_client()
    poll.set_cookie("session", before)
    response = poll.get("/test/whoami")
    assert response.get_data(as_text=True) == "ana"
    assert "Set-Cookie" not in response.headers  # the browser keeps the cookie that holds the flash
    assert "done: closed" in client.get("/test/page").get_data(as_text=True)
