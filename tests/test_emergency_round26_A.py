"""Round 26 (tuner A: the messages after an emergency in a conversation): a message that tells what happens tomorrow
(emergency.tomorrow, a closed class of time words) and says nothing of danger ends the open emergency: the texter is
past the scene, telling the next step. In a suicide emergency only beside a thanks; a time of the act, danger told
again and a goodbye still go on. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

MEDICAL = "my brother mixed kratom with his sleeping pills and now he wont wake up, his lips are going blue"
MEDICAL_ID = "tolong adik saya minum kratom sama obat tidur, sekarang ga bisa dibangunin, bibirnya biru"
MEDICAL_ZH = "我老公吃了卡痛又喝了酒 现在叫不醒 嘴唇发紫"
SUICIDE = ("i cant do this anymore, i have the rope ready in the garage", "ok i called my sister, she is driving over")
SUICIDE_ES = ("ya no puedo mas, tengo todas las pastillas de mi mama aqui y me las voy a tomar", "ya llame a mi prima")


# Right after the danger, a plan for tomorrow with nothing of danger is talk after the scene, not the scene.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("ok we will take him to see his own doctor tomorrow for a checkup", (MEDICAL,)),
        ("besok aku ajak dia ngobrol baik baik soal kratomnya", (MEDICAL_ID,)),
        ("好 明天我跟他好好谈谈", (MEDICAL_ZH,)),
    ],
)
def test_tomorrow_after_a_medical_emergency_ends_it(knowledge: Knowledge, text: str, earlier: tuple[str, ...]) -> None:
    assert tier(knowledge, earlier[-1], *earlier[:-1]) == "full"
    assert tier(knowledge, text, *earlier) == "none"


# In a suicide emergency, a thanks beside the plan for tomorrow.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("thank you for staying with me. tomorrow she is taking me to talk to someone", SUICIDE),
        ("gracias por escribirme. mañana voy con ella a pedir cita con la psicologa", SUICIDE_ES),
    ],
)
def test_thanks_and_tomorrow_after_a_suicide_emergency_end_it(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, earlier[-1], *earlier[:-1]) == "full"
    assert tier(knowledge, text, *earlier) == "none"


# A suicide's time of the act, tomorrow without thanks, danger told again beside tomorrow, and a medical
# emergency's "in the morning" still go on with the emergency.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("i set an email to go out to my mom tomorrow morning", SUICIDE),
        ("my roommate is away until tomorrow", SUICIDE),
        ("tomorrow? he is still not breathing right", (MEDICAL,)),
        ("se tomo el kratom en la mañana con unas cervezas", ("mi papa se desmayo y no responde, respira muy raro",)),
    ],
)
def test_tomorrow_with_danger_or_a_suicide_without_thanks_goes_on(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "full"
