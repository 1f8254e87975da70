"""Round 25 (tuner D: recall in French, Spanish and Brazilian Portuguese). Two causes of a clear emergency getting
only the question, or nothing:

- a question asked about a named person's danger state, or after telling it ("is this normal?", "which number do I
  call here?"): the model doubts the message for the question, but the texter is asking for help with that person
  now, so the model's doubt no longer lowers the phrase to the question (emergency._someone_named_in_danger);
- "on purpose" said in words the intent lists lacked ("volontairement", "con intención", "propositalmente"): the
  swallowing of the means done on purpose is a sign of intent like "exprès", "a propósito", "de propósito".

Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "on est en vacances à Split, ma copine est toute bleue et respire mal, c'est quoi le numéro des urgences ici ?",
        "oye es normal que mi novio tenga los labios morados? se quedó dormido después del kratom con unas cervezas",
    ],
)
def test_a_question_about_a_named_persons_danger_gets_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A question asked before the danger, in a message the model barely reads as danger, stays a question.
def test_a_general_question_before_the_danger_is_still_asked(knowledge: Knowledge) -> None:
    assert (
        tier(knowledge, "¿eso es como la cocaína? mi tía está llorando porque cree que mi primo se va a morir")
        != "full"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("j'ai bu le flacon de morphine volontairement, j'ai les jambes lourdes", "full"),
        ("vacié el frasco entero de pastillas con intención, ya siento la lengua pesada", "possible"),
    ],
)
def test_on_purpose_is_a_sign_of_intent(knowledge: Knowledge, text: str, expected: str) -> None:
    assert tier(knowledge, text) == expected
