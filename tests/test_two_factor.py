"""Two-factor sign-in: enrolled with a QR code, a code at every login (each code once), mandatory for
supervisors when HELPLINE_TOTP_REQUIRED says so."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from helpline import totp
from tests.desk import PASSWORD, csrf_of
from tests.support import Clock, make_app, parts


def _login(client: FlaskClient, name: str, code: str | None = None) -> Any:
    token = csrf_of(client.get("/login").get_data(as_text=True))
    form = {"csrf_token": token, "name": name, "password": PASSWORD}
    if code is not None:
        form["code"] = code
    return client.post("/login", data=form)


def _enrol(app: Flask, client: FlaskClient, name: str, clock: Clock) -> str:
    page = client.get("/account/two-factor")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code, allowed by the CSP (img-src data:)
    secret = re.search(r'data-secret="([A-Z2-7]+)"', html).group(1)  # type: ignore[union-attr]
    wrong = client.post("/account/two-factor", data={"csrf_token": csrf_of(html), "code": "000000"})
    assert wrong.status_code == 400
    code = totp.code_at(secret, clock())
    done = client.post("/account/two-factor", data={"csrf_token": csrf_of(html), "code": code})
    assert done.status_code == 302
    assert parts(app).counselors.get(name).two_factor  # type: ignore[union-attr]
    return secret


def test_enrol_then_every_login_needs_a_fresh_code(app: Flask, app_clock: Clock) -> None:
    counselors = parts(app).counselors
    counselors.clock = app_clock
    counselors.add("ana", "counselor", PASSWORD)
    client = app.test_client()
    assert _login(client, "ana").status_code == 302
    secret = _enrol(app, client, "ana", app_clock)
    client.post("/logout", data={"csrf_token": csrf_of(client.get("/dashboard").get_data(as_text=True))})

    app_clock.advance(totp.STEP_SECONDS)
    refused = _login(app.test_client(), "ana")
    assert refused.status_code == 401 and "6-digit code" in refused.get_data(as_text=True)
    code = totp.code_at(secret, app_clock())
    accepted = _login(app.test_client(), "ana", code)
    assert accepted.status_code == 302, accepted.get_data(as_text=True)
    assert _login(app.test_client(), "ana", code).status_code == 401  # the same code, read over a shoulder
    assert parts(app).audit.recent(10)[-1].action in {"login", "two_factor.enabled"}


def test_supervisors_must_enrol_when_required(app_config: dict[str, Any], app_clock: Clock) -> None:
    app = make_app({**app_config, "HELPLINE_TOTP_REQUIRED": "supervisors"}, clock=app_clock)
    counselors = parts(app).counselors
    counselors.clock = app_clock
    counselors.add("sam", "supervisor", PASSWORD)
    counselors.add("ana", "counselor", PASSWORD)
    supervisor = app.test_client()
    assert _login(supervisor, "sam").status_code == 302
    for path in ("/dashboard", "/audit"):
        response = supervisor.get(path)
        assert response.status_code == 302 and response.headers["Location"].endswith("/account/two-factor")
    assert supervisor.get("/dashboard/state", headers={"Accept": "application/json"}).status_code == 403
    counselor = app.test_client()
    assert _login(counselor, "ana").status_code == 302
    assert counselor.get("/dashboard").status_code == 200  # counselors are not asked to
    _enrol(app, supervisor, "sam", app_clock)
    assert supervisor.get("/dashboard").status_code == 200
