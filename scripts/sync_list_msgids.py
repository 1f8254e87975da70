"""Carry the English source of the emergency phrase lists into every catalog's msgid, translations kept.

    .venv/bin/python scripts/sync_list_msgids.py

Run after editing a list in messages/emergency.toml. `pybabel update` would mark each translated list
fuzzy when its English grows (and Babel then drops fuzzy entries when it reads the catalog), which
would silently empty that language's list; a list's translation is not a translation of the English
phrases one by one, so a longer English list never makes it stale. This rewrites only the msgid line
of the `emergency.*` list entries in locale/messages.pot and every locale/*/LC_MESSAGES/messages.po,
as written (one line, as `--no-wrap` keeps them), and leaves every other byte alone.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpline.content import read_file  # noqa: E402 - after the path set-up above

ROOT = Path(__file__).resolve().parent.parent
ENTRY = re.compile(r'^msgctxt "(?P<context>emergency\.[^"]+)"\nmsgid "(?P<msgid>(?:[^"\\]|\\.)*)"$', re.MULTILINE)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def english_lists(root: Path) -> dict[str, str]:
    """Context -> English text of every emergency entry, as Babel's extractor reads messages/emergency.toml."""
    return {message.context: message.text for message in read_file(root / "messages" / "emergency.toml")}


def sync_file(path: Path, english: dict[str, str]) -> int:
    """Rewrite the stale msgids of one catalog; return how many changed."""
    text = path.read_text(encoding="utf-8")
    changed = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        context = match.group("context")
        if context not in english:
            return match.group(0)
        wanted = escape(english[context])
        if wanted == match.group("msgid"):
            return match.group(0)
        changed += 1
        return f'msgctxt "{context}"\nmsgid "{wanted}"'

    updated = ENTRY.sub(replace, text)
    if changed:
        path.write_text(updated, encoding="utf-8")
    return changed


def main(root: Path = ROOT) -> int:
    english = english_lists(root)
    locale_dir = root / "locale"
    total = 0
    for path in [locale_dir / "messages.pot", *sorted(locale_dir.glob("*/LC_MESSAGES/messages.po"))]:
        count = sync_file(path, english)
        if count:
            print(f"{path.relative_to(root)}: {count} msgid(s) brought up to date")
        total += count
    return total


if __name__ == "__main__":
    main()
