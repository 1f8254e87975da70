"""Round 25 (tuner H: the messages after an emergency in a conversation): tuner A's calm talk after a medical
emergency (`_talk_after_a_medical_emergency`) asked for more than 6 words; a calm question or remark after the scene
is often shorter, and it is the guards (no phrase or cue, no digits, the model reading nothing like danger), not the
length, that keep danger told again. Now only a short reply (up to SHORT_REPLY_WORDS words) goes on for its length
alone. Right after the danger, danger told again in few words, a place without digits and a suicide emergency still
go on; and a message naming a place or person with a capital (an address in pieces without digits, which the model
scores as nothing like danger) goes on at any length, where tuner A's rule let a long one go. Texts written for these
tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

MEDICAL = "my grandpa fell in the bathroom after mixing his heart pills with whisky, hes not responding"
WAITING = "my cousin drove us over, we are sitting in the family room at mercy general"
SUICIDE = ("i took the belt to the attic, i dont want to be here anymore", "everyone is asleep downstairs")


# Four to six calm words, two messages after the danger: talk after the scene, no longer the emergency.
@pytest.mark.parametrize(
    "text",
    [
        "can i bring him some food",
        "what is kratom exactly anyway",
        "he will hate the hospital food",
        "so embarrassed i panicked like that",
    ],
)
def test_a_short_calm_message_after_a_medical_emergency_is_not_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, MEDICAL) == "full"
    assert tier(knowledge, text, MEDICAL, WAITING) == "none"


# Right after the danger the same words still go on with it (OPEN_NEAR).
def test_right_after_the_danger_a_short_calm_message_still_goes_on(knowledge: Knowledge) -> None:
    assert tier(knowledge, "can i bring him some food", MEDICAL) == "full"


# Danger told again in few words, a reply of three words or fewer, and a place without digits still go on; and a
# suicide emergency keeps its answer for a short calm message.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("still the same", (MEDICAL, WAITING)),
        ("still nothing even when i pinch", (MEDICAL, WAITING)),
        ("he isnt moving at all", (MEDICAL, WAITING)),
        ("no response when i shake him", (MEDICAL, WAITING)),
        ("corner of maple and fifth street", (MEDICAL, WAITING)),
        ("ok i will keep talking", SUICIDE),
        ("what is kratom exactly anyway", SUICIDE),
    ],
)
def test_danger_a_place_or_a_suicide_emergency_still_goes_on(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "full"


# A place named with capitals and no digits, after a calm message: an address given in pieces, still the emergency,
# short or long (the long ones got nothing under tuner A's rule).
@pytest.mark.parametrize(
    "text",
    [
        "its the farmhouse past Willow Creek",
        "Kampung Seri Tanjung near the old school",
        "by the mosque in Kampung Seri Tanjung near the school",
    ],
)
def test_a_place_named_without_digits_still_goes_on(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text, MEDICAL, WAITING) == "full"
