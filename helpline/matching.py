"""Find which catalog entry a texter's words point at.

The rules are small on purpose, so a translator can predict them:
- a keyword matches when it is the whole message or its first word(s);
- a phrase matches when its words appear in order in the message, each word
  allowed one typo when it has five letters or more (`withdrawl`, `overdoze`);
- in scripts written without spaces (Thai, Chinese) both match as substrings
  of the message with its spaces removed.
Folding (case, accents, width, punctuation) happens first, in textnorm.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein

from helpline.textnorm import fold, is_unspaced_script

TYPO_MIN_LENGTH = 5


def words_match(typed: str, expected: str) -> bool:
    """Equal, or one edit (insert, delete, substitute, swap) apart for words of 5+ letters."""
    if typed == expected:
        return True
    if len(expected) < TYPO_MIN_LENGTH or typed.isdigit() or expected.isdigit():
        return False
    return DamerauLevenshtein.distance(typed, expected, score_cutoff=1) <= 1


@dataclass(frozen=True)
class Pattern:
    """One keyword or phrase, folded once when the catalogs load."""

    text: str  # as written in the catalog
    words: tuple[str, ...]
    unspaced: bool

    @classmethod
    def of(cls, text: str) -> Pattern:
        folded = fold(text)
        return cls(text=text, words=tuple(folded.split(" ")) if folded else (), unspaced=is_unspaced_script(folded))

    @property
    def squashed(self) -> str:
        return "".join(self.words)


class TypoIndex:
    """Every vocabulary word that a typed word matches under words_match, by lookups instead of a scan.

    Two words one edit apart (insert, delete, substitute, swap) share a one-letter deletion, or one is a
    deletion of the other (the symmetric-delete method). So each long vocabulary word is filed under its
    deletions once, and a typed word costs a lookup per letter, whatever the size of the vocabulary:
    adding languages or phrases does not slow a message down. Results per typed word are cached, since
    texters reuse the same words.
    """

    def __init__(self, vocabulary: Collection[str], exact: Collection[str] = ()):
        self.vocabulary = frozenset(vocabulary)
        # Words matched only as written (the context lists): found when typed, but never a typo's target, and
        # never taking a typed word away from the vocabulary's typos (a person list's "chong", Vietnamese for
        # husband, must not stop "khong" being read in "khong tho" typed "chong tho" ... nor the reverse).
        self.exact = frozenset(exact) - self.vocabulary
        self._deleted: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if len(word) >= TYPO_MIN_LENGTH and not word.isdigit():
                for variant in _one_deleted(word):
                    self._deleted.setdefault(variant, set()).add(word)
        self._cache: dict[str, frozenset[str]] = {}

    def near(self, typed: str) -> frozenset[str]:
        cached = self._cache.get(typed)
        if cached is not None:
            return cached
        found = self._near_as_typed(typed)
        if typed in self.exact:
            found.add(typed)
        if not found and _STRETCHED.search(typed):
            # A letter held down in panic ("respiraaaa", "bernafasss", "helppp"): the word it stretches, with each
            # run read once, twice or three times ("moradoooo" is "morado", "kkkkkkkk" the "kkk" of a list). Only
            # when the word as typed matches nothing: Tagalog writes "maaaring" on purpose.
            for repeat in (r"\1", r"\1\1", r"\1\1\1"):
                variant = _STRETCHED.sub(repeat, typed)
                if variant != typed:
                    found |= self._near_as_typed(variant)
        result = frozenset(found)
        if len(self._cache) < _CACHE_SIZE:
            self._cache[typed] = result
        return result

    def near_each(self, words: Iterable[str]) -> list[frozenset[str]]:
        """near() of each word, in order. A message asks for all its words at once, and most are in the cache:
        those cost a lookup here, not a call each."""
        cache, near = self._cache, self.near
        return [found if (found := cache.get(word)) is not None else near(word) for word in words]

    def _near_as_typed(self, typed: str) -> set[str]:
        found = {typed} if typed in self.vocabulary else set()
        # A word the vocabulary itself has is taken as written, not as a typo of a neighbour: "overdose"
        # is not "overdosed", "seizure" not "seizures" (lists spell out the forms they mean).
        if not found and len(typed) >= TYPO_MIN_LENGTH - 1 and not typed.isdigit():
            candidates = set(self._deleted.get(typed, ()))  # the typed word lost a letter
            for variant in _one_deleted(typed):
                if variant in self.vocabulary:
                    candidates.add(variant)  # the typed word has an extra letter
                candidates.update(self._deleted.get(variant, ()))  # a letter replaced or two swapped
            found.update(c for c in candidates if c != typed and words_match(typed, c))
        return found


_CACHE_SIZE = 100_000
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")  # a letter three or more times in a row; never digits ("1000")


def _one_deleted(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_INDEXES: dict[int, tuple[Collection[str], TypoIndex]] = {}


def typo_index(vocabulary: Collection[str], exact: Collection[str] = ()) -> TypoIndex:
    """The index of a vocabulary, built once per vocabulary object and set of words read as written (the lexicon
    keeps its own alive)."""
    entry = _INDEXES.get(id(vocabulary))
    as_written = frozenset(exact) - frozenset(vocabulary) if exact else frozenset()
    if entry is None or entry[0] is not vocabulary or entry[1].exact != as_written:
        entry = (vocabulary, TypoIndex(vocabulary, exact))
        _INDEXES[id(vocabulary)] = entry
    return entry[1]


@dataclass(frozen=True)
class Message:
    """A texter's message, folded once and matched against many patterns.

    Given the vocabulary of all patterns, each distinct word is compared with it once, up front,
    so matching hundreds of phrases costs set lookups instead of an edit distance per pair.
    """

    words: tuple[str, ...]
    near: dict[str, frozenset[str]] | None = field(default=None, compare=False)
    present: frozenset[str] = field(default=frozenset(), compare=False)  # every vocabulary word some word matches

    @classmethod
    def of(cls, text: str, vocabulary: Collection[str] | None = None) -> Message:
        folded = fold(text)
        words = tuple(folded.split(" ")) if folded else ()
        if vocabulary is None:
            return cls(words=words)
        index = typo_index(vocabulary)  # looked up once per message, not once per word
        distinct = set(words)
        near = dict(zip(distinct, index.near_each(distinct), strict=True))
        return cls(words=words, near=near, present=frozenset().union(*near.values()))

    def could_contain(self, pattern: Pattern) -> bool:
        """False when some word of the pattern matches no word of the message: a cheap first filter."""
        return self.near is None or pattern.unspaced or all(word in self.present for word in pattern.words)

    def _match(self, typed: str, expected: str) -> bool:
        if self.near is not None and typed in self.near:
            return expected in self.near[typed]
        return words_match(typed, expected)

    @property
    def squashed(self) -> str:
        return "".join(self.words)

    def is_keyword(self, pattern: Pattern, whole_only: bool = False) -> bool:
        """The pattern is the whole message, or (unless whole_only) its first words."""
        if not pattern.words or not self.words or not self.could_contain(pattern):
            return False
        if pattern.unspaced:
            if whole_only:
                return self.squashed == pattern.squashed
            return self.squashed.startswith(pattern.squashed)
        size = len(pattern.words)
        if whole_only and len(self.words) != size:
            return False
        head = self.words[:size]
        return len(head) == size and all(self._match(t, e) for t, e in zip(head, pattern.words, strict=True))

    def find(self, pattern: Pattern, window_slack: int = 1) -> int | None:
        """Index of the first word where the phrase matches, or None.

        Words must come in order, with at most `window_slack` extra words between
        them ("can't wake HIM up" matches "cant wake up").
        """
        if not pattern.words or not self.words or not self.could_contain(pattern):
            return None
        if pattern.unspaced:
            position = self.squashed.find(pattern.squashed)
            return None if position < 0 else position
        for start, word in enumerate(self.words):
            if self._match(word, pattern.words[0]) and self._rest_follows(start + 1, pattern.words[1:], window_slack):
                return start
        return None

    def _rest_follows(self, index: int, rest: tuple[str, ...], slack: int) -> bool:
        for expected in rest:
            for skipped in range(slack + 1):
                at = index + skipped
                if at < len(self.words) and self._match(self.words[at], expected):
                    index = at + 1
                    break
            else:
                return False
        return True
