"""How the whole detector does with a second opinion that never saw the text it reads: cross-fitted recall and alarms.

Run:  .venv/bin/python bench/detector_folds.py --cache /tmp/folds                      # train 3 fold models once
      .venv/bin/python bench/detector_folds.py --cache /tmp/folds MODEL_CONFIRMS=0.85  # the same folds, a threshold
      .venv/bin/python bench/detector_folds.py --shipped dk,dl,dm   # the shipped model, on batches it never saw

bench/model_folds.py scores the model alone; the detector reads its score through a dozen thresholds and rules
(helpline/emergency.py), inside conversations, so a threshold is chosen here: the batches scripts/train_danger_model.py
trains on (never the held-out ones nor the sealed sets) are dealt into folds by name, a model is trained on the corpus
and the other folds, and each fold's files go through the engine in order (bench/score_detection.py) with the model
that never saw them. In-sample scores would flatter the model: it has learnt its training texts. A fold model has seen
less text than the shipped one and is less sure of itself, so a threshold lowered here gains more than it would with the
shipped model: check a choice with --shipped on the batches that arrived after the shipped model was trained.

Printed: recall and false alarms (full, full+possible) for every message, single texts, conversation messages, and the
"calm" ones (labelled none, no emergency earlier in their conversation), with how many of those alarms are the model's
guess alone. NAME=VALUE sets a helpline.emergency constant for the run. Writes nothing but the fold models (--cache).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpline import emergency, engine  # noqa: E402
from helpline.danger import model  # noqa: E402
from helpline.knowledge import Knowledge  # noqa: E402

FOLDS = 3


def _load(name: str, path: Path) -> ModuleType:  # bench/ and scripts/ are not packages
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


trainer = _load("train_danger_model", ROOT / "scripts/train_danger_model.py")
scorer = _load("score_detection", ROOT / "bench/score_detection.py")


def fold_model(cache: Path, fold: int, folds: int, batches: list[Path], corpus: Path) -> model.Weights:
    """The model trained without fold `fold` (from the cache when there: a training takes minutes). The file is named
    after the batch list too: a batch arriving deals the folds anew."""
    names = hashlib.sha256(" ".join(p.name for p in [corpus, *batches]).encode()).hexdigest()[:10]
    path = cache / f"fold{fold}of{folds}-{names}.json.gz"
    if not path.is_file():
        kept = [corpus, *(p for i, p in enumerate(batches) if i % folds != fold)]
        cache.mkdir(parents=True, exist_ok=True)
        trainer.write(trainer.train([e for p in kept for e in trainer.read_examples(p)]), path)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return model.from_data(json.load(handle))


def _forget() -> None:
    """The detector caches readings, which hold the model's score: a new model, a fresh cache."""
    emergency.read.cache_clear()
    engine._assessed_alone.cache_clear()  # noqa: SLF001


def score(files: list[Path], weights: model.Weights | None, knowledge: Knowledge) -> list:
    if weights is not None:
        model.use(weights)
    _forget()
    try:
        return [o for path in files for o in scorer.score_rows(scorer.read_rows(path), knowledge)]
    finally:
        if weights is not None:
            model.restore()
        _forget()


def calm(outcomes: list) -> list:
    """Messages labelled none in conversations with no emergency so far (score_rows gives each one's turns in order)."""
    seen_danger: set[tuple[str, str]] = set()
    found = []
    for o in outcomes:
        if o.row.conversation is None:
            continue
        key = (o.row.source.split(":")[0], o.row.conversation)
        if o.row.label == "none" and key not in seen_danger:
            found.append(o)
        elif o.row.label != "none":
            seen_danger.add(key)
    return found


def line(title: str, outcomes: list) -> str:
    t = scorer.Tally()
    for o in outcomes:
        t.add(o)
    cells = [f"{t.found[tier]}/{t.positives} ({t.recall(tier):.2%})" for tier in ("full", "possible")]
    cells += [f"{t.alarms[tier]}/{t.negatives} ({t.false_alarm_rate(tier):.2%})" for tier in ("full", "possible")]
    return f"| {title} | {' | '.join(cells)} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", nargs="*", help="NAME=VALUE: a helpline.emergency threshold for this run")
    parser.add_argument("--cache", type=Path, help="where the fold models are kept (trained there when missing)")
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--shipped", help="comma-separated batch letters: score them with the shipped model instead")
    args = parser.parse_args()
    for setting in args.settings:
        name, _, value = setting.partition("=")
        if not hasattr(emergency, name):
            raise SystemExit(f"helpline.emergency has no {name}")
        setattr(emergency, name, float(value))
    corpus, *batches = trainer.default_paths()  # never a held-out batch nor a sealed set
    knowledge = Knowledge.load()
    if args.shipped:
        letters = set(args.shipped.split(","))
        outcomes = score([p for p in batches if p.stem.rsplit("-", 1)[-1] in letters], None, knowledge)
    elif args.cache is None:
        raise SystemExit("--cache DIR: where the fold models are kept (or --shipped LETTERS)")
    else:
        outcomes = []
        for fold in range(args.folds):
            held = [p for i, p in enumerate(batches) if i % args.folds == fold]
            outcomes += score(held, fold_model(args.cache, fold, args.folds, batches, corpus), knowledge)
    calm_ones = calm(outcomes)
    print("| messages | recall (full) | recall (full+possible) | false alarms (full) | false alarms (full+possible) |")
    print("|---|---:|---:|---:|---:|")
    print(line("all", outcomes))
    print(line("single texts", [o for o in outcomes if o.row.conversation is None]))
    print(line("conversations", [o for o in outcomes if o.row.conversation is not None]))
    print(line("calm conversations", calm_ones))
    guesses = sum(1 for o in calm_ones if o.tier != "none" and (o.matched or "").startswith("model "))
    print(f"\ncalm-conversation alarms that are the model's guess alone: {guesses}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
