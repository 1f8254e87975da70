"""Round 18 (tune-I), recall on single texts: signs a real emergency carries that the lists did not count as clear
(they got only the "is someone in danger?" question). Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A countdown told as "I'm doing it" beside a plan sign of its own (telling someone before going): the intention is
# words of its own, so a plan with an intention is the full answer, not the question.
DOING_IT_WITH_A_PLAN = (
    "after this episode im doing it. just wanted someone to know",
    "al terminar el partido lo hago. solo queria que alguien lo supiera",
    "abis maghrib aku lakuin. cuma pengen ada yg tau",
    "ฟ้ามืดเมื่อไหร่ จะทำแล้ว แค่อยากให้ใครสักคนรู้",
    "吃完这顿饭我就去做了，只是想有个人知道",
    "trời tối là em đi. chỉ muốn có ai biết thôi",
)


@pytest.mark.parametrize("text", DOING_IT_WITH_A_PLAN)
def test_doing_it_with_a_plan_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Mixing or taking on purpose, with "don't stop me": an intention (on purpose) and a plan sign.
ON_PURPOSE_DONT_STOP_ME = (
    "sinadya kong hinalo ang kratom sa alak. wag niyo na akong pigilan",
    "我故意把卡痛泡进酒里，别劝我",
)


@pytest.mark.parametrize("text", ON_PURPOSE_DONT_STOP_ME)
def test_on_purpose_with_dont_stop_me_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Not a sign: doing a chore, or an accident ("I didn't do it on purpose"), with nothing of a plan.
@pytest.mark.parametrize(
    "text",
    (
        "im doing it right now, the taper schedule you sent",
        "lo hago mañana, gracias por la info del kratom",
        "我故意每天少吃一点，想慢慢戒掉",
    ),
)
def test_doing_it_alone_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A countdown in hours ("two hours left", "faltan 3 horas", "sejam lagi") is an intention of its own: beside a plan
# sign (it will all be over, telling someone before), the full answer.
COUNTDOWN_WITH_A_PLAN = (
    "2 hours left. i just wanted someone to know",
    "faltan dos horas. me prometi que no iba a llegar a los 30",
    "falta uma hora. amanha nao to mais aqui",
    "plus qu'une heure. je voulais juste que quelqu'un le sache",
    "dalawang oras na lang. pasensya na sa lahat",
    "satu jam lagi. cuma pengen ada yg tau",
    "lagi satu jam. aku nak ada orang tahu je",
    "อีกสองชั่วโมง อยากให้ใครสักคนรู้",
)


@pytest.mark.parametrize("text", COUNTDOWN_WITH_A_PLAN)
def test_countdown_with_a_plan_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A countdown with nothing of a plan is no sign: a flight, a shift.
@pytest.mark.parametrize(
    "text",
    ("2 hours left on my shift, can i take kratom at work?", "faltan dos horas para mi vuelo, puedo llevar kratom?"),
)
def test_countdown_alone_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A closed garage with the engine running is the means set up (carbon monoxide), written as the texter types it
# ("garage door's shut", "engine's running"); beside a goodbye, the full answer. The engine alone is nothing.
def test_closed_garage_engine_running_with_a_goodbye_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "the garage door's shut, engine's running. thanks for trying guys") == "full"


def test_engine_running_alone_is_no_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "left the engine's running outside, quick question about kratom and driving") == "none"


# "They're here" with no help named beside a plan: the means at hand, not the ambulance ("ya están aquí" is also how
# a texter says the paramedics came: with a service named in the message it still reads as help arriving).
def test_arrival_naming_no_help_beside_a_plan_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "hoy acabo con todo, junté las pastillas de mi papá y ya están aquí") == "full"



# "I know how now", "on purpose": an intention of its own beside a plan sign, the full answer.
INTENT_BESIDE_A_PLAN = (
    "trước khi mọi ng dậy sáng mai. em biết cách rồi",
    "เอายาทุกอย่างที่มีในบ้านมาผสมกับน้ำกระท่อม ตั้งใจ",
)


@pytest.mark.parametrize("text", INTENT_BESIDE_A_PLAN)
def test_intent_beside_a_plan_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# "ตั้งใจ" (to mean to, to concentrate) alone, without a plan, is nothing.
@pytest.mark.parametrize("text", ("ตั้งใจจะเลิกกระท่อมให้ได้ครับ", "em biết cách rồi, cảm ơn nhiều nha"))
def test_intent_alone_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
