"""Babel extraction method for messages/*.toml, registered as the `helpline` extractor.

`pybabel extract -F babel.cfg -o locale/messages.pot .` then works as
translators know it. Each string becomes a pgettext entry whose context names
its place in messages/ (`topics.signs.reply`), with a translator comment (#.)
saying what it is, its SMS budget, its placeholders and its sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from helpline.content import SourceMessage, read_file

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def translator_comment(message: SourceMessage) -> list[str]:
    lines = [message.note] if message.note else []
    if message.kind == "reply":
        lines.append(
            f"Budget: at most {message.budget} SMS segment(s) in your language (checked by `helpline catalog check`)."
        )
        placeholders = sorted(set(PLACEHOLDER.findall(message.text)))
        if placeholders:
            lines.append("Keep these placeholders exactly: " + ", ".join("{" + p + "}" for p in placeholders) + ".")
    if message.sources:
        lines.append("Sources: " + ", ".join(message.sources) + " (messages/sources.toml).")
    return lines


def extract(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Any, options: Mapping[str, Any]
) -> Iterator[Any]:
    """Yield (lineno, funcname, messages, comments) as Babel expects."""
    name = getattr(fileobj, "name", "")
    path = Path(name)
    if path.name == "sources.toml" or path.name == "crisis-lines.toml":
        return
    for message in read_file(path):
        yield message.line, "pgettext", (message.context, message.text), translator_comment(message)
