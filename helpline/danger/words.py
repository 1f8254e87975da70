"""Words each language has, as texters write them: what a typo must not be read into.

The typo rule (one edit in words of five letters or more) reads a word one letter away from a phrase's word as
that word. Most such words are typos ("cuting", "breathin"); some are other words of the language, and a typo
that changes a word's first letter is then far less likely than the word as written: "im putting his capsules
away" is not the suicide phrase "im cutting", "ladang" (a field) is not the Indonesian negation "kadang". So a
typed word this list holds is not read as a phrase's word that differs from it in its first letter only (see
helpline/danger/index.py); the typos texters make, a letter dropped, doubled, swapped or changed further in,
match as before ("im cuting", "cuttin", "breating", "respita").

The list is built by scripts/build_word_list.py from the labelled corpus: the words of five letters or more that
two texts or more labelled safe (none) use, per language, held-out batches excluded; committed as
helpline/danger/words.json.gz. Not for Vietnamese, whose folded words merge words its tones tell apart ("chồng",
husband, and "không", not, are both one letter from "chong"), nor Thai and Chinese (no typos there).
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

WORDS_PATH = Path(__file__).resolve().parent / "words.json.gz"
MIN_TEXTS = 2  # safe texts a word must appear in to be listed: one text may hold a typo of its own
SKIPPED_LANGUAGES = frozenset({"vi", "th", "zh_Hans", "zh_Hant"})


@lru_cache(maxsize=1)
def known_words() -> dict[str, frozenset[str]]:
    """Language -> the folded words it is known to have (empty when the list is not there)."""
    if not WORDS_PATH.is_file():
        return {}
    with gzip.open(WORDS_PATH, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    return {language: frozenset(words) for language, words in data.items()}


def another_word(typed: str, expected: str, words: frozenset[str], vocabulary: frozenset[str]) -> bool:
    """`typed` is a word of the language, not a typo of `expected`: it is listed and differs from it in its first
    letter only ("putting" and "cutting"). Not when the rest is a word itself: that first letter is an elided
    pronoun or article that folding glued on ("j'arrive" and "n'arrive" are both "arrive")."""
    if typed not in words or len(typed) != len(expected) or typed[0] == expected[0] or typed[1:] != expected[1:]:
        return False
    rest = typed[1:]
    return rest not in words and rest not in vocabulary
