"""Two detectors, decision by decision, over one corpus: which texts one gets right and the other wrong.

    .venv/bin/python bench/decision_diff.py OLD_TREE NEW_TREE [--sealed] [--show]

Recall and false-alarm rates hide trades: a change can fix five texts and break three. This runs each
tree's own bench/score_detection.py (its rules, lists and model) over NEW_TREE's corpus files and
compares the texts each gets wrong, per group of batches:

- tunable: every batch in tests/corpus/batches/ but the held-out ones;
- held-out: the batches no tuner reads (HELD_OUT), the check that a change generalises;
- sealed: tests/corpus/sealed/ (only with --sealed: those are scored by the coordinator, at a round's end).

At two tiers: full+possible (a miss is a positive with no answer at all; a false alarm is a negative with
either answer) and full (a miss is a positive without the full answer; a false alarm a negative with it).
"Better" counts texts wrong in OLD and right in NEW, "worse" the reverse. With --show, each changed text
is printed with its file and line (never use it on the held-out or sealed groups while tuning).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

#: Batches kept out of every tuner's sight since round 12: the held-out check of a change.
HELD_OUT = ("bx", "by", "cp", "cq", "cr", "ct", "de", "df")

_LINE = re.compile(r"^(MISS|POSSIBLE-ONLY|FALSE ALARM|POSSIBLE-ALARM)\s+\S+\s+\S+\s+\S+\s+(\S+\.tsv:\d+)")
_WRONG = {
    "full+possible": {"MISS", "FALSE ALARM", "POSSIBLE-ALARM"},
    "full": {"MISS", "POSSIBLE-ONLY", "FALSE ALARM"},
}


def group_of(path: Path) -> str:
    if path.parent.name == "sealed":
        return "sealed"
    letters = path.stem.rsplit("-", 1)[-1]
    return "held-out" if letters in HELD_OUT else "tunable"


def corpus(tree: Path, sealed: bool) -> list[Path]:
    files = sorted((tree / "tests/corpus/batches").glob("*.tsv"))
    if sealed:
        files += sorted((tree / "tests/corpus/sealed").glob("*.tsv"))
    return files


def wrong_decisions(tree: Path, files: list[Path]) -> dict[str, str]:
    """`file:line` -> the kind of error, as the tree's own scorer reports it."""
    run = subprocess.run(
        [sys.executable, "bench/score_detection.py", "--show", *map(str, files)],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    found = {}
    for line in run.stdout.splitlines():
        if match := _LINE.match(line):
            found[match.group(2)] = match.group(1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--sealed", action="store_true", help="include the sealed sets (a round's end only)")
    parser.add_argument("--show", action="store_true", help="list each changed decision (tunable batches only)")
    args = parser.parse_args()
    files = corpus(args.new.resolve(), args.sealed)
    groups = {path.name: group_of(path) for path in files}
    old = wrong_decisions(args.old.resolve(), files)
    new = wrong_decisions(args.new.resolve(), files)
    print("| group | full+possible: better / worse | full: better / worse |")
    print("|---|---:|---:|")
    for group in ("tunable", "held-out", "sealed"):
        if group not in groups.values():
            continue
        cells = []
        for wrong in _WRONG.values():
            keys = {key for key in old.keys() | new.keys() if groups[key.split(":")[0]] == group}
            better = sum(1 for key in keys if old.get(key) in wrong and new.get(key) not in wrong)
            worse = sum(1 for key in keys if old.get(key) not in wrong and new.get(key) in wrong)
            cells.append(f"{better} / {worse}")
        print(f"| {group} | {cells[0]} | {cells[1]} |")
    if args.show:
        for key in sorted(old.keys() | new.keys()):
            if groups[key.split(":")[0]] == "tunable" and old.get(key) != new.get(key):
                print(f"{key}: {old.get(key, 'right')} -> {new.get(key, 'right')}")


if __name__ == "__main__":
    main()
