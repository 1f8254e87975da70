"""Logged-in dashboards without a browser: a cookie jar with CSRF, and open event streams.

Shared by tests/test_dashboard_load.py and bench/servers.py (the benchmark's --dashboards).
"""

from __future__ import annotations

import http.client
import re
import threading
from urllib.parse import urlencode

import redis

from helpline.state.accounts import Counselors
from tests.desk import PASSWORD

STREAM_COUNSELOR = "ana"


class Browserless:
    """Just enough of a browser for a logged-in dashboard: one cookie jar, CSRF from the page."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":  # Secure cookies over loopback http: kept by hand
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = response.read().decode()
        connection.close()
        return response.status, text

    def log_in(self, name: str, password: str = PASSWORD) -> None:
        _, page = self.request("GET", "/login")
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if not found:
            raise RuntimeError("no CSRF token on the login page")
        status, _ = self.request("POST", "/login", {"csrf_token": found.group(1), "name": name, "password": password})
        if status != 302:
            raise RuntimeError(f"dashboard log-in refused ({status})")


class Stream(threading.Thread):
    """One open dashboard: reads its event stream line by line until told to stop."""

    def __init__(self, port: int, cookies: dict[str, str]):
        super().__init__(daemon=True)
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = cookies
        self.lines: list[str] = []
        self.connected = threading.Event()

    def run(self) -> None:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.connection.request("GET", "/dashboard/events", headers={"Cookie": cookie, "Accept": "text/event-stream"})
        response = self.connection.getresponse()
        assert response.status == 200
        try:
            for raw in response:
                line = raw.decode().rstrip("\n")
                self.lines.append(line)
                if line == "event: hello":
                    self.connected.set()
        except Exception:  # noqa: BLE001 - closed under its feet by the test: http.client raises all sorts
            return

    def close(self) -> None:
        sock = self.connection.sock
        if sock is not None:
            try:
                sock.shutdown(2)  # wakes the reading thread
            except OSError:
                pass
        self.connection.close()


def open_streams(port: int, count: int, redis_url: str) -> list[Stream]:
    """`count` logged-in dashboards, each holding its live event stream open."""
    accounts = Counselors(redis.Redis.from_url(redis_url, decode_responses=True))
    if accounts.get(STREAM_COUNSELOR) is None:
        accounts.add(STREAM_COUNSELOR, "counselor", PASSWORD)
    streams = []
    for _ in range(count):
        desk = Browserless(port)
        desk.log_in(STREAM_COUNSELOR)
        streams.append(Stream(port, desk.cookies))
    for stream in streams:
        stream.start()
    if not all(stream.connected.wait(10) for stream in streams):
        raise RuntimeError("not every dashboard's event stream connected")
    return streams
