"""Twilio's inbound webhook without Flask's request machinery: the path every text of a surge takes.

Through Flask, one inbound text paid for a request context, URL matching (twice), the blueprint's before hook,
the app's after hook, werkzeug's Request and Response objects and their header structures: measured in one
process (bench/PROFILE.md, "Seventeenth look"), as much CPU again as the helpline's own answer. This WSGI
middleware, in front of the Flask app, answers the requests it can answer exactly as the blueprint
(helpline.web.twilio_hooks) would: the same signature check over the same URL and the form's first values, the
same answer (`answer_inbound`, shared with the view), the same TwiML, status and headers (helpline.web.security).
Every other request goes to Flask unchanged, which answers it as before: another path or method, a query string or a
script root, a body that is not a plain UTF-8 form or is too large, a missing or bad signature (Flask's 403 and its
log line). The signed URL is HELPLINE_PUBLIC_URL's, or without one the URL received, rebuilt by werkzeug's own
`get_current_url`, as `request.url` is.

Why by hand: no library offers a route outside Flask's dispatch inside the same app; werkzeug's own
DispatcherMiddleware routes by prefix to another WSGI app, which is what this is, with the form and signature
checks that decide whether this app can answer.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from urllib.parse import unquote
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from werkzeug.wsgi import get_current_url

from helpline.channels import twilio
from helpline.service import Helpline
from helpline.web.twilio_hooks import URL_PREFIX, answer_inbound

PATH = URL_PREFIX + "/inbound"
FORM = "application/x-www-form-urlencoded"
SIGNATURE_KEY = "HTTP_" + twilio.SIGNATURE_HEADER.upper().replace("-", "_")


class FastInbound:
    """WSGI middleware: signed inbound texts answered here, everything else by `app`."""

    def __init__(
        self,
        app: WSGIApplication,
        helpline: Helpline,
        *,
        auth_token: str,
        public_url: str | None,
        max_content_length: int,
        headers: tuple[list[tuple[str, str]], list[tuple[str, str]]],
    ):
        self.app = app
        self.helpline = helpline
        self.auth_token = auth_token
        self.signed_public_url = twilio.signed_url("", PATH, public_url) if public_url else None  # else as received
        self.max_content_length = max_content_length
        self.plain_headers, self.secure_headers = headers

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if (
            environ.get("PATH_INFO") != PATH
            or environ.get("REQUEST_METHOD") != "POST"
            or environ.get("QUERY_STRING")
            or environ.get("SCRIPT_NAME")
        ):
            return self.app(environ, start_response)
        form = self._signed_form(environ)
        if form is None:
            return self.app(environ, start_response)
        body = answer_inbound(self.helpline, form).encode("utf-8")
        secure = environ.get("wsgi.url_scheme") == "https"
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/xml; charset=utf-8"),
                ("Content-Length", str(len(body))),
                *(self.secure_headers if secure else self.plain_headers),
            ],
        )
        return [body]

    def _signed_form(self, environ: WSGIEnvironment) -> dict[str, str] | None:
        """The form's parameters (first values, as werkzeug's `request.form` gives them) when Twilio's signature
        over them is valid and the body is one this path reads as werkzeug would; else None (Flask answers).
        The body read here is put back, so that Flask reads the same bytes."""
        if environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower() != FORM:
            return None
        if environ.get("HTTP_TRANSFER_ENCODING"):
            return None
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return None
        if not 0 <= length <= self.max_content_length:
            return None
        raw = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(raw)
        if len(raw) != length:
            return None
        try:
            form = first_values(raw.decode())
        except UnicodeDecodeError:
            return None  # werkzeug keeps undecodable bytes its own way: let it
        url = self.signed_public_url or get_current_url(environ)
        if not twilio.signature_is_valid(self.auth_token, url, form, environ.get(SIGNATURE_KEY)):
            return None
        return form


def first_values(body: str) -> dict[str, str]:
    """A form-encoded body's parameters with their first values, in order: what
    `parse_qsl(body, keep_blank_values=True, errors="strict")` gives, each name's first pair kept (as werkzeug's
    `request.form[name]` reads it); a bad percent-escape raises UnicodeDecodeError as it does there.

    Why not parse_qsl itself: it replaces '+' and calls `unquote` (with its type checks) twice per pair, though a
    Twilio form's names never need either and most values neither; it cost about 30 of a request's µs on the
    benchmark's machine, this about half (bench/PROFILE.md, "Twenty-fifth look"). tests/test_fast_inbound.py
    compares the two over random bodies."""
    form: dict[str, str] = {}
    for pair in body.split("&"):
        if not pair:
            continue  # parse_qsl skips empty pairs ("a=1&&b=2")
        name, _, value = pair.partition("=")  # no "=": a blank value, as keep_blank_values gives it
        if "+" in name:
            name = name.replace("+", " ")
        if "%" in name:
            name = unquote(name, errors="strict")
        if "+" in value:
            value = value.replace("+", " ")
        if "%" in value:
            value = unquote(value, errors="strict")  # even a repeated name's: parse_qsl raises for any pair
        if name not in form:
            form[name] = value
    return form
