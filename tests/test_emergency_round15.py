"""Round 15's context rules: what the conversation makes of a message, in every language (code, not lists)."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        # batch bf: "just me and the dog" closed the suicide emergency the revolver had opened
        (
            (
                "honestly whats even the point. lost my job over this stuff and my wife left in march",
                "got my dads old revolver out of the closet. been sitting here holding it for like an hour",
                "nobody else here. just me and the dog",
            ),
            "dayton. im not giving you my address",
        ),
        # batch cs: the dog given away, then the rope; the dog held the suicide emergency back
        (
            (
                "ma blonde le sait pas, personne le sait. chu tanne de mentir a tout le monde",
                "j'ai donne mon chien a mon frere a soir, j'y ai dit que c'etait pour quelques semaines",
                "la corde est dans le garage depuis mardi. j'attends juste que ma blonde parte travailler demain matin",
            ),
            "je sais pas. peut-etre. tu peux rester la?",
        ),
    ],
)
def test_an_animal_neither_closes_nor_holds_back_a_suicide_emergency(
    knowledge: Knowledge, earlier: tuple[str, ...], text: str
) -> None:
    assert tier(knowledge, text, *earlier) == "full"


def test_an_animal_still_makes_a_medical_conversation_the_vets(knowledge: Knowledge) -> None:
    dog = "my dog got into my kratom powder bag, hes shaking and panting"
    assert tier(knowledge, "now hes having a seizure", dog) == "pet"
    assert tier(knowledge, "ok he's calm now, the vet says he's fine", dog, "now hes having a seizure") == "none"


def test_the_model_reading_danger_right_after_it_asked_gets_the_full_answer(knowledge: Knowledge) -> None:
    """Batch co: the model alone asked at 0.83 (under MODEL_OPENS, so nothing opened), then asked again at 0.98."""
    earlier = (
        "been on kratom 3 yrs. lost my job in march, gf left last month, moved back into my moms basement",
        "just tired of being the guy who screws everything up for everyone",
        "ive been saving my xanax for a few weeks instead of taking it. got about 40 now",
    )
    text = "theyre on the nightstand next to me. wrote my mom a letter already"
    assert tier(knowledge, text, *earlier) == "full"
    assert tier(knowledge, text) == "possible"  # alone, the question


@pytest.mark.parametrize(
    "text",
    [
        "ba em uống thuốc huyết áp mà còn uống kratom, giờ ba choáng, đo mạch có 38, tay lạnh, vậy có nguy hiểm ko ạ?",
        "yung pamangkin kong 16 nag-try ng kratom sa vape shop, ngayon grabe palpitations nya at nahimatay sa banyo, "
        "pwede ba syang ihiga lang?",
    ],
)
def test_urgency_before_the_danger_outweighs_the_models_doubt(knowledge: Knowledge, text: str) -> None:
    reading = emergency.read(text, knowledge.lexicon)
    assert 0.0 < reading.model < emergency.MODEL_DOUBTS and reading.size >= emergency.DOUBT_MIN_WORDS
    assert tier(knowledge, text) == "full"


def test_urgency_after_a_frame_of_the_past_still_lets_the_model_doubt(knowledge: Knowledge) -> None:
    text = "meu namorado teve convulsão mes passado, ta tomando remedio agora e bem. ele pode voltar a usar kratom?"
    assert tier(knowledge, text) in ("possible", "none")


@pytest.mark.parametrize(
    "text",
    [
        "j'ai 400g de kratom, je vais tout avaler d'un coup avec la vodka. fini le manque, fini tout",
        "le sevrage, les dettes, ma femme qui est partie. j'ai acheté des cachets, je les prends ce soir après le "
        "boulot",
        "this is my last text. goodbye",
    ],
)
def test_a_plan_with_an_intention_of_its_own_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    """A plan cue and an intention in words of their own: the full answer, not only the question (round 15: the
    retrained model confirmed fewer of them, and three list tuners found plans with an intention asked about)."""
    reading = emergency.read(text, knowledge.lexicon)
    assert reading.model < emergency.MODEL_CONFIRMS  # the model alone would not have made it full
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize("text", ["goodbye everyone", "last text ko na to, ingat kayo"])
def test_an_intention_inside_the_plan_cue_is_not_counted_twice(knowledge: Knowledge, text: str) -> None:
    """"goodbye" inside "goodbye everyone" is one sign, not a plan and an intention: the question."""
    assert tier(knowledge, text) == "possible"


def test_an_animal_given_away_does_not_make_the_conversation_about_an_animal(knowledge: Knowledge) -> None:
    """Giving a pet away is a sign of a plan: the messages after it are about the texter, not a vet case (batch cv:
    "药我也带着，一整瓶" after "我把猫托付给同事了" got the vet's advice)."""
    earlier = ("我最近真的撑不下去了", "我把猫托付给同事了")
    assert tier(knowledge, "药我也带着，一整瓶", *earlier) in ("full", "possible")  # not "pet", not nothing


def test_a_pilgrimage_is_a_departure_not_a_hypothetical(knowledge: Knowledge) -> None:
    """Malay "umrah" and "pergi haji" sat in the hypothetical list (before the leaving list existed), so they
    cancelled a suicide statement told beside them like a question would ("if someone says ..."). The probe over
    every cue since the first catalogs found it; they are departures (`emergency.leaving`), which only take back
    an ordinary goodbye."""
    assert tier(knowledge, "baru balik umrah, aku nak bunuh diri") == "full"
