"""Round 26 (tuner H: very short and language-neutral emergencies).

- A message that is nothing but a cry of urgency ("urgent", "darurat", "急！！", "ด่วน!!", emergency.cry) or a plea
  with its letters drawn out ("AYUDAAAA", "socorrooo", emergency.plea) got the menu or nothing: it now gets the
  possible tier (the number and one question). A plea as written ("help", "ayuda") stays the menu keyword, and a
  cry that starts an ordinary request says what it is. A plea alone that the model reads as medical ("tolong") is
  asked, not given the full answer.
- Pills shown as two emoji or more are the means, in every language: with a goodnight or a goodbye to everyone
  (a new intention in each language's list) they are asked, where the words alone read as nothing.
- The person a clause is about, named before the animal in it ("my uncle was feeding the horse"), is the one in
  danger told after it; an owner is named in the animal's own clause ("the rabbit is fine, it's my grandmother").

Texts written for these tests, not corpus lines.
"""

from __future__ import annotations

import pytest

from helpline.engine import TexterState
from helpline.knowledge import Knowledge
from tests.support import decided, tier


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("URGENT!!", "en"),
        ("sos", "en"),
        ("c'est urgent", "fr"),
        ("urgenteee", "es"),
        ("emergência!!", "pt_BR"),
        ("darurat!!", "id"),
        ("kecemasan", "ms"),
        ("saklolo po", "tl"),
        ("ฉุกเฉิน!!", "th"),
        ("gấp lắm", "vi"),
        ("紧急！", "zh_Hans"),
    ],
)
def test_a_cry_of_urgency_alone_is_asked(knowledge: Knowledge, text: str, language: str) -> None:
    assert tier(knowledge, text) == "possible"


@pytest.mark.parametrize(
    "text",
    ["HELPPPP", "ayudaaa", "aideeez moi", "socorroooo", "救命啊啊啊"],
)
def test_a_plea_with_its_letters_drawn_out_is_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "possible"


@pytest.mark.parametrize(
    "text",
    [
        "help",
        "AYUDA",
        "aide",
        "urgent question about my shipping",
        "urgente: cuánto tarda el envío?",
        "darurat ga sih kalau telat minum kratom sehari",
    ],
)
def test_a_plea_as_written_and_an_ordinary_request_are_not_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


def test_a_cry_is_asked_in_the_texters_language(knowledge: Knowledge) -> None:
    decision = decided(knowledge, "urgent", TexterState(), texter="+33612345678")
    assert decision.topic == "emergency.possible"
    assert decision.language == "fr"


def test_a_plea_alone_the_model_reads_as_medical_is_asked_not_answered_in_full(knowledge: Knowledge) -> None:
    assert tier(knowledge, "tolong") == "possible"
    assert tier(knowledge, "tolong cepet temen kejang") == "full"  # a seizure told


@pytest.mark.parametrize(
    "text",
    [
        "ok 💊💊💊 good night world",
        "listo. 💊💊 buenas noches a todo el mundo",
        "c'est fait 💊💊💊 bonne nuit à tous",
        "é isso 💊💊 boa noite pra todo mundo",
        "💊💊💊 大家晚安",
    ],
)
def test_pills_in_emoji_with_a_goodnight_to_everyone_are_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) in ("possible", "full")


@pytest.mark.parametrize(
    "text",
    [
        "goodnight everyone, see you at the meeting",
        "💊 took my vitamins, goodnight everyone",  # one pill emoji: my meds
        "💊💊 which of these is ok with kratom?",  # the pills alone, asked about
    ],
)
def test_a_goodnight_or_pills_alone_are_not_an_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "my uncle was feeding the horse and he just collapsed, cant move his left side",
        "my grandpa was walking the dog and he fell, his face is drooping on one side",
        "兔子没事，是我外婆，突然倒了，说话含糊",
    ],
)
def test_the_person_beside_the_animal_is_the_one_in_danger(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "my sons dog ate my pills and is shaking",
        "the dog ate my kratom and now hes shaking, my husband is fine",
    ],
)
def test_the_animal_in_danger_still_gets_the_vet(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "pet"
