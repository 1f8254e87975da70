"""The second opinion: a small linear model over character and word n-grams.

Trained by scripts/train_danger_model.py on the labelled corpus (reproducible:
fixed order, fixed seed); the weights are committed as
helpline/danger/model.json.gz, a few hundred kilobytes, and scored here in plain
Python: the message's features are looked up in a dict of weights, so there is
no heavy dependency at run time and the cost is a lookup per feature.

Features (the same function trains and scores): the folded message with word
boundaries, its character 3- and 4-grams within words, its words and word
pairs; in Thai and Chinese, character 2- and 3-grams of the unspaced text.
Three classes (none, medical, suicide), softmax; the summed weights are divided by
the square root of the number of distinct features, as in training.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Literal

from helpline.textnorm import fold, is_unspaced_script

MODEL_PATH = Path(__file__).resolve().parent / "model.json.gz"
CLASSES = ("none", "medical", "suicide")
POSSIBLE_THRESHOLD = 0.8  # probability of danger from which the model alone asks the possible-tier question


def features(text: str) -> list[str]:
    """The n-grams a message is scored on."""
    folded = fold(text)
    if not folded:
        return []
    words = folded.split(" ")
    found = [f"w:{w}" for w in words]
    found.extend(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    for word in words:
        if is_unspaced_script(word):
            for size in (2, 3):
                found.extend(f"u:{word[i : i + size]}" for i in range(len(word) - size + 1))
            continue
        padded = f" {word} "
        for size in (3, 4):
            found.extend(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return found


Weights = tuple[dict[str, tuple[float, float, float]], tuple[float, float, float]]
_override: list[Weights | None] = []


@lru_cache(maxsize=1)
def _shipped() -> Weights | None:
    if not MODEL_PATH.is_file():
        return None
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        return from_data(json.load(handle))


def from_data(data: dict) -> Weights:
    weights = {feature: (float(v[0]), float(v[1]), float(v[2])) for feature, v in data["weights"].items()}
    bias = data["bias"]
    return weights, (float(bias[0]), float(bias[1]), float(bias[2]))


def _weights() -> Weights | None:
    return _override[-1] if _override else _shipped()


def use(weights: Weights | None) -> None:
    """Score with these weights instead of the shipped ones (None: no model), until `restore`; for training."""
    _override.append(weights)


def restore() -> None:
    _override.pop()


def probabilities(text: str) -> tuple[float, float, float]:
    """(none, medical, suicide); all danger-free when no model is shipped."""
    loaded = _weights()
    if loaded is None:
        return (1.0, 0.0, 0.0)
    weights, bias = loaded
    present = set(features(text))
    sums = [0.0, 0.0, 0.0]
    for feature in present:
        row = weights.get(feature)
        if row is not None:
            sums[0] += row[0]
            sums[1] += row[1]
            sums[2] += row[2]
    scale = 1 / math.sqrt(len(present) or 1)  # long messages do not win by length alone
    totals = [bias[k] + sums[k] * scale for k in range(3)]
    top = max(totals)
    exps = [math.exp(t - top) for t in totals]
    total = sum(exps)
    return (exps[0] / total, exps[1] / total, exps[2] / total)


def score(text: str) -> tuple[float, Literal["medical", "suicide"]]:
    """Probability of danger, and the more likely kind of danger."""
    _none, medical, suicide = probabilities(text)
    return medical + suicide, "suicide" if suicide > medical else "medical"
