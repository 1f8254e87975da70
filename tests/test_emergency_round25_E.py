"""Round 25 (tuner E: a false alarm that carries through a conversation): after a medical emergency opened by a
message that told the past beside its danger (a story: "this was years ago ..."), the model's score alone confirms
the emergency for the next message only where the model is sure (MODEL_OVER_NEGATION), as a guess read after a
story already must be. A phrase, an urgency, a plan or a suicide told with the past still go on with it. Texts
written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.knowledge import Knowledge
from tests.support import tier

STORY = "this was years ago. my brother mixed kratom with xanax, he stopped breathing and turned blue in his bed"


def test_the_story_opens_an_emergency_of_its_own(knowledge: Knowledge) -> None:
    """The premise: the past told first does not cancel the danger the model reads after it (MODEL_AGAIN)."""
    assert tier(knowledge, STORY) == "full"


# The next line of the story, which the model reads as somewhat like the danger (0.5 to 0.9) with no cue of its own.
def test_a_memory_after_the_story_is_not_the_emergency(knowledge: Knowledge) -> None:
    text = "i think about his face every day"
    score = emergency.read(text, knowledge.lexicon).model
    assert emergency.CONFIRMS_MODEL <= score < emergency.MODEL_OVER_NEGATION
    assert tier(knowledge, text, STORY) == "none"


# Danger told in the follow-up itself, or the model sure of it: the emergency goes on.
@pytest.mark.parametrize(
    "text",
    [
        "his lips were this grey blue colour",  # the model sure
        "ok this is happening now, my sister is not breathing",  # a phrase and an urgency
        "i think about his face every day, i took all my pills tonight",  # a plan told beside the memory
    ],
)
def test_danger_after_the_story_goes_on(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text, STORY) == "full"


# A medical emergency opened with an urgency beside the past is no story: the model's reading still confirms it.
def test_an_emergency_told_now_beside_the_past_still_carries(knowledge: Knowledge) -> None:
    opening = "he od'd last year too and right now hes not breathing, his lips are blue"
    follow_up = "i think about his face every day"
    assert tier(knowledge, opening) == "full"
    assert tier(knowledge, follow_up, opening) == "full"
