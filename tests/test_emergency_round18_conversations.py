"""Round 18's conversation rules (code, not lists): fewer false alarms after a scare was resolved, without losing an
emergency told after a recovery."""

from __future__ import annotations

from helpline.knowledge import Knowledge
from tests.support import tier

SCARE = ("my brother took a lot of kratom and now he wont wake up", "ok i shook him hard and he opened his eyes")


def test_now_inside_a_recovery_cue_is_not_urgency(knowledge: Knowledge) -> None:
    """"talking now" is how he is: the "now" inside the recovery is not the danger coming back between the recovery
    and "took too much" (batch db: "shes sitting up now talking, says she just took too much")."""
    text = "hes talking now, says he took too much on an empty stomach. he feels embarrassed"
    assert tier(knowledge, text, *SCARE) == "none"


def test_now_between_a_recovery_and_a_danger_is_still_urgency(knowledge: Knowledge) -> None:
    """The relapse rule this narrows: a recovery, then an urgency of its own, then the danger."""
    assert tier(knowledge, "he was talking but now hes not breathing again", *SCARE) == "full"
    assert tier(knowledge, "hes talking, and right now hes turning blue", *SCARE) == "full"
