"""zh_Hant's emergency phrase lists are OpenCC s2twp conversions of zh_Hans's: no hand mapping drift.

A character-by-character conversion once turned 不 into 果 and 全 into 不, so that "把藥全吃了"
(took all the pills) read "won't take the pills" and the YES word became 沒. This pins the lists.
"""

from __future__ import annotations

import pytest

from helpline.catalog_tools import HANT_REPLIES, hant_items
from helpline.knowledge import Knowledge

GARBLED = ("果醒", "沒沒", "繁毒", "撥撥", "處於危險繁", "藥不吃了", "果想活")


@pytest.fixture(scope="module")
def lists(knowledge: Knowledge) -> list[tuple[str, list[str], list[str]]]:
    catalogs = knowledge.catalogs
    contexts = [c for c in knowledge.content.messages if c.startswith("emergency.") and c.endswith(".phrases")]
    return [(c, catalogs.items("zh_Hans", c), catalogs.items("zh_Hant", c)) for c in contexts]


def test_every_emergency_list_is_the_conversion_of_zh_hans(lists) -> None:
    for context, hans, hant in lists:
        if not hans:
            continue
        expected = hant_items(context, hans)
        assert set(hant) == set(expected), (
            f"{context}: zh_Hant differs from zh_Hans through OpenCC s2twp; run scripts/zh_hant_lists.py. "
            f"Extra: {sorted(set(hant) - set(expected))[:8]}; missing: {sorted(set(expected) - set(hant))[:8]}"
        )


def test_no_garbled_phrase_or_reply(knowledge: Knowledge) -> None:
    for context in knowledge.content.messages:
        text = knowledge.catalogs.translation("zh_Hant", context) or ""
        for bad in GARBLED:
            assert bad not in text, (context, bad)


def test_yes_and_the_question_read_right(knowledge: Knowledge) -> None:
    assert "是" in knowledge.catalogs.items("zh_Hant", "emergency.yes.phrases")
    assert "沒" not in knowledge.catalogs.items("zh_Hant", "emergency.yes.phrases")
    question = knowledge.catalogs.translation("zh_Hant", "emergency.possible.text")
    assert question == "如果有人有危險，請撥打{emergency}。現在有人有危險嗎？請回覆 是。"
    for context, text in HANT_REPLIES.items():
        assert knowledge.catalogs.translation("zh_Hant", context) == text, context
