"""How the second opinion (helpline/danger/model.py) does on batches it was not trained on, per training setting.

Run:  .venv/bin/python bench/model_folds.py                       # the shipped settings
      .venv/bin/python bench/model_folds.py --variant l2=1e-4 --variant epochs=10,average=1

The batches whose first score is recorded (the files scripts/train_danger_model.py trains on, the corpus
aside) are dealt into FOLDS folds by name; each fold is held out in turn, the model is trained on the
corpus and the other folds, and the held-out messages are scored by the model alone (no rules). The
figures are over every held-out message: ROC AUC of danger against none, and recall / false alarms at
the thresholds the detector uses. A setting is chosen here, on text each trained model has not seen,
never by the in-sample score. Writes nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpline.danger import model  # noqa: E402

FOLDS = 5
THRESHOLDS = (0.5, 0.7, 0.85, 0.9)


def _trainer():  # scripts/ is not a package
    spec = importlib.util.spec_from_file_location("train_danger_model", ROOT / "scripts/train_danger_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse_variant(text: str) -> dict[str, float | int | bool]:
    settings: dict[str, float | int | bool] = {}
    for part in filter(None, text.split(",")):
        key, _, value = part.partition("=")
        if key in ("epochs", "min_count"):
            settings[key] = int(value)
        elif key == "average":
            settings[key] = value not in ("0", "false", "")
        elif key == "l2":
            settings[key] = float(value)
        else:
            raise SystemExit(f"unknown setting {key!r} (epochs, l2, min_count, average)")
    return settings


def run_fold(args: tuple[list[Path], int, int, dict]) -> list[tuple[float, int]]:
    """(danger probability, label) for each message of the held-out fold."""
    paths, fold, folds, settings = args
    trainer = _trainer()
    corpus, *batches = paths
    held = [p for i, p in enumerate(batches) if i % folds == fold]
    kept = [corpus, *(p for p in batches if p not in held)]
    examples = [e for p in kept for e in trainer.read_examples(p)]
    weights = model.from_data(trainer.train(examples, **settings))
    model.use(weights)
    try:
        return [(model.score(text)[0], label) for p in held for text, label in trainer.read_examples(p)]
    finally:
        model.restore()


def auc(scored: list[tuple[float, int]]) -> float:
    """Probability that a random danger message scores above a random harmless one (ties count half)."""
    ranked = sorted(scored, key=lambda pair: pair[0])
    positives = sum(1 for _, label in scored if label)
    negatives = len(scored) - positives
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + j + 1) / 2  # ranks i+1 .. j
        rank_sum += mean_rank * sum(1 for _, label in ranked[i:j] if label)
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / max(positives * negatives, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", action="append", default=[], help="comma-separated settings; repeatable")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    variants = args.variant or [""]
    paths = _trainer().default_paths()  # once: a batch landing mid-run must not reshuffle the folds
    print(f"{len(paths) - 1} batches in {args.folds} folds, the corpus always trained on\n")
    print(f"| settings | AUC | {' | '.join(f'recall / FA at {t}' for t in THRESHOLDS)} |")
    print(f"|---|---:|{'---:|' * len(THRESHOLDS)}")
    for text in variants:
        settings = parse_variant(text)
        with ProcessPoolExecutor(args.jobs) as pool:
            scored = [
                s
                for part in pool.map(run_fold, [(paths, f, args.folds, settings) for f in range(args.folds)])
                for s in part
            ]
        positives = sum(1 for _, label in scored if label)
        negatives = len(scored) - positives
        cells = []
        for threshold in THRESHOLDS:
            found = sum(1 for p, label in scored if label and p >= threshold)
            alarms = sum(1 for p, label in scored if not label and p >= threshold)
            cells.append(f"{found / positives:.1%} / {alarms / negatives:.1%}")
        print(f"| {text or 'shipped'} | {auc(scored):.4f} | {' | '.join(cells)} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
