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


# French writes the negator "ne" elided before a vowel, glued to the verb by an apostrophe ("n'arrive"); the lists
# are written as texters speak, without it ("arrive plus a respirer"). The elided form reads as the verb.
@pytest.mark.parametrize(
    "text",
    [
        "mon grand-père n'arrive plus à respirer",
        "elle n’arrive pas à respirer, je fais quoi",
    ],
)
def test_an_elided_ne_does_not_hide_the_danger(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Read so, a negated state stays negated, and "n'" inside a word or another language is not the elision.
@pytest.mark.parametrize(
    "text",
    [
        "elle n'est pas bleue, elle respire normalement",
        "il n'a jamais fait d'overdose, je demande pour la dose de kratom",
    ],
)
def test_an_elided_ne_keeps_a_negated_state_negated(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A suicide phrase told with an intention in words of its own (a day, "it's decided", "I know how"): two signs that
# agree, so the model's doubt of the long message does not make it a question (emergency._suicide_with_an_intention).
@pytest.mark.parametrize(
    "text",
    [
        "debo la renta de tres meses y el kratom ya no me hace nada, el sábado me quito la vida, ya se como",
        "devo três meses de aluguel e o kratom nem faz mais efeito, sábado eu me mato, já decidi",
        "je dois trois mois de loyer et le kratom me fait plus rien, samedi je me suicide, c'est décidé",
    ],
)
def test_a_suicide_phrase_with_an_intention_gets_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Someone else's words about a football match, in a long message the model reads as nothing like danger: dismissed.
def test_a_quoted_idiom_with_an_intent_word_is_still_dismissed(knowledge: Knowledge) -> None:
    text = (
        "mon cousin a dit 'je vais me tirer une balle' quand l'OM a perdu, classique, "
        "sinon le kratom ça donne soif c normal?"
    )
    assert tier(knowledge, text) == "none"
