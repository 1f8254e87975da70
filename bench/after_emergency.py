"""How the detector reads the messages after an emergency in a conversation, on text it was not fitted to.

Run: .venv/bin/python bench/after_emergency.py [--lists-at-arrival] [--with-today LIST ...] [--show]

The in-sample figure flatters: the danger model and the recovery lists were fitted to the tunable conversation
batches, and they err on about one message in a hundred after an emergency there, against one in seven on the
held-out and sealed ones. This emulates unseen text on the tunable batches alone (the held-out and sealed ones are
never read): the tunable conversation files are dealt into two halves by name, and each half is scored, as
bench/score_detection.py does (conversations in order, with state), with a danger model trained by
scripts/train_danger_model.py without that half. With --lists-at-arrival each file is also read with the catalogs of
the commit its first score was taken at (bench/heldout.py), today's code; --with-today adds today's version of a
list (emergency.<LIST>.phrases, e.g. "thanks") to those old catalogs, for a list that is a closed class rather than
one fitted to the batches. Printed: the messages after a positive in their conversation, false alarms on those
labelled none and misses on those labelled an emergency, at both tiers; --show lists them. The two models are
cached in /tmp (a training takes minutes); delete the cache after retraining changes.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import pickle
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

import decision_diff  # noqa: E402
import heldout  # noqa: E402
import score_detection  # noqa: E402
import train_danger_model  # noqa: E402

from helpline import emergency  # noqa: E402
from helpline.danger import model  # noqa: E402
from helpline.knowledge import Knowledge, Lexicon  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "helpline-after-emergency"


def tunable_conversations() -> list[Path]:
    files = sorted((ROOT / "tests/corpus/batches").glob("conversations-*.tsv"))
    return [p for p in files if decision_diff.group_of(p) == "tunable"]


def model_without(half: list[Path], name: str) -> model.Weights:
    """The danger model trained on every file it ships from, but this half (cached per half)."""
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"{name}.pkl"
    if cached.exists():
        return pickle.loads(cached.read_bytes())  # noqa: S301 - our own cache
    names = {p.name for p in half}
    training = [p for p in train_danger_model.default_paths() if p.name not in names]
    weights = model.from_data(
        train_danger_model.train([e for p in training for e in train_danger_model.read_examples(p)])
    )
    cached.write_bytes(pickle.dumps(weights))
    return weights


def knowledge_at(commit: str, into: Path, today: Knowledge, lists: list[str]) -> Knowledge:
    """The catalogs of `commit`, with today's version of each list named in `lists` appended."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "locale", "messages"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    for name in lists:
        entry = re.compile(
            r'#\. Comma[^\n]*\n#: [^\n]*\nmsgctxt "emergency\.' + re.escape(name) + r'\.phrases"\n[^\n]*\n[^\n]*\n'
        )
        for po in (ROOT / "locale").glob("*/LC_MESSAGES/messages.po"):
            found = entry.search(po.read_text(encoding="utf-8"))
            target = into / po.relative_to(ROOT)
            if found and target.exists():
                target.write_text(target.read_text(encoding="utf-8") + "\n" + found.group(0), encoding="utf-8")
        section = re.search(
            r"\[" + re.escape(name) + r"\]\n[^\n]*\n[^\n]*\n", (ROOT / "messages/emergency.toml").read_text()
        )
        if section:
            toml = into / "messages/emergency.toml"
            toml.write_text(toml.read_text(encoding="utf-8") + "\n" + section.group(0), encoding="utf-8")
    old = Knowledge.load(messages_dir=into / "messages", locale_dir=into / "locale")
    return dataclasses.replace(today, lexicon=Lexicon(old.catalogs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists-at-arrival", action="store_true", help="each file read with its arrival catalogs")
    parser.add_argument("--with-today", nargs="*", default=[], help="today's lists added to the arrival catalogs")
    parser.add_argument("--show", action="store_true", help="list the false alarms and misses after a positive")
    args = parser.parse_args(argv)
    knowledge = Knowledge.load()
    arrivals = heldout.arrivals()
    files = tunable_conversations()
    outcomes: list[score_detection.Outcome] = []
    for number, half in enumerate((files[0::2], files[1::2])):
        model.use(model_without(half, f"half{number}"))
        emergency.read.cache_clear()
        try:
            for path in half:
                rows = score_detection.read_rows(path)
                if args.lists_at_arrival:
                    with tempfile.TemporaryDirectory() as tmp:
                        old = knowledge_at(arrivals[path.name], Path(tmp), knowledge, args.with_today)
                        outcomes.extend(score_detection.score_rows(rows, old))
                else:
                    outcomes.extend(score_detection.score_rows(rows, knowledge))
        finally:
            model.restore()
            emergency.read.cache_clear()
    after_positive: set[tuple[str, str | None]] = set()
    counts = dict.fromkeys(("none", "alarms f+p", "alarms full", "positives", "misses f+p", "misses full"), 0)
    for outcome in outcomes:
        row = outcome.row
        conversation = (row.source.split(":")[0], row.conversation)
        if conversation in after_positive:
            wrong = ""
            if row.label == "none":
                counts["none"] += 1
                counts["alarms f+p"] += outcome.tier != "none"
                counts["alarms full"] += outcome.tier == "full"
                wrong = "FALSE ALARM" if outcome.tier != "none" else ""
            else:
                counts["positives"] += 1
                counts["misses f+p"] += outcome.tier == "none"
                counts["misses full"] += outcome.tier != "full"
                wrong = {"none": "MISS", "possible": "POSSIBLE-ONLY"}.get(outcome.tier, "")
            if wrong and args.show:
                print(f"{wrong:<13} {outcome.tier:<8} {row.source} {row.language}: {row.text!r}")
        if row.label != "none":
            after_positive.add(conversation)
    print(
        f"after a positive: false alarms {counts['alarms f+p']}/{counts['none']} (f+p), "
        f"{counts['alarms full']}/{counts['none']} (full); misses {counts['misses f+p']}/{counts['positives']} "
        f"(f+p), {counts['misses full']}/{counts['positives']} (full)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
