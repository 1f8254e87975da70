"""Round 23 (tuner R: conversations): how a conversation's earlier messages make a later one an emergency. Texts
written for these tests, not corpus lines."""

from __future__ import annotations

from helpline.knowledge import Knowledge
from tests.support import tier

# A life event told in the past ("last week"), then despair of now: the past is over, and the bottle of sleeping
# pills bought next is not read inside that past (_despair_now_after_the_past).
LEFT_LAST_WEEK = ("ilang buwan na akong nagkakratom", "iniwan ako ng asawa ko last week")
DESPAIR_NOW = "wala na akong kausap. pagod na pagod na ako sa lahat"
PILLS_BOUGHT = "bumili ako ng isang bote ng sleeping pills sa botika"


def test_despair_now_ends_a_past_frame(knowledge: Knowledge) -> None:
    assert tier(knowledge, PILLS_BOUGHT, *LEFT_LAST_WEEK, DESPAIR_NOW) == "full"


def test_without_despair_the_past_frame_still_holds(knowledge: Knowledge) -> None:
    assert tier(knowledge, PILLS_BOUGHT, *LEFT_LAST_WEEK) == "possible"
