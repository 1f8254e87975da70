"""Speed of the emergency detector, against the session-start detector in the same run.

Run: .venv/bin/python bench/detector.py [--repeats 5] [--git-baseline 3470b37]

Messages: every text of tests/corpus/emergency.tsv and tests/corpus/batches/*.tsv
(all ten languages, short and long). For each detector, every message is read
`--repeats` times after a warm-up pass; a message's cost is its fastest run
(what the code costs, without the machine's other work: this box runs load
tests in parallel), and the raw single runs are reported too. Printed: median
and p99 over messages, and the ratio to the baseline.

Detectors:
- baseline: helpline/emergency.py as it was at the session start (commit
  3470b37: every phrase of every language scanned for every message), loaded
  from git into a throwaway module, on the same lexicon;
- now: emergency.assess, all languages loaded, context cues and model included;
- now, 10x phrases: the same on a lexicon where every phrase list of every
  language is ten times longer (nine made-up variants of each phrase, sharing
  its first word, the worst case for the first-word index).
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import engine_speed  # noqa: E402
from helpline import emergency  # noqa: E402
from helpline.knowledge import Knowledge, Lexicon  # noqa: E402

DANGER_SUFFIXES = (".phrases", ".keywords")


def corpus_texts() -> list[str]:
    texts = []
    paths = [ROOT / "tests/corpus/emergency.tsv", *sorted((ROOT / "tests/corpus/batches").glob("*.tsv"))]
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts.extend(row["text"] for row in reader if row.get("text"))
    return texts


def tenfold(knowledge: Knowledge) -> Lexicon:
    """A lexicon whose emergency lists are ten times longer, every variant sharing its phrase's first word."""
    catalogs = knowledge.catalogs
    contexts = [c for c in catalogs.content.messages if c.startswith("emergency.") and c.endswith(DANGER_SUFFIXES)]

    def variant(item: str, i: int, n: int, unspaced: bool) -> str:
        return "\u0e01\u0e32" * (1 + (i + n) % 3) if unspaced else f"zq{n}x{i % 97}"

    return Lexicon(engine_speed.grown_catalogs(catalogs, contexts, variant))


def baseline_detector(commit: str, lexicon: Lexicon) -> Callable[[str], object] | None:
    """The detector of `commit`, loaded from git (None when git or the commit is not there)."""
    try:
        source = subprocess.run(
            ["git", "show", f"{commit}:helpline/emergency.py"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location("baseline_emergency", handle.name)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
    except ImportError:
        return None  # it needs names the current tree no longer has
    return lambda text: module.assess(text, lexicon)


def measure(read: Callable[[str], object], texts: list[str], repeats: int) -> tuple[list[float], list[float]]:
    for text in texts:  # warm-up: lazily built indexes, caches of words already seen
        read(text)
    best, raw = [], []
    gc.disable()
    try:
        for text in texts:
            runs = []
            for _ in range(repeats):
                start = time.perf_counter()
                read(text)
                runs.append(time.perf_counter() - start)
            best.append(min(runs))
            raw.append(runs[0])
    finally:
        gc.enable()
    return best, raw


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered) * 1e6, ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--git-baseline", default="3470b37")
    args = parser.parse_args()

    knowledge = Knowledge.load()
    texts = corpus_texts()
    lexicon = knowledge.lexicon
    big = tenfold(knowledge)

    def now(text: str, lex: Lexicon = lexicon) -> object:
        emergency.read.cache_clear()  # each message read afresh, as a new texter's would be
        return emergency.assess(text, lex)

    def now_big(text: str) -> object:
        return now(text, big)

    phrases = sum(len(lexicon.patterns(lang, c)) for lang in lexicon.languages for c in _danger_contexts(knowledge))
    phrases_big = sum(len(big.patterns(lang, c)) for lang in big.languages for c in _danger_contexts(knowledge))
    print(f"{len(texts)} messages, {len(lexicon.languages)} languages; {phrases} danger phrases ({phrases_big} at 10x)")
    print(f"each message read {args.repeats} times; 'best' is its fastest run, 'raw' its first\n")
    detectors: list[tuple[str, Callable[[str], object]]] = []
    base = baseline_detector(args.git_baseline, lexicon)
    if base is not None:
        detectors.append((f"baseline ({args.git_baseline})", base))
    detectors += [("now", now), ("now, 10x phrases", now_big)]
    rows = []
    for name, read in detectors:
        best, raw = measure(read, texts, args.repeats)
        rows.append((name, *_percentiles(best), *_percentiles(raw)))
    base_median = rows[0][1] if base is not None else None
    print("| detector | median (best) | p99 (best) | median (raw) | p99 (raw) | median vs baseline |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, median, p99, raw_median, raw_p99 in rows:
        ratio = f"{base_median / median:.0f}x faster" if base_median and name != rows[0][0] else "-"
        print(f"| {name} | {median:.0f} µs | {p99:.0f} µs | {raw_median:.0f} µs | {raw_p99:.0f} µs | {ratio} |")
    return 0


def _danger_contexts(knowledge: Knowledge) -> list[str]:
    messages = knowledge.catalogs.content.messages
    return [c for c in messages if c.startswith("emergency.") and c.endswith(DANGER_SUFFIXES)]


if __name__ == "__main__":
    raise SystemExit(main())
