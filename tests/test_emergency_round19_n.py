"""Round 19 (tuner N): conversation-state rules, read with the real engine over whole conversations."""

from __future__ import annotations

from helpline.knowledge import Knowledge
from tests.support import tier

AWAY = "my husband has been off kratom 3 days, sweating and screaming. my mom is out of town this week"
LOCKED_IN = "im locked in the bedroom with the baby, hes banging on the door"


def test_a_departure_told_earlier_does_not_take_back_violence_now(knowledge: Knowledge) -> None:
    """"out of town" is a leaving cue, but the violence told after it is no goodbye: the texter hiding from the
    attacker gets the emergency answer, and so does the next message inside it (batch dj)."""
    assert tier(knowledge, LOCKED_IN, AWAY) == "full"
    assert tier(knowledge, "police are 5 min away, i can hear him breaking things", AWAY, LOCKED_IN) == "full"


def test_a_farewell_with_a_departure_is_still_no_warning(knowledge: Knowledge) -> None:
    """The rule this narrows: a move told earlier and a goodbye after it, nothing of danger anywhere."""
    moving = "4 months clean!! moving to my sisters in denver next week, new number"
    assert tier(knowledge, "so goodbye everyone and thank you", moving) == "none"


CUTTING = (
    "je me coupe avec une lame depuis tout à l'heure, j'arrive pas à arrêter",
    "ok j'ai laissé la lame dans la cuisine et je suis partie dans ma chambre",  # the model alone asks
)
NOT_DEEP = "j'ai mis un pansement, ça saigne plus, c'est pas profond"


def test_a_recovery_right_after_the_question_does_not_reopen_the_emergency(knowledge: Knowledge) -> None:
    """The model reads the recovery as danger (0.87), but its cue rules that guess out: it closes the emergency, and
    the goodnight after it is not answered as a suicide (batch cc)."""
    assert tier(knowledge, NOT_DEEP, *CUTTING) == "none"
    assert tier(knowledge, "ça va aller pour cette nuit je pense. je vous écris demain ?", *CUTTING, NOT_DEEP) == "none"


def test_danger_right_after_the_question_still_gets_the_full_answer(knowledge: Knowledge) -> None:
    """The rule this narrows: the model's danger with nothing to rule it out, right after the question."""
    assert tier(knowledge, "j'ai repris la lame, ça saigne beaucoup", *CUTTING) == "full"


ROPE_TH = ("ไม่อยากอยู่แล้ว ผูกเชือกไว้ที่ขื่อแล้ว", "ฝากบอกพ่อว่าขอโทษ")


def test_the_means_inside_a_recovery_is_the_means_taken_away(knowledge: Knowledge) -> None:
    """"เอาเชือกไปแล้ว" (took the rope away) holds the rope, but it is no sign of a plan (batch b)."""
    assert tier(knowledge, "แม่เข้ามาแล้ว เอาเชือกไปแล้ว อยู่กับผมตอนนี้", *ROPE_TH) == "none"
    assert tier(knowledge, "แม่เข้ามาแล้ว เอาเชือกไปแล้ว อยู่กับผมตอนนี้") == "none"


def test_the_means_at_hand_is_still_a_sign(knowledge: Knowledge) -> None:
    assert tier(knowledge, "เชือกอยู่ในมือแล้ว", *ROPE_TH) == "full"


COLLAPSE = (
    "my friend passed out after kratom and xanax, hes not breathing right and his lips are blue",
    "we are at 2210 oak street behind the gas station",
    "he is still the same as before, nothing has changed",
)


def test_a_bare_yes_inside_a_clear_emergency_goes_on_with_it(knowledge: Knowledge) -> None:
    """Three messages after the danger was told, "yes" answers the first aid's questions like any short reply; it was
    read as the emergency lapsed (batch ar: "ใช่")."""
    assert tier(knowledge, "yes", *COLLAPSE) == "full"
    assert tier(knowledge, "ใช่", *COLLAPSE) == "full"


def test_a_bare_yes_with_no_emergency_open_is_nothing(knowledge: Knowledge) -> None:
    assert tier(knowledge, "yes", "hi, can i ask about kratom and coffee", "is it ok to mix them daily") == "none"


DESPAIR = "lost my job in may and my wife left. honestly dont see the point anymore"
SAVING = "ive been saving up my xanax for a few weeks instead of taking it. got about 40 of them now"


def test_despair_then_an_urgent_sure_guess_of_suicide_is_the_full_answer(knowledge: Knowledge) -> None:
    """The plan told in words no list has, that the model reads as suicide at 0.97, after despair (batches dj, co)."""
    assert tier(knowledge, SAVING, DESPAIR) == "full"


def test_the_same_guess_without_despair_earlier_is_asked_about(knowledge: Knowledge) -> None:
    assert tier(knowledge, SAVING) == "possible"
    assert tier(knowledge, SAVING, "hi quick question about kratom tea") == "possible"


TO_DUBAI = "aalis na ako papuntang Dubai sa lunes, dun na ako magtatrabaho"
LAST_TEXT = "ito na ang huling text ko dito. paalam na po sa inyo"


def test_a_last_text_and_a_goodbye_after_a_departure_told_earlier_are_one_farewell(knowledge: Knowledge) -> None:
    """"my last text here. goodbye" after the job abroad told in the message before (batch cm): no warning."""
    assert tier(knowledge, LAST_TEXT, TO_DUBAI) == "none"


def test_a_farewell_alone_or_with_a_thing_done_is_still_read(knowledge: Knowledge) -> None:
    """Alone, two goodbye cues stay the full answer; beside a thing done (a letter written to mum) after the same
    departure, too: a letter is not a word of leaving."""
    assert tier(knowledge, LAST_TEXT) == "full"
    assert tier(knowledge, "sinulatan ko na ng sulat si nanay. ito na ang huling text ko", TO_DUBAI) == "full"


CRY_MS = "tolong!! adik aku 3 tahun terminum air ketum dalam botol, sekarang muntah2 dan lemah"


def test_a_first_cry_for_help_the_model_reads_as_medical_is_the_full_answer(knowledge: Knowledge) -> None:
    """No phrase, an urgency cue ("tolong", "sekarang") and the model's 0.93 for a medical emergency: the first aid,
    not the question (batch dj: a toddler who drank kratom tea, a brother found unconscious)."""
    assert tier(knowledge, CRY_MS) == "full"


def test_the_same_guess_later_in_a_conversation_is_still_asked_about(knowledge: Knowledge) -> None:
    """Later, the model may be reading the danger told before: the rule is for a first message only."""
    assert tier(knowledge, CRY_MS, "assalamualaikum, nak tanya pasal ketum") == "possible"
