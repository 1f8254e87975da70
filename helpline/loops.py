"""Loops with machines: echoes of our own replies, auto-responders, another bot.

A helpline that answers every text will talk forever to anything that answers
back: an echo bot repeats our reply to us, an auto-responder ("Talk to you
later, I'm busy") answers each of our replies with the same words, a second
helpline answers our menu with its own. Each round costs two SMS and fills a
transcript. Two pure checks cut them, without Redis or the clock:

- `OwnWords.echo_of`: the message is mostly the fixed wording of our own
  replies (any language; placeholders such as the emergency number are
  ignored). Our replies mention emergencies ("Emergency: call 911"), so an echo
  would otherwise read as an emergency every round. What is left once our words
  are removed is handed back, so the caller can still answer a person who
  pasted our text and added their own words about danger.
- `is_repeating`: the texter already sent (nearly) the same text
  `REPEATS_ANSWERED` times within the recent window the engine is given (the
  last hour). The first answers go out; then silence, until those texts age
  out of the window. A person repeating a question gets it answered twice; a
  machine stops hearing from us after two rounds.

Emergencies are exempt from `is_repeating` (a person may text the same words
in panic); only an echo of our own words is not taken for an emergency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from helpline.textnorm import fold, is_unspaced_script

MIN_SEGMENT_CHARS = 20  # shorter fixed wording ("Text MENU for topics") could be a person's own words
MIN_SEGMENT_CHARS_UNSPACED = 6  # Chinese and Thai say as much in far fewer characters
ECHO_COVERAGE = 0.6  # share of the message that must be our wording to call it an echo
INDEX_CHARS = 6  # segments are found by their first characters
REPEATS_ANSWERED = 2  # answers given to the same text before silence
SAME_TEXT_SIMILARITY = 90  # rapidfuzz ratio of folded texts: an auto-reply with a changing time is still the same
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Echo:
    coverage: float  # share of the folded message that is our own wording
    residual: str  # the folded message with our wording removed: the texter's own words, if any


class OwnWords:
    """The fixed wording of every reply the helpline sends, in every language, folded and indexed."""

    def __init__(self, templates: Iterable[str]):
        segments: set[str] = set()
        short: set[str] = set()
        for template in templates:
            for piece in _PLACEHOLDER.split(template):
                folded = fold(piece)
                if len(folded) >= _min_chars(folded):
                    segments.add(folded)
                elif folded:
                    short.add(folded)
        # The short pieces ("call", "now", "poison help") sit between placeholders; once a message is known to
        # be an echo they are ours too, and must not be read as the texter's words ("call 911 now").
        self._short = sorted(short, key=len, reverse=True)
        self._by_start: dict[str, list[str]] = {}
        for segment in sorted(segments, key=len, reverse=True):  # longest first: greedy covering
            self._by_start.setdefault(segment[:INDEX_CHARS], []).append(segment)
        self._echo_of_folded = lru_cache(maxsize=4096)(self._walk)

    @classmethod
    def of_catalogs(cls, catalogs) -> OwnWords:  # type: ignore[no-untyped-def]  # helpline.catalogs.Catalogs
        """Every reply and text of every shipped language, as translators wrote them."""
        templates = [catalogs.language_list()]  # the LANG answer's placeholder is our own wording too
        for code in catalogs.codes:
            for message in catalogs.content.messages.values():
                if message.kind == "reply":
                    templates.append(catalogs.translation(code, message.context) or message.text)
        return cls(templates)

    def __len__(self) -> int:
        return sum(len(segments) for segments in self._by_start.values())

    def echo_of(self, body: str) -> Echo | None:
        """An Echo when most of `body` is our own wording, else None (remembered per text: auto-replies and
        keywords come back word for word, and the walk below runs over most of a text's characters)."""
        return self._echo_of_folded(fold(body))

    def _walk(self, text: str) -> Echo | None:
        if len(text) < MIN_SEGMENT_CHARS_UNSPACED:
            return None
        if len(text) < MIN_SEGMENT_CHARS and text.isascii():
            return None  # only Thai or Chinese wording is this short, and an ASCII text holds none: nothing to walk
        covered = 0
        kept: list[str] = []
        position = 0
        start = 0
        total = max(1, _letters(text))
        # Every skipped letter ends up in the residual, so once the skipped ones alone put the coverage below
        # ECHO_COVERAGE the answer is known (same formula, so the same answer): most texts are not echoes,
        # and this stops their character-by-character walk early.
        skipped = 0
        by_start = self._by_start
        while position <= len(text) - MIN_SEGMENT_CHARS_UNSPACED:
            # the segment starting here, if any (inline: this loop runs over most characters of most messages)
            found = None
            for segment in by_start.get(text[position : position + INDEX_CHARS], ()):
                if text.startswith(segment, position):
                    found = segment
                    break
            if found is None:
                char = text[position]
                if not char.isdigit() and not char.isspace():
                    skipped += 1
                    if 1 - skipped / total < ECHO_COVERAGE:
                        return None
                position += 1
                continue
            kept.append(text[start:position])
            covered += len(found)
            position += len(found)
            start = position
        kept.append(text[start:])
        residual = " ".join(" ".join(kept).split())
        # Digits are left out of the measure: they are the placeholders' values (numbers to call).
        coverage = 1 - _letters(residual) / total
        if coverage < ECHO_COVERAGE:
            return None
        return Echo(coverage=coverage, residual=self._without_short_pieces(residual))

    def _without_short_pieces(self, residual: str) -> str:
        words = f" {' '.join(word for word in residual.split() if not word.isdigit())} "
        for piece in self._short:
            words = words.replace(f" {piece} ", " ")
        return " ".join(words.split())


def _letters(text: str) -> int:
    """Characters that are neither digits nor spaces (no character is both: counted in C, not per char)."""
    return len(text) - sum(map(str.isdigit, text)) - sum(map(str.isspace, text))


def _min_chars(folded: str) -> int:
    return MIN_SEGMENT_CHARS_UNSPACED if is_unspaced_script(folded) else MIN_SEGMENT_CHARS


def is_repeating(body: str, recent_texts: Sequence[str]) -> bool:
    """True when (nearly) the same text was already sent REPEATS_ANSWERED times among `recent_texts`."""
    text = fold(body)
    if not text:
        return False
    same = sum(1 for earlier in recent_texts if fuzz.ratio(text, fold(earlier)) >= SAME_TEXT_SIMILARITY)
    return same >= REPEATS_ANSWERED
