"""Round 16's conversation rules (code, not lists): calling for help answers the possible-emergency question, and a
hypothetical inside a clear emergency is a question about it, not a story."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.engine import POSSIBLE_TOPIC, RequestCounselor, TexterState
from helpline.knowledge import Knowledge
from tests.support import decided, tier

ASKED = "my 2yo got into my capsules, she chewed a couple"  # a child's ingestion the detector only asks about


def _decide(knowledge: Knowledge, body: str, *earlier: str):
    return decided(knowledge, body, TexterState(known=True, language="en", recent_texts=earlier))


def test_the_first_message_is_only_asked_about(knowledge: Knowledge) -> None:
    """The premise of the next tests: without it, they would test nothing."""
    assert tier(knowledge, ASKED) == "possible"


@pytest.mark.parametrize(
    "reply",
    ["ok calling poison control now", "calling poison control", "ok im calling 911", "llamando al 911 ya"],
)
def test_calling_a_service_after_the_question_is_a_yes(knowledge: Knowledge, reply: str) -> None:
    """Asked "Is someone in danger right now? Reply YES", a texter who answers by dialling gets the full answer (the
    first aid and the poison line), not the same question again."""
    decision = _decide(knowledge, reply, ASKED)
    assert decision.topic == "emergency.medical", decision.topic
    assert decision.topic != POSSIBLE_TOPIC
    text = " ".join(decision.replies)
    assert "1-800-222-1222" in text  # the US poison line: the full medical answer
    assert "Reply YES" not in text
    assert any(isinstance(a, RequestCounselor) and a.emergency for a in decision.actions)


@pytest.mark.parametrize(
    "reply", ["no need for 911, she is fine now", "no we dont need an ambulance, she spat them out, she is fine"]
)
def test_a_service_named_as_not_needed_is_not_a_yes(knowledge: Knowledge, reply: str) -> None:
    assert tier(knowledge, reply, ASKED) == "none"


def test_a_service_named_in_a_story_is_not_a_yes(knowledge: Knowledge) -> None:
    """Told two years on, "they called 999 and the ambulance took me" is the story going on (batch g)."""
    story = (
        "aku nak share pengalaman, 2 tahun lepas aku OD masa lepak dengan geng kat Alor Setar",
        "kitorang minum air ketum campur ubat batuk dengan pil, aku tak sedar diri terus",
    )
    assert (
        tier(knowledge, "kawan cerita muka aku dah kelabu, diorang call 999 dan ambulans bawak aku ke hospital", *story)
        != "full"
    )


def test_a_hypothetical_inside_a_clear_emergency_frames_nothing(knowledge: Knowledge) -> None:
    """Batch cc: "what do i do if he wont let me call" asked about the seizure at hand; it set a hypothetical frame,
    and "fine im calling 911 anyway" was then only asked about."""
    earlier = (
        "my buddy just had a seizure on the kitchen floor. hes on wellbutrin and took a huge dose of kratom",
        "it stopped after like a minute but hes really out of it and breathing heavy and hes yelling at me not to call",
        "he keeps trying to stand up and falling back down. what do i do if he wont let me call",
        "ok hes on his side im staying with him he doesnt know what day it is",
    )
    assert tier(knowledge, earlier[0]) == "full"
    assert tier(knowledge, "fine im calling 911 anyway i dont care if hes mad", *earlier) == "full"


def test_a_hypothetical_outside_an_emergency_still_frames(knowledge: Knowledge) -> None:
    """The frame is kept where no emergency is open: a question about what to do if, then the scene it imagines."""
    assert (
        tier(knowledge, "hes not breathing and his lips are blue", "what do i do if my friend overdoses one day")
        != "full"
    )


def test_a_service_named_after_the_scare_is_talk_about_the_help(knowledge: Knowledge) -> None:
    """Batch cx (its French, Tagalog and Vietnamese cases, since also caught by the lists): she woke up, then "the
    ambulance crew told me to watch her": a doubted message whose only danger words name a service, with no
    urgency, is not asked about again."""
    earlier = (
        "my roommate took a bunch of kratom and now she wont answer me, shes pale and floppy",
        "calling 911",
        "ok she woke up, says she hadnt eaten all day and just passed out",
    )
    after = "the ambulance crew told me to keep watching her tonight and to ring again if it happens again"
    assert emergency.read(after, knowledge.lexicon).doubted  # the premise: the model doubts it
    assert tier(knowledge, after, *earlier) == "none"
    # Urgency, or a state beside the service, still counts.
    assert tier(knowledge, "the ambulance is coming and she stopped breathing again", *earlier) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "tapos na rehab program ko! paalam po at salamat sa lahat ng tulong nyo",  # batch cn: rehab is over
        "c'est fini avec ma copine, je lui ai dit adieu et je l'ai bloquée partout. "
        "est-ce que le stress empire le sevrage?",
    ],
)
def test_two_goodbyes_beside_an_ordinary_departure_the_model_reads_as_safe(knowledge: Knowledge, text: str) -> None:
    """A departure (rehab done, a break-up) told with two goodbyes ("paalam", "salamat sa lahat") is an ordinary
    goodbye when the model reads the message as safe (under 0.5); one goodbye was the limit before."""
    reading = emergency.read(text, knowledge.lexicon)
    assert len({m.phrase for m in reading.cues.of_kind("plan")}) == 2 and reading.cues.has("leaving")  # the premise
    assert reading.model < emergency.CONFIRMS_MODEL
    assert tier(knowledge, text) == "none"


def test_two_goodbyes_the_model_reads_as_danger_stay_an_emergency(knowledge: Knowledge) -> None:
    """Batch bm: a sister's "take care of mama" and a phone gone dead, alone and depressed: two goodbye cues and a
    departure-like cue, which the model reads as danger (0.5 or more), so they are not taken back."""
    text = (
        'si ate nag-message "ingatan nyo si mama ha" tapos patay na phone nya. mag-isa lang sya sa boarding house sa '
        "Baguio, matagal na syang depressed"
    )
    reading = emergency.read(text, knowledge.lexicon)
    assert len({m.phrase for m in reading.cues.of_kind("plan")}) >= 2 and reading.cues.has("leaving")  # the premise
    assert reading.model >= emergency.CONFIRMS_MODEL
    assert tier(knowledge, text) != "none"
