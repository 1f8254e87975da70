"""Round 21 (the coordinator, after tuner N's note): Javanese states of an unconscious person, as Indonesian texters
from East and Central Java write them, got no answer at all as a first message ("wis gak sadar": no longer
conscious; "ambegane alon": breathing slowly). They are in the Indonesian medical list now; "ora sadar" alone stays
out of it, since it is also "didn't notice". Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "adikku ora sadar maneh, ambegane alon",
        "bojoku wis gak sadar mari ngombe kratom karo pil",
        "tolong rek, koncoku gak ambegan",
        "bapakku ambegane mandek, piye iki",
    ],
)
def test_javanese_unconscious_is_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize("text", ["aku ora sadar nek wis jam 3 wkwk", "mau gak sadar ternyata kratomku habis"])
def test_not_noticing_is_not_unconscious(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
