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


# An attempt told as the past (a past cue beside it that did not cancel it), then messages with nothing of danger: they
# do not inherit the emergency it opened (_near), not even the next one.
ATTEMPT_EN = (
    "hi, nothing urgent",
    "back in 2019 i tried to end it, swallowed a whole bottle of my sleeping pills. since then i've been doing better",
)
ATTEMPT_FR = (
    "bonjour, rien d'urgent",
    "en 2018 j'ai fait une tentative, j'avais avalé toute ma plaquette de somnifères. depuis je vais mieux",
)


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (ATTEMPT_EN, "these days its mostly the kratom taper wearing me out, is it normal to feel this flat?"),
        (ATTEMPT_EN, "im not gonna do anything like that again, i promised my kids and i see my therapist on thursday"),
        (ATTEMPT_FR, "aujourd'hui c'est surtout le sevrage du kratom qui me fatigue, normal d'être aussi à plat?"),
        (ATTEMPT_FR, "je vais pas recommencer, j'ai promis à mes enfants et je vois ma psy jeudi"),
    ],
)
def test_an_emergency_told_with_the_past_carries_only_to_danger(
    knowledge: Knowledge, earlier: tuple[str, ...], text: str
) -> None:
    assert tier(knowledge, text, *earlier) == "none"


# The same attempt told, then a plan now: the emergency.
def test_a_plan_after_an_attempt_told_as_the_past_is_the_emergency(knowledge: Knowledge) -> None:
    text = "but tonight i have the pills in front of me again and i want to take them all"
    assert tier(knowledge, text, *ATTEMPT_EN) == "full"


# An intention cue alone ("tonight", "gonna") is not a sign of danger that keeps an emergency open (_confirms): what
# comes next, after the means were taken away and two messages without danger.
def test_an_intention_alone_does_not_keep_the_emergency_open(knowledge: Knowledge) -> None:
    earlier = (
        "i have all my dads oxy in front of me, gonna swallow them all tonight, im done",
        "my roommate came home early, he took the bottle and locked it in his car",
        "thank you for answering so fast, it really helped",
    )
    text = "tomorrow morning we're going to see my doctor together, he's staying with me tonight"
    assert tier(knowledge, text, *earlier) == "none"


# After a recovery closed the emergency, aftercare talk with a danger phrase the model reads as nothing like danger
# (_a_doubt_after_a_recovery): not asked whether someone is in danger. A relapse told after it still is the emergency.
FAINTED = (
    "mi hermano se desmayó después de tomar kratom con clonazepam, no despierta",
    "ya despertó, está hablando, los paramédicos dicen que está bien",
)


def test_aftercare_with_a_doubted_phrase_after_a_recovery_is_not_asked(knowledge: Knowledge) -> None:
    text = "perdón por la lata, igual lo voy a llevar a revisar por lo de las convulsiones con su doctor el lunes"
    assert tier(knowledge, text, *FAINTED) == "none"


def test_a_relapse_after_a_recovery_is_still_the_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "se desmayó otra vez y no respira bien", *FAINTED) == "full"


# A life story's past ("en octobre") frames the conversation, but a guess of suicide read inside it keeps the usual
# threshold: the dog taken to a brother's "for after" is still asked about (_a_story_told reads medical guesses only).
def test_a_suicide_guess_inside_a_life_story_is_still_asked(knowledge: Knowledge) -> None:
    earlier = (
        "bonjour, je sais pas si c'est le bon endroit",
        "ma femme est partie avec les enfants en octobre, la maison est vide",
    )
    text = "j'ai amené mon chien chez mon frère. il y aura plus personne ici pour s'en occuper après"
    assert tier(knowledge, text, *earlier) == "possible"
