"""Round 25 (tuner G): texters often ask without a question mark. A question word or particle of the translators'
emergency.question list ("how do i know", "gimana", "macam mana", "paano", "làm sao", "怎么知道") asks as a "?"
does, for the two rules of tuner F that read questions: a recovery asked about after a told danger is no recovery,
and a danger told after a "what if" question counts. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A medical danger told, then a question, with no "?", whether the person is ok: the question's "ok" was read as a
# recovery that cancelled the danger.
ASKED_ABOUT_A_RECOVERY_WITHOUT_A_QUESTION_MARK = [
    "temenku gak sadar abis minum pil gimana tau dia udah ok",  # Indonesian, the brief's text
    "kawan aku tak sedar lepas makan pil macam mana nak tahu dia dah ok",  # Malay
    "adik aku pengsan lepas telan ubat dia dah ok ke",  # Malay, a particle after the recovery
    "my brother passed out after pills how do i know hes ok now",
    "mi hermano no despierta despues de tomar pastillas como se si ya esta bien",
    "mon pote est inconscient apres des cachets comment savoir s'il va bien",
    "meu irmao desmaiou depois de tomar remedio como eu sei se ele ta bem",
    "bạn mình bất tỉnh sau khi uống thuốc làm sao biết nó ổn rồi",
    "我朋友吃了药昏迷了怎么知道他没事了",
    "เพื่อนหมดสติหลังกินยา รู้ได้ยังไงว่าเขาโอเคแล้ว",
]


@pytest.mark.parametrize("text", ASKED_ABOUT_A_RECOVERY_WITHOUT_A_QUESTION_MARK)
def test_a_recovery_asked_about_without_a_question_mark_gets_an_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) != "none"


def test_an_unconscious_friend_asked_about_without_a_question_mark_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "temenku gak sadar abis minum pil gimana tau dia udah ok") == "full"


@pytest.mark.parametrize(
    "text",
    [
        "paano kung bigla siyang mamatay hindi na siya gumagalaw",  # the brief's text: no punctuation at all
        "paano kung bigla siyang mamatay, hindi na siya gumagalaw",  # the question ends at the comma
        "pano kung atakihin siya sa puso, hindi na siya humihinga",
    ],
)
def test_a_what_if_question_without_a_question_mark_then_the_state_told(knowledge: Knowledge, text: str) -> None:
    # "what if he suddenly dies (he has a heart attack), he isn't moving (breathing) anymore": the state is told.
    assert tier(knowledge, text) != "none"


@pytest.mark.parametrize(
    "text",
    [
        "paano kung hindi na siya gumagalaw",  # the danger right after the "what if" is what it asks about
        "what if he overdoses and stops breathing",
        "what do i do if my friend is not breathing",  # words that only name who: the subject
    ],
)
def test_a_danger_asked_about_in_a_what_if_stays_calm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A question word inside a danger statement takes nothing away; questions that only ask stay calm; real recoveries
# told as statements, after a "but", still close the danger.
@pytest.mark.parametrize(
    "text",
    [
        "I don't know how he took it, he is not breathing",
        "idk how she got them but she took the whole bottle and shes not waking up",
        "what if he dies? hes not breathing what do i do",
    ],
)
def test_a_question_word_inside_a_danger_statement_cancels_nothing(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_a_danger_told_after_a_what_if_stays_asked_with_a_question_word_after_it(knowledge: Knowledge) -> None:
    assert tier(knowledge, "paano kung mamatay siya? hindi na siya humihinga ano gagawin") != "none"


@pytest.mark.parametrize(
    "text",
    [
        "gimana tau dia pingsan atau udah ok",  # how to tell the two apart: the danger is inside the question
        "how do i know if someone passed out or is just asleep",
        "he passed out but hes fine now",
        "dia pingsan tadi tapi udah sadar, sekarang udah ok",
        "dia pengsan tadi tapi dah sedar, dia ok je sekarang",
        "kuya ko nawalan ng malay kanina pero okay na siya ngayon dapat ba dalhin sa ospital",
        "bạn mình bất tỉnh nhưng giờ ổn rồi có sao không",
        "paano kung may mag overdose, ano ang gagawin",
        "what should i do if someone passes out",
        "is it normal to feel dizzy after kratom",
        "she fainted yesterday at work, is it normal, shes fine now",
    ],
)
def test_questions_alone_and_recoveries_told_stay_calm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
