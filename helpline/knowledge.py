"""Everything the engine knows, loaded once per process from files.

Bundles the English source, the translated catalogs, the keyword and phrase
patterns of every language (folded once, not per message), and the directory
of emergency numbers. Nothing here touches Redis or the network, which is what
lets the emergency answer be built while Redis is down.
"""

from __future__ import annotations

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


@lru_cache(maxsize=4096)
def _has_unspaced(words: tuple[str, ...]) -> bool:
    """Whether a message has any character of a script written without spaces (asked per entry: cached)."""
    return any(is_unspaced_script(word) for word in words)


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
        # its order up cost more than the matching itself).
        self._first_words: dict[str, dict[str, list[tuple[int, str, Pattern]]]] = {}
        self._unspaced: dict[str, list[tuple[int, str, Pattern]]] = {}
        self._order: dict[tuple[str, Pattern], int] = {}
        for language, entries in self._patterns.items():
            for context, patterns in entries.items():
                for pattern in patterns:
                    pair = (language, pattern)
                    entry = (self._order.setdefault(pair, len(self._order)), language, pattern)
                    if pattern.unspaced:
                        self._unspaced.setdefault(context, []).append(entry)
                    elif pattern.words:
                        self._first_words.setdefault(context, {}).setdefault(pattern.words[0], []).append(entry)

    def read(self, text: str) -> Message:
        """A message prepared for fast matching against this lexicon's patterns."""
        return Message.of(text, self.vocabulary)

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
        `read`, only those whose first word the message contains (an index lookup per word, not a scan
        of every pattern of every language), plus the unspaced-script ones."""
        if message.near is None:
            return [
                (language, pattern)
                for language, entries in self._patterns.items()
                for pattern in entries.get(context, ())
            ]
        index = self._first_words.get(context)
        found = [entry for word in message.present for entry in index.get(word, ())] if index else []
        if _has_unspaced(message.words):  # an unspaced pattern has such characters: none can match without them
            found.extend(self._unspaced.get(context, ()))
        if not found:
            return []
        found.sort(key=itemgetter(0))  # catalog order: stable, English first
        return [(language, pattern) for _, language, pattern in found]

    def keyword_hits(self, message: Message, context: str, whole_only: bool = False) -> list[Hit]:
        """Languages in which the message is one of the entry's keywords."""
        return [
            Hit(context, language, pattern)
            for language, pattern in self.candidates(message, context)
            if message.is_keyword(pattern, whole_only=whole_only)
        ]

    def phrase_hits(self, message: Message, context: str) -> list[Hit]:
        """Languages in which one of the entry's phrases occurs in the message."""
        return [
            Hit(context, language, pattern)
            for language, pattern in self.candidates(message, context)
            if message.find(pattern) is not None
        ]

    def switch_target(self, message: Message) -> str | None:
        """The language a message names on its own ("ESPAÑOL", "ภาษาไทย"), if any."""
        squashed = message.squashed
        for language, entries in self._patterns.items():
            for pattern in entries.get("system.language_set.keywords", ()):
                if pattern.words and squashed == pattern.squashed:
                    return language
        return None


@dataclass(frozen=True)
class Knowledge:
    content: Content
    catalogs: Catalogs
    lexicon: Lexicon
    directory: Directory

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
