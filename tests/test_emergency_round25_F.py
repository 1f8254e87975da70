"""Round 25 (tuner F): a recovery that is asked about ("how do I know he's ok?") beside a medical danger told in the
same message is a question, not a recovery; and a danger told as a statement after a "what if" question is how
things are now. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A medical danger told, then a question whether the person is ok: the question's "ok" cancelled the danger.
ASKED_ABOUT_A_RECOVERY = [
    "adikku pingsan abis nelen obat banyak, gimana caranya tau dia udah ok?",  # Indonesian
    "kakak saya pengsan lepas telan ubat, macam mana nak tahu dia dah ok ke belum?",  # Malay
    "my brother passed out after taking a bunch of pills, how do i know if hes fine now?",
    "my roommate wont wake up after mixing kratom and xanax, how can i tell if hes ok now?",
    "mi hermano no despierta después de tomar pastillas, ¿cómo sé si ya está bien?",
    "mon copain ne se réveille pas après avoir pris des cachets, comment savoir s'il va bien maintenant ?",
    "meu irmão desmaiou depois de tomar remédio, como eu sei se ele já tá bem?",
    "em trai mình bất tỉnh sau khi uống thuốc, làm sao biết nó ổn rồi?",
    "kuya ko nawalan ng malay pagkatapos uminom ng gamot, paano ko malalaman kung okay na siya?",
    "我朋友吃了很多药昏迷了，怎么知道他没事了？",
    "เพื่อนหมดสติหลังกินยา รู้ได้ยังไงว่าเขาโอเคแล้ว?",
]


@pytest.mark.parametrize("text", ASKED_ABOUT_A_RECOVERY)
def test_a_recovery_asked_about_beside_a_danger_told_gets_an_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) != "none"


def test_an_unconscious_friend_and_a_question_whether_he_is_ok_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "temen gue gak sadar abis minum pil, gimana tau dia udah ok?") == "full"
    assert tier(knowledge, "mi hermano no despierta después de tomar pastillas, ¿cómo sé si ya está bien?") == "full"


# Real recoveries, told as statements, still close the danger; a question alone after a resolved scene too.
@pytest.mark.parametrize(
    "text",
    [
        "he passed out, the ambulance came, hes ok now",
        "he passed out but the ambulance came and hes ok now",
        "dia pingsan tadi tapi udah sadar, sekarang udah ok",
        "ele desmaiou mas já acordou, tá bem agora. devia ter levado no hospital?",
        "ela apagou na festa mas acordou sozinha e foi pra casa. era pra ter levado no hospital?",
    ],
)
def test_a_recovery_told_or_a_question_after_a_turn_stays_calm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A "what if" question, then the state told after it: the state is now.
@pytest.mark.parametrize(
    "text",
    [
        "paano kung mamatay siya? hindi na siya humihinga",
        "paano kung hindi na siya magising? hindi na siya gumagalaw",
        "gimana cara tau dia cuma tidur atau pingsan? dia minum obat tidur banyak, ditepuk2 gak bangun",
    ],
)
def test_a_state_told_after_a_what_if_question_gets_an_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) != "none"


# Still general questions: what to do (a service named), or a list of symptoms the model reads as nothing like danger.
@pytest.mark.parametrize(
    "text",
    [
        "what if a customer collapses in the store? do i call 911 first or get the manager",
        "what should i do if someone passes out? like they dont respond at all",
    ],
)
def test_a_general_what_if_question_stays_calm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


def test_what_was_taken_told_after_a_how_to_tell_question_is_the_full_answer(knowledge: Knowledge) -> None:
    text = "gimana cara tau dia cuma tidur atau pingsan? dia minum obat tidur banyak, ditepuk2 gak bangun"
    assert tier(knowledge, text) == "full"


def test_signs_listed_after_a_how_to_tell_question_are_asked_not_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "como saber se é overdose? tipo boca roxa, não acorda") == "possible"


def test_a_what_if_question_inside_a_story_stays_in_the_story(knowledge: Knowledge) -> None:
    story = ("nagsusulat ako ng nobela, yung bida gumagamit ng kratom", "para sa eksena lang po to")
    text = "paano kung may halong alak? gaano katagal bago siya mawalan ng malay"
    assert tier(knowledge, text, *story) == "none"
