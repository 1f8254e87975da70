"""Round 18 (tune-G): false alarms on single texts, told in the past or as a preparation, and the rules and lists
that take them back without losing an emergency."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "去年停药的时候抽搐过一次 现在想再停 需要注意什么",
        "上个月戒断的时候抽搐了 现在准备再试一次",
        "大学时想过自杀 现在当老师了 想给学生讲讲",
    ],
)
def test_now_told_only_after_a_past_danger_is_how_things_are_today(knowledge: Knowledge, text: str) -> None:
    """The word "现在" (now) told after a danger set in the past, with no danger after it, in a message the model
    does not read as danger, is the present against the story (clean now, quitting again), not the danger again."""
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "去年他抽搐过一次 现在又抽搐了",
        "last year he overdosed on this, now he is not breathing",
    ],
)
def test_now_before_a_danger_after_the_past_still_outweighs_it(knowledge: Knowledge, text: str) -> None:
    """The danger told after "now" is happening again: still the full answer."""
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "minggu depan ada kelas CPR kat pejabat, orang tak bernafas kena tekan dada berapa laju?",
        "kawan aku cerita abang dia hampir mati lepas campur ketum dengan ubat batuk, betul ke?",
        "ถ้าฉุกเฉินต้องทักที่นี่หรือโทร 1669 ครับ",
        "ควรซื้อนาล็อกโซนติดบ้านไว้มั้ย ใช้กับท่อมเกินขนาดได้รึเปล่า",
        "อยากซื้อยาแก้ติดบ้านไว้ กรณีใครหยุดหายใจ",
    ],
)
def test_a_class_a_friend_s_story_or_a_preparation_is_not_an_emergency(knowledge: Knowledge, text: str) -> None:
    """Malay "kelas CPR" (a CPR class) and "kawan aku cerita" (my friend told me), Thai "ถ้าฉุกเฉิน" (if there is an
    emergency) and "ซื้อ...ติดบ้านไว้" (buy to keep at home) frame the danger words as a class, someone's story or a
    preparation (translator lists, emergency.hypothetical)."""
    assert tier(knowledge, text) == "none"


def test_the_means_got_in_the_past_after_despair_is_the_full_answer(knowledge: Knowledge) -> None:
    """The word "ontem" (yesterday) says when the rope was bought, not a danger that is over: the rope is still
    there, and with the despair told before it, one the model reads as suicide without doubt gets the full answer."""
    earlier = "to muito pra baixo, nada mais tem graça"
    assert tier(knowledge, "comprei uma corda ontem, ta aqui no quarto", earlier) == "full"


def test_a_collapse_in_a_fit_is_read_in_thai(knowledge: Knowledge) -> None:
    """Thai "ล้มชัก" (fell down in a fit), beside "ล้มแล้วชัก" and "ล้มลงชัก" (translator list, emergency.medical)."""
    assert tier(knowledge, "คุณตาล้มชักที่หน้าบ้าน") == "full"


def test_worthlessness_is_despair_in_thai(knowledge: Knowledge) -> None:
    """Thai "ตัวเองไร้ค่า" / "ตัวเองไม่มีค่า" (I am worthless) is despair (translator list, emergency.distress): told
    before a gift of one's things, a sign of a plan, it makes the full answer."""
    assert tier(knowledge, "ยกมอไซค์ให้เพื่อนไปแล้ว", "ช่วงนี้รู้สึกตัวเองไร้ค่ามากครับ") == "full"


def test_fresh_cuts_are_self_harm_in_thai(knowledge: Knowledge) -> None:
    """Thai "แผลกรีดสด" / "รอยกรีดสด" (fresh cuts) is self-harm now (translator list, emergency.suicide)."""
    assert tier(knowledge, "เห็นแผลกรีดสดๆที่ขาแฟน") == "full"
