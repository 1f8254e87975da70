"""Two trees' engines in one process, each message decided by both back to back: a paired A/B.

    PYTHONPATH=. .venv/bin/python bench/paired_engine.py BEFORE_TREE AFTER_TREE [--corpus] [--passes 5]

Separate runs of `bench/engine_speed.py` move by a third on a shared machine (other jobs, the host's
load), more than most steps change, so a step is measured here instead: both trees' `helpline`
packages are imported into this one process (each under its own copy of `sys.modules`, so their
caches, knowledge and classes stay separate), and every body of the benchmark is decided by one tree
and then the other, the order alternating from one call to the next. Whatever the machine does
weighs on both alike. Run it with the same tree twice first (an A/A run): its ratio says how fair
the harness is. On round 12's machine the tree loaded second came out 2-4% faster in A/A runs, so
`--both-orders` runs the pair again with the trees loaded the other way round (a second process) and
gives the ratio with that bias taken out: the geometric mean of the two runs' ratios, the second inverted.

The bodies are those of `bench/engine_speed.py` (the default: the traffic pools, every pass, a new
and a known texter; with --corpus: the corpus's single texts, the last 3,000 timed once each after
the others warmed the caches), taken from this checkout's `bench` for both trees. Each tree's
replies are compared too: a step must not change what is answered.

A tree is a directory holding `helpline/`, `messages/` and `locale/` (a `git archive` of a commit
unpacked, or a worktree).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import traffic  # noqa: E402
from bench.score_detection import read_rows  # noqa: E402


@dataclass
class Tree:
    """One tree's engine, knowledge and states, loaded under its own modules."""

    root: Path
    engine: ModuleType
    knowledge: Any
    states: tuple[Any, Any]


def _load(root: Path, tenfold: bool) -> Tree:
    """Import `helpline` from `root` with no other tree's modules in `sys.modules`, then set them aside."""
    for name in [n for n in sys.modules if n == "helpline" or n.startswith("helpline.")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        engine = importlib.import_module("helpline.engine")
        knowledge = importlib.import_module("helpline.knowledge").Knowledge.load()
        if tenfold:
            from bench.engine_speed import _tenfold

            knowledge = _tenfold(knowledge)
        assert Path(engine.__file__).resolve().is_relative_to(root.resolve()), engine.__file__
    finally:
        sys.path.remove(str(root))
    states = (engine.TexterState(), engine.TexterState(known=True, language="en"))
    return Tree(root, engine, knowledge, states)


def _outcome(decision: Any) -> str:
    """What a decision says (replies, language, topic, actions, match), as text: the two trees' classes differ."""
    return repr(decision)


def run(before: Path, after: Path, corpus: bool, passes: int, tenfold: bool, cpu: int | None) -> dict:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    trees = [_load(before, tenfold), _load(after, tenfold)]
    if corpus:
        folder = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "batches"
        texts = {(r.language, r.text): None for p in sorted(folder.glob("batch-*.tsv")) for r in read_rows(p)}
        ordered = list(texts)
        random.Random(7).shuffle(ordered)
        calls = [(language, body, 0, index >= len(ordered) - 3000) for index, (language, body) in enumerate(ordered)]
        senders = {language: traffic.address(language, 1) for language, _ in ordered}
        calls = [(senders[language], body, state, timed) for language, body, state, timed in calls]
    else:
        pools = traffic.texts()
        bodies = [(t.language, t.body) for ts in pools.values() for t in ts]
        addressed = [(traffic.address(language, i), body) for i, (language, body) in enumerate(bodies)]
        calls = [(texter, body, 0, False) for texter, body in addressed[:50]]  # warm-up, as engine_speed
        for _ in range(passes):
            calls += [(texter, body, state, True) for texter, body in addressed for state in (0, 1)]
    gc.collect()
    gc.freeze()
    clock = time.perf_counter_ns
    timings: list[list[int]] = [[], []]
    differ = 0
    for number, (texter, body, state, timed) in enumerate(calls):
        order = (0, 1) if number % 2 == 0 else (1, 0)
        outcomes = ["", ""]
        for side in order:
            tree = trees[side]
            message = tree.engine.Inbound(message_sid=f"SM{number}", texter=texter, body=body)
            begun = clock()
            decision = tree.engine.decide(message, tree.states[state], tree.knowledge, now=1e9)
            spent = clock() - begun
            if timed:
                timings[side].append(spent)
            outcomes[side] = _outcome(decision)
        differ += outcomes[0] != outcomes[1]
    a, b = (statistics.median(t) / 1000 for t in timings)
    p99 = [sorted(t)[int(len(t) * 0.99)] / 1000 for t in timings]
    return {
        "before": str(before),
        "after": str(after),
        "texts": "corpus" if corpus else "traffic pools" + (" x10 phrases" if tenfold else ""),
        "timed_calls": len(timings[0]),
        "before_median_us": round(a, 2),
        "after_median_us": round(b, 2),
        "ratio": round(b / a, 3),
        "before_p99_us": round(p99[0], 1),
        "after_p99_us": round(p99[1], 1),
        "decisions_differ": differ,
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--corpus", action="store_true")
    parser.add_argument("--phrases-x10", action="store_true")
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--cpu", type=int, help="pin this process to one core")
    parser.add_argument("--both-orders", action="store_true", help="also load the trees the other way round")
    args = parser.parse_args()
    first = run(args.before, args.after, args.corpus, args.passes, args.phrases_x10, args.cpu)
    if not args.both_orders:
        print(json.dumps(first))
        return
    again = [sys.executable, __file__, str(args.after), str(args.before), "--passes", str(args.passes)]
    again += ["--corpus"] * args.corpus + ["--phrases-x10"] * args.phrases_x10
    again += ["--cpu", str(args.cpu)] if args.cpu is not None else []
    second = json.loads(subprocess.run(again, check=True, capture_output=True, text=True).stdout)
    print(json.dumps(first))
    print(json.dumps(second))
    before = (first["before_median_us"] + second["after_median_us"]) / 2
    after = (first["after_median_us"] + second["before_median_us"]) / 2
    ratio = math.sqrt(first["ratio"] / second["ratio"])
    combined = {"before_median_us": round(before, 1), "after_median_us": round(after, 1), "ratio": round(ratio, 3)}
    print(json.dumps(combined))


if __name__ == "__main__":
    main()
