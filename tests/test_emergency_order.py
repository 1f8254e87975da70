"""Order rules: a frame told after a present danger, "fine now" after a swallowing (code, not lists)."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


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


@pytest.mark.parametrize(
    "text",
    [
        "my 2 yr old got into my purse and chewed some of my kratom capsules, maybe 4?? she seems totally fine rn "
        "but i read that doesnt mean anything",
        "anak sy 3 thn terjumpa kapsul kratom dlm beg suami, rasanya dia dah telan 2 ke 3 biji. skrg ok je main2 tp sy "
        "takut sgt",
    ],
)
def test_fine_now_after_a_swallowing_does_not_cancel_it(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        # a symptom that passed is a recovery, even with "fine now, but"
        "my roommate passed out from kratom and beer last weekend. hes totally fine now but how do we keep that from "
        "happening again",
        # no "but": the texter does not doubt the recovery
        "semalam terlebih minum, tido, pagi ni ok dah",
        "she couldnt breathe for a moment but shes fine now",
    ],
)
def test_a_recovery_still_cancels_a_symptom_that_passed(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
