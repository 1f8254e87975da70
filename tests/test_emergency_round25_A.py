"""Round 25 (tuner A: the messages after an emergency in a conversation): inside an open medical emergency, a message of
some length with no sign of danger of its own, which the model reads as nothing like danger, after a message since the
danger that said nothing of it either, is talk after the scene (the hospital, what to bring, what the substance is),
not the scene: it no longer carries the emergency's answer. Right after the danger, a short reply, danger told again
and a suicide emergency still go on. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

MEDICAL = "my dad collapsed after his pills and kratom, he wont wake up and hes barely breathing"
WAITING = "the neighbour drove us over, we are sitting in the waiting room at st lukes"
SUICIDE = ("i cant do this anymore, i have the rope ready in the garage", "my roommate is out until tomorrow")


# Two calm messages in a row after the danger: the texter is talking about what comes after it.
@pytest.mark.parametrize(
    "text",
    [
        "the nurse said we can see him in an hour, should i bring his glasses and a phone charger from home",
        "the doctor wants to keep him overnight, can i stay with him or do i have to go home",
    ],
)
def test_calm_talk_after_a_medical_emergency_is_not_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, MEDICAL) == "full"
    assert tier(knowledge, WAITING, MEDICAL) == "full"  # the first calm message still goes on with it (OPEN_NEAR)
    assert tier(knowledge, text, MEDICAL, WAITING) == "none"


# Right after the danger, with no calm message between, the emergency still carries (OPEN_NEAR).
def test_the_first_message_after_the_danger_still_goes_on(knowledge: Knowledge) -> None:
    text = "the nurse said we can see him in an hour, should i bring his glasses and a phone charger from home"
    assert tier(knowledge, text, MEDICAL) == "full"


# A short reply, danger told again, and a suicide emergency's later message still go on with the emergency.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("still the same", (MEDICAL, WAITING)),
        ("he looks really grey and his breathing keeps stopping for a few seconds", (MEDICAL, WAITING)),
        ("i wrote letters for my mom and my sister and left them on the kitchen table", SUICIDE),
    ],
)
def test_danger_or_a_fragment_still_goes_on(knowledge: Knowledge, text: str, earlier: tuple[str, ...]) -> None:
    assert tier(knowledge, text, *earlier) == "full"
