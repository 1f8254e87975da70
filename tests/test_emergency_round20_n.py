"""Round 20 (tuner N: ms, tl, vi, th, zh_Hans lists, conversations): words that close an emergency told earlier in
the conversation (the person carried onto the ambulance and followed to hospital, nobody hurt, "we are safe"), and
a person still unresponsive after the ambulance came (Taglish "di pa rin responsive"), which must keep the full
answer. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# An emergency told, then a message that says it is over: the person is in the crew's hands on the way to hospital,
# pulled back with nobody hurt, the family safe. As in English ("the ambulance took him", "following the
# ambulance"), these close it: no alert again, no question.
CLOSED = (
    ("我爸吃了一整瓶安眠药，怎么叫都叫不醒", "医生把他抬上救护车了，我跟着去医院"),
    ("我妈倒在厨房，叫不醒", "抬上车了，我现在跟着救护车"),
    ("anh tôi đang đứng trên cầu nói sẽ nhảy xuống", "công an kéo anh ấy vào được rồi, không ai bị thương"),
    ("suami saya pukul saya, kepala saya berdarah banyak", "polis dah datang tangkap dia, kami dah selamat"),
)


@pytest.mark.parametrize(("earlier", "text"), CLOSED)
def test_words_that_close_an_emergency_told_earlier(knowledge: Knowledge, earlier: str, text: str) -> None:
    assert tier(knowledge, earlier) == "full"
    assert tier(knowledge, text, earlier) == "none"


# The ambulance has come and the person is still not responsive: the arrival does not close it.
STILL_UNRESPONSIVE = (
    (
        "ayaw magising ng kuya ko, ang dami nyang ininom na gamot",
        "nandito na ang ambulansya, hindi pa rin siya responsive",
    ),
    ("si papa bumagsak sa banyo, hindi sumasagot", "andito na ambulance, di pa rin responsive si papa"),
)


@pytest.mark.parametrize(("earlier", "text"), STILL_UNRESPONSIVE)
def test_still_unresponsive_after_the_ambulance_came(knowledge: Knowledge, earlier: str, text: str) -> None:
    assert tier(knowledge, text, earlier) == "full"


# "câu cửa miệng" (a catchphrase, what someone always says) tells that the words quoted are a habit of speech; its
# "câu" (a sentence) written without the tone mark was read as "cầu" (a bridge, the means) beside "chán đời".
CATCHPHRASE = (
    "anh e suốt ngày kêu chán đời, mà đó là câu cửa miệng của ảnh thôi",
    "nó hay than chán đời quá, mà câu cửa miệng của nó từ nhỏ rồi",
)


@pytest.mark.parametrize("text", CATCHPHRASE)
def test_a_catchphrase_is_no_bridge(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A child who probably swallowed something ("nakalunok ata", as English "toddler swallowed"), an old man who fell and
# cannot get up ("ลุกไม่ได้", as English "cant get up"): the full answer, not only the question.
SWALLOWED_OR_FALLEN = (
    "yung pamangkin ko 3 taon, nakalunok po ata ng tableta ng lola nya",
    "anak ko nakalunok ata sya ng kapsula na nasa mesa 😰",
    "ยายหกล้มในครัว ลุกไม่ได้เลยค่ะ",
)


@pytest.mark.parametrize("text", SWALLOWED_OR_FALLEN)
def test_swallowed_or_fallen_in_the_languages_own_words(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# "hari ni dia" (today he ...), as English "today he is": what happened last week set a frame, today's relapse lifts
# it, and the collapse told after it is real, the full answer.
RELAPSE_TODAY = (
    (
        ("minggu lepas abang aku pengsan lepas minum ketum", "dia dah sihat, tapi hari ni dia minum lagi banyak"),
        "dia terbaring kat lantai, mulut berbuih, badan kejang2",
    ),
    (
        ("tahun lepas adik aku masuk wad sebab ketum", "dia dah ok, tapi hari ini dia minum 5 bungkus"),
        "adik aku rebah kat dapur, tak sedar",
    ),
)


@pytest.mark.parametrize(("earlier", "text"), RELAPSE_TODAY)
def test_today_lifts_the_frame_of_last_week(knowledge: Knowledge, earlier: tuple[str, ...], text: str) -> None:
    assert tier(knowledge, text, *earlier) == "full"


# A goodbye relayed from someone ("以后不能陪你了", I can't be with you any more): a sign of a plan, with the model
# sure of suicide the full answer.
RELAYED_GOODBYE = (
    (("我老公最近在戒药 情绪很差",), "他刚刚发消息说 以后不能陪你了 照顾好孩子"),
    ((), "我妹妹刚发微信给我 说对不起 以后不能陪你了"),
)


@pytest.mark.parametrize(("earlier", "text"), RELAYED_GOODBYE)
def test_a_relayed_goodbye_is_a_plan(knowledge: Knowledge, earlier: tuple[str, ...], text: str) -> None:
    assert tier(knowledge, text, *earlier) == "full"
