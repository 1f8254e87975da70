"""The inbound webhook's fast path (helpline.web.fast_inbound) answers exactly as the Flask blueprint does, and hands
every request it cannot answer that way to Flask: bad signatures, other content, query strings, oversized bodies."""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode
from wsgiref.types import StartResponse, WSGIEnvironment

import pytest
from flask import Flask
from werkzeug.test import Client, TestResponse

from helpline.channels import twilio as channel
from helpline.web.fast_inbound import FastInbound, first_values
from tests.support import AUTH_TOKEN, Texter, make_app

URL = "http://localhost/twilio/inbound"


class CountingApp:
    """The Flask app behind the fast path, counting the requests that reached it."""

    def __init__(self, app: Any):
        self.app, self.calls = app, 0

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        self.calls += 1
        return self.app(environ, start_response)


@pytest.fixture
def fast(app: Flask) -> tuple[FastInbound, CountingApp]:
    middleware = app.wsgi_app
    assert isinstance(middleware, FastInbound)
    behind = CountingApp(middleware.app)
    middleware.app = behind
    return middleware, behind


def post(
    wsgi: Any, form: dict[str, str], *, url: str = URL, signature: str | None = None, **options: Any
) -> TestResponse:
    signature = channel.sign(AUTH_TOKEN, url, form) if signature is None else signature
    headers = {channel.SIGNATURE_HEADER: signature, **options.pop("headers", {})}
    base, _, path = url.partition("/twilio/")
    return Client(wsgi).post("/twilio/" + path, base_url=base, data=form, headers=headers, **options)


@pytest.mark.parametrize("body", ["hi", "signs", "he's not breathing and his lips are blue", "", None, "STOP"])
def test_the_fast_path_answers_as_the_blueprint_does(
    app: Flask, fast: tuple[FastInbound, CountingApp], body: str | None
) -> None:
    middleware, behind = fast
    answers = []
    for address, wsgi in (("+14155550101", middleware), ("+14155550102", behind.app)):
        form = Texter(app.test_client(), address).form(body)
        answers.append(post(wsgi, form))
    assert behind.calls == 0  # the first went the fast way; the second was sent to Flask directly
    through_fast, through_flask = answers
    assert through_fast.status_code == through_flask.status_code == 200
    assert through_fast.get_data() == through_flask.get_data()
    assert sorted(through_fast.headers.items()) == sorted(through_flask.headers.items())


def test_an_emergency_through_the_fast_path_is_answered_and_recorded(
    app: Flask, fast: tuple[FastInbound, CountingApp]
) -> None:
    middleware, behind = fast
    texter = Texter(app.test_client())
    form = texter.form("my friend wont wake up and hes blue")
    first = post(middleware, form)
    assert behind.calls == 0 and first.status_code == 200
    assert "911" in first.get_data(as_text=True)
    retry = post(middleware, form)  # Twilio retries the same MessageSid: answered, not recorded twice
    assert retry.status_code == 200 and behind.calls == 0


def test_requests_it_cannot_answer_go_to_flask(app: Flask, fast: tuple[FastInbound, CountingApp]) -> None:
    middleware, behind = fast
    form = Texter(app.test_client()).form("hi")
    assert post(middleware, form, signature="not a signature").status_code == 403
    assert post(middleware, {**form, "Body": "x" * 70_000}).status_code == 413
    with_query = URL + "?attempt=2"
    assert post(middleware, {**form, "MessageSid": "SMq"}, url=with_query).status_code == 200
    assert Client(middleware).get(URL).status_code == 405
    json_body = Client(middleware).post(
        URL, json=form, headers={channel.SIGNATURE_HEADER: channel.sign(AUTH_TOKEN, URL, {})}
    )
    assert json_body.status_code == 200  # an empty form, signed as empty: Flask answers it with no message
    assert behind.calls == 5
    undecodable = Client(middleware).post(
        URL,
        data=b"From=%2B14155550103&MessageSid=SMbad&Body=caf%E9",
        content_type="application/x-www-form-urlencoded",
        headers={channel.SIGNATURE_HEADER: "x"},
    )
    assert undecodable.status_code == 403 and behind.calls == 6


def test_hsts_over_https_on_the_fast_path(app: Flask, fast: tuple[FastInbound, CountingApp]) -> None:
    middleware, behind = fast
    url = "https://helpline.example/twilio/inbound"
    response = post(middleware, Texter(app.test_client()).form("hi"), url=url)
    assert response.status_code == 200 and behind.calls == 0
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_public_url_is_the_signed_one(app_config: dict[str, Any]) -> None:
    app = make_app({**app_config, "HELPLINE_PUBLIC_URL": "https://helpline.example"})
    middleware = app.wsgi_app
    assert isinstance(middleware, FastInbound)
    behind = CountingApp(middleware.app)
    middleware.app = behind
    form = Texter(app.test_client()).form("hi")
    signed_public = channel.sign(AUTH_TOKEN, "https://helpline.example/twilio/inbound", form)
    assert post(middleware, form, signature=signed_public).status_code == 200
    assert behind.calls == 0
    assert post(middleware, {**form, "MessageSid": "SMlocal"}).status_code == 403  # signed for the URL received
    assert behind.calls == 1


def test_behind_a_trusted_proxy_the_forwarded_scheme_counts(app_config: dict[str, Any]) -> None:
    app = make_app({**app_config, "HELPLINE_TRUST_PROXY": "1"})
    form = Texter(app.test_client()).form("hi")
    signed = channel.sign(AUTH_TOKEN, "https://helpline.example/twilio/inbound", form)
    response = Client(app.wsgi_app).post(
        URL,
        data=form,
        headers={
            channel.SIGNATURE_HEADER: signed,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "helpline.example",
        },
    )
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response.headers


def _first_values_by_parse_qsl(body: str) -> dict[str, str] | type[UnicodeDecodeError]:
    form: dict[str, str] = {}
    try:
        for name, value in parse_qsl(body, keep_blank_values=True, errors="strict"):
            form.setdefault(name, value)
    except UnicodeDecodeError:
        return UnicodeDecodeError
    return form


def test_the_form_is_read_as_parse_qsl_reads_it() -> None:
    """`first_values` against `parse_qsl(keep_blank_values=True, errors="strict")` with each name's first value: the
    same parameters in the same order, or the same UnicodeDecodeError (then Flask answers), over Twilio-like forms
    and random pieces: blanks, no '=', '+' and spaces, good and bad percent-escapes, repeated names, empty pairs."""
    rng = random.Random(25)
    pieces = "a Body From = + %2B %20 %E2%9C%93 %e2%9c %ZZ % %F0%9F%98%80 & && é x=y %3D %26 %C3 %FF 1".split() + [" "]
    bodies = [
        urlencode({"Body": "he's not breathing + help", "From": "+14155550123", "NumMedia": "0", "ToCity": ""}),
        urlencode([("Body", "first"), ("Body", "second"), ("From", "whatsapp:+447700900123")]),
    ]
    bodies += "& a a= =b a=1&&b=2 a=1&a=%FF a=%FF&a=1 a+b=c+d %41=%42".split() + [""]
    bodies += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(5000)]
    for body in bodies:
        expected = _first_values_by_parse_qsl(body)
        try:
            found: dict[str, str] | type[UnicodeDecodeError] = first_values(body)
        except UnicodeDecodeError:
            found = UnicodeDecodeError
        assert found == expected, body
        if isinstance(found, dict) and isinstance(expected, dict):
            assert list(found) == list(expected), body
