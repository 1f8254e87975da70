"""Round 23 (tuner R: conversations): how a conversation's earlier messages make a later one an emergency. Texts
written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

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


# Despair told earlier, then an intention cue ("ya decidí", "hoje") in a message the model reads as suicide from
# MODEL_CONFIRMS: the plan told without the words of one gets the full answer, as with an urgency cue
# (_despair_then_a_sure_urgent_guess). Without the despair, the model alone still only asks.
DOG_GIVEN_AWAY = "le dejé el perro a mi hermano y las llaves a la vecina, ya decidí"
GRANS_PILLS = "guardei os comprimidos da minha vó, hoje à noite tomo todos de uma vez"


@pytest.mark.parametrize(
    ("earlier", "text", "expected"),
    [
        (("hola", "perdí el trabajo y mi novia se fue"), DOG_GIVEN_AWAY, "full"),
        (("hola", "cambié de trabajo y me mudé"), DOG_GIVEN_AWAY, "possible"),
        # "fui demitido" is despair as "lost my job" is (the pt_BR distress list, round 23)
        (
            ("oi, boa noite", "fui demitido semana passada", "minha esposa acha que eu ainda vou trabalhar"),
            GRANS_PILLS,
            "full",
        ),
        (
            ("oi, boa noite", "mudei de emprego semana passada", "minha esposa acha que eu ainda vou trabalhar"),
            GRANS_PILLS,
            "possible",
        ),
    ],
)
def test_despair_then_an_intention_the_model_reads_as_suicide(
    knowledge: Knowledge, earlier: tuple[str, ...], text: str, expected: str
) -> None:
    assert tier(knowledge, text, *earlier) == expected


# The plan told in Spanish words the lists lacked (round 23, es plan list): pills gathered over time ("he ido
# juntando"), to take them all ("tomármelas todas"), how many it takes "para no despertarse". Two signs of a plan in
# a conversation are the full answer.
@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (("hola",), "he ido juntando los ansiolíticos de mi tía y pienso tomármelos todos el domingo"),
        (
            ("buenas", "llevo un mes fatal con el kratom"),
            "estuve leyendo cuántas de las pastillas de mi abuelo harían falta para no despertarse",
        ),
    ],
)
def test_a_plan_told_in_spanish_words(knowledge: Knowledge, earlier: tuple[str, ...], text: str) -> None:
    assert tier(knowledge, text, *earlier) == "full"


# A film set the conversation's frame, then the danger seen now, in several phrases the model is sure of: the full
# answer, not a story (_danger_seen_now). Asked as a question it is still read inside the frame.
WATCHING = (
    "me and my roommate are watching a movie about heroin, pretty intense",
    "he had his kratom and a couple of his tramadol with dinner",
)
GURGLING = "hes doing this gurgling snore and i cant get him to wake up properly, his head keeps dropping"


def test_danger_seen_now_is_not_read_in_a_film_s_frame(knowledge: Knowledge) -> None:
    assert tier(knowledge, GURGLING, *WATCHING) == "full"


def test_danger_asked_about_stays_in_the_frame(knowledge: Knowledge) -> None:
    assert tier(knowledge, GURGLING + "?", *WATCHING) == "possible"


def test_a_story_being_written_still_frames_the_danger_in_it(knowledge: Knowledge) -> None:
    earlier = ("writing a short story where the main character takes kratom and xanax",)
    assert tier(knowledge, "then he collapses on the kitchen floor, not breathing and his lips are blue", *earlier) == (
        "possible"
    )
