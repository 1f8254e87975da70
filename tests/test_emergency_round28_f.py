"""Round 28 (tuner F: the misses of batches ea and eb, texts from the people around a user and conversations that
turn). Danger said in words no list had (tired of living, leaving this world, last words written, drowning, double
vision, speech no longer clear, cannot be talked to); "wait sorry" / "thôi khoan" / "totoo pala" turning a chat into
the real thing; a roommate who stays up writing his thesis is no hypothetical frame. Texts written for these tests,
not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "la neta ya no quiero seguir aqui, ya fue",  # es
        "mi tia esta cansada de vivir, dice que ya no aguanta",  # es
        "aku udah capek banget, pengen pergi aja dari dunia ini malam ini",  # id
        "abang saya tak dapat bercakap dengan jelas",  # ms
        "si lola nanginginig at di namin makausap ng maayos",  # tl
        "ba em đi bơi, giờ ảnh bị chìm",  # vi
        "ông ngoại nằm ngoài nắng, người nóng hổi",  # vi
        "我爸突然看东西重影，站都站不稳",  # zh_Hans
        "他说遗言都写好了",  # zh_Hans
        "ouvi um barulho tipo alguem caindo",  # pt_BR
        "แฟนขากระตุกหยุดไม่ได้ ช่วยด้วย",  # th
        "my cousin just texted this is the last time you'll hear from me and her phone is off",  # en
        "I no longer wish to live",  # en
        "mon frère m'a écrit qu'il a pris de quoi ne pas se réveiller",  # fr
        "pagod na ako sa lahat, balak kong tumalon",  # tl
        "adik gw ngaku nelen banyak pil tadi siang",  # id
    ],
)
def test_danger_said_in_new_words_is_an_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A question first, then "wait sorry" / "thôi khoan" (hold on) and the danger: it is now, the model's doubt aside.
@pytest.mark.parametrize(
    "text",
    [
        "Quick question about kratom tea, does boiling it longer make it stronger... wait sorry my son just fell off "
        "his bike and he's shaking all over, foaming at the mouth, what should i do",
        "hey is it normal for kratom tea to taste bitter if you boil it longer... sorry wait my roommate just dropped "
        "and is shaking all over foaming at the mouth what do i do",
        "cho em hỏi kratom có hợp pháp hông... thôi khoan, ba em mới xỉu ngoài sân, môi tím rồi, em phải làm sao",
    ],
)
def test_a_turn_to_the_real_thing_after_a_question_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# The danger after a joke is taken back by "totoo pala" (it is real after all): answered, not silenced.
def test_it_is_real_after_all_keeps_the_conversation_answered(knowledge: Knowledge) -> None:
    earlier = "hahaha sabi ng pinsan ko nag-aagaw buhay daw si tito sa sala, ang OA talaga"
    assert tier(knowledge, "teka totoo pala", earlier) in ("possible", "full")


# A roommate writing his thesis sets no hypothetical frame: the emergency that follows is answered in full.
def test_a_thesis_written_at_night_is_no_frame(knowledge: Knowledge) -> None:
    earlier = ("想问卡痛和奶茶一起喝可以吗", "我室友说喝卡痛能帮他熬夜写论文", "他在厕所很久没出来，敲门没反应")
    assert tier(knowledge, "门打开了，他倒在地上叫不醒", *earlier) == "full"


# What the new words must not take: a thesis question stays a question; the new phrases need their own context.
@pytest.mark.parametrize(
    "text",
    [
        "写论文用的：帽柱木碱过量会不会让人呼吸停止？",
        "I no longer wish to live in Texas, we are moving to Denver next month",
        "tàu bị chìm trong phim Titanic buồn quá",
        "ang bunso namin hindi na makausap kasi busy sa cellphone",
    ],
)
def test_the_new_words_stay_narrow(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) != "full"
