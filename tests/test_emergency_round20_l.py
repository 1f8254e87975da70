"""Round 20 (tuner L: ms, tl, vi, th, zh_Hans, single texts): signs of a real danger that the lists did not count as
clear (they got only the "is someone in danger?" question, or nothing), and ordinary texts that held a danger phrase
(a drug's name, a price that makes one "faint", an attempt told as past). Texts written for these tests, not corpus
lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# Asking how much it takes to die, then saying it is for oneself ("ถามให้ตัวเอง", "问的是我自己", "hỏi cho em"),
# or with "don't ask": a lethal amount asked for oneself is a plan, not a dose question.
LETHAL_AMOUNT_FOR_ONESELF = (
    "กินท่อมเท่าไหร่ถึงจะตาย ถามเพื่อตัวเอง",
    "安眠药吃多少片会死 问的是我自己",
    "uống bao nhiêu viên thuốc ngủ thì chết, hỏi cho em thôi",
    "uống mấy vỉ paracetamol thì gan hỏng không cứu được, đừng hỏi",
)


@pytest.mark.parametrize("text", LETHAL_AMOUNT_FOR_ONESELF)
def test_a_lethal_amount_asked_for_oneself_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Suicide signs that add up: money given away and "only the last thing left"; standing high up and wanting to jump;
# years of depression, everything settled and "today is also the last day".
SUICIDE_SIGNS = (
    "tiền chuyển hết cho mẹ rồi, giờ chỉ còn việc cuối cùng thôi",
    "我在天桥上 好想跳下去",
    "抑郁了好几年 该交代的都交代了 今天也是最后一天",
)


@pytest.mark.parametrize("text", SUICIDE_SIGNS)
def test_suicide_signs_that_add_up_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Not an emergency: an anti-epileptic drug named ("thuốc chống động kinh"), fainting at a price ("xỉu ngang khi
# thấy giá"), a husband who only seemed not to breathe ("hóa ra ngủ"), an attempt told as past ("自杀未遂过").
NOT_AN_EMERGENCY = (
    "mẹ em uống thuốc chống động kinh mỗi ngày, dùng chung kratom có sao ko",
    "xỉu ngang khi nhìn giá kratom tháng này",
    "tưởng ba ko thở, hóa ra ngủ say thôi, giờ dậy rồi",
    "我表姐自杀未遂过 现在在康复 家人平时要注意什么",
)


@pytest.mark.parametrize("text", NOT_AN_EMERGENCY)
def test_ordinary_texts_are_not_an_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
