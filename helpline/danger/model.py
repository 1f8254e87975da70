"""The second opinion: a small linear model over character and word n-grams.

Trained by scripts/train_danger_model.py on the labelled corpus (reproducible:
fixed order, fixed seed); the weights are committed as
helpline/danger/model.json.gz, a few hundred kilobytes, and scored here in plain
Python: the message's features are looked up in a dict of weights, so there is
no heavy dependency at run time and the cost is a lookup per feature.

Features (the same function trains and scores): for each distinct word, the
word and its character 3- and 4-grams (with word boundaries); in Thai and
Chinese, characters and character pairs of the unspaced text (and the run
itself when short); then the distinct word pairs. A word's summed weights are
cached, so scoring costs about a lookup per word and per word pair.
Three classes (none, medical, suicide), softmax; the summed weights are divided by
the square root of the number of distinct features, as in training.
"""

from __future__ import annotations

import gzip
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from helpline.textnorm import fold, is_unspaced_script

MODEL_PATH = Path(__file__).resolve().parent / "model.json.gz"
CLASSES = ("none", "medical", "suicide")
MIN_KNOWN = 0.5  # below this share of features it has weights for, the model gives no opinion
UNSPACED_GRAMS = (1, 2)  # character n-grams of Thai and Chinese runs
UNSPACED_WORD = 4  # a Thai or Chinese run up to this many letters is also a feature of its own
POSSIBLE_THRESHOLD = 0.7  # probability of danger from which the model alone asks the possible-tier question


def features(text: str) -> list[str]:
    """The n-grams a message is scored on: those of each distinct word, then the distinct word pairs."""
    folded = fold(text)
    if not folded:
        return []
    words = folded.split(" ")
    found: list[str] = []
    for word in dict.fromkeys(words):
        found.extend(word_features(word))
    found.extend(dict.fromkeys(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)))
    return found


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[str, ...]:
    """One word's features (cached: texters reuse the same words)."""
    if is_unspaced_script(word):
        # A Thai or Chinese "word" is a whole run of text between spaces, often a clause never seen before:
        # its characters and character pairs carry the signal. The run itself counts only when short (a
        # word); with 3-grams, most features of a new message were unknown and the model fell silent
        # (no opinion on 59% of Chinese texts; held-out recall on Chinese 10% -> 83% at 0.5 without them).
        grams = [f"u:{word[i : i + size]}" for size in UNSPACED_GRAMS for i in range(len(word) - size + 1)]
        return ((f"w:{word}",) if len(word) <= UNSPACED_WORD else ()) + tuple(grams)
    padded = f" {word} "
    grams = [f"c:{padded[i : i + size]}" for size in (3, 4) for i in range(len(padded) - size + 1)]
    return (f"w:{word}", *grams)


Weights = tuple[dict[str, tuple[float, float, float]], tuple[float, float, float]]
_override: list[Weights | None] = []


@lru_cache(maxsize=1)
def _shipped() -> Weights | None:
    if not MODEL_PATH.is_file():
        return None
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        return from_data(json.load(handle))


def from_data(data: dict[str, Any]) -> Weights:
    weights = {feature: (float(v[0]), float(v[1]), float(v[2])) for feature, v in data["weights"].items()}
    bias = data["bias"]
    return weights, (float(bias[0]), float(bias[1]), float(bias[2]))


def _weights() -> Weights | None:
    return _override[-1] if _override else _shipped()


def use(weights: Weights | None) -> None:
    """Score with these weights instead of the shipped ones (None: no model), until `restore`; for training."""
    _override.append(weights)
    _word_sum.cache_clear()
    _pairs.cache_clear()


def restore() -> None:
    _override.pop()
    _word_sum.cache_clear()
    _pairs.cache_clear()


def probabilities(text: str) -> tuple[float, float, float]:
    """(none, medical, suicide); all danger-free when no model is shipped."""
    loaded = _weights()
    if loaded is None:
        return (1.0, 0.0, 0.0)
    weights, bias = loaded
    folded = fold(text)
    if not folded:
        return _softmax(bias[0], bias[1], bias[2])
    words = folded.split(" ")
    pairs = _pairs(id(weights))
    a = b = c = 0.0
    count = known = 0
    for word in dict.fromkeys(words):  # distinct words in message order, as features() lists them
        wa, wb, wc, n, k = _word_sum(word, id(weights))
        a += wa
        b += wb
        c += wc
        count += n
        known += k
    for pair in dict.fromkeys(zip(words, words[1:], strict=False)):  # a fixed sum order, whatever the hash seed
        count += 1
        row = pairs.get(pair)
        if row is not None:
            known += 1
            a += row[0]
            b += row[1]
            c += row[2]
    if known < MIN_KNOWN * count:
        return (1.0, 0.0, 0.0)  # mostly features it never saw: the model has no opinion
    scale = 1 / math.sqrt(count or 1)  # long messages do not win by length alone
    return _softmax(bias[0] + a * scale, bias[1] + b * scale, bias[2] + c * scale)


@lru_cache(maxsize=4)
def _pairs(weights_id: int) -> dict[tuple[str, str], tuple[float, float, float]]:
    """The word-pair weights keyed by the pair itself, so scoring builds no strings."""
    loaded = _weights()
    if loaded is None or id(loaded[0]) != weights_id:
        return {}
    found = {}
    for feature, row in loaded[0].items():
        if feature.startswith("b:"):
            first, _, second = feature[2:].partition(" ")
            found[(first, second)] = row
    return found


@lru_cache(maxsize=65536)
def _word_sum(word: str, weights_id: int) -> tuple[float, float, float, int, int]:
    """A word's summed weights, feature count and known-feature count, cached per word and model."""
    loaded = _weights()
    feats = word_features(word)
    if loaded is None or id(loaded[0]) != weights_id:
        return 0.0, 0.0, 0.0, len(feats), 0
    weights = loaded[0]
    a = b = c = 0.0
    known = 0
    for feature in feats:
        row = weights.get(feature)
        if row is not None:
            known += 1
            a += row[0]
            b += row[1]
            c += row[2]
    return a, b, c, len(feats), known


def _softmax(none: float, medical: float, suicide: float) -> tuple[float, float, float]:
    top = max(none, medical, suicide)
    x, y, z = math.exp(none - top), math.exp(medical - top), math.exp(suicide - top)
    norm = x + y + z
    return (x / norm, y / norm, z / norm)


def score(text: str) -> tuple[float, Literal["medical", "suicide"]]:
    """Probability of danger, and the more likely kind of danger."""
    _none, medical, suicide = probabilities(text)
    return medical + suicide, "suicide" if suicide > medical else "medical"
