"""Order rules: a frame told after a present danger (code, not lists)."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.knowledge import Knowledge


def tier(knowledge: Knowledge, text: str, *earlier: str) -> str:
    return emergency.assess(text, knowledge.lexicon, earlier).tier


@pytest.mark.parametrize(
    "text",
    [
        "my brother isnt breathing, we see more cases every day",
        "my son isnt breathing, im a nurse",
        "mi hermano no respira, vemos mas casos cada dia",
    ],
)
def test_a_frame_told_after_a_present_danger_does_not_take_it_back(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "if someone isnt breathing what do i do",
        "im a nurse, my patient isnt breathing",
        "kalau ada org tak bernafas lepas ambik ketum, first aid apa yg patut buat? tanya je utk jaga2",
        "pt unresponsive, nalox given, GCS 15 na, refused transport",
    ],
)
def test_a_frame_told_first_or_a_question_still_frames_the_danger(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
