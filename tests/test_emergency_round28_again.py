"""Round 28 (coordinator, from tuner D's report): a past attempt, then the wish to do it again. The past cue of the
first sentence took back every suicide phrase of the message, the later one too: "years ago i tried to kill myself.
now i want to do it again" got no answer. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "i tried to kill myself last year. i want to die again tonight",
        "i tried to kill myself last year and tonight i want to kill myself again",
    ],
)
def test_the_wish_told_again_now_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "years ago i tried to kill myself. now i want to do it again",
        "i attempted suicide 5 years ago and now i want to do it again",
        "tried to kill myself in 2019. doing it again now",
        "years ago i tried to kill myself. im doing it again tonight, pills are here",
    ],
)
def test_doing_it_again_now_is_at_least_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) in ("possible", "full")


@pytest.mark.parametrize(
    "text",
    [
        "years ago i tried to kill myself. never again, i have my kids now",
        "years ago i tried to kill myself but i would never do it again now",
        "i tried to kill myself last year. now im doing so much better, going to the gym again",
        "my cousin tried to kill himself years ago, now he wants to try kratom again",
        "i tried to kill myself years ago and i tried again and again back then",
    ],
)
def test_the_past_with_no_will_to_repeat_it_stays_unanswered(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
