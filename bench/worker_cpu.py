"""CPU per request of the gunicorn workers under wrk: the bare baseline and one or more helpline trees, A/B.

    .venv/bin/python bench/worker_cpu.py                               # this checkout against the baseline
    .venv/bin/python bench/worker_cpu.py --tree /tmp/old --tree .      # two trees of the helpline, A/B
    .venv/bin/python bench/worker_cpu.py --dashboards 100              # each tree with 100 event streams open
    .venv/bin/python bench/worker_cpu.py --tree . --tree . --dashboards 100 --dashboards-on 2   # without / with
    .venv/bin/python bench/worker_cpu.py --tree /tmp/old --tree . --no-baseline --rate 1000        # at a paced rate

Throughput on a shared 2-core machine moves with whatever else runs; CPU time per request moves much less.
So this starts the servers as bench/webhook.py does (a private Redis, the Procfile's gunicorn command for each),
and then, in alternating slices (baseline, tree 1, tree 2, ... and again), drives each with wrk over the
benchmark's signed traffic and reads from /proc the CPU its gunicorn workers used, and from Redis's INFO the
server's CPU (commands and networking), each divided by the requests answered. Every tree runs from its own
folder (PYTHONPATH and working directory), against the same Redis server; the load generator and this script
are this checkout's. Each tree has a database of its own on that Redis and gets the same requests in the same
order, so its texters are at the same point of their history as the other trees'. Prints one row per slice and
the medians per server.

With --rate the slices are driven by the open-loop client (bench/openloop.py) at that many requests a second instead
of wrk's 32 busy connections: the CPU a request costs at the offered rate the tail target names, where fewer
requests share each of the group commit's round trips than at the maximum (its per-round-trip costs weigh more).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import redis  # noqa: E402

from bench import loadgen, redis_stats, servers, traffic  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def workers_cpu_seconds(master: int) -> float:
    """User + system CPU of the gunicorn master's children (its workers), from /proc."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == master:  # fields[1] is the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def redis_counters(client: redis.Redis) -> tuple[float, int]:
    """Redis's CPU seconds (commands and networking) and its read events (one per round trip a client waited on)."""
    info = client.info("all")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"]), int(info["total_reads_processed"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", type=Path, help="a helpline checkout (default: this one)")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--nice", type=int, default=-10)
    parser.add_argument("--dashboards", type=int, default=0, help="event streams held open on each helpline tree")
    parser.add_argument(
        "--dashboards-on", type=int, action="append", help="only on these trees (1 = the first --tree); default all"
    )
    parser.add_argument("--rate", type=float, help="drive each slice at this many requests a second (open loop)")
    parser.add_argument(
        "--unique-texts", action="store_true", help="every question and emergency a text no cache has seen"
    )
    args = parser.parse_args()
    trees = [path.resolve() for path in (args.tree or [REPO])]
    if loadgen.ensure_wrk() is None:
        raise SystemExit("wrk is needed")
    servers.raise_priority(args.nice)
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="helpline-cpu-")))
        redis_url, client = stack.enter_context(servers.private_redis())
        names = ([] if args.no_baseline else ["baseline"]) + [f"tree{i + 1}" for i in range(len(trees))]
        masters: dict[str, tuple[int, int]] = {}  # name -> (port, master pid)
        for name in names:
            port = servers.free_port()
            cwd = REPO if name == "baseline" else trees[int(name.removeprefix("tree")) - 1]
            env = servers.tree_environment(cwd, redis_url, len(masters), port, traffic.TOKEN, workdir / name)
            if name == "baseline":
                argv = servers.procfile_web(port, servers.BASELINE_APP)
            else:
                argv = servers.procfile_web(port, tree=cwd)
            streams_here = name != "baseline" and args.dashboards > 0
            if streams_here and args.dashboards_on:
                streams_here = int(name.removeprefix("tree")) in args.dashboards_on
            if streams_here:
                servers.add_counselor(env)
            process = stack.enter_context(servers.gunicorn(argv, env, port, cwd=cwd))
            masters[name] = (port, process.pid)
            if streams_here:
                streams = servers.open_dashboards(port, args.dashboards, servers.log_in(port))
                stack.callback(lambda streams=streams: [stream.close() for stream in streams])
                print(f"{name}: {sum(s.connected.is_set() for s in streams)} dashboards open", flush=True)
        rows: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in names}
        for round_ in range(args.rounds + 1):  # round 0 warms up (imports, caches, connections)
            for name in names:
                port, master = masters[name]
                url = f"http://127.0.0.1:{port}/twilio/inbound"
                count = int(args.seconds * (args.rate + 1 if args.rate else 4000))
                requests = traffic.build(url, count, label=f"c{round_}", unique_texts=args.unique_texts)
                path = workdir / f"req-{name}-{round_}.txt"
                traffic.write_wrk_file(requests, path)
                redis_stats.quiesce(client)
                cpu0, (redis0, reads0) = workers_cpu_seconds(master), redis_counters(client)
                if args.rate:
                    result = loadgen.constant_rate(port, requests, rate=args.rate, seconds=args.seconds)
                else:
                    result = loadgen.wrk(port, path, seconds=args.seconds, connections=args.connections)
                cpu1, (redis1, reads1) = workers_cpu_seconds(master), redis_counters(client)
                done = max(1, result["requests"])
                row = (
                    result["per_second"],
                    (cpu1 - cpu0) / done * 1e6,
                    (redis1 - redis0) / done * 1e6,
                    max(0, reads1 - reads0 - 2) / done,  # less our own two INFO calls
                )
                if round_ > 0:
                    rows[name].append(row)
                print(
                    f"{'warm-up' if round_ == 0 else f'round {round_}'} {name}: {row[0]:,.0f} req/s, "
                    f"workers {row[1]:,.0f} µs/request, Redis {row[2]:,.0f} µs/request, "
                    f"{row[3]:.2f} round trips/request, errors {result['errors']}"
                    + (f", p99 {result['p99_ms']:.1f} ms" if args.rate else ""),
                    flush=True,
                )
        print("\nmedians (ranges):")
        for name in names:
            cols = list(zip(*rows[name], strict=True))
            labels = ("req/s", "workers µs/req", "Redis µs/req", "round trips/req")
            parts = [
                f"{label} {statistics.median(col):,.2f} ({min(col):,.2f}-{max(col):,.2f})"
                if label.startswith("round")
                else f"{label} {statistics.median(col):,.0f} ({min(col):,.0f}-{max(col):,.0f})"
                for label, col in zip(labels, cols, strict=True)
            ]
            where = "bench/baseline_app.py" if name == "baseline" else str(trees[int(name[-1]) - 1])
            print(f"  {name} ({where}): " + ", ".join(parts))
        if "baseline" in rows:
            for name in names[1:]:
                ratios = [row[0] / bare[0] for row, bare in zip(rows[name], rows["baseline"], strict=True)]
                print(f"  {name} / baseline, per round: " + ", ".join(f"{ratio:.2f}" for ratio in ratios))


if __name__ == "__main__":
    main()
