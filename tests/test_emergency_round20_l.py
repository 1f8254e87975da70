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
# years of depression, everything settled and "today is also the last day"; "there will be no me" after thanks;
# "don't blame yourselves", the note written and the passwords given, "one last shot"; a lethal amount asked with
# "don't lecture me"; a photo of the pills and no reaching them; swallowed it all and "no need to save me", sitting
# on a roof in debt, the knife ready until the family sleeps, a locked door and the smell of gas; "everything is
# ready", a phone switched off after an apology, debts that "end with me", "when you read this"; asking if the jump
# hurts from the edge; "won't need those things where I'm going", a goodbye and no answer when called back; how many
# litres it takes to die, decided; the dog given away and "won't need it".
SUICIDE_SIGNS = (
    "tiền chuyển hết cho mẹ rồi, giờ chỉ còn việc cuối cùng thôi",
    "我在天桥上 好想跳下去",
    "抑郁了好几年 该交代的都交代了 今天也是最后一天",
    "ขอบคุณทุกคนนะ พรุ่งนี้จะไม่มีผมแล้ว",
    "esok dah tak perlu. jgn salahkan diri korang",
    "note dah tulis, semua password dah bagi kat kakak",
    "dah simpan cukup utk satu cucuk terakhir. biar habis terus",
    "ilang tabs ang nakakamatay? wag mo na akong i-lecture",
    "nag send sya ng pic ng mga gamot tapos di ko na sya ma-contact",
    "nuốt hết rồi, không cần cứu đâu",
    "đang ngồi trên nóc khu trọ, nợ nần quá",
    "dao để sẵn rồi, đợi vợ con ngủ",
    "anh ấy khóa trái cửa, tôi ngửi thấy mùi gas",
    "tunggu semua orang tidur. semua dah siap",
    "dia mesej minta maaf kat semua, lepas tu hp dia off",
    "hutang aku biar habis sekali dengan aku. esok dah tak perlu",
    "bila korang baca ni aku dah takde",
    "masakit ba pag tumalon sa 10th floor? nakatayo na ko sa gilid",
    "chỗ em sắp đi không cần mấy thứ đó đâu",
    "ba nhắn 'ba đi trước nhé', gọi lại không được",
    "กระท่อมกี่ลิตรถึงจะตาย ตัดสินใจแล้ว",
    "把狗送给邻居了 电脑也用不上了",
)


@pytest.mark.parametrize("text", SUICIDE_SIGNS)
def test_suicide_signs_that_add_up_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Bleeding told in shorthand ("darah byk") or spurting ("máu phun thành tia"); hands gone numb ("d ko ramdam
# kamay"); breathing told in Northern Thai ("หายใจบ่ค่อยออก"); a fall from scaffolding ("jatuh dari perancah").
@pytest.mark.parametrize(
    "text",
    [
        "kawan kena pukul dgn botol kat kepala, darah byk",
        "bạn tôi bị đâm vào chân, máu phun thành tia",
        "d ko ramdam kamay ko, nahihilo ako",
        "ป้อกินเหล้าแล้วหายใจบ่ค่อยออก",
        "abang aku jatuh dari perancah kat site",
    ],
)
def test_medical_signs_in_the_languages_own_words_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Not an emergency: an anti-epileptic drug named ("thuốc chống động kinh"), fainting at a price ("xỉu ngang khi
# thấy giá"), a husband who only seemed not to breathe ("hóa ra ngủ"), an attempt told as past ("自杀未遂过",
# "parut lama", "nung march"), a bill that stops the heart, asking what to do in an emergency, a partner's goodbye in
# a break-up.
NOT_AN_EMERGENCY = (
    "mẹ em uống thuốc chống động kinh mỗi ngày, dùng chung kratom có sao ko",
    "xỉu ngang khi nhìn giá kratom tháng này",
    "tưởng ba ko thở, hóa ra ngủ say thôi, giờ dậy rồi",
    "我表姐自杀未遂过 现在在康复 家人平时要注意什么",
    "看到账单我心脏骤停",
    "你们是24小时吗 紧急情况是发短信还是打120",
    "cấp cứu thì gọi số nào vậy",
    "ada parut lama zaman sekolah, dulu kelar tangan",
    "nung march sinabi ko dito na gusto ko na mamatay, salamat sa inyo",
    "เขาบอกลาแล้ว เลิกกันจริงๆ เสียใจแต่ไหว",
)


# Asked only ("is someone in danger?") before, now nothing: a faint the doctor explained, a sibling said to be
# knocked out who is sitting there fine.
@pytest.mark.parametrize(
    "text",
    ["minggu ni mak pengsan kat rumah, doktor kata darah rendah", "น้องน็อคไปตอนเย็น ตอนนี้นั่งเล่นเกมอยู่สบายดี"],
)
def test_an_explained_or_fine_faint_is_not_asked_about(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize("text", NOT_AN_EMERGENCY)
def test_ordinary_texts_are_not_an_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
