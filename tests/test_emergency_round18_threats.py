"""Round 18: violence against the texter or their family happening now (emergency.threat, a translator list).

Two signs of it in one message (a threat to kill, a weapon in hand, the door attacked, hiding from the attacker)
are a medical emergency: the full answer, with the local emergency number. One sign alone is not: "my mum will
kill me if she finds my stash" stays an idiom."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.knowledge import Knowledge
from tests.support import tier

THREATS = [
    "my stepdad has a knife and keeps yelling hes going to kill us, we are hiding in the bathroom",
    "my boyfriend is kicking the door and screaming hes gonna kill me, im locked in my room",
    "mi novio esta pateando la puerta y grita que me va a matar, estoy escondida en el cuarto",
    "o meu marido pegou uma faca e diz que vai me matar, me tranquei no banheiro",
    "mon copain a un couteau il dit qu'il va me tuer, je suis enfermee dans la chambre",
    "suami saya bawa golok mau bunuh saya, saya ngunci diri di kamar mandi",
    "我前夫拿着菜刀在外面踹门 我躲在卧室里",
]


@pytest.mark.parametrize("text", THREATS)
def test_violence_now_gets_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assessment = emergency.assess(text, knowledge.lexicon)
    assert assessment.tier == "full"
    assert assessment.verdict is not None and assessment.verdict.kind == "medical"


@pytest.mark.parametrize(
    "text",
    [
        "my dad is gonna kill me when he sees what i did to the car",
        "my wife is going to kill me if she finds out i bought more",
        "mi mama me va a matar si ve mis bolsitas",
    ],
)
def test_one_threat_alone_stays_an_idiom(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


def test_a_threat_in_a_film_is_not_one(knowledge: Knowledge) -> None:
    text = "in the movie the killer has a knife and the girl is hiding in the closet, so scary"
    assert tier(knowledge, text) != "full"


def test_a_laugh_takes_the_threat_back(knowledge: Knowledge) -> None:
    text = "my sister is gonna kill me, i ate her cake and now im hiding in my room lol"
    assert tier(knowledge, text) != "full"


def test_a_blade_in_the_texters_own_hand_stays_a_suicide_question(knowledge: Knowledge) -> None:
    """A weapon sign of the list names the attacker's hand ("he has a knife"), not the texter's: "with a knife" beside
    "im locked in" would have turned a self-harm question into the medical answer."""
    assessment = emergency.assess("im locked in my room with a knife", knowledge.lexicon)
    assert assessment.verdict is None or assessment.verdict.kind == "suicide"
