"""CPU per message of `Helpline.answer` in-process, under gevent, trees A/B: the webhook's work without Flask or wrk.

    PYTHONPATH=. .venv/bin/python bench/answer_cpu.py --tree /tmp/main --tree . --repeats 3
    PYTHONPATH=. .venv/bin/python bench/answer_cpu.py --tree /tmp/main --tree . --rate 600   # paced arrivals

Why: under gunicorn (bench/worker_cpu.py) a request's CPU includes Flask, the signature check and the socket to wrk,
and the machine's other jobs move it by a tenth between runs; the state code's share is a few µs a line. Here one
process per run (pinned to one core with taskset, Redis pinned to the other) answers the benchmark's parsed traffic
with 32 greenlets calling `Helpline.answer` (group commit on, as in a gevent worker), after a warm-up, and reads:
its own CPU (`process_time`) per message; Redis's CPU (INFO: commands and networking) and its read events (one per
round trip) per message; then, one message at a time, the commands (a script's included), round trips and scripts
per message of each kind.
With --rate the measured messages arrive at that many a second instead (each answered by a greenlet of its own,
started at its due time, the collector's settings as a gunicorn worker's): at the tail target's rates a worker's
requests seldom overlap, so nearly every Batch is a round trip of its own, and what a round trip costs the client
weighs more than under the 32 busy greenlets (bench/PROFILE.md, "Twenty-eighth look").
The trees alternate (A, B, A, B, ...), each run in a fresh database of one Redis server, so both see the same
machine; medians of the repeats are printed, and every run's row. Each tree's own `helpline` is imported (its folder
first on the path); the traffic and this script are this checkout's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def tree_helpline(args: argparse.Namespace, prefix: str) -> Iterator[InProcess]:
    """`args.tree`'s helpline built in this (gevent-patched) process against `args.redis_url`, flushed first, with
    the benchmark's traffic parsed for `args.warmup + args.messages` messages and the warm-up answered. Shared by
    this script and bench/young_gen.py: the same set-up, so their figures compare."""
    import gevent
    import redis

    sys.path.insert(0, str(REPO))
    from bench import traffic  # this checkout's traffic, whichever tree is measured

    sys.path.insert(0, str(args.tree))
    for name in [name for name in sys.modules if name == "helpline" or name.startswith("helpline.")]:
        del sys.modules[name]
    from helpline import wiring
    from helpline.channels.twilio import parse_inbound

    assert Path(sys.modules["helpline"].__file__ or "").is_relative_to(args.tree)  # noqa: S101 - the tree's own code
    client = redis.Redis.from_url(args.redis_url, decode_responses=True)
    client.flushdb()
    with tempfile.TemporaryDirectory(prefix=prefix) as instance:
        settings = wiring.load_settings(
            {
                "REDIS_URL": args.redis_url,
                "TWILIO_AUTH_TOKEN": traffic.TOKEN,
                "SECRET_KEY": "bench-secret-" + "b" * 32,
                "HELPLINE_TEXTER_KEY": "bench-texter-" + "t" * 32,
                "HELPLINE_INSTANCE_PATH": instance,
            }
        )
        helpline = wiring.build(settings).helpline
        url = "http://127.0.0.1/twilio/inbound"
        requests = traffic.build(url, args.warmup + args.messages, label="a")
        inbounds = [parse_inbound(request.form) for request in requests]

        def answer_all(items: list) -> None:  # type: ignore[type-arg]
            position = iter(items)

            def run() -> None:
                for inbound in position:
                    helpline.answer(inbound)

            gevent.joinall([gevent.spawn(run) for _ in range(args.greenlets)], raise_error=True)

        answer_all(inbounds[: args.warmup])
        yield InProcess(helpline, client, inbounds[args.warmup :], answer_all, url, traffic, parse_inbound)


class InProcess(NamedTuple):
    helpline: Any
    client: Any
    measured: list  # type: ignore[type-arg]  # the inbound messages after the warm-up
    answer_all: Callable[[list], None]  # type: ignore[type-arg]
    url: str
    traffic: Any
    parse_inbound: Any


def child(args: argparse.Namespace) -> None:
    """One run: this process answers the traffic with `args.tree`'s helpline and prints its figures as JSON."""
    from gevent import monkey

    monkey.patch_all()
    with tree_helpline(args, "helpline-answer-") as run:
        helpline, client, url = run.helpline, run.client, run.url
        traffic, parse_inbound = run.traffic, run.parse_inbound
        if args.rate:
            _as_a_worker()
        before = (time.process_time(), _redis_counters(client))
        if args.rate:
            paced(helpline, run.measured, args.rate)
        else:
            run.answer_all(run.measured)
        after = (time.process_time(), _redis_counters(client))
        result = {
            "client_us": (after[0] - before[0]) / args.messages * 1e6,
            "redis_us": (after[1][0] - before[1][0]) / args.messages * 1e6,
            "round_trips": (after[1][1] - before[1][1] - 1) / args.messages,
            "commands": (after[1][2] - before[1][2] - 1) / args.messages,
            "kinds": {},
        }
        # one message at a time, in the traffic's order (retries follow their originals): by kind, the commands
        # (those a script runs included), round trips and scripts, less the one INFO between two messages
        sums: dict[str, list[float]] = {}
        counts = _redis_counters(client)
        for request in traffic.build(url, args.probe, label="p"):
            helpline.answer(parse_inbound(request.form))
            later = _redis_counters(client)
            figures = sums.setdefault(request.kind, [0, 0, 0, 0])
            figures[0] += 1
            figures[1] += later[1] - counts[1] - 1
            figures[2] += later[2] - counts[2] - 1
            figures[3] += later[4] - counts[4]
            counts = later
        result["kinds"] = {
            kind: {"messages": n, "round_trips": trips / n, "commands": commands / n, "scripts": scripts / n}
            for kind, (n, trips, commands, scripts) in sums.items()
        }
    print(json.dumps(result))


def paced(helpline: Any, inbounds: list, rate: float) -> None:  # type: ignore[type-arg]
    """Each message answered by a greenlet of its own, started at its due time (`rate` a second, from now)."""
    import gevent

    started = time.monotonic()
    greenlets = []
    for number, inbound in enumerate(inbounds):
        wait = started + number / rate - time.monotonic()
        if wait > 0:
            gevent.sleep(wait)
        greenlets.append(gevent.spawn(helpline.answer, inbound))
    gevent.joinall(greenlets, raise_error=True)


def _as_a_worker() -> None:
    """The collector as the gunicorn hook leaves it in a worker (helpline.gunicorn_config.post_worker_init)."""
    import gc

    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1000)


def alternate_children(
    args: argparse.Namespace,
    script: Path,
    trees: list[Path],
    extra: list[str],
    report: Callable[[int, Path, dict], None],  # type: ignore[type-arg]
) -> dict[Path, list[dict]]:  # type: ignore[type-arg]
    """Run `script --child` for each tree in turn (A, B, A, B, ...), `args.repeats` times, each run pinned to
    `args.client_core` in a fresh database of one private Redis pinned to `args.redis_core`; every child prints its
    figures as one JSON line, handed to `report` as it comes. Shared by this script and bench/young_gen.py."""
    from tests.redis_server import free_port, redis_server_binary

    port = free_port()
    server = subprocess.Popen(
        ["taskset", "-c", args.redis_core, redis_server_binary(), "--port", str(port), "--bind", "127.0.0.1"]
        + ["--save", "", "--appendonly", "no", "--databases", "32"],
        stdout=subprocess.DEVNULL,
    )
    rows: dict[Path, list[dict]] = {tree: [] for tree in trees}  # type: ignore[type-arg]
    try:
        time.sleep(0.5)
        for repeat in range(args.repeats):
            for number, tree in enumerate(trees):
                command = [
                    "taskset",
                    "-c",
                    args.client_core,
                    sys.executable,
                    str(script),
                    "--child",
                    "--tree",
                    str(tree),
                ]
                command += ["--redis-url", f"redis://127.0.0.1:{port}/{number}", "--messages", str(args.messages)]
                command += ["--warmup", str(args.warmup), "--greenlets", str(args.greenlets), *extra]
                env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
                out = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True, check=False)
                if out.returncode != 0:
                    raise SystemExit(out.stderr[-3000:])
                row = json.loads(out.stdout.strip().splitlines()[-1])
                rows[tree].append(row)
                report(repeat, tree, row)
    finally:
        server.terminate()
        server.wait()
    return rows


def _redis_counters(client) -> tuple[float, int, int, int, int]:  # type: ignore[no-untyped-def]
    """Redis's CPU seconds, read events, commands, command time (µs, INFO itself left out) and EVALSHA calls."""
    info = client.info("all")
    usec = sum(int(v["usec"]) for k, v in info.items() if k.startswith("cmdstat_") and k != "cmdstat_info")
    scripts = int(info.get("cmdstat_evalsha", {}).get("calls", 0))
    return (
        float(info["used_cpu_user"]) + float(info["used_cpu_sys"]),
        int(info["total_reads_processed"]),
        int(info["total_commands_processed"]),
        usec,
        scripts,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", type=Path, help="a helpline checkout (default: this one)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=2_000)
    parser.add_argument("--greenlets", type=int, default=32)
    parser.add_argument("--probe", type=int, default=1500, help="messages answered one at a time, counted by kind")
    parser.add_argument("--rate", type=float, help="the measured messages arrive at this many a second (paced)")
    parser.add_argument("--client-core", default="0")
    parser.add_argument("--redis-core", default="1")
    parser.add_argument("--nice", type=int, default=-10, help="raise this run's priority (as bench/webhook.py does)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--redis-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.tree = args.tree[0].resolve()
        child(args)
        return
    sys.path.insert(0, str(REPO))
    from bench.servers import raise_priority

    raise_priority(args.nice)  # the children and Redis inherit it

    def report(repeat: int, tree: Path, row: dict) -> None:  # type: ignore[type-arg]
        print(
            f"repeat {repeat + 1} {tree}: client {row['client_us']:.1f} µs, Redis {row['redis_us']:.1f} µs, "
            f"{row['round_trips']:.3f} round trips, {row['commands']:.2f} commands a message "
            f"(load {os.getloadavg()[0]:.1f})",
            flush=True,
        )

    trees = [path.resolve() for path in (args.tree or [REPO])]
    extra = ["--probe", str(args.probe)] + (["--rate", repr(args.rate)] if args.rate else [])
    rows = alternate_children(args, Path(__file__), trees, extra, report)
    print("\nmedians (ranges):")
    for tree in trees:
        runs = rows[tree]
        line = []
        for name in ("client_us", "redis_us", "round_trips", "commands"):
            values = [run[name] for run in runs]
            line.append(f"{name} {statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})")
        print(f"  {tree}: " + ", ".join(line))
        last = runs[-1]["kinds"]
        for kind, figures in last.items():
            print(
                f"    {kind:10} ({figures['messages']:4}): round trips {figures['round_trips']:.2f}, "
                f"commands {figures['commands']:.2f}, scripts {figures['scripts']:.2f}"
            )


if __name__ == "__main__":
    main()
