"""Round 23 (tuner L: false alarms on single texts, the catalogs' cue lists). Texts written for these tests, not
corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A passive wish told with the promise not to act on it ("but I won't do anything, I just needed to say it"): the
# resolved lists now hold "I won't do anything" in each language, as Malay's "takkan buat apa2" already did. These
# were the batches' most common single-text false alarm across languages (fr, th, tl, vi in batches ac, bz, dm, do).
WONT_ACT = [
    "pagod na ako sa buhay, minsan gusto ko na lang mawala, pero wala akong gagawin, gusto ko lang may makausap",
    "บางครั้งก็อยากหายไปจากโลก แต่จะไม่ทำอะไรหรอก แค่อยากระบาย",
    "đôi khi thấy sống chẳng để làm gì, nhưng em ko làm gì đâu, chỉ muốn tâm sự",
    "des fois j'ai plus envie de vivre mais je ferai rien, c'etait juste pour en parler",
    "a veces ya no quiero vivir, pero no voy a hacer nada, solo queria desahogarme",
    "às vezes não quero mais viver, mas não vou fazer nada, só precisava falar",
    "capek hidup, rasanya pengen ngilang aja dari dunia, tapi ga akan ngelakuin apa2, cuma butuh temen ngobrol",
    "有时候真的不想活了，但我不会做傻事的，就是想找人说说",
]


@pytest.mark.parametrize("text", WONT_ACT)
def test_a_passive_wish_with_a_promise_not_to_act_is_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Danger of its own (a swallowing, the means in hand), with no promise, is still the emergency.
@pytest.mark.parametrize(
    "text",
    [
        "nuốt hết vỉ thuốc ngủ rồi, giờ khó thở quá, cứu em",
        "tengo las pastillas en la mano y me las voy a tomar todas ahora",
    ],
)
def test_danger_without_the_promise_is_still_read(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
