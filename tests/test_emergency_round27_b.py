"""Round 27 (tuner B: recall in French and Thai). French written as texters type it: "que" elided before the subject
("je crois qu'il est mort"), "je" glued to the next word with no apostrophe ("jme sens partir"), the last letter of
"plus" dropped ("se reveille plu"), and danger phrases the French lists lacked (a stroke, a hanging, pills taken "pour
mourir", consciousness lost); Thai chat spellings ("ม่าย" for ไม่, "จัย" for ใจ) and phrases the Thai lists lacked.
Texts written for these tests, not corpus lines; each positive got no answer (or only the question where the test asks
for the full answer) before round 27."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# "que" elided before the subject: the phrase that starts with the subject ("il est mort") matches the word after the
# apostrophe. The model, new to the words, may doubt the phrase: then asked, not missed.
@pytest.mark.parametrize("text", ["je crois qu'il est mort", "je pense qu'elle est morte"])
def test_que_elided_before_the_subject(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) in ("full", "possible")


# The elided "que" does not make an idiom's words danger: the negation still reads them.
@pytest.mark.parametrize(
    "text",
    [
        "mon frere m'a dit qu'il est mort de rire devant ta video",
        "elle raconte qu'elle est morte de fatigue apres sa garde",
    ],
)
def test_que_elided_keeps_the_idioms(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# "je" glued to the verb (SMS): the rest of the word is read as the lists write it.
@pytest.mark.parametrize("text", ["jme sens partir", "jme suis ouvert les veines", "jveux plus vivre"])
def test_je_glued_to_the_verb(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "jme sens trop bien depuis que j'ai arrete",
        "jrespire enfin, le demenagement est fini",
        "jsuis mort de rire devant ce film",
        "jveux arreter le kratom, vous avez des conseils ?",
    ],
)
def test_je_glued_to_a_safe_verb(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Phrases the French lists lacked.
@pytest.mark.parametrize(
    "text",
    [
        "ma copine se reveille plu",
        "je veux me pendre",
        "ma soeur a pris des medocs pour mourir",
        "il a essayé de se pendre",
        "elle a perdu conscience",
        "il a les levres violette",
    ],
)
def test_french_phrases_added(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize("text", ["ma tante fait un avc, elle a la bouche de travers", "mon coloc s'est pendu"])
def test_french_phrases_the_model_may_doubt(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) in ("full", "possible")


@pytest.mark.parametrize(
    "text",
    [
        "mon grand pere a fait un avc il y a 4 ans, il va bien maintenant",
        "c'est quoi les signes d'un avc ?",
        "dans la serie le personnage s'est pendu a la fin de la saison",
    ],
)
def test_french_phrases_added_in_context(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Thai chat spellings: "ม่าย" for ไม่, "จัย" for ใจ, read as the words they spell; and phrases the Thai lists lacked.
@pytest.mark.parametrize("text", ["เพื่อนม่ายหายใจ", "เขย่าแล้วม่ายตื่น", "หายจัยไม่ออก", "พ่อแขวนคอ", "น้องดื่มน้ำยาล้างห้องน้ำ"])
def test_thai_chat_spellings_and_phrases(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# The same spellings deny as ไม่ does; a widow (หม่าย) and research (วิจัย) are words of their own.
@pytest.mark.parametrize("text", ["ม่ายอยากตายหรอก แค่เหนื่อยงาน", "ม่ายเป็นไรแล้ว หายจัยได้ปกติ", "แม่หม่ายข้างบ้านทำวิจัยเรื่องกระท่อม"])
def test_thai_chat_spellings_safe(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A question asked in general beside a plan told as the texter's own (two signs and an intention, in clauses the
# question is not in): the question asks about something else and does not take the plan back.
def test_a_plan_beside_a_question_about_something_else(knowledge: Knowledge) -> None:
    text = "ถามหน่อย กินกระท่อมแล้วตับพังจริงมั้ย ช่างมันเถอะ เชือกผูกไว้แล้ว จดหมายถึงแม่เขียนไว้แล้ว คืนนี้แหละ"
    assert tier(knowledge, text) == "full"


# The plan asked about in the question's own clause stays asked.
def test_a_plan_inside_the_question_stays_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, "ถ้าเชือกผูกไว้แล้ว จดหมายถึงลูกเขียนไว้ คืนนี้แหละจะเป็นยังไง จริงมั้ย") == "possible"


# More phrases the French and Thai lists lacked: anaphylaxis, consciousness not coming back, a stroke's signs, a pulse
# not found, wheezing.
@pytest.mark.parametrize(
    "text",
    [
        "elle fait un choc anaphylactique",
        "il revient pas a lui",
        "elle a pas repris conscience",
        "il a la bouche qui tombe d'un coup",
        "คลำชีพจรไม่เจอ",
        "แม่อ่อนแรงซีกเดียว",
        "หายใจมีเสียงหวีด",
    ],
)
def test_more_phrases_added(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) in ("full", "possible")


# Asked what it is, or weary of living with someone: no emergency.
@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi un choc anaphylactique ?",
        "jpp de vivre avec mes colocs",
        "j'en peux plus de vivre avec mes parents",
    ],
)
def test_asked_or_weary_of_someone(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
