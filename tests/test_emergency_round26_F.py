"""Round 26 (tuner F: false alarms in conversations before any emergency, and their carry-over). Three kinds of calm
conversation no longer get, or pass on, an emergency answer:
- a question of the texter's own right after an unconfirmed possible-emergency question, whose only sign is a word of
  time in another clause ("ok seriously now, how long does withdrawal last?");
- a farewell whose departure was told in an earlier message, when the farewell names its own leaving too (two
  goodbye words and a word of leaving in it), and the message after it;
- the rescue told in a story of the past: an emergency service named and nothing else of danger ("they called 911
  and drove me to the hospital" after "last Sunday I fainted at work"), which the model reads as the danger.
Danger told again (a phrase, now, a plan) still gets its answer. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A joke about a friend who "will die" without his tea: the phrase gets the question, the texter does not confirm.
JOKE_PT = "kkkk meu cunhado disse que vai morrer se ficar sem o cha de kratom dele"
JOKE_EN = "haha my buddy says hes gonna die if he skips his kratom for a day"


@pytest.mark.parametrize(
    ("text", "joke"),
    [
        ("falando serio agora, a abstinencia dura quantos dias?", JOKE_PT),
        ("ok seriously now, how long does withdrawal usually last?", JOKE_EN),
    ],
)
def test_a_question_after_an_unconfirmed_question_is_not_the_emergency(
    knowledge: Knowledge, text: str, joke: str
) -> None:
    assert tier(knowledge, joke) == "possible"
    assert tier(knowledge, text, joke) == "none"


def test_danger_told_after_an_unconfirmed_question_still_goes_on(knowledge: Knowledge) -> None:
    text = "ok now hes passed out on the floor and wont wake up, what do i do?"
    assert tier(knowledge, text, JOKE_EN) == "full"


# A job abroad told first, then the last message with its own word of leaving and two goodbyes, then good wishes.
DEPARTURE = "thang sau em qua Dai Loan lam viec"
FAREWELL = "chac day la tin nhan cuoi cung cua em o day, tam biet moi nguoi nha"
WISHES = "chuc moi nguoi luon khoe manh"


def test_a_farewell_after_its_departure_is_not_a_warning(knowledge: Knowledge) -> None:
    assert tier(knowledge, FAREWELL, DEPARTURE) == "none"
    assert tier(knowledge, WISHES, DEPARTURE, FAREWELL) == "none"


def test_a_farewell_with_a_plan_still_alarms(knowledge: Knowledge) -> None:
    text = "got a job offer in denver, moving next month"
    plan = "ok this is it, i wrote the letters and the rope is ready in the garage. goodbye everyone"
    assert tier(knowledge, plan, text) == "full"


# A fainting told as last Sunday's, then the ambulance that came: the story's rescue, not a call for one.
STORY = "Hôm chủ nhật em bị xỉu ở quán cà phê chỗ em làm"


def test_the_rescue_told_in_a_story_is_not_a_call_for_help(knowledge: Knowledge) -> None:
    assert tier(knowledge, "Mọi người gọi 911 rồi chở em đi bệnh viện", STORY) == "none"


def test_danger_beside_the_service_after_a_story_still_asks(knowledge: Knowledge) -> None:
    assert tier(knowledge, "giờ bạn em cũng xỉu rồi, không thở, gọi 911 ngay", STORY) != "none"
