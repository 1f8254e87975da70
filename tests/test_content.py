"""messages/: every fact names a source, nothing gives doses, the template is current."""

from __future__ import annotations

import re

import pytest

from helpline import content
from helpline.knowledge import Knowledge

DOSE_PATTERN = re.compile(r"\b\d+(\.\d+)?\s*(mg|g|gram|grams|milligrams|tsp|teaspoons?|capsules?)\b", re.IGNORECASE)


def test_every_fact_reply_names_a_known_source() -> None:
    loaded = content.load()
    facts = [m for c, m in loaded.messages.items() if c.startswith("topics.") and c.endswith(".reply")]
    assert len(facts) >= 8
    for message in facts:
        assert message.sources, f"{message.context} names no source"
        assert set(message.sources) <= set(loaded.sources)


def test_emergency_steps_name_their_sources() -> None:
    loaded = content.load()
    assert loaded.messages["emergency.steps.text"].sources


def test_unknown_source_is_refused(tmp_path) -> None:
    for name in ("sources.toml", "system.toml", "emergency.toml"):
        (tmp_path / name).write_text((content.MESSAGES_DIR / name).read_text())
    topics = (content.MESSAGES_DIR / "topics.toml").read_text().replace('sources = ["S14", "S19"]', 'sources = ["S99"]')
    (tmp_path / "topics.toml").write_text(topics)
    with pytest.raises(content.ContentError, match="S99"):
        content.load(tmp_path)


def test_no_reply_in_any_language_gives_an_amount(knowledge: Knowledge) -> None:
    for code in knowledge.catalogs.codes:
        for context, message in knowledge.content.messages.items():
            if message.kind != "reply":
                continue
            text = knowledge.catalogs.translation(code, context) or (message.text if code == "en" else "")
            assert not DOSE_PATTERN.search(text), f"{code} {context} reads like dose advice: {text}"


def test_menu_topics_are_numbered_one_to_six() -> None:
    assert [t.menu for t in content.load().menu_topics()] == [1, 2, 3, 4, 5, 6]


def test_a_fuzzy_phrase_list_stays_active_but_a_fuzzy_reply_does_not(tmp_path) -> None:
    from helpline.catalogs import read_translations

    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, fuzzy\nmsgctxt "emergency.medical.phrases"\nmsgid "not breathing"\nmsgstr "no respira"\n\n'
        '#, fuzzy\nmsgctxt "topics.signs.reply"\nmsgid "Call now"\nmsgstr "Llama ya"\n',
        encoding="utf-8",
    )
    assert read_translations(po) == {"emergency.medical.phrases": "no respira"}
