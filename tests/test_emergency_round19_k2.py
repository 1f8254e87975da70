"""Round 19 (tuner K2: en, es, fr, pt_BR, id): signs of a plan and of violence now in the languages' own words, from
the new conversations (batches dh, dj) and batch am. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# The means at hand and the plan told without the word: counting the pills, "tomármelo todo", the papers put in
# order, medicines kept in a cupboard, the medicine cabinet emptied.
PLAN_SIGNS = (
    ("grandpas old oxycodone is still in the drawer. been sitting here counting them, thinking about tonight", ()),
    ("my brother has his oxys out on the table counting them, said he's done with everything", ()),
    (
        "tengo tres cajas de pregabalina en el cajón y no dejo de pensar en tomármelo todo junto",
        ("estoy muy cansada de todo, ya no puedo más",),
    ),
    ("el domingo lo voy a hacer, ya he dejado los papeles ordenados", ("ya no aguanto más, estoy cansado de todo",)),
    ("tenho o tramal da minha sogra guardados no armário. fico pensando que era só tomar tudo de uma vez", ()),
    ("ma sœur a vidé l'armoire à pharmacie dans son sac et elle dit qu'elle va tout avaler", ()),
)


@pytest.mark.parametrize(("text", "earlier"), PLAN_SIGNS)
def test_plan_signs_in_the_languages_own_words_are_the_full_answer(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "full"


# Someone found unconscious in a room ("di kamar gak sadar"), and Indonesian violence now: the door locked against
# someone banging on it, someone raging outside the bedroom with a machete.
@pytest.mark.parametrize(
    "text",
    [
        "kakakku ketemu di kamar gak sadar",
        "aku kunci pintu, suamiku gedor2 terus sambil teriak",
        "dia teriak2 di depan kamar sambil pegang golok",
    ],
)
def test_unconscious_in_a_room_and_violence_now_in_indonesian_are_the_full_answer(
    knowledge: Knowledge, text: str
) -> None:
    assert tier(knowledge, text) == "full"


# The idiom stays one: "gak sadar" (didn't notice), locking one's door alone, banging alone.
@pytest.mark.parametrize(
    "text",
    [
        "aku gak sadar udah jam 3 pagi, kratom bikin susah tidur ya?",
        "aku kunci pintu kamar biar adikku gak ngambil kratomku",
    ],
)
def test_one_sign_alone_or_the_idiom_is_not_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) != "full"
