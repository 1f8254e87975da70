"""Rebuild zh_Hant's emergency phrase lists from zh_Hans (run after editing zh_Hans's lists).

    .venv/bin/python scripts/zh_hant_lists.py

Reads both .po files, converts every `emergency.*.phrases` list of zh_Hans with OpenCC s2twp
(helpline.catalog_tools.hant_items, with the Cantonese extras), restores the two hand-written replies
(HANT_REPLIES) and writes zh_Hant in place; every other entry is kept. tests/test_zh_hant.py fails when
the two drift apart.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po

from helpline.catalog_tools import HANT_REPLIES, hant_items
from helpline.catalogs import LOCALE_DIR
from helpline.textnorm import split_list


def main(locale_dir: Path = LOCALE_DIR) -> list[str]:
    hans_path = locale_dir / "zh_Hans" / "LC_MESSAGES" / "messages.po"
    hant_path = locale_dir / "zh_Hant" / "LC_MESSAGES" / "messages.po"
    with hans_path.open("rb") as handle:
        hans = {m.context: m.string for m in read_po(handle) if m.context and isinstance(m.string, str)}
    with hant_path.open("rb") as handle:
        catalog = read_po(handle)
    changed = []
    for message in catalog:
        context = message.context
        if context in HANT_REPLIES and message.string != HANT_REPLIES[context]:
            message.string = HANT_REPLIES[context]
            changed.append(context)
            continue
        if not context or not context.startswith("emergency.") or not context.endswith(".phrases"):
            continue
        if not hans.get(context) or not isinstance(message.string, str):
            continue
        rebuilt = ", ".join(hant_items(context, split_list(hans[context])))
        if rebuilt != message.string:
            message.string = rebuilt
            changed.append(context)
    with hant_path.open("wb") as handle:
        write_po(handle, catalog, width=None, ignore_obsolete=True)
    return changed


if __name__ == "__main__":
    for context in main():
        print(f"zh_Hant: rebuilt {context}")
