"""The pure engine: tables of messages and texter states, no servers."""

from __future__ import annotations

import pytest

from helpline.engine import (
    AUTO_MENU_QUIET_SECONDS,
    Decision,
    Inbound,
    MarkAutoMenu,
    RequestCounselor,
    SetLanguage,
    SetOptedOut,
    TexterState,
    decide,
)
from helpline.knowledge import Knowledge

US = "+14155550123"
KNOWN = TexterState(known=True, language="en")


def run(knowledge: Knowledge, body: str, state: TexterState = KNOWN, texter: str = US, **extra) -> Decision:
    inbound = Inbound(message_sid="SM1", texter=texter, body=body, **extra)
    return decide(inbound, state, knowledge, now=1_000_000.0, on_shift=False)


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        ("KRATOM", "topics.kratom"),
        ("kratom?", "topics.kratom"),
        ("Signs", "topics.signs"),
        ("OD", "topics.signs"),
        ("MIX", "topics.mix"),
        ("WITHDRAWAL", "topics.withdrawal"),
        ("withdrawl", "topics.withdrawal"),  # one typo in a long word
        ("SAFER", "topics.safer"),
        ("safer!!!", "topics.safer"),
        ("1", "topics.kratom"),
        ("2", "topics.signs"),
        ("5", "topics.safer"),
        ("how do I quit", "topics.withdrawal"),
        ("can I mix kratom with xanax?", "topics.mix"),
        ("is it safe to mix kratom and alcohol?", "topics.mix"),  # got the menu until round 8
        ("kratom and weed together ok?", "topics.mix"),
        ("how much kratom should I take", "topics.dose"),
        ("NARCAN", "topics.naloxone"),
        ("MENU", "menu"),
        ("help", "menu"),
        ("?", "menu"),
        ("INFO", "menu"),
        ("LANG", "language"),
    ],
)
def test_keywords_numbers_and_phrases_pick_a_topic(knowledge: Knowledge, body: str, topic: str) -> None:
    decision = run(knowledge, body)
    assert decision.topic == topic
    assert decision.replies and all(reply.strip() for reply in decision.replies)


def test_short_typo_is_not_tolerated(knowledge: Knowledge) -> None:
    assert run(knowledge, "MIZ").topic == "unknown"


def test_quit_alone_opts_out_but_a_question_about_quitting_does_not(knowledge: Knowledge) -> None:
    assert run(knowledge, "QUIT").topic == "optout"
    assert run(knowledge, "quit").actions == (SetOptedOut(True),)
    assert run(knowledge, "how can I quit kratom").topic == "topics.withdrawal"


@pytest.mark.parametrize(
    "word", ["STOP", "stopall", "Unsubscribe", "CANCEL", "end", "QUIT", "REVOKE", "optout", "stop."]
)
def test_every_opt_out_word_opts_out_with_one_confirmation(knowledge: Knowledge, word: str) -> None:
    decision = run(knowledge, word)
    assert decision.topic == "optout"
    assert SetOptedOut(True) in decision.actions
    assert len(decision.replies) == 1 and "START" in decision.replies[0] and "911" in decision.replies[0]


def test_opted_out_texter_gets_silence_then_start_opts_back_in(knowledge: Knowledge) -> None:
    out = TexterState(known=True, language="en", opted_out=True)
    assert run(knowledge, "SIGNS", out).replies == ()
    assert run(knowledge, "STOP", out).replies == ()  # confirmed once already
    for word in ("START", "unstop", "Yes"):
        decision = run(knowledge, word, out)
        assert SetOptedOut(False) in decision.actions and decision.replies


def test_help_always_answers_even_when_opted_out(knowledge: Knowledge) -> None:
    out = TexterState(known=True, language="en", opted_out=True)
    reply = run(knowledge, "HELP", out).replies[0]
    assert "Kratom Helpline" in reply and "STOP" in reply


def test_emergency_reaches_an_opted_out_texter(knowledge: Knowledge) -> None:
    out = TexterState(known=True, language="en", opted_out=True)
    decision = run(knowledge, "my friend is not breathing", out)
    assert decision.is_emergency
    assert decision.replies[0].startswith("Call 911 now.")


def test_emergency_inside_a_counselor_conversation_is_answered_by_the_bot(knowledge: Knowledge) -> None:
    held = TexterState(known=True, language="en", held_by="ana")
    decision = run(knowledge, "he is turning blue", held)
    assert decision.is_emergency and decision.replies
    assert RequestCounselor(emergency=True, reason="medical") in decision.actions


def test_counselor_conversation_gets_messages_without_bot_replies(knowledge: Knowledge) -> None:
    held = TexterState(known=True, language="en", held_by="ana")
    decision = run(knowledge, "SIGNS", held)
    assert decision.replies == ()
    assert decision.topic == "counselor" and decision.actions == ()
    assert run(knowledge, "STOP", held).topic == "optout"
    for greeting in ("HI", "hello", "HELP"):
        assert run(knowledge, greeting, held).replies == ()


@pytest.mark.parametrize("kind", ["STOP", "START", "HELP"])
def test_twilio_advanced_opt_out_is_recorded_without_a_second_confirmation(knowledge: Knowledge, kind: str) -> None:
    decision = run(knowledge, kind, optout_type=kind)
    assert decision.replies == ()
    if kind == "STOP":
        assert SetOptedOut(True) in decision.actions
    elif kind == "START":
        assert SetOptedOut(False) in decision.actions


def test_first_contact_gets_the_disclaimer_once(knowledge: Knowledge) -> None:
    first = run(knowledge, "KRATOM", TexterState())
    assert len(first.replies) == 2
    assert "not a doctor" in first.replies[1] and "911" in first.replies[1]
    assert len(run(knowledge, "KRATOM", KNOWN).replies) == 1


def test_emergency_answer_carries_no_disclaimer_and_the_number_comes_first(knowledge: Knowledge) -> None:
    decision = run(knowledge, "cant wake him up", TexterState())
    assert len(decision.replies) == 1
    assert decision.replies[0].startswith("Call 911 now.")


def test_a_short_reply_inside_an_emergency_gets_the_number_again_without_the_first_aid(knowledge: Knowledge) -> None:
    """The first aid went out moments ago: "ok" is answered with the number and the poison line, still as the
    emergency (counselor requested), not with four SMS parts again; a question ("what now?") gets it all again."""
    during = TexterState(known=True, language="en", recent_texts=("he wont wake up and his lips are blue",))
    first = run(knowledge, "he wont wake up and his lips are blue", TexterState())
    assert "CPR" in first.replies[0]
    for reply in ("ok", "hurry pls"):
        decision = run(knowledge, reply, during)
        assert decision.topic == "emergency.medical"
        assert decision.replies[0].startswith("Call 911 now.") and "CPR" not in decision.replies[0]
        assert "1-800-222-1222" in decision.replies[0]
        assert any(isinstance(a, RequestCounselor) and a.emergency for a in decision.actions)
        assert len(decision.replies[0]) < len(first.replies[0]) / 2
    assert "CPR" in run(knowledge, "what now?", during).replies[0]
    assert "CPR" in run(knowledge, "still not breathing", during).replies[0]


def test_unknown_message_gets_the_menu_once_per_quiet_period(knowledge: Knowledge) -> None:
    first = run(knowledge, "asdf qwerty")
    assert first.topic == "unknown" and first.replies
    assert MarkAutoMenu(1_000_000.0) in first.actions
    recent = TexterState(known=True, language="en", last_auto_menu_at=1_000_000.0 - 10)
    assert run(knowledge, "asdf qwerty", recent).replies == ()
    old = TexterState(known=True, language="en", last_auto_menu_at=1_000_000.0 - AUTO_MENU_QUIET_SECONDS - 1)
    assert run(knowledge, "asdf qwerty", old).replies
    assert run(knowledge, "MENU", recent).replies  # asked for explicitly: always


def test_media_only_message_is_told_we_read_text(knowledge: Knowledge) -> None:
    decision = run(knowledge, "", media_count=1)
    assert decision.topic == "media_only" and "911" in decision.replies[0]


def test_talk_off_shift_gives_the_local_crisis_line(knowledge: Knowledge) -> None:
    us = run(knowledge, "TALK")
    assert us.topic == "topics.talk.offline" and "988" in us.replies[0] and "911" in us.replies[0]
    gb = run(knowledge, "TALK", texter="+447700900123")
    assert "116 123" in gb.replies[0] and "999" in gb.replies[0]


def test_talk_on_shift_queues_for_a_counselor(knowledge: Knowledge) -> None:
    decision = decide(Inbound("SM1", US, "TALK"), KNOWN, knowledge, now=0, on_shift=True)
    assert decision.topic == "topics.talk"
    assert RequestCounselor(emergency=False, reason="talk") in decision.actions


def test_local_emergency_number_follows_the_texters_country(knowledge: Knowledge) -> None:
    thai = run(knowledge, "SIGNS", texter="+66812345678")
    assert "1669" in thai.replies[0]
    whatsapp_fr = run(knowledge, "SIGNS", texter="whatsapp:+33612345678")
    assert "15/112" in whatsapp_fr.replies[0]
    unknown_country = run(knowledge, "SIGNS", texter="+298123456")
    assert "112" in unknown_country.replies[0]


def test_language_switch_by_its_own_name_is_remembered(knowledge: Knowledge) -> None:
    decision = run(knowledge, "ENGLISH", TexterState(known=True, language=None))
    assert decision.topic == "language_set" and SetLanguage("en") in decision.actions


def test_long_body_is_matched_on_its_start_without_error(knowledge: Knowledge) -> None:
    decision = run(knowledge, "SIGNS " + "x" * 10_000)
    assert decision.topic == "topics.signs"


def test_shared_keyword_in_a_detected_language_answers_in_it(knowledge: Knowledge) -> None:
    if "vi" not in knowledge.catalogs.codes:
        pytest.fail("the Vietnamese catalog is shipped")
    decision = run(knowledge, "kratom là gì vậy bạn", TexterState(known=True))
    assert decision.topic == "topics.kratom" and decision.language == "vi"


def test_a_question_about_danger_gets_the_warning_signs(knowledge: Knowledge) -> None:
    decision = run(knowledge, "what if someone stops breathing?")
    assert decision.topic == "topics.signs" and not decision.is_emergency
