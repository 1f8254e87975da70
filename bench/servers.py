"""The processes a benchmark run starts and stops: a private Redis, the app as the Procfile runs it,
the bare baseline under the same gunicorn settings, and logged-in dashboards holding event streams.

Everything listens on 127.0.0.1 and free ports; nothing is left running afterwards.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # the tests' helpers below, when a bench script runs from elsewhere
    sys.path.insert(0, str(REPO))

from tests.dashboard_streams import Browserless  # noqa: E402 - after the path set-up above
from tests.redis_server import free_port, throwaway_server  # noqa: E402, F401 - free_port is servers.free_port to bench scripts

VENV_BIN = Path(sys.executable).parent
BASELINE_APP = "bench.baseline_app:create_app()"


def raise_priority(step: int) -> bool:
    """os.nice(step) for this run: everything it starts afterwards (Redis, the servers, the load generator)
    inherits it, so every server is measured alike. False when the system refuses (not root): the run goes on
    at the default priority."""
    if not step:
        return True
    try:
        os.nice(step)
    except OSError:
        return False
    return True


@contextmanager
def private_redis() -> Iterator[tuple[str, redis.Redis]]:
    """A throwaway redis-server on a free loopback port, without persistence; yields (url, client).

    The server is the test suite's own (tests/redis_server.py), so that both start Redis the same way.
    """
    with throwaway_server() as url:
        client = redis.Redis.from_url(url, decode_responses=True)
        try:
            yield url, client
        finally:
            client.close()


def procfile_web(port: int, app: str | None = None, tree: Path = REPO) -> list[str]:
    """The Procfile's `web:` command with its defaults filled in; `app` swaps the WSGI app, nothing else. `tree`: a
    checkout whose own Procfile to read (an older tree's gunicorn settings, for an A/B)."""
    line = next(line for line in (tree / "Procfile").read_text().splitlines() if line.startswith("web:"))
    command = line.split(":", 1)[1].strip()
    command = re.sub(r"\$\{PORT:-\d+\}", str(port), command)
    command = re.sub(r"\$\{(\w+):-(\w+)\}", lambda m: os.environ.get(m.group(1)) or m.group(2), command)
    argv = shlex.split(command)
    argv[0] = str(VENV_BIN / argv[0])
    argv = [arg.replace("0.0.0.0:", "127.0.0.1:") for arg in argv]  # loopback only
    if app is not None:
        argv[-1] = app
    return argv


def environment(redis_url: str, public_url: str, token: str, instance: Path) -> dict[str, str]:
    """The settings a deployment would have; nothing inherited that could change the app's behaviour."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env.update(
        REDIS_URL=redis_url,
        TWILIO_AUTH_TOKEN=token,
        SECRET_KEY="bench-secret-" + "b" * 32,
        HELPLINE_PUBLIC_URL=public_url,
        HELPLINE_INSTANCE_PATH=str(instance),
        PYTHONPATH=str(REPO),
    )
    return env


def tree_environment(
    tree: Path, redis_url: str, database: int, port: int, token: str, instance: Path
) -> dict[str, str]:
    """`environment` for one checkout of an A/B run (bench/worker_cpu.py, bench/tail.py): its code first on the
    path, and a database of its own on the shared Redis, so every tree gets the same requests in the same order with
    its texters at the same point of their history."""
    env = environment(redis_url.rsplit("/", 1)[0] + f"/{database}", f"http://127.0.0.1:{port}", token, instance)
    env["PYTHONPATH"] = str(tree)
    return env


@contextmanager
def gunicorn(argv: list[str], env: dict[str, str], port: int, cwd: Path = REPO) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_answering(port, process)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
        try:
            process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(port: int, process: subprocess.Popen) -> None:
    """Both apps answer an unsigned POST /twilio/inbound with 403: ready when they do."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"server exited during start-up:\n{error[-2000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("POST", "/twilio/inbound", body=b"", headers={})
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("server did not start")


# Dashboards ---------------------------------------------------------------------------------------

DASHBOARD_COUNSELOR = "benchdesk"
DASHBOARD_PASSWORD = "bench-password-long-enough"  # noqa: S105 - a throwaway account in a throwaway Redis


def add_counselor(env: dict[str, str]) -> None:
    """Through the operator's own command, so the benchmark does not depend on how accounts are stored."""
    subprocess.run(
        [str(VENV_BIN / "helpline"), "counselor", "add", DASHBOARD_COUNSELOR, "--password-stdin"],
        input=DASHBOARD_PASSWORD + "\n",
        env=env,
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )


def log_in(port: int) -> dict[str, str]:
    """Cookies of a logged-in dashboard (CSRF token taken from the login page), by the tests' cookie jar."""
    browser = Browserless(port)
    browser.log_in(DASHBOARD_COUNSELOR, DASHBOARD_PASSWORD)
    return browser.cookies


class EventStream(threading.Thread):
    """One open dashboard: holds GET /dashboard/events and counts the events it receives."""

    def __init__(self, port: int, cookies: dict[str, str]):
        super().__init__(daemon=True)
        self.port = port
        self.cookies = cookies
        self.connected = threading.Event()
        self.events = 0
        self.received = 0  # bytes
        self.sock: socket.socket | None = None

    def run(self) -> None:
        try:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=120)
            cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            self.sock.sendall(
                f"GET /dashboard/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\n"
                "Accept: text/event-stream\r\n\r\n".encode()
            )
            while chunk := self.sock.recv(65536):
                self.received += len(chunk)
                if not self.connected.is_set() and b"event: hello" in chunk:
                    self.connected.set()
                self.events += chunk.count(b"\nevent: ") + chunk.startswith(b"event: ")
        except OSError:
            return

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.sock.close()


def open_dashboards(port: int, count: int, cookies: dict[str, str], wait_seconds: float = 15) -> list[EventStream]:
    streams = [EventStream(port, cookies) for _ in range(count)]
    for stream in streams:
        stream.start()
    deadline = time.monotonic() + wait_seconds
    for stream in streams:
        stream.connected.wait(max(0.0, deadline - time.monotonic()))
    return streams
