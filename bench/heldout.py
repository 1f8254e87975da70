"""Leave-one-batch-out: how detection does on a batch the model was not trained on.

Run: .venv/bin/python bench/heldout.py [PATH ...] [--per-language] [--json OUT] [--no-model]

For each batch X (default: every batch whose first score is in
tests/corpus/batches/SCORES.md), the model is trained by
scripts/train_danger_model.py on tests/corpus/emergency.tsv and every other
scored batch, never on X, then X is scored through `engine.decide` exactly as
bench/score_detection.py does (conversations in order, with state). Printed:
recall and false alarms at the full tier and at full+possible, per batch
(and per language with --per-language), plus all held-out batches together.

By default this holds out the model only: the catalog phrase lists and
context rules were tuned by hand on every scored batch after its first score.
With --lists-at-arrival the lists are held out too: X is read with the
catalogs (locale/ and messages/) of the commit its first score was taken at,
as named in SCORES.md, and today's code; the model is trained only on the
batches scored before X. That is the detector's logic of today on text
neither its lists nor its model had seen, the fair test of a change to the
code (conversation state, context rules, model) rather than to the lists.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import score_detection  # noqa: E402
import train_danger_model  # noqa: E402

from helpline import emergency  # noqa: E402
from helpline.danger import model  # noqa: E402
from helpline.knowledge import Knowledge, Lexicon  # noqa: E402

SCORES = ROOT / "tests/corpus/batches/SCORES.md"


def arrivals() -> dict[str, str]:
    """Batch file name -> the commit its first score was taken at, in the order SCORES.md lists them."""
    found: dict[str, str] = {}
    for section in SCORES.read_text(encoding="utf-8").split("\n## ")[1:]:
        name = section.split(" ", 1)[0]
        commit = re.search(r"(?:at arrival \((?:the detector of )?|Scored at arrival with )([0-9a-f]{7,40})", section)
        if commit:
            found[name] = commit.group(1)
        else:  # no arrival commit named: the batch was committed with the detector of that commit
            committed = re.search(r"committed [^\n]* in ([0-9a-f]{7,40})", section)
            if committed:
                found[name] = committed.group(1)
    return found


def knowledge_at(commit: str, into: Path, today: Knowledge) -> Knowledge:
    """Today's knowledge with the phrase lists of an old commit (replies stay today's: old catalogs
    lack some, e.g. the possible-tier question)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "locale", "messages"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    old = Knowledge.load(messages_dir=into / "messages", locale_dir=into / "locale")
    return dataclasses.replace(today, lexicon=Lexicon(old.catalogs))


def held_out(
    paths: list[Path], knowledge: Knowledge, with_model: bool = True, at_arrival: bool = False
) -> dict[str, list]:
    """Per held-out file, its outcomes with a model trained without it (or with no model at all)."""
    training = train_danger_model.default_paths()
    order = list(arrivals())
    results = {}
    for held in paths:
        weights = None
        allowed = training
        if at_arrival:  # only what was scored before this batch arrived
            earlier = order[: order.index(held.name)] if held.name in order else order
            allowed = [p for p in training if p.parent.name != "batches" or p.name in earlier]
        if with_model:
            others = [p for p in allowed if p.resolve() != held.resolve()]
            examples = [e for p in others for e in train_danger_model.read_examples(p)]
            weights = model.from_data(train_danger_model.train(examples))
        model.use(weights)
        emergency.read.cache_clear()
        try:
            if at_arrival:
                with tempfile.TemporaryDirectory() as tmp:
                    old = knowledge_at(arrivals()[held.name], Path(tmp), knowledge)
                    results[held.name] = score_detection.score_rows(score_detection.read_rows(held), old)
            else:
                results[held.name] = score_detection.score_rows(score_detection.read_rows(held), knowledge)
        finally:
            model.restore()
            emergency.read.cache_clear()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="batches to hold out (default: every scored batch)")
    parser.add_argument("--per-language", action="store_true")
    parser.add_argument("--no-model", action="store_true", help="score the rules alone")
    parser.add_argument("--lists-at-arrival", action="store_true", help="hold out the phrase lists too")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    paths = args.paths or train_danger_model.default_paths()[1:]
    if any("sealed" in p.parts for p in paths):
        raise SystemExit("the sealed set is scored by the coordinator only")
    knowledge = Knowledge.load()
    results = held_out(paths, knowledge, with_model=not args.no_model, at_arrival=args.lists_at_arrival)
    report: dict[str, object] = {}
    print("| held out | recall (full) | false alarms (full) | recall (full+possible) | false alarms (full+possible) |")
    print("|---|---:|---:|---:|---:|")
    everything = [o for outcomes in results.values() for o in outcomes]
    for name, outcomes in [*results.items(), ("all held out", everything)]:
        tallies = score_detection.tally(outcomes)
        t = tallies["all"]
        print(
            f"| {name} | {t.recall('full'):.1%} | {t.false_alarm_rate('full'):.1%} "
            f"| {t.recall('possible'):.1%} | {t.false_alarm_rate('possible'):.1%} |"
        )
        report[name] = {language: tally.as_dict() for language, tally in tallies.items()}
    if args.per_language:
        for name, outcomes in [*results.items(), ("all held out", everything)]:
            print()
            print(score_detection.render(f"{name} (held out)", score_detection.tally(outcomes), True))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
