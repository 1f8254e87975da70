"""Notice danger in any shipped language.

The phrases live in the catalogs (emergency.medical.phrases,
emergency.suicide.phrases, emergency.negations.phrases), so translators extend
them. The method is small on purpose, so that anyone can predict it and check
it against tests/corpus/emergency.tsv:

1. Shorthand: "od'd", "OD'ed", "ODing" are spelled out ("overdosed",
   "overdosing") in the message and in the phrases before folding, because
   folding drops apostrophes and "od'd" would become the word "odd".
2. Folding (textnorm.fold): case, accents, width and punctuation. The message
   is also cut into clauses at , . ? ! ; : and line breaks (not at "..."),
   and in Thai, which has no commas, at a space between two Thai words.
3. Matching: a phrase of any language matches where its words come in order,
   with at most one extra word between two of them and one typo allowed in
   words of five letters or more; Thai and Chinese phrases match as
   substrings of the message with its spaces removed.
4. Negation is local: a negation or question phrase (of any language) that
   appears as written (no extra words) cancels an emergency phrase in the
   same clause when it covers the phrase's end ("not suicidal", "no quiero
   matarme") or ends at most WINDOW word (CHAR_WINDOW letters in Thai or
   Chinese) before it ("signs of overdose", "what if someone stops
   breathing"). A negation written with a leading "..." is a marker of time
   or context ("... years ago", "... my texts"): it may have one extra word
   inside, and counts on either side within MARKER_WINDOW words. A phrase
   inside a cancelled phrase is cancelled with it.
5. A message that is nothing but a signs keyword ("OD", "OVERDOSE") asks for
   the SIGNS topic, whose reply starts with the emergency number anyway.

Whatever is left is an emergency, suicide before medical. Questions about
one's present state are not negations: "I took too much, what do I do?" and
"is this an overdose? he won't wake up" are emergencies, because a false
alarm costs a counselor a minute and a miss can cost a life.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from helpline.knowledge import Lexicon
from helpline.matching import TYPO_MIN_LENGTH, Message, Pattern
from helpline.textnorm import tokens

Kind = Literal["medical", "suicide"]
KIND_CONTEXTS: dict[Kind, str] = {
    "suicide": "emergency.suicide.phrases",
    "medical": "emergency.medical.phrases",
}
NEGATIONS = "emergency.negations.phrases"
SIGNS_KEYWORDS = "topics.signs.keywords"

SLACK = 1  # extra words allowed between two words of an emergency phrase or a marker (other negations: none)
WINDOW = 1  # message words allowed between a negation and the phrase it cancels
CHAR_WINDOW = 4  # the same for Thai and Chinese, in letters (spaces and Thai vowel/tone marks not counted)
MARKER_WINDOW = 3  # the same for a negation written "... years ago", before or after the phrase
CHAR_MARKER_WINDOW = 8
MARKER = ("...", "\u2026")  # a negation written "... years ago" marks time or context: wider window, either side

_APOSTROPHE = "['\u2019\u02bc`\u00b4-]"
# Shorthand spelled out before folding; \b keeps "odd", "code", "nod" untouched.
SHORTHAND: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\bo\.?d\.?\s?{_APOSTROPHE}\s?e?d\b", re.IGNORECASE), "overdosed"),  # od'd, OD'ed, o.d.'d
    (re.compile(r"\boded\b", re.IGNORECASE), "overdosed"),  # ODed; "odd" stays odd
    (re.compile(rf"\bo\.?d\.?{_APOSTROPHE}?ing\b", re.IGNORECASE), "overdosing"),  # ODing, od'ing, od-ing
)
# Clause ends, which negations do not cross: punctuation (not an ellipsis: "he's not... breathing"),
# line breaks, and in Thai, which has no commas, a space between two Thai letters.
_CLAUSE_END = re.compile(
    r"(?<!\.)\.(?!\.)|[,?!;:\n\u3001\u3002\uff0c\uff1f\uff01\uff1b\uff1a]|(?<=[\u0e00-\u0e7f])\s+(?=[\u0e00-\u0e7f])"
)


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    phrase: str  # the catalog phrase that matched, as written there
    languages: tuple[str, ...]  # every language whose phrase matched, best reading first


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
    def kind(self) -> Kind | None:
        return next((k for k, c in KIND_CONTEXTS.items() if c == self.context), None)


@dataclass(frozen=True)
class Assessment:
    """Everything the detector saw, for `helpline triage` and for tests."""

    verdict: Verdict | None
    matches: tuple[Match, ...]  # emergency phrases that count
    cancelled: tuple[tuple[Match, Match], ...]  # emergency phrase, and the negation that cancelled it
    keyword: str | None = None  # the signs keyword the whole message was, if any


def spell_out(text: str) -> str:
    """Rule 1: expand overdose shorthand that folding would turn into other words."""
    for pattern, replacement in SHORTHAND:
        text = pattern.sub(replacement, text)
    return text


def detect(text: str, lexicon: Lexicon) -> Verdict | None:
    """The emergency a message signals, or None."""
    return assess(text, lexicon).verdict


def assess(text: str, lexicon: Lexicon) -> Assessment:
    """Find emergency phrases, cancel the negated ones, and give the verdict."""
    book = _phrasebook(lexicon)
    prepared = _Prepared.of(text, book)
    if not prepared.words:
        return Assessment(None, (), ())
    keyword = _signs_keyword(prepared, lexicon)
    if keyword is not None:
        return Assessment(None, (), (), keyword=keyword)
    found = [
        match
        for language, lists in book.lists.items()
        for context in KIND_CONTEXTS.values()
        for match in prepared.matches(language, context, lists[context])
    ]
    negations = [n for lang, lists in book.lists.items() for n in prepared.matches(lang, NEGATIONS, lists[NEGATIONS])]
    cancelled: dict[Match, Match] = {}
    for match in found:
        by = next((n for n in negations if prepared.cancels(n, match)), None)
        if by is not None:
            cancelled[match] = by
    for match in found:  # a phrase inside a cancelled one goes with it ("if someone is having a seizure")
        outer = next((c for c in cancelled if c is not match and _covers(c.chars, match.chars)), None)
        if match not in cancelled and outer is not None:
            cancelled[match] = cancelled[outer]
    live = tuple(m for m in found if m not in cancelled)
    return Assessment(_verdict(live, tuple(book.lists)), live, tuple(cancelled.items()))


def _verdict(live: tuple[Match, ...], languages: tuple[str, ...]) -> Verdict | None:
    for kind in KIND_CONTEXTS:
        of_kind = [m for m in live if m.kind == kind]
        if not of_kind:
            continue
        ranked = sorted({m.language for m in of_kind}, key=lambda lang: _rank(lang, of_kind, languages))
        best = min((m for m in of_kind if m.language == ranked[0]), key=lambda m: (m.chars[0], -m.chars[1]))
        return Verdict(kind=kind, phrase=best.phrase, languages=tuple(ranked))
    return None


def _rank(language: str, matches: list[Match], order: tuple[str, ...]) -> tuple[int, int, int]:
    """Languages that read more of the message, without typos, come first; then catalog order."""
    own = [m for m in matches if m.language == language]
    covered = len({i for m in own for i in range(*m.chars)})
    return (-covered, -sum(m.exact for m in own), order.index(language))


def _signs_keyword(prepared: _Prepared, lexicon: Lexicon) -> str | None:
    message = Message(words=prepared.words)
    for hit in lexicon.keyword_hits(message, SIGNS_KEYWORDS, whole_only=True):
        if hit.pattern.words == prepared.words:
            return hit.pattern.text
    return None


def _covers(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


@dataclass(frozen=True)
class _Phrase:
    text: str  # as written in the catalog
    pattern: Pattern  # folded, shorthand spelled out


@dataclass(frozen=True)
class _Phrasebook:
    """Every language's emergency and negation phrases, and the words they use (for a fast first pass)."""

    lists: dict[str, dict[str, tuple[_Phrase, ...]]]  # language -> context -> phrases
    vocabulary: frozenset[str]  # every word of a spaced phrase
    typo_words: tuple[str, ...]  # the ones that allow a typo (matching.words_match)


@lru_cache(maxsize=8)
def _phrasebook(lexicon: Lexicon) -> _Phrasebook:
    """Built once per lexicon: shorthand spelled out in the phrases too (rule 1)."""
    lists: dict[str, dict[str, tuple[_Phrase, ...]]] = {}
    for language in lexicon.languages:
        lists[language] = {
            context: tuple(
                _Phrase(p.text, Pattern.of(spell_out(p.text))) for p in lexicon.patterns(language, context) if p.words
            )
            for context in (*KIND_CONTEXTS.values(), NEGATIONS)
        }
    vocabulary = frozenset(
        word
        for contexts in lists.values()
        for phrases in contexts.values()
        for phrase in phrases
        if not phrase.pattern.unspaced
        for word in phrase.pattern.words
    )
    typo_words = tuple(sorted(w for w in vocabulary if len(w) >= TYPO_MIN_LENGTH and not w.isdigit()))
    return _Phrasebook(lists, vocabulary, typo_words)


@dataclass(frozen=True)
class _Prepared:
    """The message as folded words, each with its clause, and the same without spaces."""

    words: tuple[str, ...]
    clause: tuple[int, ...]  # clause number of each word
    offsets: tuple[int, ...]  # where each word starts in `squashed`
    squashed: str
    where: dict[str, tuple[int, ...]]  # phrase word -> the message words it matches (typos included)

    @classmethod
    def of(cls, text: str, book: _Phrasebook) -> _Prepared:
        words: list[str] = []
        clause: list[int] = []
        for number, part in enumerate(_CLAUSE_END.split(spell_out(text))):
            for word in tokens(part):
                words.append(word)
                clause.append(number)
        offsets, at = [], 0
        for word in words:
            offsets.append(at)
            at += len(word)
        where: dict[str, list[int]] = {}
        for typed in set(words):
            # The same rule as matching.words_match, asked of all phrase words at once.
            same = [typed] if typed in book.vocabulary else []
            near = (
                []
                if typed.isdigit()
                else process.extract(
                    typed, book.typo_words, scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=None
                )
            )
            positions = [index for index, word in enumerate(words) if word == typed]
            for expected in {*same, *(choice for choice, _, _ in near)}:
                where.setdefault(expected, []).extend(positions)
        return cls(
            tuple(words),
            tuple(clause),
            tuple(offsets),
            "".join(words),
            {k: tuple(sorted(v)) for k, v in where.items()},
        )

    def matches(self, language: str, context: str, phrases: tuple[_Phrase, ...]) -> list[Match]:
        found = []
        for phrase in phrases:
            pattern = phrase.pattern
            slack = 0 if context == NEGATIONS and not phrase.text.lstrip().startswith(MARKER) else SLACK
            spans = self._char_spans(pattern) if pattern.unspaced else self._word_spans(pattern, slack)
            for words, chars, exact in spans:
                found.append(Match(context, language, phrase.text, words, chars, pattern.unspaced, exact))
        return found

    def cancels(self, negation: Match, match: Match) -> bool:
        """Rule 4: same clause, and the negation covers the end of the match, or ends just before it."""
        if self.clause[negation.words[0]] != self.clause[match.words[0]]:
            return False
        if negation.chars[0] < match.chars[1] <= negation.chars[1]:
            return True  # covers the phrase, or at least its end: "not suicidal", "cai tu tu"
        in_chars = negation.unspaced or match.unspaced
        marker = negation.phrase.lstrip().startswith(MARKER)
        if negation.chars[1] <= match.chars[0]:
            gap = self._letters(negation.chars[1], match.chars[0]) if in_chars else match.words[0] - negation.words[1]
        elif marker and negation.chars[0] >= match.chars[1]:
            gap = self._letters(match.chars[1], negation.chars[0]) if in_chars else negation.words[0] - match.words[1]
        else:
            return False
        if in_chars:
            return gap <= (CHAR_MARKER_WINDOW if marker else CHAR_WINDOW)
        return gap <= (MARKER_WINDOW if marker else WINDOW)

    def _letters(self, start: int, end: int) -> int:
        """Letters between two places; Thai vowel and tone marks do not count."""
        return sum(1 for char in self.squashed[start:end] if not unicodedata.category(char).startswith("M"))

    def _word_spans(self, pattern: Pattern, slack: int) -> Iterator[tuple[tuple[int, int], tuple[int, int], bool]]:
        """Rule 3 for spaced scripts: the phrase words in order, at most `slack` extra words between two."""
        first, rest = pattern.words[0], pattern.words[1:]
        for start in self.where.get(first, ()):
            exact = self.words[start] == first
            index = start + 1
            for expected in rest:
                at = next((i for i in self.where.get(expected, ()) if index <= i <= index + slack), None)
                if at is None:
                    break
                exact = exact and self.words[at] == expected
                index = at + 1
            else:
                chars = (self.offsets[start], self.offsets[index - 1] + len(self.words[index - 1]))
                yield (start, index), chars, exact

    def _char_spans(self, pattern: Pattern) -> Iterator[tuple[tuple[int, int], tuple[int, int], bool]]:
        """Rule 3 for Thai and Chinese: a substring of the message without its spaces."""
        needle = pattern.squashed
        position = self.squashed.find(needle)
        while position >= 0:
            end = position + len(needle)
            yield (self._word_at(position), self._word_at(end - 1) + 1), (position, end), True
            position = self.squashed.find(needle, position + 1)

    def _word_at(self, char: int) -> int:
        word = 0
        for index, offset in enumerate(self.offsets):
            if offset > char:
                break
            word = index
        return word
