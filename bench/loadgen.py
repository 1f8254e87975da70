"""Load generators for bench/webhook.py: wrk at full speed, and a constant-rate client for latency.

Debian's wrk is the original wrk (closed loop: each connection sends its next request when the last
answer arrived), which is right for maximum throughput but not for latency at a fixed offered rate:
a slow answer delays the requests behind it and they are never counted as late ("coordinated
omission"). `constant_rate` is an open-loop asyncio client instead: request i is due at start + i/rate,
whatever happened before, and its latency is measured from when it was due. It opens connections as
needed (keep-alive, up to `max_connections`), so a stalled server shows up as latency, not as a
quieter client.

`closed_loop` is the Python stand-in for wrk when /usr/bin/wrk is missing.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.traffic import SIGNATURE_HEADER, Request

LUA_SCRIPT = Path(__file__).resolve().parent / "requests.lua"
OPENLOOP = Path(__file__).resolve().parent / "openloop.py"


def wrk_binary() -> str | None:
    return shutil.which("wrk")


def ensure_wrk() -> str | None:
    """wrk, installed from Debian's packages when missing and this user may (root, apt-get present); None when
    it cannot be had (the benchmark then drives both servers with the Python client and says so)."""
    found = wrk_binary()
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    print("wrk is missing: installing it from Debian's packages (apt-get install wrk)", flush=True)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], env=env, check=False, **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, check=False, **quiet)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], env=env, check=False, **quiet)
    return wrk_binary()


def wrk(port: int, requests_file: Path, *, seconds: float, connections: int, threads: int = 1) -> dict:
    """Maximum throughput: wrk for `seconds` over the pre-signed requests in `requests_file`."""
    env = dict(os.environ, REQUESTS_FILE=str(requests_file), WRK_THREADS=str(threads))
    argv = [
        wrk_binary() or "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA_SCRIPT),
        f"http://127.0.0.1:{port}/twilio/inbound",
    ]
    finished = subprocess.run(argv, env=env, capture_output=True, text=True, check=True, timeout=seconds + 60)
    line = next(line for line in finished.stdout.splitlines() if line.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    seconds_run = raw["duration_us"] / 1e6
    errors = (
        raw["errors_connect"] + raw["errors_read"] + raw["errors_write"] + raw["errors_timeout"] + raw["errors_status"]
    )
    return {
        "tool": "wrk",
        "connections": connections,
        "requests": raw["requests"],
        "seconds": seconds_run,
        "per_second": raw["requests"] / seconds_run,
        "errors": errors,
        "statuses": raw["statuses"],
        "ran_out_of_requests": bool(raw["wrapped"]),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
    }


def _raw_request(port: int, request: Request) -> bytes:
    return wire_request(port, request.signature, request.body)


def wire_request(port: int, signature: str, body: bytes) -> bytes:
    """A signed webhook as bytes on the wire, keep-alive (every client of this module and bench/openloop.py)."""
    head = (
        "POST /twilio/inbound HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        f"{SIGNATURE_HEADER}: {signature}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


IDLE_LIMIT_SECONDS = 1.0  # gunicorn closes a keep-alive connection after 2 s idle: never reuse one that old


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer
        self.idle_since = time.monotonic()

    async def exchange(self, payload: bytes) -> int:
        self.writer.write(payload)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        if length:
            await self.reader.readexactly(length)
        return status


def percentile_ms(ordered: list[float], share: float) -> float:
    """The value at `share` of sorted seconds, in milliseconds (NaN when there are none)."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000 if ordered else float("nan")


def _summary(latencies: list[float], statuses: dict[int, int], failures: int, wall: float, **extra) -> dict:
    ordered = sorted(latencies)

    def pick(share: float) -> float:
        return percentile_ms(ordered, share)

    ok = statuses.get(200, 0)
    return {
        **extra,
        "requests": len(latencies),
        "seconds": wall,
        "per_second": len(latencies) / wall if wall else 0.0,
        "errors": failures + sum(count for status, count in statuses.items() if status != 200),
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "ok": ok,
        "p50_ms": pick(0.50),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
        "max_ms": ordered[-1] * 1000 if ordered else float("nan"),
    }


async def _constant_rate(
    port: int, requests: list[Request], rate: float, seconds: float, max_connections: int, grace: float
):
    count = min(len(requests), int(rate * seconds))
    payloads = [_raw_request(port, request) for request in requests[:count]]
    return await _constant_rate_payloads(payloads, port, rate, max_connections, grace)


async def _constant_rate_payloads(payloads: list[bytes], port: int, rate: float, max_connections: int, grace: float):
    count = len(payloads)
    idle: list[_Connection] = []
    opened = 0
    slots = asyncio.Semaphore(max_connections)
    latencies: list[float] = []
    lags: list[float] = []
    statuses: dict[int, int] = {}
    failures = 0
    loop = asyncio.get_running_loop()
    cpu_before = os.times()
    start = loop.time() + 0.05

    async def one(index: int) -> None:
        nonlocal opened, failures
        due = start + index / rate
        lags.append(loop.time() - due)  # how late the client itself got to it (a starved client shows here)
        async with slots:
            try:
                while idle and time.monotonic() - idle[0].idle_since > IDLE_LIMIT_SECONDS:
                    idle.pop(0).writer.close()  # the server may have closed it: a client artefact, not an error
                if idle:
                    connection = idle.pop()  # the most recently used: warm
                else:
                    connection = _Connection(*await asyncio.open_connection("127.0.0.1", port))
                    opened += 1
                async with asyncio.timeout(10):  # not wait_for: that wraps each exchange in a task of its own
                    status = await connection.exchange(payloads[index])
                connection.idle_since = time.monotonic()
                idle.append(connection)
                statuses[status] = statuses.get(status, 0) + 1
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                failures += 1
            latencies.append(loop.time() - due)

    tasks = []
    for index in range(count):
        delay = start + index / rate - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.ensure_future(one(index)))
    # Bounded: what has not been answered `grace` seconds after the last request was due is an error,
    # and counts in the latencies with the time it had waited by then (so p99 is then a lower bound).
    _, pending = await asyncio.wait(tasks, timeout=max(0.0, start + count / rate + grace - loop.time()))
    unanswered = len(pending)
    for task in pending:
        task.cancel()
    cut = loop.time()
    wall = cut - start
    latencies.extend(cut - (start + index / rate) for index in range(count) if tasks[index] in pending)
    for connection in idle:
        connection.writer.close()
    return _summary(
        latencies,
        statuses,
        failures + unanswered,
        wall,
        tool="asyncio open loop",
        offered_per_second=rate,
        connections=opened,
        unanswered=unanswered,
        client_lag_p99_ms=percentile_ms(sorted(lags), 0.99) if lags else 0.0,
        **client_cpu(cpu_before, count),
    )


def client_cpu(before: os.times_result, count: int) -> dict[str, float]:
    """The client process's CPU since `before` (os.times()), per request: user, system (its sends and receives on
    loopback, which include the TCP work of the receiving side), and both."""
    after = os.times()
    user, system = (
        (after.user - before.user) / max(1, count) * 1e6,
        (after.system - before.system) / max(1, count) * 1e6,
    )
    return {
        "client_cpu_us_per_request": user + system,
        "client_user_us_per_request": user,
        "client_system_us_per_request": system,
    }


def _run(main: Coroutine[Any, Any, dict]) -> dict:
    """asyncio.run, on uvloop when it is installed (`pip install uvloop`; HELPLINE_BENCH_LOOP=asyncio to compare):
    the client shares the machine's cores with the servers it measures, and uvloop's loop takes a fraction of the
    standard one's CPU per request (`client_cpu_us_per_request` in the results)."""
    with _collector_paused():
        if os.environ.get("HELPLINE_BENCH_LOOP", "uvloop") == "uvloop":
            try:
                import uvloop
            except ImportError:
                pass
            else:
                return uvloop.run(main)
        return asyncio.run(main)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection in the client while it measures. Its prepared requests, tasks and timings made the
    collector's full passes here take 200-360 ms at the benchmark's rate, and every response that arrived meanwhile
    counted them as the server's latency: the p99 at half the bare maximum read 68-85 ms with them, 14 ms without
    (round 17; the clusters of slow requests came at the same request numbers run after run, whatever the server)."""
    gc.collect()
    gc.freeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


#: The constant-rate clients (`constant_rate(client=...)`), all measuring the same thing (open loop, from each
#: request's due time, the same requests): "epoll", bench/openloop.py's lean loop in a process of its own (the
#: default since round 26); "asyncio-process", this module's asyncio client in such a process; "asyncio", the same
#: client inside the benchmark's own process (rounds 5-25).
CLIENTS = ("epoll", "asyncio-process", "asyncio")


def constant_rate(
    port: int,
    requests: list[Request],
    *,
    rate: float,
    seconds: float,
    max_connections: int = 128,
    grace: float = 5.0,
    client: str = "epoll",
    client_nice: int = 0,
) -> dict:
    """Latency at a fixed offered rate (open loop, measured from each request's due time). `client` one of
    CLIENTS; `client_nice`: a client in its own process runs that much below (positive) this process's priority."""
    if client == "asyncio":
        return _run(_constant_rate(port, requests, rate, seconds, max_connections, grace))
    if client not in CLIENTS:
        raise ValueError(f"client: one of {CLIENTS}")
    count = min(len(requests), int(rate * seconds))
    with tempfile.TemporaryDirectory(prefix="helpline-openloop-") as folder:
        path = Path(folder) / "requests.txt"
        with path.open("wb") as handle:
            for request in requests[:count]:
                handle.write(request.signature.encode() + b"\t" + request.body + b"\n")
        argv = [
            sys.executable,
            str(OPENLOOP),
            f"--port={port}",
            f"--requests={path}",
            f"--rate={rate!r}",
            f"--seconds={seconds!r}",
            f"--max-connections={max_connections}",
            f"--grace={grace!r}",
            f"--loop={client.removesuffix('-process')}",
        ]
        if client_nice:  # coreutils' nice, not a preexec_fn: the dashboard phase has threads running
            argv = ["nice", "-n", str(client_nice), *argv]
        finished = subprocess.run(
            argv,
            capture_output=True,
            text=True,
            check=False,
            timeout=seconds + grace + 120,
        )
    if finished.returncode != 0:
        raise RuntimeError(f"bench/openloop.py failed ({finished.returncode}):\n{finished.stderr[-3000:]}")
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    result["client_nice"] = client_nice
    return result


async def _closed_loop(port: int, requests: list[Request], connections: int, seconds: float) -> dict:
    payloads = [_raw_request(port, request) for request in requests]
    cursor = iter(range(len(payloads)))
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    failures = 0
    deadline = time.monotonic() + seconds

    async def client() -> None:
        nonlocal failures
        connection = _Connection(*await asyncio.open_connection("127.0.0.1", port))
        while time.monotonic() < deadline:
            index = next(cursor, None)
            if index is None:
                return
            started = time.perf_counter()
            try:
                async with asyncio.timeout(10):
                    status = await connection.exchange(payloads[index])
                statuses[status] = statuses.get(status, 0) + 1
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                failures += 1
                connection = _Connection(*await asyncio.open_connection("127.0.0.1", port))
            latencies.append(time.perf_counter() - started)

    started = time.monotonic()
    await asyncio.gather(*(client() for _ in range(connections)))
    return _summary(
        latencies, statuses, failures, time.monotonic() - started, tool="asyncio closed loop", connections=connections
    )


def closed_loop(port: int, requests: list[Request], *, seconds: float, connections: int) -> dict:
    """Maximum throughput without wrk: `connections` keep-alive clients, each sending as soon as answered."""
    result = _run(_closed_loop(port, requests, connections, seconds))
    result["ran_out_of_requests"] = result["requests"] >= len(requests)
    return result
