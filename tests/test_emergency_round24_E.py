"""Round 24 (tuner E: false alarms in calm conversations): a hypothetical asked as a question ("what if someone
overdoses, what are the signs?") frames the recap of the signs that follows, as a hypothetical told as a statement
already did; someone named after the question, or an emergency a message opens, lifts that frame. Texts written for
these tests, not corpus lines."""

from __future__ import annotations

from helpline.knowledge import Knowledge
from tests.support import tier

# A parent preparing: the question, then the signs repeated back to check them. Not an emergency now.
PREPARING = (
    "my son started using kratom, i found the powder in his backpack",
    "and what do i do if one day he takes too much? how would i even know?",
)


def test_the_signs_repeated_after_a_what_if_question_are_not_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "right so slow breathing, blue lips, wont wake up = i call 911", *PREPARING) != "full"


def test_the_thanks_after_the_recap_inherits_nothing(knowledge: Knowledge) -> None:
    recap = "right so slow breathing, blue lips, wont wake up = i call 911"
    assert tier(knowledge, "thanks, ill talk to him tomorrow calmly", *PREPARING, recap) == "none"


def test_french_recap_after_a_what_if_question_is_not_the_full_answer(knowledge: Knowledge) -> None:
    earlier = ("on organise une fête vendredi, il y aura du kratom", "si qqn fait un malaise, je fais quoi ?")
    assert tier(knowledge, "donc lèvres bleues, respiration lente, on appelle le 15 ?", *earlier) != "full"


# Safety: someone named after the question, or with the danger, is what is happening now.
def test_someone_named_with_the_danger_after_a_what_if_question_is_the_emergency(knowledge: Knowledge) -> None:
    question = "what happens if you mix kratom with alcohol?"
    assert tier(knowledge, "my friend took kratom and xanax and wont wake up, lips are blue", question) == "full"


def test_someone_named_after_a_what_if_question_lifts_its_frame(knowledge: Knowledge) -> None:
    earlier = ("what happens if you mix kratom with alcohol?", "my uncle here drinks it every night with beer")
    assert tier(knowledge, "wait he just collapsed and hes foaming at the mouth, shaking all over", *earlier) == "full"


def test_an_emergency_after_a_what_if_question_keeps_the_next_message_real(knowledge: Knowledge) -> None:
    earlier = (
        "what happens if you mix kratom with alcohol?",
        "my friend took kratom and xanax and wont wake up, lips are blue",
    )
    assert tier(knowledge, "she stopped breathing again", *earlier) == "full"


# A farewell after a departure told a message before: one more goodbye cue where the model reads it as safe.
LEAVING = ("kumusta po", "may trabaho na ko sa Qatar, alis ko sa lunes. 4 na buwan na ko walang kratom")


def test_a_safe_goodbye_after_a_departure_told_before_is_no_emergency(knowledge: Knowledge) -> None:
    goodbye = "paalam po at maraming salamat sa lahat, di ko kayo makakalimutan"
    assert tier(knowledge, goodbye, *LEAVING) == "none"
    assert tier(knowledge, "ingat po kayo lagi", *LEAVING, goodbye) == "none"


def test_the_means_beside_the_goodbye_after_a_departure_is_the_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "paalam po at salamat sa lahat, binili ko na yung lubid", *LEAVING) == "full"


def test_a_goodbye_the_model_doubts_after_a_departure_keeps_its_alarm(knowledge: Knowledge) -> None:
    leaving = ("kumusta po", "may trabaho na ko sa Qatar, alis ko sa lunes")
    assert tier(knowledge, "paalam na po, salamat sa lahat ng tulong nyo", *leaving) == "full"
