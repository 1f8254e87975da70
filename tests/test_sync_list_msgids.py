"""scripts/sync_list_msgids.py: an English list edit reaches every catalog's msgid, translations kept, nothing fuzzy."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent


def load_script():
    spec = importlib.util.spec_from_file_location("sync_list_msgids", ROOT / "scripts" / "sync_list_msgids.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def entry(path: Path, context: str):
    with path.open("rb") as handle:
        return next(m for m in read_po(handle) if m.context == context)


def test_a_grown_english_list_reaches_every_catalog_without_fuzzy(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "messages", tmp_path / "messages")
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    source = tmp_path / "messages" / "emergency.toml"
    text = source.read_text(encoding="utf-8")
    marker = 'phrases = "not breathing, '
    assert marker in text
    source.write_text(text.replace(marker, 'phrases = "a made up phrase, not breathing, ', 1), encoding="utf-8")
    french = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "messages.po"
    before = entry(french, "emergency.medical.phrases")

    changed = load_script().main(tmp_path)

    catalogs = [tmp_path / "locale" / "messages.pot", *sorted((tmp_path / "locale").glob("*/LC_MESSAGES/messages.po"))]
    assert changed == len(catalogs)
    for path in catalogs:
        message = entry(path, "emergency.medical.phrases")
        assert str(message.id).startswith("a made up phrase, not breathing, ")
        assert not message.fuzzy
    after = entry(french, "emergency.medical.phrases")
    assert after.string == before.string and after.string
    assert load_script().main(tmp_path) == 0


def test_the_shipped_catalogs_follow_the_english_lists() -> None:
    """A list edited without the sync leaves msgids behind; pybabel update would then mark it fuzzy."""
    script = load_script()
    english = script.english_lists(ROOT)
    for path in [ROOT / "locale" / "messages.pot", *sorted((ROOT / "locale").glob("*/LC_MESSAGES/messages.po"))]:
        with path.open("rb") as handle:
            ids = {m.context: m.id for m in read_po(handle) if m.context in english}
        stale = sorted(context for context, text in english.items() if ids.get(context) != text)
        assert not stale, f"{path}: run scripts/sync_list_msgids.py ({stale})"
