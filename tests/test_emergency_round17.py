"""Round 17's conversation rules (code, not lists): fewer questions asked again in conversations where nobody is in
danger, without losing an emergency."""

from __future__ import annotations

from helpline.engine import POSSIBLE_TOPIC, TexterState
from helpline.knowledge import Knowledge
from tests.support import decided, tier

DESPAIR = "the quarterly report is due on friday and my boss keeps calling, i want to die"  # asked about, no plan
SAFE = "anyway my shift ends at six and then i am going home"


def test_despair_is_asked_about(knowledge: Knowledge) -> None:
    """The premise of the next tests: without it, they would test nothing."""
    assert tier(knowledge, DESPAIR) == "possible"


def test_a_safe_message_after_despair_without_a_plan_is_not_asked_again(knowledge: Knowledge) -> None:
    """Asked the question about despair alone, a message with no danger of its own is not asked it again (batch dd:
    "Nghỉ học 2 tuần rồi, ở phòng trọ suốt" after "Dạo này em thấy mệt mỏi lắm"); the texter still gets the crisis
    line and the emergency number, as unrecognised text near an emergency."""
    assert tier(knowledge, SAFE, DESPAIR) == "none"
    decision = decided(knowledge, SAFE, TexterState(known=True, language="en", recent_texts=(DESPAIR,)))
    assert decision.topic != POSSIBLE_TOPIC
    text = " ".join(decision.replies)
    assert "988" in text and "911" in text


def test_a_plan_told_in_pieces_still_goes_on(knowledge: Knowledge) -> None:
    """A sign of a plan anywhere in the conversation keeps the open possible suicide going (batch ci: the dog given
    away, then a necklace given to mom)."""
    assert tier(knowledge, SAFE, DESPAIR, "gave away my guitar to my cousin") != "none"


def test_danger_after_despair_is_still_read(knowledge: Knowledge) -> None:
    assert tier(knowledge, "i cant do this anymore", DESPAIR) != "none"
