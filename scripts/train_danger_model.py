"""Train the detector's second opinion and say what it adds to the rules.

Run:  .venv/bin/python scripts/train_danger_model.py            # train on the corpus, write the artefact
      .venv/bin/python scripts/train_danger_model.py --evaluate # held-out comparison, writes nothing

Data: tests/corpus/emergency.tsv and the batches in tests/corpus/batches/
(single texts; conversation messages that read as danger on their own, see
CONTEXT_ONLY). Never tests/corpus/sealed/. Labels none / medical / suicide.

Model: multinomial logistic regression over helpline.danger.model.features
(character 3-4-grams within words, words, word pairs; characters and character pairs in
Thai and Chinese), trained by plain stochastic gradient descent with L2
(fixed shuffling seed, fixed epochs: the same data gives the same artefact).
Features seen fewer than MIN_COUNT times are dropped; weights below PRUNE are
dropped and the rest rounded, which keeps helpline/danger/model.json.gz small.

--evaluate trains on all files but one and scores the held-out one, for each
file in turn, and prints recall and false alarms of the rules alone and of the
rules with the model (possible tier at helpline.danger.model.POSSIBLE_THRESHOLD
and at other thresholds), so the choice of threshold is made on text the model
has not seen.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.decision_diff import HELD_OUT  # noqa: E402
from helpline import emergency  # noqa: E402
from helpline.danger import model  # noqa: E402
from helpline.knowledge import Knowledge  # noqa: E402
from helpline.textnorm import is_unspaced_script  # noqa: E402

CLASSES = model.CLASSES
SEED = 20261129
EPOCHS = 30
RATE = 0.5
L2 = 1e-5
AVERAGE = False
MIN_COUNT = 2
PRUNE = 0.02
# Conversation messages labelled by what came before ("ok I'm pressing a towel on it"): true in context,
# but they would teach the model that harmless words mean danger.
CONTEXT_ONLY = {"still_unresolved", "short_panic", "thanks", "resolved", "greeting", "buildup"}
# A reply that is an emergency only because of the messages before it ("yes", "ok", "marseille", "一个人"): trained
# as danger, "yes" after "hi" scored 0.83. Two words or fewer (Thai and Chinese: six letters), or an address.
CONTEXT_ONLY_WORDS = 2
CONTEXT_ONLY_PARTS = ("address", "location")


def _context_only(kind: str, text: str) -> bool:
    if kind in CONTEXT_ONLY or any(part in kind for part in CONTEXT_ONLY_PARTS):
        return True
    words = text.split()
    size = sum(max(1, len(w) // 3) if is_unspaced_script(w) else 1 for w in words)
    return size <= CONTEXT_ONLY_WORDS


def read_examples(path: Path) -> list[tuple[str, int]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    examples = []
    for row in rows:
        if "conversation" in row and row["label"] != "none" and _context_only(row.get("kind") or "", row["text"]):
            continue
        examples.append((row["text"], CLASSES.index(row["label"])))
    return examples


# Batches kept out of the shipped model, so that their scores stay scores on text neither the lists nor the
# model have seen: round 11's held-out pair, round 14's last pair, round 15's second wave and round 17's
# held-out pair. Matched by the letters that end a batch's name (as bench/decision_diff.py groups them), not by
# the whole name: a held-out letter under another prefix or month is still held out.
# The letters themselves are the judge's list (one list for both: a batch held out of the judge's check is held out
# of the model).
HELD_OUT_LETTERS = frozenset(HELD_OUT)


def is_held_out(path: Path) -> bool:
    """A held-out batch (by its letters) or anything under a sealed folder: never trained on."""
    return "sealed" in path.parts or path.stem.rsplit("-", 1)[-1] in HELD_OUT_LETTERS


def default_paths() -> list[Path]:
    """The corpus and every batch whose first score is recorded in SCORES.md (the honesty protocol:
    a batch is never tuned on before its first score), but the held-out ones. The shipped artefact is what this
    list trained through dj (round 19). Round 24 retrained it with dk to dr (60,355 messages, 1,101 KiB): held-out
    decisions 4 better / 5 worse (full+possible), 4 / 2 (full), on the tunable batches it had learnt only 17 / 16 and
    31 / 9, and on dk to dr models trained without the batch they read did no better than the round-19 one: not
    shipped (bench/detector_folds.py reads the detector with fold models)."""
    batches = ROOT / "tests/corpus/batches"
    scores = (batches / "SCORES.md").read_text(encoding="utf-8") if (batches / "SCORES.md").is_file() else ""
    scored = [p for p in sorted(batches.glob("*.tsv")) if f"## {p.name} " in scores and not is_held_out(p)]
    return [ROOT / "tests/corpus/emergency.tsv", *scored]


def train(
    examples: list[tuple[str, int]],
    *,
    epochs: int = EPOCHS,
    l2: float = L2,
    min_count: int = MIN_COUNT,
    average: bool = AVERAGE,
) -> dict:
    """Fit the weights. With `average`, the artefact holds the mean of the weights over the last half of the
    updates (averaged SGD): less tied to the last examples seen, which bench/model_folds.py measures on
    batches held out."""
    featured = [(model.features(text), label) for text, label in examples]
    counts = Counter(f for feats, _ in featured for f in set(feats))
    vocabulary = {f for f, n in counts.items() if n >= min_count}
    # Features outside the vocabulary still count in the length scaling, as at run time.
    data = [([f for f in feats if f in vocabulary], len(feats), label) for feats, label in featured]
    weights: dict[str, list[float]] = {f: [0.0, 0.0, 0.0] for f in vocabulary}
    bias = [0.0, 0.0, 0.0]
    order = list(range(len(data)))
    sums: dict[str, list[float]] = {}
    bias_sum = [0.0, 0.0, 0.0]
    averaged = 0
    shuffler = random.Random(SEED)  # noqa: S311 - a reproducible shuffle, not a secret
    for epoch in range(epochs):
        shuffler.shuffle(order)
        rate = RATE / (1 + epoch)
        for i in order:
            feats, count, label = data[i]
            scale = 1 / math.sqrt(count or 1)
            totals = list(bias)
            for f in feats:
                w = weights[f]
                for k in range(3):
                    totals[k] += w[k] * scale
            top = max(totals)
            exps = [math.exp(t - top) for t in totals]
            norm = sum(exps)
            grads = [exps[k] / norm - (1.0 if k == label else 0.0) for k in range(3)]
            for k in range(3):
                bias[k] -= rate * grads[k]
            for f in feats:
                w = weights[f]
                for k in range(3):
                    w[k] -= rate * (grads[k] * scale + l2 * w[k])
        if average and epoch >= epochs // 2:
            averaged += 1
            for f, w in weights.items():
                total = sums.setdefault(f, [0.0, 0.0, 0.0])
                for k in range(3):
                    total[k] += w[k]
            for k in range(3):
                bias_sum[k] += bias[k]
    if averaged:
        weights = {f: [v / averaged for v in total] for f, total in sums.items()}
        bias = [b / averaged for b in bias_sum]
    kept = {f: [round(v, 3) for v in w] for f, w in weights.items() if max(abs(v) for v in w) >= PRUNE}
    return {"bias": [round(b, 3) for b in bias], "weights": dict(sorted(kept.items())), "classes": list(CLASSES)}


def write(artefact: dict, path: Path = model.MODEL_PATH) -> None:
    raw = json.dumps(artefact, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with path.open("wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as gz:
        gz.write(raw)


def score_file(path: Path, knowledge: Knowledge, weights: model.Weights | None) -> dict[str, tuple[int, int, int, int]]:
    """Per threshold: found positives, positives, alarms among negatives, negatives (single messages, no context)."""
    thresholds = (None, 0.6, 0.7, 0.8, 0.9)
    results = {}
    model.use(weights)
    emergency.read.cache_clear()
    try:
        rows = read_examples(path)
        readings = [(emergency.read(text, knowledge.lexicon), label) for text, label in rows]
    finally:
        model.restore()
        emergency.read.cache_clear()
    for threshold in thresholds:
        found = alarms = positives = negatives = 0
        for reading, label in readings:
            flagged = reading.tier in ("full", "possible") or (
                threshold is not None
                and reading.tier == "none"
                and reading.model >= threshold
                and not reading.cues.cancels_model()
            )
            if label:
                positives += 1
                found += flagged
            else:
                negatives += 1
                alarms += flagged
        results["rules alone" if threshold is None else f"rules + model >= {threshold}"] = (
            found,
            positives,
            alarms,
            negatives,
        )
    return results


def evaluate(paths: list[Path]) -> None:
    knowledge = Knowledge.load()
    print("Held-out comparison (single messages read alone; full + possible tiers):\n")
    print("| held out | detector | recall | false alarms |")
    print("|---|---|---:|---:|")
    for held in paths:
        examples = [e for p in paths if p != held for e in read_examples(p)]
        weights = model.from_data(train(examples))
        for name, (found, positives, alarms, negatives) in score_file(held, knowledge, weights).items():
            print(
                f"| {held.name} | {name} | {found}/{positives} ({found / max(positives, 1):.1%}) "
                f"| {alarms}/{negatives} ({alarms / max(negatives, 1):.1%}) |"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="labelled TSVs (default: corpus and batches)")
    parser.add_argument("--evaluate", action="store_true", help="held-out comparison; writes nothing")
    args = parser.parse_args()
    paths = args.paths or default_paths()
    if any(is_held_out(p) for p in paths):
        raise SystemExit("the sealed sets and the held-out batches are never trained on")
    if args.evaluate:
        evaluate(paths)
        return 0
    examples = [e for p in paths for e in read_examples(p)]
    artefact = train(examples)
    write(artefact)
    size = model.MODEL_PATH.stat().st_size
    print(f"trained on {len(examples)} messages from {len(paths)} files: {len(artefact['weights'])} features kept")
    print(f"wrote {model.MODEL_PATH.relative_to(ROOT)} ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
