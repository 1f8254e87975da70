"""CPU a web process spends on open dashboards' event streams, per event published, A/B between trees.

    .venv/bin/python bench/hub_cpu.py                                  # this checkout
    .venv/bin/python bench/hub_cpu.py --tree /tmp/old --tree .         # two trees, alternating

Why a separate measure: bench/webhook.py's "ratio with 100 dashboards" is a throughput ratio on a shared 2-core
machine and moves a few hundredths from run to run, which is the size of what the streams cost. Here one process
per tree, under gevent as the Procfile's workers are, holds `--streams` event streams open on its events hub
(`helpline.state.events.Events.subscription`, each stream looping on `get_messages` as GET /dashboard/events does)
while this script publishes events on the channel at a steady rate, as a surge of texts does (about 1.25 events a
message once most texters have a conversation). The process reports the CPU it used (user + system, getrusage)
while they came; divided by the events published. Nothing else runs in that process, so all of it is the streams'.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import servers  # noqa: E402
from helpline.state import keys  # noqa: E402

# The streams' process: reads commands on stdin ("start", "stop") and answers each with a JSON line.
STREAMS_PROCESS = textwrap.dedent(
    """
    from gevent import monkey; monkey.patch_all()
    import json, resource, sys, gevent, gevent.select, redis
    from helpline.state.events import Events

    url, count = sys.argv[1], int(sys.argv[2])
    events = Events(redis.Redis.from_url(url, decode_responses=True))
    received = [0]
    stop = [False]

    def stream():
        with events.subscription() as subscription:
            while not stop[0]:
                batch = subscription.get_messages(timeout=1.0)  # not `+=` around the call: it blocks
                received[0] += len(batch)

    greenlets = [gevent.spawn(stream) for _ in range(count)]
    gevent.sleep(1.0)

    def cpu():
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def command():
        gevent.select.select([sys.stdin], [], [])  # wait without blocking the streams; then the whole line is there
        return sys.stdin.readline().strip()

    print(json.dumps({"ready": True}), flush=True)
    while (line := command()):
        if line == "start":
            start, received[0] = cpu(), 0
            print(json.dumps({"started": True}), flush=True)
        elif line == "stop":
            gevent.sleep(1.5)  # the last batches delivered
            print(json.dumps({"cpu": cpu() - start, "received": received[0]}), flush=True)
    stop[0] = True
    """
)


def publish(client, rate: float, seconds: float) -> int:
    """Events at `rate` a second for `seconds`, in 1 ms ticks (each tick's due events in one pipeline)."""
    body = json.dumps({"type": "message", "texter": "x" * 24, "reason": "talk"})
    sent, started = 0, time.monotonic()
    while (elapsed := time.monotonic() - started) < seconds:
        due = int(elapsed * rate) - sent
        if due > 0:
            pipe = client.pipeline(transaction=False)
            for _ in range(due):
                pipe.publish(keys.EVENTS, body)
            pipe.execute()
            sent += due
        time.sleep(0.001)
    return sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", type=Path, help="a helpline checkout (default: this one)")
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--rate", type=float, default=3000, help="events published a second")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    trees = [path.resolve() for path in (args.tree or [REPO])]
    with servers.private_redis() as (url, client):
        processes = []
        for tree in trees:
            env = {**os.environ, "PYTHONPATH": str(tree)}
            process = subprocess.Popen(
                [sys.executable, "-c", STREAMS_PROCESS, url, str(args.streams)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
                cwd=tree,
            )
            assert json.loads(process.stdout.readline())["ready"]
            processes.append(process)
        rows: dict[Path, list[float]] = {tree: [] for tree in trees}
        try:
            for round_ in range(args.rounds):
                for tree, process in zip(trees, processes, strict=True):
                    # every tree's process listens all along (the same machine load for each); one is measured
                    process.stdin.write("start\n")
                    process.stdin.flush()
                    json.loads(process.stdout.readline())
                    sent = publish(client, args.rate, args.seconds)
                    process.stdin.write("stop\n")
                    process.stdin.flush()
                    result = json.loads(process.stdout.readline())
                    per_event = result["cpu"] / sent * 1e6
                    rows[tree].append(per_event)
                    print(
                        f"round {round_ + 1} {tree}: {sent} events, {per_event:.2f} µs CPU an event, "
                        f"{result['received']} deliveries to {args.streams} streams",
                        flush=True,
                    )
        finally:
            for process in processes:
                process.stdin.close()
                process.wait(10)
    print("\nmedians (ranges), µs of the streams' process CPU per event published:")
    for tree in trees:
        values = rows[tree]
        print(f"  {tree}: {statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})")


if __name__ == "__main__":
    main()
