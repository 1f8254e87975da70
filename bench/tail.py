"""The latency tail at a fixed offered rate, A/B between helpline trees, many short runs each.

    .venv/bin/python bench/tail.py --rate 2300                          # this checkout, 6 runs of 10 s
    .venv/bin/python bench/tail.py --rate 2300 --tree /tmp/old --tree . # two trees, alternating
    .venv/bin/python bench/tail.py --rate 1800 --client asyncio --client epoll   # two clients, alternating

Why: bench/webhook.py measures the p99 at half the bare maximum once a run, and on this 2-core machine one
stall of a few hundred milliseconds (a worker's collector, the machine's other work) moves that single p99 from
15 to 80 ms. Whether a change shortens the tail needs several runs of each tree, alternated so the machine's
other work weighs on both alike. Servers are started as bench/worker_cpu.py starts them (each tree's own
Procfile, one private Redis, a database per tree, the same requests in the same order); each run is
bench/loadgen.py's open-loop client at `--rate` (measured from each request's due time). Prints each run's
p50 / p95 / p99 / max and, per tree, the median p99 and how many runs met `--target` ms.
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

from bench import loadgen, redis_stats, servers, traffic  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", type=Path, help="a helpline checkout (default: this one)")
    parser.add_argument("--rate", type=float, required=True, help="offered requests a second")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--target", type=float, default=25.0, help="p99 target in ms")
    parser.add_argument("--nice", type=int, default=-10)
    parser.add_argument(
        "--client",
        action="append",
        help="the constant-rate client, one of loadgen.CLIENTS (default epoll), with ':N' to run one in its own "
        "process N nicer than the servers (epoll:19); several alternate, each on every tree",
    )
    parser.add_argument(
        "--redis-nice",
        type=int,
        action="append",
        help="Redis this much nicer than the servers for a run (negative: ahead of them); several alternate",
    )
    args = parser.parse_args()
    clients = args.client or ["epoll"]
    redis_nices = args.redis_nice or [0]
    trees = [path.resolve() for path in (args.tree or [REPO])]
    servers.raise_priority(args.nice)
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="helpline-tail-")))
        redis_url, client = stack.enter_context(servers.private_redis())
        ports: list[int] = []
        for number, tree in enumerate(trees):
            port = servers.free_port()
            env = servers.tree_environment(tree, redis_url, number, port, traffic.TOKEN, workdir / f"tree{number}")
            stack.enter_context(servers.gunicorn(servers.procfile_web(port, tree=tree), env, port, cwd=tree))
            ports.append(port)
        redis_pid = int(client.info("server")["process_id"])
        own_nice = os.getpriority(os.PRIO_PROCESS, 0)
        variants = [(name, redis_nice) for name in clients for redis_nice in redis_nices]
        runs = [(number, *variant) for number in range(len(trees)) for variant in variants]
        p99s: dict[tuple[int, str, int], list[float]] = {run: [] for run in runs}
        cpus: dict[tuple[int, str, int], list[float]] = {run: [] for run in runs}
        for round_ in range(args.rounds + 1):  # round 0 warms up (imports, caches, connections)
            for number, client_name, redis_nice in runs:
                port = ports[number]
                url = f"http://127.0.0.1:{port}/twilio/inbound"
                label = f"t{round_}c{variants.index((client_name, redis_nice))}"
                requests = traffic.build(url, int(args.rate * args.seconds) + 1, label=label)
                os.setpriority(os.PRIO_PROCESS, redis_pid, own_nice + redis_nice)
                redis_stats.quiesce(client)
                kind, _, nice = client_name.partition(":")
                result = loadgen.constant_rate(
                    port, requests, rate=args.rate, seconds=args.seconds, client=kind, client_nice=int(nice or 0)
                )
                if round_ > 0:
                    p99s[number, client_name, redis_nice].append(result["p99_ms"])
                    cpus[number, client_name, redis_nice].append(result["client_cpu_us_per_request"])
                print(
                    f"{'warm-up' if round_ == 0 else f'round {round_}'} {trees[number]} [{client_name}"
                    f"{f', Redis nice {redis_nice:+d}' if redis_nice else ''}]: "
                    f"{result['per_second']:,.0f} req/s, p50 {result['p50_ms']:.1f} / p95 {result['p95_ms']:.1f} / "
                    f"p99 {result['p99_ms']:.1f} / max {result['max_ms']:.0f} ms, errors {result['errors']}, "
                    f"unanswered {result.get('unanswered', 0)}, client {result['client_cpu_us_per_request']:.0f} "
                    f"(sys {result['client_system_us_per_request']:.0f}) "
                    f"µs CPU a request, lag p99 {result['client_lag_p99_ms']:.2f} ms"
                    + (f", p99 to arrival {result['arrived_p99_ms']:.1f} ms" if "arrived_p99_ms" in result else ""),
                    flush=True,
                )
        print(
            f"\nper tree and client at {args.rate:,.0f} req/s: median p99 (range), runs with p99 <= {args.target:g} ms"
        )
        for number, client_name, redis_nice in runs:
            values = p99s[number, client_name, redis_nice]
            met = sum(value <= args.target for value in values)
            print(
                f"  {trees[number]} [{client_name}{f', Redis nice {redis_nice:+d}' if redis_nice else ''}]: "
                f"{statistics.median(values):.1f} ms ({min(values):.1f}-{max(values):.1f}), {met} of {len(values)}; "
                f"client CPU {statistics.median(cpus[number, client_name, redis_nice]):.0f} µs a request"
            )


if __name__ == "__main__":
    main()
