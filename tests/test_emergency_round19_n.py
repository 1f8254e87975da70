"""Round 19 (tuner N): conversation-state rules, read with the real engine over whole conversations."""

from __future__ import annotations

from helpline.knowledge import Knowledge
from tests.support import tier

AWAY = "my husband has been off kratom 3 days, sweating and screaming. my mom is out of town this week"
LOCKED_IN = "im locked in the bedroom with the baby, hes banging on the door"


def test_a_departure_told_earlier_does_not_take_back_violence_now(knowledge: Knowledge) -> None:
    """"out of town" is a leaving cue, but the violence told after it is no goodbye: the texter hiding from the
    attacker gets the emergency answer, and so does the next message inside it (batch dj)."""
    assert tier(knowledge, LOCKED_IN, AWAY) == "full"
    assert tier(knowledge, "police are 5 min away, i can hear him breaking things", AWAY, LOCKED_IN) == "full"


def test_a_farewell_with_a_departure_is_still_no_warning(knowledge: Knowledge) -> None:
    """The rule this narrows: a move told earlier and a goodbye after it, nothing of danger anywhere."""
    moving = "4 months clean!! moving to my sisters in denver next week, new number"
    assert tier(knowledge, "so goodbye everyone and thank you", moving) == "none"
