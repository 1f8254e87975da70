"""Round 24 (tuner E: false alarms in calm conversations): a farewell told a message or two after its ordinary
departure takes one more goodbye cue where the model reads it as safe; and guards that a report right after a
"what if" question stays the emergency. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# Tried and dropped (see the branch history): a hypothetical asked as a question framing the recap of the signs after
# it. A real report told with a pronoun right after a general question could not be told apart from a recap, so these
# guard that such a report keeps the full answer.
@pytest.mark.parametrize(
    "report",
    [
        "she wont wake up",
        "his lips are blue and he is snoring weird",
        "ok hes turning blue and making gurgling sounds",
    ],
)
def test_a_report_right_after_a_what_if_question_is_the_emergency(knowledge: Knowledge, report: str) -> None:
    assert tier(knowledge, report, "what happens if you mix kratom and xanax?") == "full"


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
