"""Round 27, the coordinator's two safety changes found in tuner C's review: a statement of suicide that only a laugh
after it takes back is asked, not silenced; a negation that ends before a will told in the texter's own words does not
deny the danger after it. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# A bare statement of suicide with a laugh after it: the number and the question, never silence.
@pytest.mark.parametrize(
    "text",
    [
        "i want to kill myself haha",
        "tôi muốn tự tử haha",
        "aku nak bunuh diri haha",
        "gusto ko nang magpakamatay haha",
        "me quiero suicidar jajaja",
    ],
)
def test_a_suicide_statement_laughed_off_is_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "possible"


# A joke told about something (a game, the boss, an exam), withdrawal named, or a denial: still no answer.
@pytest.mark.parametrize(
    "text",
    [
        "si mi jefe me pone otra junta hoy me mato jajaja",
        "perdi la partida tres veces seguidas, me quiero morir jaja",
        "day 3 of withdrawal, i want to die lol",
        "im dying to try the new red strain lol",
    ],
)
def test_a_joke_about_something_stays_unanswered(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# "mati aku" (oh no, I'm done for) before a will in the texter's own words denies nothing after it.
@pytest.mark.parametrize(
    "text",
    [
        "ayah aku mati aku nak bunuh diri",
        "ibu aku mati aku mau bunuh diri malam ini",
    ],
)
def test_a_will_after_an_idiom_is_the_texters_own(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# The idiom alone, and a denial that holds the will, are unchanged.
@pytest.mark.parametrize("text", ["mati aku, lupa bawa dompet", "aku tidak mau bunuh diri, cuma capek"])
def test_the_idiom_and_a_denial_stay_unanswered(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A film that the person named was watching when the danger came is what they were doing, not a story: the full answer.
@pytest.mark.parametrize(
    "text",
    [
        "my dad was watching a movie when he collapsed, hes not breathing",
        "my mom was watching a movie and fell over, now shes not breathing",
    ],
)
def test_a_person_watching_a_film_then_the_danger_is_now(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A scene asked about, or a costume laughed about, stays a story.
@pytest.mark.parametrize(
    "text",
    [
        "my mom watched a movie where a girl stops breathing, is that real?",
        "my son dressed up as a zombie with blue lips, grandma almost called 911 lmao",
    ],
)
def test_a_scene_asked_about_or_a_costume_stays_a_story(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
