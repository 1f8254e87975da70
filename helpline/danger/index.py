"""Find the catalog phrases of the danger lists in a message, fast, in every language at once.

Every phrase of every language is filed once, when the lexicon loads: spaced
phrases under their first word, Thai and Chinese ones under their first two
letters. A message then costs a lookup per word (and per letter in Thai or
Chinese), plus the typo lookups of matching.TypoIndex, whatever the number of
languages and phrases. The matching rules are those of helpline/emergency.py:

- spaced scripts: the phrase words in order, at most `slack` extra message
  words between two of them, one typo allowed in words of five letters or more;
- Thai and Chinese: a substring of the message with its spaces removed.

Overdose shorthand ("od'd", "ODing") is spelled out on both sides first,
because folding drops apostrophes and "od'd" would become the word "odd".
The message is cut into clauses at , . ? ! ; : and line breaks (not at "..."),
and in Thai, which has no commas, at a space between two Thai words; the
clause-ending characters come from the data file messages/scripts.toml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from helpline.knowledge import Lexicon
from helpline.matching import Pattern, typo_index
from helpline.textnorm import fold

SLACK = 1  # extra words allowed between two words of a phrase (negations: none, markers: SLACK)
MARKER = ("...", "\u2026")  # a negation written "... years ago" marks time or context

_APOSTROPHE = "['\u2019\u02bc`\u00b4-]"
SHORTHAND: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\bo\.?d\.?\s?{_APOSTROPHE}\s?e?d\b", re.IGNORECASE), "overdosed"),  # od'd, OD'ed, o.d.'d
    (re.compile(r"\boded\b", re.IGNORECASE), "overdosed"),  # ODed; "odd" stays odd
    (re.compile(rf"\bo\.?d\.?{_APOSTROPHE}?ing\b", re.IGNORECASE), "overdosing"),  # ODing, od'ing, od-ing
)


def spell_out(text: str) -> str:
    """Expand overdose shorthand that folding would turn into other words."""
    if "d" not in text and "D" not in text:
        return text
    for pattern, replacement in SHORTHAND:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True)
class Phrase:
    language: str
    context: str
    text: str  # as written in the catalog
    pattern: Pattern  # folded, shorthand spelled out
    slack: int

    @property
    def is_marker(self) -> bool:
        return self.text.lstrip().startswith(MARKER)


@dataclass(frozen=True)
class Match:
    """One place where a catalog phrase occurs in the message."""

    context: str
    language: str
    phrase: str  # as written in the catalog
    words: tuple[int, int]  # span of message words, end excluded
    chars: tuple[int, int]  # span in the message with its spaces removed
    unspaced: bool
    exact: bool  # no typo

    @property
    def is_marker(self) -> bool:
        return self.phrase.lstrip().startswith(MARKER)

    @property
    def kind(self) -> str | None:
        """"medical" or "suicide" for an emergency phrase, None for negations and cues."""
        return _KINDS.get(self.context)


_KINDS = {"emergency.medical.phrases": "medical", "emergency.suicide.phrases": "suicide"}


class PhraseIndex:
    """The phrases of some catalog lists, of every language, filed for lookup."""

    def __init__(self, lexicon: Lexicon, contexts: Iterable[str], negation_contexts: Iterable[str] = ()):
        exact_only = set(negation_contexts)
        phrases: list[Phrase] = []
        for language in lexicon.languages:
            for context in (*contexts, *exact_only):
                for pattern in lexicon.patterns(language, context):
                    if not pattern.words:
                        continue
                    spelled = Pattern.of(spell_out(pattern.text))
                    marker = pattern.text.lstrip().startswith(MARKER)
                    slack = 0 if context in exact_only and not marker else SLACK
                    phrases.append(Phrase(language, context, pattern.text, spelled, slack))
        self.phrases = tuple(dict.fromkeys(phrases))
        self.by_first_word: dict[str, list[Phrase]] = {}
        self.by_first_letters: dict[str, list[Phrase]] = {}
        for phrase in self.phrases:
            if phrase.pattern.unspaced:
                self.by_first_letters.setdefault(phrase.pattern.squashed[:2], []).append(phrase)
            else:
                self.by_first_word.setdefault(phrase.pattern.words[0], []).append(phrase)
        vocabulary = {w for p in self.phrases if not p.pattern.unspaced for w in p.pattern.words}
        self.typos = typo_index(frozenset(vocabulary))
        self.unspaced_lengths = sorted({len(key) for key in self.by_first_letters})


@lru_cache(maxsize=16)
def index_for(lexicon: Lexicon, contexts: tuple[str, ...], negation_contexts: tuple[str, ...]) -> PhraseIndex:
    return PhraseIndex(lexicon, contexts, negation_contexts)


class Prepared:
    """A message as folded words, each with its clause, and the same without spaces."""

    def __init__(self, text: str, index: PhraseIndex, clause_end: re.Pattern[str]):
        words: list[str] = []
        clause: list[int] = []
        for number, part in enumerate(clause_end.split(spell_out(text))):
            folded = fold(part)
            if folded:
                for word in folded.split(" "):
                    words.append(word)
                    clause.append(number)
        self.words = tuple(words)
        self.clause = tuple(clause)
        offsets, at = [], 0
        for word in words:
            offsets.append(at)
            at += len(word)
        self.offsets = tuple(offsets)
        self.squashed = "".join(words)
        self.word_of_char: list[int] = [i for i, word in enumerate(words) for _ in word]
        self.near = [index.typos.near(word) for word in words]
        self.index = index

    def find(self) -> list[Match]:
        """Every phrase occurrence, in message order."""
        found: list[Match] = []
        for start, near in enumerate(self.near):
            for first in near:
                for phrase in self.index.by_first_word.get(first, ()):
                    for words, exact in self._word_span(phrase, start):
                        chars = (self.offsets[words[0]], self.offsets[words[1] - 1] + len(self.words[words[1] - 1]))
                        found.append(Match(phrase.context, phrase.language, phrase.text, words, chars, False, exact))
        if self.index.by_first_letters and _has_unspaced(self.squashed):
            found.extend(self._unspaced_matches())
        return found

    def _word_span(self, phrase: Phrase, start: int) -> Iterator[tuple[tuple[int, int], bool]]:
        pattern = phrase.pattern
        exact = self.words[start] == pattern.words[0]
        index = start + 1
        for expected in pattern.words[1:]:
            at = next(
                (i for i in range(index, min(index + phrase.slack + 1, len(self.words))) if expected in self.near[i]),
                None,
            )
            if at is None:
                return
            exact = exact and self.words[at] == expected
            index = at + 1
        yield (start, index), exact

    def _unspaced_matches(self) -> Iterator[Match]:
        squashed = self.squashed
        by_letters = self.index.by_first_letters
        for position in range(len(squashed)):
            for length in self.index.unspaced_lengths:
                for phrase in by_letters.get(squashed[position : position + length], ()):
                    needle = phrase.pattern.squashed
                    if squashed.startswith(needle, position):
                        end = position + len(needle)
                        words = (self.word_of_char[position], self.word_of_char[end - 1] + 1)
                        yield Match(phrase.context, phrase.language, phrase.text, words, (position, end), True, True)

    def letters(self, start: int, end: int) -> int:
        """Letters between two places; Thai vowel and tone marks do not count."""
        return sum(1 for char in self.squashed[start:end] if not unicodedata.category(char).startswith("M"))


_UNSPACED = re.compile("[\u0e00-\u0fff\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _has_unspaced(text: str) -> bool:
    return _UNSPACED.search(text) is not None
