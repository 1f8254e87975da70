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

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Message:
    """A texter's message, folded once and matched against many patterns."""

    words: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Message:
        folded = fold(text)
        return cls(words=tuple(folded.split(" ")) if folded else ())

    @property
    def squashed(self) -> str:
        return "".join(self.words)

    def is_keyword(self, pattern: Pattern, whole_only: bool = False) -> bool:
        """The pattern is the whole message, or (unless whole_only) its first words."""
        if not pattern.words or not self.words:
            return False
        if pattern.unspaced:
            if whole_only:
                return self.squashed == pattern.squashed
            return self.squashed.startswith(pattern.squashed)
        size = len(pattern.words)
        if whole_only and len(self.words) != size:
            return False
        head = self.words[:size]
        return len(head) == size and all(words_match(t, e) for t, e in zip(head, pattern.words, strict=True))

    def find(self, pattern: Pattern, window_slack: int = 1) -> int | None:
        """Index of the first word where the phrase matches, or None.

        Words must come in order, with at most `window_slack` extra words between
        them ("can't wake HIM up" matches "cant wake up").
        """
        if not pattern.words or not self.words:
            return None
        if pattern.unspaced:
            position = self.squashed.find(pattern.squashed)
            return None if position < 0 else position
        for start, word in enumerate(self.words):
            if words_match(word, pattern.words[0]) and self._rest_follows(start + 1, pattern.words[1:], window_slack):
                return start
        return None

    def _rest_follows(self, index: int, rest: tuple[str, ...], slack: int) -> bool:
        for expected in rest:
            for skipped in range(slack + 1):
                at = index + skipped
                if at < len(self.words) and words_match(self.words[at], expected):
                    index = at + 1
                    break
            else:
                return False
        return True
