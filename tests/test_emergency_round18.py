"""Round 18 (the lead's own): a hypothetical told right after someone's danger, in one breath, is asked about."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "my friend is not breathing what do i do if someone overdoses",
        "my brother wont wake up what do you do if someone took too much",
    ],
)
def test_someones_danger_then_a_hypothetical_in_one_breath_is_asked_about(knowledge: Knowledge, text: str) -> None:
    """No punctuation between the danger and the general question: it may be about the friend, so the texter gets
    the number and the question, never silence."""
    assert tier(knowledge, text) in {"possible", "full"}


@pytest.mark.parametrize(
    "text",
    [
        "what do i do if my friend is not breathing",  # the hypothetical first: preparing
        "what should i do if my husband ever stops breathing? want to be ready",  # a question
        "如果哪天他跟我说想死 我该怎么回比较好 现在他还没说过这种话",  # a conditional before the danger
    ],
)
def test_a_hypothetical_that_frames_the_danger_still_cancels_it(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
