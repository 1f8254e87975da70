"""Round 24 (tuner C: single texts): emergencies that got only the possible tier (or nothing) lifted to the full
answer by the words any speaker uses for the state (tiny pupils, talking nonsense, a pounding heart, black vomit),
by a second sign of a plan (everything settled, "I won't get to use it"), by despair beside a plan (wanting to
disappear), and by a suicide question that says it is the texter's own ("it's for me, tonight"); false alarms set
aside: "almost fainted when ..." (a reaction told), a therapist's routine question "every session". Texts written
for these tests, not corpus lines; each got another tier before this round's change."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# A state told in the words people use for it: tiny pupils and a response to pain only (en), talking nonsense
# (th), a heart pounding hard (tl, vi), vomit black like coffee grounds (id).
@pytest.mark.parametrize(
    "text",
    [
        "his pupils are tiny and he only reacts to pain, he mixed kratom with his pills",
        "พ่อพูดจาไม่รู้เรื่องหลังกินท่อมกับยา",
        "ang lakas ng kabog ng puso ko, nahihilo ako, uminom ako ng kratom",
        "tim đập nhanh kinh khủng, tay chân lạnh, vừa uống kratom với nước tăng lực",
    ],
)
def test_a_state_named_plainly_is_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_black_vomit_is_at_least_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, "muntah item terus lemes, bapak saya minum kratom tiap hari") == "possible"


# Two signs of a plan, or a plan with despair: the things given away and "I won't get to use it" (tl); everything
# settled and "no need to worry about me" (ms); locked in with the pills and wanting to disappear (es).
@pytest.mark.parametrize(
    "text",
    [
        "binigay ko na kay kuya yung cellphone ko, hindi ko na magagamit yun",
        "semua hal dah settle. lepas ni tak payah risau pasal aku",
        "se encerró en el baño con las pastillas y dice que quiere desaparecer",
    ],
)
def test_a_plan_with_a_second_sign_is_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A question about the dose that stops a heart, framed as a hypothetical, then "it's for me" and "tonight": the
# question is the texter's own plan (structure: _suicide_asked_for_oneself), in fr, en and es.
@pytest.mark.parametrize(
    "text",
    [
        "faut-il combien de comprimés pour que le coeur s'arrête ? c'est pour moi, ce soir",
        "how many grams would it take to stop my heart hypothetically? its for me, tonight",
        "¿cuántos gramos harían falta para que el corazón se pare, hipotéticamente? es para mí misma, esta noche",
        "¿cuántas pastillas hacen falta para que el corazón se pare? no aguanto más",
    ],
)
def test_a_suicide_question_for_oneself_is_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A hypothetical told with no urgency of the texter's own stays what it was: not lifted by the new rule.
def test_a_general_question_about_the_dose_is_not_lifted(knowledge: Knowledge) -> None:
    assert tier(knowledge, "hypothetically how many grams would it take to stop a heart? for a novel i'm writing") != (
        "full"
    )


# "Almost fainted when ..." is a reaction told (a bill, a price, a parent finding the kratom), and a therapist's
# question asked every session is routine: no emergency.
@pytest.mark.parametrize(
    "text",
    [
        "abah hampir pengsan bila tengok resit ketum aku. macam mana nak terangkan kat dia?",
        "ibu hampir pingsan pas nemu bungkus kratom di tas aku. gimana jelasinnya?",
        "my psychiatrist asks me every session if i want to kill myself. i dont. just routine?",
        "mi psicóloga me pregunta en cada sesión si he pensado en suicidarme, ya no. ¿es normal?",
    ],
)
def test_a_reaction_or_a_routine_question_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Tiny pupils and a response to a pinch only, in the words of each language (tl, zh, en, vi).
@pytest.mark.parametrize(
    "text",
    [
        "ang liit ng pupil ni kuya, uminom siya ng kratom at xanax, nakahiga lang sa sofa",
        "他喝了卡痛又喝酒，瞳孔特别小，掐他才有反应",
        "my brother only reacts when i pinch him, he took kratom and benzos",
        "đồng tử nhỏ xíu, gọi mãi mới ừ một tiếng, nó uống kratom với thuốc ngủ",
    ],
)
def test_tiny_pupils_and_a_pinch_only_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# "compañero de curro" is a coworker (Spain), not a professional's case: "de curro" was a hypothetical cue that
# silenced a coworker who collapsed and does not answer.
def test_a_coworker_in_danger_is_no_hypothetical(knowledge: Knowledge) -> None:
    assert tier(knowledge, "mi compañero de curro se ha caído en el almacén y no contesta, está morado") == "full"


# Vietnamese "chơi game" (plays games) names who the friend is, or what they were doing, not a story: a gaming friend
# who went quiet on the mic after pills. A character in a game (nhân vật, trong game) is still fiction.
def test_a_gaming_friend_in_danger_is_no_fiction(knowledge: Knowledge) -> None:
    text = "đang chơi game với nó thì nó gục xuống bàn, không trả lời, nó mới uống thuốc ngủ với kratom"
    assert tier(knowledge, text) == "full"


def test_a_character_dying_in_a_game_stays_fiction(knowledge: Knowledge) -> None:
    assert tier(knowledge, "chơi game mà nhân vật của em cứ bất tỉnh vì uống thuốc độc, buồn cười ghê") == "none"


# "After this song / this episode" is when the plan is for, not a story: urgency in tl, vi, ms, id, th (as English
# "after this song" and French "quand la chanson finit" already were).
@pytest.mark.parametrize(
    "text",
    [
        "pagkatapos ng huling kanta sa playlist ko, iinumin ko na lahat ng gamot",
        "nghe xong bài hát này là em uống hết lọ thuốc",
        "lepas lagu ni aku telan semua ubat",
        "habis episode ini aku minum semua obatnya",
        "พอเพลงนี้จบจะกินยาให้หมด",
    ],
)
def test_a_plan_for_after_this_song_is_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_a_plan_for_after_this_song_is_asked_at_least_in_french(knowledge: Knowledge) -> None:
    assert tier(knowledge, "après cette chanson j'avale toute la boîte") in ("possible", "full")


# "Asking for myself" in vi and id: urgency that outweighs the hypothetical frame of a question about the dose that
# makes one sleep and not wake up. Read as a medical phrase, so asked (not answered in full), where it got nothing.
@pytest.mark.parametrize(
    "text",
    [
        "giả sử uống bao nhiêu viên thì ngủ luôn không dậy? hỏi cho em, tối nay",
        "misalnya berapa gram kratom biar gak bangun lagi? buat aku sendiri, malam ini",
    ],
)
def test_a_dose_question_asked_for_oneself_is_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) in ("possible", "full")
