"""The collector's young generations while `Helpline.answer` runs in-process under gevent, trees A/B.

    PYTHONPATH=. .venv/bin/python bench/young_gen.py --tree /tmp/start --tree . --repeats 3 [--probe]

Why: the twenty-seventh look found young collections of 5-24 ms of CPU made by caches that churn (each miss stores
new objects and evicts old ones, so CPython's count of allocations less deallocations stays low while the young
list grows). One process per run (pinned to one core, Redis to the other) answers the benchmark's parsed traffic
with 32 greenlets, as bench/answer_cpu.py does, after a warm-up and the gunicorn hook's `gc.collect` / `gc.freeze`
/ thresholds; a `gc.callbacks` hook times every collection (`time.thread_time`). It prints each run's CPU per
message, the collections by generation (count, largest and total CPU), and every `functools.lru_cache` of the
tree's helpline modules that the measured phase hit or missed (hits, misses). With --probe each collection also
counts the objects in the generations it collects (`gc.get_objects`, which costs time itself: read sizes, not CPU,
from such a run) and the largest probe's ten commonest types.
The trees alternate (A, B, A, B, ...), each run in a fresh database.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def child(args: argparse.Namespace) -> None:
    from gevent import monkey

    monkey.patch_all()
    import functools
    import gc

    sys.path.insert(0, str(REPO))
    from bench.answer_cpu import tree_helpline

    with tree_helpline(args, "helpline-young-") as run:
        from helpline import gunicorn_config  # the tree's own, imported by tree_helpline's path

        gunicorn_config.post_worker_init(None)  # as a worker: collect, freeze, the full-pass threshold

        caches = {}
        for name, module in list(sys.modules.items()):
            if not (name == "helpline" or name.startswith("helpline.")):
                continue
            for attr, value in vars(module).items():
                if isinstance(value, functools._lru_cache_wrapper) and getattr(value, "__module__", name) == name:  # noqa: SLF001
                    caches[f"{name}.{attr}"] = value
        cache_before = {name: cache.cache_info() for name, cache in caches.items()}

        collections_seen: list[tuple[int, float, int]] = []
        probe_types: list[tuple[int, collections.Counter]] = []
        started = [0.0, 0]

        def on_gc(phase: str, info: dict) -> None:
            if phase == "start":
                size = 0
                if args.probe:
                    objects = [o for g in range(info["generation"] + 1) for o in gc.get_objects(g)]
                    size = len(objects)
                    if not probe_types or size > probe_types[0][0]:
                        probe_types[:] = [(size, collections.Counter(type(o).__name__ for o in objects))]
                    del objects
                started[0] = time.thread_time()
                started[1] = size
            else:
                collections_seen.append((info["generation"], time.thread_time() - started[0], started[1]))

        gc.callbacks.append(on_gc)
        before = time.process_time()
        run.answer_all(run.measured)
        spent = time.process_time() - before
        gc.callbacks.remove(on_gc)
        cache_after = {name: cache.cache_info() for name, cache in caches.items()}

    result: dict = {"client_us": spent / args.messages * 1e6, "gens": {}, "caches": {}}
    for generation in range(3):
        times = [t for g, t, _ in collections_seen if g == generation]
        sizes = [s for g, _, s in collections_seen if g == generation]
        result["gens"][generation] = {
            "n": len(times),
            "max_ms": max(times, default=0) * 1e3,
            "total_ms": sum(times) * 1e3,
            "over_2ms": sum(t > 0.002 for t in times),
            "max_objects": max(sizes, default=0),
        }
    result["gc_ms"] = sum(t for _, t, _ in collections_seen) * 1e3
    for name, info in cache_after.items():
        hits = info.hits - cache_before[name].hits
        misses = info.misses - cache_before[name].misses
        if hits or misses:
            result["caches"][name] = [hits, misses, info.currsize, info.maxsize]
    if probe_types:
        result["largest_probe"] = [probe_types[0][0], probe_types[0][1].most_common(10)]
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", action="append", type=Path, help="a helpline checkout (default: this one)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--messages", type=int, default=9_000)
    parser.add_argument("--warmup", type=int, default=3_000)
    parser.add_argument("--greenlets", type=int, default=32)
    parser.add_argument("--probe", action="store_true", help="count the objects each collection walks")
    parser.add_argument("--client-core", default="0")
    parser.add_argument("--redis-core", default="1")
    parser.add_argument("--nice", type=int, default=-10)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--redis-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.tree = args.tree[0].resolve()
        child(args)
        return
    sys.path.insert(0, str(REPO))
    from bench.servers import raise_priority

    raise_priority(args.nice)
    from bench.answer_cpu import alternate_children

    def report(repeat: int, tree: Path, row: dict) -> None:  # type: ignore[type-arg]
        gens = row["gens"]
        print(
            f"repeat {repeat + 1} {tree}: {row['client_us']:.1f} µs a message, "
            f"collector {row['gc_ms']:.1f} ms; "
            + "; ".join(
                f"gen{g} {v['n']} max {v['max_ms']:.2f} ms" + (f" / {v['max_objects']} objects" if args.probe else "")
                for g, v in gens.items()
            )
            + f" (load {os.getloadavg()[0]:.1f})",
            flush=True,
        )

    trees = [path.resolve() for path in (args.tree or [REPO])]
    rows = alternate_children(args, Path(__file__), trees, ["--probe"] if args.probe else [], report)
    print("\nmedians (ranges):")
    for tree in trees:
        runs = rows[tree]
        cpu = [run["client_us"] for run in runs]
        gc_ms = [run["gc_ms"] for run in runs]
        print(
            f"  {tree}: {statistics.median(cpu):.1f} µs a message ({min(cpu):.1f}-{max(cpu):.1f}), "
            f"collector {statistics.median(gc_ms):.1f} ms ({min(gc_ms):.1f}-{max(gc_ms):.1f})"
        )
        for g in ("0", "1", "2"):
            maxima = [run["gens"][g]["max_ms"] for run in runs]
            sizes = [run["gens"][g]["max_objects"] for run in runs]
            print(
                f"    gen{g}: largest {min(maxima):.2f}-{max(maxima):.2f} ms"
                + (f", {min(sizes)}-{max(sizes)} objects" if any(sizes) else "")
            )
        for name, (hits, misses, size, maxsize) in runs[-1]["caches"].items():
            print(f"    {name}: {hits} hits, {misses} misses ({hits / (hits + misses):.0%}), {size}/{maxsize}")
        if "largest_probe" in runs[-1]:
            print(f"    largest probe: {runs[-1]['largest_probe']}")


if __name__ == "__main__":
    main()
