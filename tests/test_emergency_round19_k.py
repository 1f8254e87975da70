"""Round 19 (tuner K: en, es, fr, pt_BR, id): signs of a real emergency that the lists did not count as clear (they
got only the "is someone in danger?" question, or nothing), and frames that make a danger phrase words of a song.
Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A body that no longer holds itself up or a state told in the language's own words: can't sit up, shaking all over
# and drooling, the chest heavy while nodding off, fainting now, bleeding that won't stop, breath "susah".
MEDICAL_SIGNS = (
    "gran took some of my kratom capsules, shes drowsy and cant sit up",
    "mi tio se cayo despues del kratom, esta temblando entero",
    "se me durmio el brazo y siento el pecho pesado despues de tomar 7oh",
    "meu pai ta com dor muito forte no peito depois do kratom",
    "meu primo se cortou na cozinha e n para de sangrar",
    "kakek napasnye susah abis minum kratom",
)


@pytest.mark.parametrize("text", MEDICAL_SIGNS)
def test_medical_signs_in_the_languages_own_words_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Suicide signs that add up: a plan with despair about quitting ("no point quitting", "da igual si dejo", "tanto faz
# parar", "ngapain berhenti"), the means bought and no talking out of it, a bridge "right now" with despair, the
# means and a time when nobody is home, pills on the table and a word before going.
SUICIDE_SIGNS = (
    "doesnt matter if i quit, i won't be here tomorrow",
    "ya da igual si dejo el kratom, mañana ya no voy a estar",
    "tanto faz parar o kratom, amanhã eu n vou estar mais aqui",
    "ngapain berhenti kratom, besok gw udh ga ada",
    "bought everything i need for sunday. dont try to talk me out of it",
    "sur le pont là, je peux pas refaire un sevrage",
    "ya compre el veneno, lo hago cuando no haya nadie en la casa",
    "obatnya di meja, cuma mau ngomong sama orang sebelum pergi",
    "sitting on top of my hdb block, cannot tahan already",
    "to no telhado, n vou descer",
)


@pytest.mark.parametrize("text", SUICIDE_SIGNS)
def test_suicide_signs_that_add_up_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Asking how much it takes not to wake up, then saying it is for oneself.
@pytest.mark.parametrize(
    "text",
    [
        "combien de comprimés faut il pour plus se réveiller? c pour moi",
        "quantas capsulas pra n acordar mais? é pra mim",
    ],
)
def test_a_lethal_amount_asked_for_oneself_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Violence now in Quebec French: banging on the door with a knife while the texter is barricaded in a room.
def test_quebec_violence_at_the_door_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "il cogne dans la porte pis il a un couteau, chu barrée dans le salon") == "full"


# A song being written (a corrido, a rap, a funk) frames the danger words quoted in it; laughing "to death" is an
# idiom.
@pytest.mark.parametrize(
    "text",
    [
        "estoy escribiendo un corrido de un compa que se fue, queda bien 'no respira en la banqueta'?",
        "j'écris un rap sur un pote parti, 'il respire plus dans la cage d'escalier' ça passe?",
        "to escrevendo um funk sobre um parceiro, 'boca roxa no beco' fica forte?",
        "killing myself laughing at this video lmao",
    ],
)
def test_a_song_being_written_or_an_idiom_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# More signs of a plan and of a body in danger, from the remaining errors of the earlier batches: a goodbye to a mother
# with "don't check on me", done for good tonight, not waking while lying face up, a racing heart, "mañana ya no
# estoy", an open box of pills and "j'y vais", vomiting blood, very confused, a hand on the chest, a stockpile,
# midnight as the end, thirty pills taken, a baby pale and limp, everything mixed for when the roommate leaves.
MORE_SIGNS = (
    "dont bother checking on me this weekend. tell my mom i loved her",
    "tonight im done for good",
    "mi abuelo esta boca arriba sin despertarse y ronca raro",
    "mi hijo tomo del shot de kratom y tiene el corazon muy rapido y vomita",
    "mañana ya no estoy, perdon",
    "boite de cachets ouverte sur le lit jy vais",
    "jvomi du sang depuis tout a l'heure",
    "minha avó ta super confusa e vomitando depois do chá",
    "meu pai caiu com a mao no peito, suando frio",
    "ja juntei comprimido suficiente, sexta",
    "meia noite acaba tudo",
    "tomei 30 comprimidos de rivotril",
    "bayiku bibirnya pucat, lemes abis minum teh kratom",
    "semuanya udah aku campur, nanti pas temen sekamar berangkat aku minum",
)


@pytest.mark.parametrize("text", MORE_SIGNS)
def test_more_signs_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"

