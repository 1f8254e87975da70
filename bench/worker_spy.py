"""Where one gunicorn worker's CPU goes under wrk: py-spy on a single gevent worker pinned to one core.

    .venv/bin/python bench/worker_spy.py [--seconds 15] [--tree PATH]

The helpline runs as the Procfile starts it, with one worker (WEB_CONCURRENCY=1) pinned to core 0 by taskset, so a
sample is the worker's own time and not a wait for a core; wrk, Redis and the master share core 1. After a 5 s warm-up
wrk drives the benchmark's signed traffic (bench/traffic.py) while py-spy samples the worker at 200 Hz (raw stacks).
Prints, per request answered, the samples' time by file of the innermost frame (leaf) and by function anywhere on
the stack (inclusive). py-spy only samples a running worker, so its totals are below what /proc counts
(bench/worker_cpu.py); compare the shares, not the sums. Needs py-spy (`pip install py-spy`) and wrk.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import loadgen, servers, traffic  # noqa: E402

RATE = 200  # samples a second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--tree", type=Path, default=REPO, help="a helpline checkout (default: this one)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--baseline", action="store_true", help="profile the bare baseline instead (same units)")
    parser.add_argument("--dashboards", type=int, default=0, help="dashboards' event streams held open meanwhile")
    parser.add_argument("--keep", type=Path, help="copy py-spy's raw stacks here")
    args = parser.parse_args()
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists() or loadgen.ensure_wrk() is None:
        raise SystemExit("needs py-spy and wrk")
    tree = args.tree.resolve()
    with tempfile.TemporaryDirectory() as scratch, servers.private_redis() as (redis_url, _):
        workdir = Path(scratch)
        port = servers.free_port()
        env = servers.environment(redis_url, f"http://127.0.0.1:{port}", traffic.TOKEN, workdir / "instance")
        env["PYTHONPATH"], env["WEB_CONCURRENCY"] = str(tree), "1"
        app = servers.BASELINE_APP if args.baseline else None
        argv = ["taskset", "-c", "0", *servers.procfile_web(port, app, tree=tree)]  # its own gunicorn settings
        if args.dashboards:
            servers.add_counselor(env)
        with servers.gunicorn(argv, env, port, cwd=tree) as master:
            streams = servers.open_dashboards(port, args.dashboards, servers.log_in(port)) if args.dashboards else []
            children = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True, check=True)
            worker = children.stdout.split()[0]
            requests = traffic.build(f"http://127.0.0.1:{port}/twilio/inbound", 8000 * args.seconds, label="spy")
            path = workdir / "requests.txt"
            traffic.write_wrk_file(requests, path)
            loadgen.wrk(port, path, seconds=5, connections=args.connections)  # warm-up: imports, caches
            output = workdir / "stacks.txt"
            sampler = subprocess.Popen(
                [spy, "record", "--pid", worker, "--rate", str(RATE), "--duration", str(args.seconds)]
                + ["--format", "raw", "--output", str(output), "--nonblocking"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            result = loadgen.wrk(port, path, seconds=args.seconds + 1, connections=args.connections)
            sampler.wait()
            stacks = output.read_text().splitlines()
            if args.keep:
                shutil.copy(output, args.keep)
            for stream in streams:
                stream.close()
    report(stacks, max(1, result["requests"]), args.top)


def report(stacks: list[str], requests: int, top: int) -> None:
    leaf: collections.Counter[str] = collections.Counter()
    inclusive: collections.Counter[str] = collections.Counter()
    total = skipped = 0
    for line in stacks:
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():  # a line py-spy cut short (seen once in round 28): not a sample
            skipped += 1
            continue
        samples = int(count)
        total += samples
        frames = stack.split(";")
        innermost = frames[-1]
        where = innermost.split("(")[-1].split(":")[0] if "(" in innermost else innermost
        leaf[where.split("site-packages/")[-1].replace(str(REPO) + "/", "")] += samples
        for name in {frame.split(" (")[0] for frame in frames}:
            inclusive[name] += samples
    per_request = 1e6 / RATE / requests  # µs per request that one sample stands for
    print(f"{requests:,} requests, {total:,} samples: {total * per_request:,.0f} µs of samples per request")
    if skipped:
        print(f"({skipped} malformed lines of py-spy's output skipped)")
    print("\nleaf, by file (µs per request):")
    for name, samples in leaf.most_common(top):
        print(f"  {samples * per_request:7.1f}  {name}")
    print("\ninclusive, by function (µs per request):")
    for name, samples in inclusive.most_common(top * 2):
        print(f"  {samples * per_request:7.1f}  {name}")


if __name__ == "__main__":
    main()
