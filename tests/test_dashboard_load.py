"""Ten open dashboards must not slow the webhook: the Procfile's gunicorn (gthread) with live event streams.

Each dashboard holds one server-sent-events stream, and so one gunicorn thread,
for up to HELPLINE_SSE_SECONDS. This starts the real Procfile command, times
signed webhook requests with no dashboard open and then with ten streams open
(and checks that the streams are really live), and writes the figures to
test-artifacts/dashboard-load.txt.
"""

from __future__ import annotations

import http.client
import re
import statistics
import subprocess
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import redis

from helpline import channel
from helpline.counselors import Counselors
from tests import processes
from tests.desk import PASSWORD
from tests.redis_server import free_port
from tests.test_processes import procfile_command

TOKEN = "load-test-token"  # noqa: S105 - a test value
DASHBOARDS = 10
REQUESTS = 60
ARTIFACT = Path(__file__).resolve().parent.parent / "test-artifacts" / "dashboard-load.txt"


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

    def log_in(self, name: str) -> None:
        _, page = self.request("GET", "/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        status, _ = self.request("POST", "/login", {"csrf_token": token, "name": name, "password": PASSWORD})
        assert status == 302


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


def time_webhook(base: str, count: int, body: str = "SIGNS") -> list[float]:
    timings = []
    for _ in range(count):
        form = {"MessageSid": "SM" + uuid.uuid4().hex, "From": "+14155550100", "To": "+15005550006", "Body": body}
        started = time.perf_counter()
        status, answer = processes.post_signed(base, form, TOKEN)
        timings.append(time.perf_counter() - started)
        assert status == 200, answer
    return timings


def summary(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    median, worst = statistics.median(ordered) * 1000, ordered[-1] * 1000
    return f"median {median:.1f} ms, p95 {p95 * 1000:.1f} ms, max {worst:.1f} ms"


def test_webhook_keeps_its_latency_with_ten_dashboards_open(
    redis_url: str, redis_client: redis.Redis, tmp_path: Path
) -> None:
    Counselors(redis_client).add("ana", "counselor", PASSWORD)
    port = free_port()
    env = processes.clean_env(
        REDIS_URL=redis_url,
        TWILIO_AUTH_TOKEN=TOKEN,
        SECRET_KEY="s" * 40,
        HELPLINE_INSTANCE_PATH=str(tmp_path),
        HELPLINE_SSE_SECONDS="10",
    )
    server = subprocess.Popen(procfile_command("web", port), cwd=processes.REPO, env=env)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    streams: list[Stream] = []
    try:
        processes.wait_for(base + "/healthz", process=server)
        time_webhook(base, 10)  # warm up both workers
        before = time_webhook(base, REQUESTS)

        for _ in range(DASHBOARDS):
            desk = Browserless(port)
            desk.log_in("ana")
            streams.append(Stream(port, desk.cookies))
        for stream in streams:
            stream.start()
        assert all(stream.connected.wait(10) for stream in streams), "every dashboard's stream connected"

        during = time_webhook(base, REQUESTS)
        Counselors(redis_client).set_available("ana", True)
        time_webhook(base, 1, body="TALK")  # queues a conversation: every open dashboard must hear of it
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not all(
            any('"type": "queued"' in line for line in stream.lines) for stream in streams
        ):
            time.sleep(0.05)
        heard = sum(any('"type": "queued"' in line for line in stream.lines) for stream in streams)
    finally:
        for stream in streams:
            stream.close()
        processes.stop(server)

    report = (
        f"gunicorn per Procfile (gthread, 2 workers x 16 threads), {REQUESTS} sequential signed webhook requests\n"
        f"  no dashboard open:  {summary(before)}\n"
        f"  {DASHBOARDS} dashboards open: {summary(during)}\n"
        f"  dashboards that saw the new conversation live: {heard}/{DASHBOARDS}\n"
    )
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(report, encoding="utf-8")
    print(report)  # noqa: T201 - the figures, with -s
    assert heard == DASHBOARDS
    # Starvation would show as seconds (a request waiting for a stream to end); noise from a busy machine as
    # milliseconds. Compare medians with room for noise, and bound the slowest request.
    assert statistics.median(during) < 3 * statistics.median(before) + 0.02, report
    assert max(during) < 2.0, report
    assert channel.SIGNATURE_HEADER  # the requests above were signed (a 403 would have failed them)
