"""A local stand-in for Twilio's REST API, for the real twilio client to talk to.

Listens on 127.0.0.1 on a free port; the app reaches it through
TWILIO_API_BASE_URL. Each POST to /2010-04-01/Accounts/{sid}/Messages.json is
recorded with its form and answered as Twilio does: 201 with the new message's
JSON, or 400 with code 21610 for numbers told to be opted out. Failures can be
scripted (e.g. a 503 for the next request) to exercise retries.
"""

from __future__ import annotations

import base64
import email.utils
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

MESSAGES_PATH = re.compile(r"^/2010-04-01/Accounts/(?P<account>[A-Za-z0-9]+)/Messages\.json$")


@dataclass
class Recorded:
    account: str
    form: dict[str, str]
    authorization: str  # "user:password" from the Basic auth header
    sid: str = ""
    answered: int = 0
    created: float = 0.0  # when the message was accepted (epoch seconds)


@dataclass
class FakeTwilio:
    opted_out: set[str] = field(default_factory=set)
    requests: list[Recorded] = field(default_factory=list)
    scripted: list[tuple[int, int, str]] = field(default_factory=list)  # (http status, code, message), next first
    hang_seconds: list[float] = field(default_factory=list)  # accept the next messages, then answer this late

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                fake._handle(self)

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                fake._list(self)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output clean
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-twilio", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeTwilio:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail_next(self, status: int, code: int, message: str = "scripted failure") -> None:
        with self._lock:
            self.scripted.append((status, code, message))

    def hang_next(self, seconds: float) -> None:
        """Accept the next message (it is sent) but answer only after `seconds`: a client timeout after acceptance."""
        with self._lock:
            self.hang_seconds.append(seconds)

    @property
    def messages(self) -> list[Recorded]:
        """Requests that created a message (answered 201)."""
        with self._lock:
            return [r for r in self.requests if r.answered == 201]

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        match = MESSAGES_PATH.match(handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length).decode()
        if match is None:
            self._answer(handler, 404, {"code": 20404, "message": "not found", "status": 404})
            return
        form = {key: values[-1] for key, values in parse_qs(raw, keep_blank_values=True).items()}
        auth = handler.headers.get("Authorization", "")
        decoded = base64.b64decode(auth.split(" ", 1)[1]).decode() if auth.startswith("Basic ") else ""
        recorded = Recorded(account=match["account"], form=form, authorization=decoded)
        with self._lock:
            self.requests.append(recorded)
            scripted = self.scripted.pop(0) if self.scripted else None
        if scripted is not None:
            status, code, message = scripted
            recorded.answered = status
            self._answer(handler, status, {"code": code, "message": message, "status": status})
            return
        if form.get("To") in self.opted_out:
            recorded.answered = 400
            self._answer(
                handler,
                400,
                {
                    "code": 21610,
                    "message": "Attempt to send to unsubscribed recipient",
                    "more_info": "https://www.twilio.com/docs/errors/21610",
                    "status": 400,
                },
            )
            return
        recorded.sid = "SM" + secrets.token_hex(16)
        recorded.answered = 201
        recorded.created = time.time()
        with self._lock:
            hang = self.hang_seconds.pop(0) if self.hang_seconds else 0.0
        if hang:
            time.sleep(hang)  # accepted and recorded: the client gave up waiting for this answer
        try:
            self._answer(handler, 201, _message_json(recorded))
        except OSError:
            pass  # the client hung up

    def _list(self, handler: BaseHTTPRequestHandler) -> None:
        """GET Messages.json?To=...: the newest messages first, as Twilio lists them."""
        path, _, query = handler.path.partition("?")
        match = MESSAGES_PATH.match(path)
        if match is None:
            self._answer(handler, 404, {"code": 20404, "message": "not found", "status": 404})
            return
        wanted = {key: values[-1] for key, values in parse_qs(query).items()}
        found = [r for r in reversed(self.messages) if not wanted.get("To") or r.form.get("To") == wanted["To"]]
        self._answer(
            handler,
            200,
            {
                "messages": [_message_json(r) for r in found],
                "first_page_uri": path,
                "next_page_uri": None,
                "previous_page_uri": None,
                "page": 0,
                "page_size": len(found),
                "uri": path,
            },
        )

    @staticmethod
    def _answer(handler: BaseHTTPRequestHandler, status: int, payload: dict[str, object]) -> None:
        body = json.dumps(payload).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


def _message_json(recorded: Recorded) -> dict[str, object]:
    return {
        "sid": recorded.sid,
        "account_sid": recorded.account,
        "to": recorded.form.get("To"),
        "from": recorded.form.get("From"),
        "messaging_service_sid": recorded.form.get("MessagingServiceSid"),
        "body": recorded.form.get("Body"),
        "status": "queued",
        "num_segments": "1",
        "direction": "outbound-api",
        "api_version": "2010-04-01",
        "date_created": email.utils.formatdate(recorded.created, usegmt=True),
        "uri": f"/2010-04-01/Accounts/{recorded.account}/Messages/{recorded.sid}.json",
    }
