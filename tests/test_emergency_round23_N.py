"""Round 23 (tuner N: the first false alarm of a calm conversation): the model's guess alone in a conversation where
nothing has been an emergency yet. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

CALM = ("hi, quick question about kratom", "is it ok to take it with coffee in the morning")
# Despair told earlier (a distress cue), and still nothing that was an emergency.
DESPAIR = ("hi, quick question about kratom", "lost my job last week and my wife left")

# Loneliness told as context, which the model alone reads as suicide (0.8 or so), later in a calm conversation with no
# sign of a plan, an intention or an urgency of its own: the model alone must be sure (MODEL_OVER_NEGATION) to ask
# whether someone is in danger (_a_suicide_guess_in_a_calm_conversation).
GUESSES = ("i live alone in a small room, no friends in this city", "e ko biết tâm sự với ai nữa")


@pytest.mark.parametrize("text", GUESSES)
def test_a_suicide_guess_in_a_calm_conversation_is_not_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text, *CALM) == "none"


# The same message after despair earlier in the conversation: the guess still asks.
@pytest.mark.parametrize("text", GUESSES)
def test_a_suicide_guess_after_despair_is_still_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text, *DESPAIR) == "possible"


# As the first message (no conversation to read it in) the model's guess asks as before.
def test_a_suicide_guess_as_a_first_message_is_still_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, GUESSES[0]) == "possible"


# A calm conversation that turns into an emergency is caught on its first dangerous message.
@pytest.mark.parametrize(
    "text",
    [
        "i have been saving my pills for weeks, tonight i take them all",
        "my roommate is not breathing and wont wake up",
    ],
)
def test_danger_in_a_calm_conversation_is_still_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text, *CALM) == "full"


# Loved ones gone told earlier (someone else's departure) is no calm conversation: an animal handed over and nobody left
# to look after is still asked about, on the model's guess alone.
def test_a_suicide_guess_after_loved_ones_left_is_still_asked(knowledge: Knowledge) -> None:
    earlier = ("hi, quick question about kratom", "my husband is moving out, hes taking our daughter with him")
    text = "the cats going to my sisters on friday. then nobody here needs me anymore"
    assert tier(knowledge, text, *earlier) == "possible"
