"""Everything the engine knows, loaded once per process from files.

Bundles the English source, the translated catalogs, the keyword and phrase
patterns of every language (folded once, not per message), and the directory
of emergency numbers. Nothing here touches Redis or the network, which is what
lets the emergency answer be built while Redis is down.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path

from helpline import content as content_module
from helpline.catalogs import LOCALE_DIR, Catalogs
from helpline.content import Content
from helpline.directory import DEFAULT_PATH as DIRECTORY_PATH
from helpline.directory import Directory
from helpline.loops import OwnWords
from helpline.matching import Message, Pattern
from helpline.textnorm import is_unspaced_script


@dataclass(frozen=True)
class Hit:
    """A pattern that matched: which entry, in which language, and the words as the catalog has them."""

    context: str
    language: str
    pattern: Pattern


# (catalog order, language, pattern, the pattern's words): one entry of the Lexicon's candidate index.
_Entry = tuple[int, str, Pattern, frozenset[str]]


_GRAM = 2


def _starts(squashed: str) -> frozenset[str]:
    """Every run of up to _GRAM characters in a message (spaces removed): where an unspaced pattern could begin."""
    return frozenset(
        squashed[i : i + size] for size in range(_GRAM + 1) for i in range(max(len(squashed) - size + 1, 1))
    )


# The danger lists (emergency.*) are read by helpline.danger's own phrase index, never through `candidates`:
# filed in the index below they were two thirds of the entries a message found, for nothing. They are still
# in the vocabulary (their words shadow typos the same way), and `candidates` still answers for them, by a scan.
_NOT_INDEXED = "emergency."


@dataclass
class _WordIndex:
    """The spaced patterns filed under one word: those with no other word, and the others by their second
    rarest word."""

    alone: list[tuple[str, _Entry]]
    with_word: dict[str, list[tuple[str, _Entry]]]
    seconds: frozenset[str] = frozenset()

    def seal(self) -> None:
        self.seconds = frozenset(self.with_word)


@lru_cache(maxsize=4096)
def _has_unspaced(words: tuple[str, ...]) -> bool:
    """Whether a message has any character of a script written without spaces (asked per entry: cached)."""
    return any(is_unspaced_script(word) for word in words)


READS_KEPT = 4096  # texts whose reading the lexicon remembers (see Lexicon.reading)


class Reading:
    """One message as a lexicon read it, and the keyword and phrase lists asked of it so far.

    The engine asks one message about a dozen lists in a row (opt-out, menu, every topic's keywords and
    phrases), and the same texts come back ("HELP", "STOP", menu numbers, auto-replies, a conversation's "ok"):
    the index lookup is made once per message and each list's answer once per text. Every answer depends on
    the text and the lexicon alone. The hit lists are shared: callers must not change them."""

    __slots__ = ("message", "_lexicon", "_candidates", "_whole", "_first", "_phrases")

    def __init__(self, message: Message, lexicon: Lexicon):
        self.message = message
        self._lexicon = lexicon
        self._candidates: dict[str, list[tuple[str, Pattern]]] | None = None  # per indexed context, on first use
        self._whole: dict[str, list[Hit]] = {}  # keyword_hits(..., whole_only=True) by context
        self._first: dict[str, list[Hit]] = {}  # keyword_hits(..., whole_only=False) by context
        self._phrases: dict[str, list[Hit]] = {}  # phrase_hits by context

    def keyword_hits(self, context: str, whole_only: bool = False) -> list[Hit]:
        """Languages in which the message is one of the entry's keywords (see Lexicon.keyword_hits)."""
        asked = self._whole if whole_only else self._first
        hits = asked.get(context)
        if hits is None:
            message = self.message
            hits = asked[context] = [
                Hit(context, language, pattern)
                for language, pattern in self.candidates(context)
                if message.is_keyword(pattern, whole_only=whole_only)
            ]
        return hits

    def phrase_hits(self, context: str) -> list[Hit]:
        """Languages in which one of the entry's phrases occurs in the message (see Lexicon.phrase_hits)."""
        hits = self._phrases.get(context)
        if hits is None:
            message = self.message
            hits = self._phrases[context] = [
                Hit(context, language, pattern)
                for language, pattern in self.candidates(context)
                if message.find(pattern) is not None
            ]
        return hits

    def candidates(self, context: str) -> list[tuple[str, Pattern]]:
        """Lexicon.candidates of this message, the index looked up on the first question only."""
        if self.message.near is None or context.startswith(_NOT_INDEXED):
            return self._lexicon.candidates(self.message, context)
        if self._candidates is None:
            self._candidates = self._lexicon._all_candidates(self.message)
        return self._candidates.get(context, [])


class Lexicon:
    """Keyword and phrase patterns per language and catalog entry."""

    def __init__(self, catalogs: Catalogs):
        self._patterns: dict[str, dict[str, tuple[Pattern, ...]]] = {}
        list_contexts = [c for c, m in catalogs.content.messages.items() if m.kind == "list"]
        for code in catalogs.codes:
            per_language = {
                context: tuple(Pattern.of(item) for item in catalogs.items(code, context)) for context in list_contexts
            }
            per_language["system.language_set.keywords"] = self._language_names(catalogs, code, per_language)
            self._patterns[code] = per_language
        self.vocabulary: frozenset[str] = frozenset(
            word
            for entries in self._patterns.values()
            for patterns in entries.values()
            for pattern in patterns
            if not pattern.unspaced
            for word in pattern.words
        )

        # Index entries carry their catalog order, so candidates sort by an int (hashing a Pattern to look
        # its order up cost more than the matching itself), and the pattern's words as a set. A spaced
        # pattern can only match when every one of its words is among the message's (`could_contain`), so
        # it is filed under its rarest word: "i can't breathe" under "breathe", not under "i", which
        # dozens of phrases start with and most messages contain.
        uses = Counter(
            word
            for entries in self._patterns.values()
            for patterns in entries.values()
            for pattern in patterns
            if not pattern.unspaced
            for word in set(pattern.words)
        )
        # One index for every context (a message's words are looked up once, not once per context asked),
        # then unspaced-script patterns (Thai, Chinese) by their first two characters: one can only be found
        # where the message, spaces removed, holds those two characters side by side.
        # A pattern of two or more distinct words is filed under its two rarest (both must be in the message),
        # so patterns that share a message's common words but not all of them cost nothing to rule out.
        self._by_word: dict[str, _WordIndex] = {}
        self._unspaced: dict[str, list[tuple[str, _Entry]]] = {}
        self._order: dict[tuple[str, Pattern], int] = {}
        for language, entries in self._patterns.items():
            for context, patterns in entries.items():
                for pattern in patterns:
                    pair = (language, pattern)
                    order = self._order.setdefault(pair, len(self._order))  # numbered in every list: the same order
                    if context.startswith(_NOT_INDEXED):
                        continue
                    entry = (order, language, pattern, frozenset(pattern.words))
                    if pattern.unspaced:
                        self._unspaced.setdefault(pattern.squashed[:_GRAM], []).append((context, entry))
                    elif pattern.words:
                        words = pattern.words
                        ranked = sorted(set(words), key=lambda word: (uses[word], words.index(word)))
                        index = self._by_word.setdefault(ranked[0], _WordIndex([], {}))
                        if len(ranked) == 1:
                            index.alone.append((context, entry))
                        else:
                            index.with_word.setdefault(ranked[1], []).append((context, entry))
        for index in self._by_word.values():
            index.seal()
        # What `reading` made of recent texts, by text.
        self._readings: dict[str, Reading] = {}

    def read(self, text: str) -> Message:
        """A message prepared for fast matching against this lexicon's patterns."""
        return self.reading(text).message

    def reading(self, text: str) -> Reading:
        """The message read, with the lists asked of it: remembered for the last READS_KEPT texts (forgotten all at
        once), since the same texts come back and each is asked a dozen lists (see Reading)."""
        known = self._readings.get(text)
        if known is not None:
            return known
        if len(self._readings) >= READS_KEPT:
            self._readings.clear()
        known = self._readings[text] = Reading(Message.of(text, self.vocabulary), self)
        return known

    @staticmethod
    def _language_names(catalogs: Catalogs, code: str, patterns: dict[str, tuple[Pattern, ...]]) -> tuple[Pattern, ...]:
        language = catalogs.language(code)
        names = [*patterns.get("system.language_set.keywords", ()), Pattern.of(language.own_name)]
        if code == "en":
            names.append(Pattern.of(language.english_name))
        return tuple(names)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language with patterns, in catalog order (English first)."""
        return tuple(self._patterns)

    def patterns(self, language: str, context: str) -> tuple[Pattern, ...]:
        return self._patterns.get(language, {}).get(context, ())

    def candidates(self, message: Message, context: str) -> list[tuple[str, Pattern]]:
        """(language, pattern) pairs that could match: all of them for a plain Message; for one from
        `read`, only the spaced patterns whose words the message all has (found by an index lookup per
        word of the message, not a scan of every pattern of every language), plus the unspaced-script ones."""
        if message.near is None or context.startswith(_NOT_INDEXED):
            return [
                (language, pattern)
                for language, entries in self._patterns.items()
                for pattern in entries.get(context, ())
            ]
        return self._all_candidates(message).get(context, [])

    def _all_candidates(self, message: Message) -> dict[str, list[tuple[str, Pattern]]]:
        present = message.present
        found: dict[str, list[_Entry]] = {}
        by_word = self._by_word
        for word in present:
            index = by_word.get(word)
            if index is None:
                continue
            for context, entry in index.alone:
                found.setdefault(context, []).append(entry)
            for second in index.seconds & present:
                for context, entry in index.with_word[second]:
                    if entry[3] <= present:
                        found.setdefault(context, []).append(entry)
        if _has_unspaced(message.words):  # an unspaced pattern can't match without such characters
            unspaced = self._unspaced
            for start in _starts(message.squashed):
                for context, entry in unspaced.get(start, ()):
                    found.setdefault(context, []).append(entry)
        result = {}
        for context, entries in found.items():
            if len(entries) > 1:
                entries.sort(key=itemgetter(0))  # catalog order: stable, English first
            result[context] = [(entry[1], entry[2]) for entry in entries]
        return result

    def keyword_hits(self, message: Message, context: str, whole_only: bool = False) -> list[Hit]:
        """Languages in which the message is one of the entry's keywords, worked out afresh (the engine asks a
        remembered `reading` instead)."""
        return Reading(message, self).keyword_hits(context, whole_only)

    def phrase_hits(self, message: Message, context: str) -> list[Hit]:
        """Languages in which one of the entry's phrases occurs in the message, worked out afresh (the engine asks a
        remembered `reading` instead)."""
        return Reading(message, self).phrase_hits(context)

    def switch_target(self, message: Message) -> str | None:
        """The language a message names on its own ("ESPAÑOL", "ภาษาไทย"), if any."""
        return self._language_names_squashed.get(message.squashed)

    @cached_property
    def _language_names_squashed(self) -> dict[str, str]:
        """Each language name, spaces removed -> the first language (catalog order) that lists it."""
        names: dict[str, str] = {}
        for language, entries in self._patterns.items():
            for pattern in entries.get("system.language_set.keywords", ()):
                if pattern.words:
                    names.setdefault(pattern.squashed, language)
        return names


@dataclass(frozen=True)
class Knowledge:
    content: Content
    catalogs: Catalogs
    lexicon: Lexicon
    directory: Directory

    @cached_property
    def topic_lists(self) -> tuple[tuple[str, str, str], ...]:
        """Each topic's name, keyword list and phrase list contexts, in menu order: the engine's keyword and
        phrase rules walk them for every message that reaches them."""
        return tuple((t.name, f"topics.{t.name}.keywords", f"topics.{t.name}.phrases") for t in self.content.topics)

    @cached_property
    def own_words(self) -> OwnWords:
        """The fixed wording of every reply we send, to recognise it coming back (helpline.loops)."""
        return OwnWords.of_catalogs(self.catalogs)

    @classmethod
    def load(
        cls,
        messages_dir: Path = content_module.MESSAGES_DIR,
        locale_dir: Path = LOCALE_DIR,
        directory_path: Path = DIRECTORY_PATH,
    ) -> Knowledge:
        content = content_module.load(messages_dir)
        catalogs = Catalogs.load(content, locale_dir)
        return cls(
            content=content, catalogs=catalogs, lexicon=Lexicon(catalogs), directory=Directory.load(directory_path)
        )
