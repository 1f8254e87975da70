"""Fit the carry-over second opinion (helpline/danger/carry_over.py) on the tunable conversation batches.

Run: .venv/bin/python scripts/fit_carry_over.py [--setting unseen|arrival|in-sample] [--also SETTING ...]
         [--trained-on SETTING] [--threshold T] [--enable] [--write] [--show]

Each tunable conversation batch is walked as bench/score_detection.py walks it (conversations in order, with the
engine's state). Wherever the conversation rules would carry an open emergency over to a message with no danger of
its own (emergency._the_fitted_carry_over_ends_it is asked), the features of that decision
(emergency.carry_over_features) are recorded with the message's label: the emergency goes on where the writers
labelled the message an emergency. --setting unseen (the default) reads them as on unseen text, as
bench/after_emergency.py --lists-at-arrival does: the files dealt into two halves by name, each read with a danger
model trained without it and with the catalogs of the commit its first score was taken at (the two models are
bench/after_emergency.py's cache: slow the first time). "arrival" reads them with the catalogs of their arrival and
today's danger model, which has seen them (its score is flattered there); "in-sample" with today's model and catalogs
(the rules err on few of these decisions there: too few none-labelled ones to fit on). The held-out and sealed
batches are never read.

A logistic regression (L2, Newton's method, plain Python) is fitted with folds by batch file: the files are dealt
into FOLDS groups, and each group's decisions are scored by a model fitted on the other groups' files. The
out-of-fold figure printed is how many carry-overs it would end at each threshold, on none-labelled messages (false
alarms taken away) and on emergency-labelled ones (misses made). --write saves the model fitted on every file to
helpline/danger/carry_over.json with the threshold given (--threshold) and, with --enable, marked enabled
(emergency.FITTED_CARRY_OVER must be on as well). The shipped artefact (round 26):
    scripts/fit_carry_over.py --setting arrival --threshold 0.05 --enable --write
its figures are in helpline/danger/carry_over.py's docstring (--setting unseen --trained-on arrival: the same model,
fitted fold by fold, scored on text read as unseen).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import after_emergency  # noqa: E402
import heldout  # noqa: E402
import score_detection  # noqa: E402

from helpline import emergency, engine  # noqa: E402
from helpline.danger import carry_over  # noqa: E402
from helpline.danger import model as danger_model  # noqa: E402
from helpline.knowledge import Knowledge  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "helpline-carry-over"
L2 = 1.0  # the ridge on every weight but the bias
FOLDS = 5  # groups of batch files for the out-of-fold figure
THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)

Example = dict[str, object]


def _walk(rows: list[score_detection.Row], knowledge: Knowledge, file: str) -> list[Example]:
    """The carry-over decisions of one file's conversations, each with its message's label."""
    found: list[Example] = []
    inner = [0]  # inside a nested reading of an earlier message (its openings, the question asked before)
    recorded: list[dict[str, float]] = []

    def record(features: dict[str, float]) -> bool:
        if not inner[0]:
            recorded.append(features)
        return False  # the rules' own decision: carried over

    def nested(function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            inner[0] += 1
            try:
                return function(*args, **kwargs)
            finally:
                inner[0] -= 1

        return wrapper

    saved = (emergency._the_fitted_carry_over_ends_it, emergency._openings, emergency._asked_in_conversation)
    emergency._the_fitted_carry_over_ends_it = record
    emergency._openings = nested(saved[1])
    emergency._asked_in_conversation = nested(saved[2])
    try:
        conversations: dict[str, list[score_detection.Row]] = {}
        for row in rows:
            if row.conversation is not None:
                conversations.setdefault(row.conversation, []).append(row)
        for name, turns in conversations.items():
            state = engine.TexterState()
            now = score_detection.START
            for row in sorted(turns, key=lambda r: r.turn):
                recorded.clear()
                engine._assessed_alone.cache_clear()
                decision = score_detection._decide(row, state, knowledge, now, hash(name) % 10_000)
                for features in recorded[-1:]:
                    found.append(
                        {
                            "file": file,
                            "conversation": name,
                            "turn": row.turn,
                            "label": row.label,
                            "tier": score_detection.tier_of(decision),
                            "features": features,
                        }
                    )
                state = score_detection._apply(state, decision, row.text, now)
                now += score_detection.SECONDS_BETWEEN_TURNS
    finally:
        emergency._the_fitted_carry_over_ends_it, emergency._openings, emergency._asked_in_conversation = saved
    return found


SETTINGS = ("unseen", "arrival", "in-sample")


def extract(setting: str) -> list[Example]:
    """Every carry-over decision of the tunable conversation batches (cached in /tmp per setting): "unseen" reads each
    half of the files with a danger model trained without it and the catalogs of its arrival (as
    bench/after_emergency.py --lists-at-arrival), "arrival" the catalogs of its arrival with today's model, "in-sample"
    today's model and catalogs."""
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"{setting}.json"
    if cached.exists():
        loaded: list[Example] = json.loads(cached.read_text(encoding="utf-8"))
        return loaded
    knowledge = Knowledge.load()
    files = after_emergency.tunable_conversations()
    arrivals = heldout.arrivals()
    examples: list[Example] = []
    for number, half in enumerate((files[0::2], files[1::2])):
        if setting == "unseen":
            danger_model.use(after_emergency.model_without(half, f"half{number}"))
            emergency.read.cache_clear()
        try:
            for path in half:
                rows = score_detection.read_rows(path)
                if setting == "in-sample":
                    examples.extend(_walk(rows, knowledge, path.name))
                    continue
                with tempfile.TemporaryDirectory() as tmp:
                    old = after_emergency.knowledge_at(arrivals[path.name], Path(tmp), knowledge, [])
                    examples.extend(_walk(rows, old, path.name))
        finally:
            if setting == "unseen":
                danger_model.restore()
                emergency.read.cache_clear()
    cached.write_text(json.dumps(examples), encoding="utf-8")
    return examples


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the matrix is small and positive definite)."""
    size = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(size):
            if r != col and a[r][col]:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][size] / a[i][i] for i in range(size)]


def fit(examples: list[Example], names: list[str]) -> tuple[float, dict[str, float]]:
    """L2-regularised logistic regression by Newton's method: the bias and one weight per feature."""
    xs = [[1.0, *(float(e["features"][n]) for n in names)] for e in examples]  # type: ignore[index]
    ys = [1.0 if e["label"] != "none" else 0.0 for e in examples]
    size = len(names) + 1
    w = [0.0] * size
    for _ in range(12):
        gradient = [L2 * w[j] if j else 0.0 for j in range(size)]
        hessian = [[(L2 if i == j and i else 0.0) for j in range(size)] for i in range(size)]
        for x, y in zip(xs, ys, strict=True):
            z = max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x, strict=True))))
            p = 1.0 / (1.0 + math.exp(-z))
            for i in range(size):
                gradient[i] += (p - y) * x[i]
                if x[i]:
                    scale = p * (1 - p) * x[i]
                    row = hessian[i]
                    for j in range(size):
                        row[j] += scale * x[j]
        for i in range(size):
            hessian[i][i] += 1e-9
        step = _solve(hessian, gradient)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return w[0], dict(zip(names, w[1:], strict=True))


def out_of_fold(
    examples: list[Example],
    names: list[str],
    pooled: list[Example] = (),  # type: ignore[assignment]
    folds: int = FOLDS,
    trained: list[Example] = (),  # type: ignore[assignment]
) -> list[float]:
    """Each example's probability from a model fitted without its batch file: the files (sorted by name) are dealt
    into `folds` groups, and each group is scored by a model fitted on the others (and on the decisions of the other
    groups' files read in the pooled settings); with `trained`, fitted on those decisions (another setting's) instead
    of on `examples`: the model fitted as shipped, scored on text read as unseen."""
    files = sorted({str(e["file"]) for e in [*examples, *pooled, *trained]})
    fold_of = {file: number % folds for number, file in enumerate(files)}
    probabilities = [0.0] * len(examples)
    for fold in range(folds):
        training = [e for e in [*(trained or examples), *pooled] if fold_of[str(e["file"])] != fold]
        bias, weights = fit(training, names)
        fitted = {"bias": bias, "weights": weights}
        for i, e in enumerate(examples):
            if fold_of[str(e["file"])] == fold:
                probabilities[i] = carry_over.probability(e["features"], fitted)  # type: ignore[arg-type]
    return probabilities


def report(examples: list[Example], probabilities: list[float]) -> None:
    positives = sum(e["label"] != "none" for e in examples)
    negatives = len(examples) - positives
    alarms = sum(e["label"] == "none" and e["tier"] != "none" for e in examples)
    print(
        f"carry-over decisions: {len(examples)} ({positives} labelled an emergency, {negatives} none; "
        f"{alarms} of the none answered as an emergency)"
    )
    for threshold in THRESHOLDS:
        ended = [
            e
            for e, p in zip(examples, probabilities, strict=True)
            if p < threshold and not emergency._kept_by_the_rules(e["features"])  # type: ignore[arg-type]
        ]
        fixed = sum(e["label"] == "none" for e in ended)
        made = sum(e["label"] != "none" for e in ended)
        print(f"  threshold {threshold:.2f}: ends {len(ended)}: none-labelled {fixed}, emergency-labelled {made}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setting", choices=SETTINGS, default="unseen", help="how the batches are read (extract)")
    parser.add_argument("--also", choices=SETTINGS, nargs="*", default=[], help="more settings' decisions pooled in")
    parser.add_argument("--trained-on", choices=SETTINGS, help="fit on this setting, score out of fold on --setting")
    parser.add_argument("--threshold", type=float, default=0.1)
    parser.add_argument("--enable", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--show", action="store_true", help="list the out-of-fold endings at the threshold")
    args = parser.parse_args(argv)
    examples = extract(args.setting)
    pooled = [e for setting in args.also for e in extract(setting)]
    names = sorted(examples[0]["features"]) if examples else []  # type: ignore[arg-type]
    trained = extract(args.trained_on) if args.trained_on else []
    probabilities = out_of_fold(examples, names, pooled, trained=trained)
    print(f"out of fold ({FOLDS} folds by batch file):")
    report(examples, probabilities)  # the endings the wiring allows (emergency._kept_by_the_rules aside)
    if args.show:
        for e, p in sorted(zip(examples, probabilities, strict=True), key=lambda pair: pair[1]):
            if p < args.threshold and not emergency._kept_by_the_rules(e["features"]):  # type: ignore[arg-type]
                print(f"  {p:.3f} {e['label']:<8} {e['tier']:<8} {e['file']} {e['conversation']} turn {e['turn']}")
    bias, weights = fit([*(trained or examples), *pooled], names)
    print("in sample (fitted on every file):")
    report(examples, [carry_over.probability(e["features"], {"bias": bias, "weights": weights}) for e in examples])  # type: ignore[arg-type]
    if args.write:
        artefact = {
            "enabled": args.enable,
            "threshold": args.threshold,
            "bias": round(bias, 4),
            "weights": {name: round(weight, 4) for name, weight in weights.items()},
            "fitted_on": "tunable conversation batches read " + " + ".join([args.setting, *args.also]),
        }
        carry_over.ARTEFACT.write_text(json.dumps(artefact, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"written {carry_over.ARTEFACT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
