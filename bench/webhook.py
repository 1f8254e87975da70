"""Webhook throughput and latency, as a ratio against a baseline measured in the same run.

Starts a private redis-server, the helpline under the Procfile's gunicorn command and, with the
same gunicorn settings, a bare signature-checking Flask handler (bench/baseline_app.py). Both get
the same stream of distinct signed messages (keywords, questions, emergencies, unknown text) from
client threads on loopback, bounded by count and time. Absolute numbers depend on the machine;
the ratio is what to compare between commits.

    .venv/bin/python bench/webhook.py [--seconds 8] [--clients 8] [--dashboards 10]

--dashboards N also holds N open server-sent-event streams to the dashboard while measuring,
to show the webhook keeps its latency with counselors' dashboards open (DESIGN.md pitfall).
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from helpline import channel  # noqa: E402
from tests import processes, redis_server  # noqa: E402
from tests.dashboard_streams import Stream, open_streams  # noqa: E402
from tests.test_processes import procfile_command  # noqa: E402

TOKEN = "bench-token"  # noqa: S105 - a benchmark value
BODIES = [
    "SIGNS",
    "MENU",
    "how do i quit kratom",
    "can i mix it with alcohol",
    "KRATOM",
    "asdf",
    "STOP",
    "START",
    "my friend is not breathing",
    "que es el kratom",
    "LANG",
    "2",
]


def signed_requests(base: str, count: int) -> list[tuple[bytes, dict[str, str]]]:
    url = base + "/twilio/inbound"
    prepared = []
    for index in range(count):
        form = {
            "MessageSid": "SM" + uuid.uuid4().hex,
            "From": f"+1415555{index % 5000:04d}",
            "To": "+15005550006",
            "Body": BODIES[index % len(BODIES)],
            "NumMedia": "0",
            "ToCity": "",
        }
        headers = {
            channel.SIGNATURE_HEADER: channel.sign(TOKEN, url, form),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        prepared.append((urllib.parse.urlencode(form).encode(), headers))
    return prepared


def load(port: int, prepared: list[tuple[bytes, dict[str, str]]], clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    cursor = iter(range(len(prepared)))

    def client() -> None:
        nonlocal errors
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            with lock:
                index = next(cursor, None)
            if index is None:
                break
            body, headers = prepared[index]
            started = time.perf_counter()
            connection.request("POST", "/twilio/inbound", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors += response.status != 200

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "errors": errors,
        "per_second": len(latencies) / wall,
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000,
    }


def start(argv: list[str], env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    _wait_post(port, process)
    return process


def _wait_post(port: int, process: subprocess.Popen) -> None:
    """Both servers answer POST /twilio/inbound (with 403 to an unsigned one): ready when it answers."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("server exited during start-up")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("POST", "/twilio/inbound", body=b"", headers={})
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError("server did not start")




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--dashboards", type=int, default=0)
    args = parser.parse_args()

    with redis_server.throwaway_server() as redis_url:
        results = {}
        for name in ("baseline", "helpline") + (("helpline+dashboards",) if args.dashboards else ()):
            port = redis_server.free_port()
            base = f"http://127.0.0.1:{port}"
            env = processes.clean_env(
                REDIS_URL=redis_url,
                TWILIO_AUTH_TOKEN=TOKEN,
                SECRET_KEY="b" * 40,
                HELPLINE_PUBLIC_URL=base,
                HELPLINE_INSTANCE_PATH=str(REPO / "instance" / "bench"),
            )
            argv = procfile_command("web", port)
            if name == "baseline":
                argv[-1] = "bench.baseline_app:create_app()"
            server = start(argv, env, port)
            streams: list[Stream] = []
            try:
                if name == "helpline+dashboards":
                    streams = open_streams(port, args.dashboards, redis_url)
                results[name] = load(port, signed_requests(base, args.max_requests), args.clients, args.seconds)
            finally:
                for stream in streams:
                    stream.close()
                processes.stop(server)

    print(f"{'server':22} {'requests':>9} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>6}")
    baseline = results["baseline"]["per_second"]
    for name, row in results.items():
        print(
            f"{name:22} {row['requests']:9.0f} {row['errors']:6.0f} {row['per_second']:9.1f} "
            f"{row['p50_ms']:8.2f} {row['p95_ms']:8.2f} {row['per_second'] / baseline:6.2f}"
        )


if __name__ == "__main__":
    main()
