"""Round 21 (tuner K: en, es, fr, pt_BR, id, single texts): signs of a plan, despair and a stroke in the texters' own
words that the phrase lists did not count, so a present danger got only the "is someone in danger?" question, or
nothing. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# Two signs that agree, each now in the lists: the blades got out with "can't see the point"; a rope tied, told to
# someone "before"; up on a rooftop with "don't write to me anymore"; a river (the Guaíba) with an intention and
# despair; "when the next train comes" at a platform, "I jump"; Javanese "I can't take it" and "don't look for me"
# beside the poison; "tell my dad" with despair; thirty pills just taken with thanks said to someone.
PLAN_SIGNS = (
    "got the blades out again, i cant see the point of any of this",
    "ya deje la soga atada en la cochera, queria contarselo a alguien antes",
    "estoy arriba de la azotea del hospital, ya no me escriban",
    "to aqui no guaiba e vou entrar na agua, cansei de tudo",
    "to na plataforma do trem da luz, eu pulo quando o proximo trem chegar",
    "obat nyamuk wes tak ombe kabeh, ojok digoleki",
    "dile a mi papa que lo quiero, ya no aguanto mas",
    "me acabo de tomar 30 clonas, solo queria darle las gracias a alguien",
)


@pytest.mark.parametrize("text", PLAN_SIGNS)
def test_plan_signs_that_add_up_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A suicide phrase with the means in words of its own, in one clause ("tomar todo o kratom"): the model's doubt does not
# make it a question (as "todo o 7oh" already did). Taking kratom is a verb in these means, so "joguei fora todo o
# kratom" (threw it all away) is no sign.
def test_all_the_kratom_taken_to_sleep_forever_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "vou tomar todo o kratom que sobrou com a cerveja pra dormir pra sempre") == "full"


def test_all_the_kratom_thrown_away_is_no_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "joguei fora todo o kratom hoje, vou parar de vez") == "none"


# Half the face that will not move, said with the negation inside the state ("no puedo mover"): a stroke sign. In a
# question ("es normal que...") while it is happening it is at least asked about; said plainly it is the full answer.
def test_half_the_face_that_will_not_move_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "mi tio no puede mover la mitad de la cara y se le traba la lengua") == "full"


def test_half_the_face_asked_about_while_it_happens_is_asked(knowledge: Knowledge) -> None:
    text = "es normal que despues del kratom no pueda mover un lado de la boca? me esta pasando ahorita"
    assert tier(knowledge, text) != "none"


# "queria decirselo a alguien" alone is what a grieving texter says too ("I just wanted to tell someone"): only "before"
# makes it a farewell, so an anniversary of a death stays no emergency.
def test_wanting_to_tell_someone_about_a_loss_is_no_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "hoy hace un año que murio mi hermano, solo queria decirselo a alguien") == "none"


# Portuguese in the singular ("o lábio cinza", beside "lábios cinza") and breathing with moans ("respirando gemendo",
# beside "respirando tipo roncando"): a body sign, the full answer.
@pytest.mark.parametrize(
    "text",
    [
        "meu irmao ta com o labio cinza depois do kratom com pregabalina",
        "minha mae ta respirando gemendo desde que tomou o kratom com zolpidem",
    ],
)
def test_a_grey_lip_and_moaning_breath_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A dream told as a dream ("j'ai fait un cauchemar", "soñé que", "sonhei que"): a story, as English "had a nightmare"
# and "i dreamt" already were; "now" after it still outweighs it, as for any story.
@pytest.mark.parametrize(
    "text",
    [
        "j'ai fait un cauchemar, mon frère faisait une crise cardiaque dans la cuisine, je me suis réveillé en panique",
        "soñé que me daba un infarto por el kratom, me desperté sudando, es normal?",
        "sonhei que meu pai tava tendo um infarto, acordei suando. isso é da abstinencia?",
    ],
)
def test_a_dream_of_an_emergency_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A general question about anyone's body sign ("si quelqu'un a les ...", "kalau bibir orang ...": if someone has ..., if
# a person's lips ...) is a hypothetical, as "if someone" is; a brother named with the sign is still the answer.
@pytest.mark.parametrize(
    "text",
    [
        "si quelqu'un a les pupilles toutes petites après du kratom, ça veut dire overdose?",
        "kalau bibir orang kebiruan abis minum kratom, itu tanda overdosis ya?",
    ],
)
def test_a_body_sign_asked_about_anyone_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


def test_a_body_sign_of_a_brother_is_still_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "mon frère a les lèvres bleues et il respire plus, on fait quoi?") == "full"
