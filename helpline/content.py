"""The English source of everything the bot says, read from messages/*.toml.

messages/ is written by people who check facts, not by developers: each
translatable field becomes one catalog entry whose message context (msgctxt)
is `<file>.<table>.<field>` (for example `topics.signs.reply`). The same
reading feeds Babel extraction, the English catalog and `helpline catalog check`,
so there is one definition of what exists.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

MESSAGES_DIR = Path(__file__).resolve().parent.parent / "messages"
CONTENT_FILES = ("topics", "system", "emergency")
TEXT_FIELDS = ("reply", "text")
LIST_FIELDS = ("keywords", "phrases")
DEFAULT_BUDGET = 2

LIST_COMMENTS = {
    "keywords": (
        "Comma-separated keywords. A keyword selects this entry when it is the whole "
        "message or its first word. Write them as texters type them; accents and case "
        "do not matter. Do not reuse another topic's keyword."
    ),
    "phrases": (
        "Comma-separated phrases. A phrase matches when its words appear in order in "
        "a message. Add the ways people really write it: slang, no accents, shorthand."
    ),
}


class ContentError(ValueError):
    """messages/ breaks a rule; the message names the file and entry."""


@dataclass(frozen=True)
class SourceMessage:
    """One translatable string of messages/."""

    context: str  # e.g. "topics.signs.reply"
    text: str
    kind: str  # "reply" (a message sent to a texter) or "list" (keywords, phrases)
    budget: int | None
    sources: tuple[str, ...]
    note: str
    file: str
    line: int

    @property
    def table(self) -> str:
        """The entry's table, e.g. "topics.signs"."""
        return self.context.rsplit(".", 1)[0]


@dataclass(frozen=True)
class Topic:
    name: str
    menu: int | None
    has_reply: bool


@dataclass(frozen=True)
class Content:
    messages: dict[str, SourceMessage]
    topics: tuple[Topic, ...]
    sources: dict[str, dict[str, str]] = field(default_factory=dict)

    def menu_topics(self) -> list[Topic]:
        """Topics on the numbered menu, in menu order."""
        return sorted((t for t in self.topics if t.menu is not None), key=lambda t: t.menu or 0)


def _line_of(lines: list[str], table: str, field_name: str) -> int:
    """Best-effort line number of a field, so extracted entries point translators at the source."""
    in_table = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped == f"[{table}]"
        elif in_table and stripped.split("=", 1)[0].strip() == field_name:
            return number
    return 1


def read_file(path: Path) -> list[SourceMessage]:
    """The translatable strings of one messages/ file, in file order."""
    raw = path.read_text(encoding="utf-8")
    lines = raw.splitlines()
    data = tomllib.loads(raw)
    stem = path.stem
    found: list[SourceMessage] = []
    for table, entry in data.items():
        if not isinstance(entry, dict):
            raise ContentError(f"{path.name}: [{table}] must be a table")
        for field_name in (*LIST_FIELDS, *TEXT_FIELDS):
            if field_name not in entry:
                continue
            value = entry[field_name]
            if not isinstance(value, str) or not value.strip():
                raise ContentError(f"{path.name}: [{table}] {field_name} must be non-empty text")
            is_reply = field_name in TEXT_FIELDS
            note = entry.get("note", "")
            if not is_reply:
                note = LIST_COMMENTS[field_name] + (" " + note if note else "")
            found.append(
                SourceMessage(
                    context=f"{stem}.{table}.{field_name}",
                    text=value,
                    kind="reply" if is_reply else "list",
                    budget=int(entry.get("budget", DEFAULT_BUDGET)) if is_reply else None,
                    sources=tuple(entry.get("sources", ())),
                    note=note,
                    file=path.name,
                    line=_line_of(lines, table, field_name),
                )
            )
    return found


def load(messages_dir: Path = MESSAGES_DIR) -> Content:
    """Read and check messages/: every fact reply names a known source."""
    sources = tomllib.loads((messages_dir / "sources.toml").read_text(encoding="utf-8"))
    messages: dict[str, SourceMessage] = {}
    for stem in CONTENT_FILES:
        for message in read_file(messages_dir / f"{stem}.toml"):
            messages[message.context] = message
    for message in messages.values():
        unknown = [key for key in message.sources if key not in sources]
        if unknown:
            raise ContentError(f"{message.file}: {message.context} names unknown sources {unknown}")
    topic_data = tomllib.loads((messages_dir / "topics.toml").read_text(encoding="utf-8"))
    topics = tuple(
        Topic(name=name, menu=entry.get("menu"), has_reply="reply" in entry) for name, entry in topic_data.items()
    )
    return Content(messages=messages, topics=topics, sources=sources)
