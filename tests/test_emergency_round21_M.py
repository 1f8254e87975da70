"""Round 21 (tuner M: conversations): how a conversation's earlier messages lower the reading of a later one. Texts
written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A withdrawal told as "feels like im dying but i know im not" is set aside in a calm conversation; it opens no
# emergency for the replies after it (_may_be_dismissed), which were asked whether someone is in danger.
WITHDRAWAL = (
    "day 3 off kratom, the withdrawal is rough",
    "sweating, cant sleep, legs wont stay still. i know it passes",
    "honestly feels like im dying but i know im not, its just like the worst flu ever",
)
RETIRADA = (
    "hola, dejé el kratom hace 4 días",
    "sudo mucho y no duermo, las piernas no paran",
    "siento que me voy a morir pero sé que no, es como la peor gripe de mi vida",
)


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (WITHDRAWAL, "not gonna do anything dumb, just venting. my brother is staying with me this week"),
        (WITHDRAWAL, "ok thanks. gonna try a hot shower and some soup"),
        (RETIRADA, "mañana voy a ir a una reunión de NA con mi hermano"),
    ],
)
def test_a_message_set_aside_in_its_conversation_opens_nothing(
    knowledge: Knowledge, earlier: tuple[str, ...], text: str
) -> None:
    assert tier(knowledge, earlier[-1], *earlier[:-1]) == "none"
    assert tier(knowledge, text, *earlier) == "none"


# The same conversation, then danger of its own: still the emergency.
def test_danger_after_a_message_set_aside_is_still_read(knowledge: Knowledge) -> None:
    assert tier(knowledge, "my brother just collapsed and hes not breathing", *WITHDRAWAL) == "full"


# A story of last year (a frame), then the overdose told in it with nothing of now: the model's 0.86 no longer asks
# whether someone is in danger (_a_story_told).
def test_an_overdose_told_inside_a_story_of_last_year_is_not_asked(knowledge: Knowledge) -> None:
    story = "tahun lalu abang aku hampir mati sebab ketum"
    assert tier(knowledge, "dia minum air ketum campur pil tidur, terus pengsan kat bilik air", story) == "none"


# The story told, then danger now: an urgency cue lifts the frame, and it is the emergency.
def test_danger_now_after_a_story_is_still_the_emergency(knowledge: Knowledge) -> None:
    story = "tahun lalu abang aku hampir mati sebab ketum"
    assert tier(knowledge, "sekarang dia pengsan lagi, tak bernafas, tolong", story) == "full"
