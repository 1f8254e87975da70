"""The counselor desk's rules, without a browser: presence, queue order, dismissing, history, the phrasebook,
the gist, human words, sending health, the overdue notice, STOP and a texter's language.

Time moves by the injected clock (app_clock.advance), never by sleeping.
"""

from __future__ import annotations

import time

from flask import Flask

from helpline import engine, worker
from helpline.knowledge import Knowledge
from helpline.phrasebook import Phrasebook
from helpline.state.history import Search
from helpline.state.sending import SLOW_AFTER_SECONDS
from helpline.web.dashboard.gist import gist
from helpline.web.dashboard.words import Times, reason_words, topic_words
from tests.desk import Desk, ask_for_counselor, text
from tests.support import Clock, parts

US, US_2, US_3 = "+14155550123", "+14155550124", "+14155550125"
SPAIN, THAILAND = "+34612345678", "+66812345678"


# presence ---------------------------------------------------------------------------------------------
def test_on_shift_needs_a_dashboard_open_in_the_last_minute(app: Flask, ana: Desk, app_clock: Clock) -> None:
    on_shift = parts(app).helpline.on_shift
    assert on_shift() is True  # ana is available and her dashboard was just read
    app_clock.advance(61)  # every page of hers closed a minute ago; her session and "available" remain
    assert parts(app).counselors.get("ana").available is True  # type: ignore[union-attr]
    assert on_shift() is False
    assert "A counselor will text you back" not in text(app, US, "TALK")[0]
    ana.get_json("/dashboard/state")  # a page of hers reads the state again: present
    assert on_shift() is True


def test_transfers_go_only_to_present_counselors(app: Flask, ana: Desk, ben: Desk, app_clock: Clock) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    app_clock.advance(61)
    ana.get_json("/dashboard/state")  # ana is here; ben's pages are all closed
    assert "ben" not in ana.client.get(f"/dashboard/c/{tid}").get_data(as_text=True).split('name="to"')[1]
    ana.post(f"/dashboard/c/{tid}/transfer", to="ben")
    assert parts(app).conversations.fields(tid)["counselor"] == "ana"  # refused
    ben.get_json("/dashboard/state")  # ben opens a dashboard
    ana.post(f"/dashboard/c/{tid}/transfer", to="ben")
    assert parts(app).conversations.fields(tid)["counselor"] == "ben"


# queue order and stale emergencies ----------------------------------------------------------------------
def test_a_first_conversation_has_nothing_marked_as_earlier(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    state = ana.get_json(f"/dashboard/c/{tid}/state")
    assert state["past"] == [] and not any(entry.get("past") or "separator" in entry for entry in state["transcript"])


def test_the_newest_unanswered_emergency_comes_first_then_the_longest_waiting(
    app: Flask, ana: Desk, app_clock: Clock
) -> None:
    talk = ask_for_counselor(app, US)
    app_clock.advance(60)
    old = ask_for_counselor(app, US_2, "my friend is not breathing")
    app_clock.advance(60)
    new = ask_for_counselor(app, US_3, "he took too much and won't wake up")
    assert [s.tid for s in parts(app).conversations.queue()] == [new, old, talk]
    app_clock.advance(60)
    text(app, US_2, "still not breathing, please")  # the older emergency's texter writes again
    assert [s.tid for s in parts(app).conversations.queue()] == [old, new, talk]
    assert [c["tid"] for c in ana.get_json("/dashboard/state")["queue"]] == [old, new, talk]


def test_a_stale_emergency_is_dismissed_with_an_outcome_and_no_goodbye(
    app: Flask, ana: Desk, app_clock: Clock
) -> None:
    tid = ask_for_counselor(app, US, "my friend is not breathing")
    [row] = ana.get_json("/dashboard/state")["queue"]
    assert row["can_dismiss"] is False and row["reason_text"] == "medical emergency"
    ana.post(f"/dashboard/c/{tid}/dismiss", outcome="no response")
    assert parts(app).conversations.fields(tid)["status"] == "queued"  # not stale yet: refused
    app_clock.advance(3601)
    [row] = ana.get_json("/dashboard/state")["queue"]
    assert row["can_dismiss"] is True
    outgoing = len([e for e in parts(app).texters.transcript(tid) if e.direction == "out"])
    ana.post(f"/dashboard/c/{tid}/dismiss", outcome="no response")
    fields = parts(app).conversations.fields(tid)
    assert fields["status"] == "closed" and fields["outcome"] == "no response"
    assert len([e for e in parts(app).texters.transcript(tid) if e.direction == "out"]) == outgoing
    [record] = parts(app).history.of_texter(tid)
    assert record.outcome == "no response" and record.emergency and record.closed_by == "ana"


def test_the_overdue_notice_goes_only_to_texters_who_asked_for_a_person(
    app: Flask, ana: Desk, app_clock: Clock
) -> None:
    asked = ask_for_counselor(app, US)
    emergency_only = ask_for_counselor(app, US_2, "my friend is not breathing")
    app_clock.advance(parts(app).unclaimed_seconds + 1)
    marked = worker.sweep_overdue(parts(app), app_clock())
    assert set(marked) == {asked, emergency_only}  # both marked overdue on the dashboard
    topics = {tid: [e.topic for e in parts(app).texters.transcript(tid)] for tid in marked}
    assert "overdue" in topics[asked] and "overdue" not in topics[emergency_only]


# STOP, and a texter's language -----------------------------------------------------------------------------
def test_after_stop_a_greeting_gets_silence_but_help_still_answers(knowledge: Knowledge) -> None:
    state = engine.TexterState(known=True, language="en", opted_out=True)
    for body, answered in (("hi", False), ("hello?", False), ("hey", False), ("MENU", False), ("HELP", True)):
        decision = engine.decide(engine.Inbound("SMstop", US, body), state, knowledge, now=0)
        assert bool(decision.replies) is answered, body


def test_an_english_keyword_does_not_switch_a_spanish_texter_to_english(app: Flask, ana: Desk) -> None:
    text(app, SPAIN, "hola, tengo dudas sobre la abstinencia")
    tid = parts(app).texters.texter_id(SPAIN)
    assert parts(app).texters.texter(tid)["language"] == "es"
    [reply] = text(app, SPAIN, "TALK")
    assert reply.startswith("Gracias. Un consejero")
    assert parts(app).texters.texter(tid)["language"] == "es"
    ana.post(f"/dashboard/c/{tid}/claim")
    ana.post(f"/dashboard/c/{tid}/close", outcome="resolved")
    goodbye = parts(app).texters.transcript(tid)[-1]
    assert goodbye.topic == "closed" and goodbye.language == "es" and not goodbye.body.startswith("This")


def test_an_english_sentence_still_switches_to_english(knowledge: Knowledge) -> None:
    state = engine.TexterState(known=True, language="es")
    inbound = engine.Inbound("SMen", SPAIN, "I really need to talk to someone please")
    assert engine.decide(inbound, state, knowledge, now=0, on_shift=True).language == "en"


# the phrasebook ------------------------------------------------------------------------------------------
def test_counselor_sent_facts_do_not_end_with_text_talk_in_any_language(knowledge: Knowledge) -> None:
    phrasebook = Phrasebook(knowledge)
    for language in knowledge.catalogs.codes:
        talk_words = [w.strip() for w in knowledge.catalogs.text(language, "topics.talk.keywords").split(",")]
        for key in ("topics.withdrawal", "topics.quit_opioids"):
            bot = knowledge.catalogs.text(language, f"{key}.reply", emergency="911")
            sent = phrasebook.preview(key, US, language).text
            assert bot.startswith(sent) and len(sent) < len(bot), (language, key, sent[-40:])
            assert not any(sent.rstrip().endswith(word) for word in talk_words)
    assert phrasebook.preview("topics.withdrawal", US, "en").text.endswith("e.g. with buprenorphine.")


def test_a_phrase_edited_before_sending_goes_out_as_edited(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    preview = ana.get_json(f"/dashboard/c/{tid}/phrase?key=topics.signs")["text"]
    edited = preview.replace("Call 911 now", "Please call 911 right now")
    assert edited != preview
    ana.post(f"/dashboard/c/{tid}/phrase", key="topics.signs", body=edited)
    sent = parts(app).texters.transcript(tid)[-1]
    assert sent.body == edited and sent.topic == "phrase:topics.signs" and sent.author == "ana"
    details = [e.detail for e in parts(app).audit.recent(20) if e.action == "conversation.phrase"]
    assert any("edited" in detail for detail in details)
    state = ana.get_json(f"/dashboard/c/{tid}/state")
    assert state["transcript"][-1]["topic_text"] == "phrasebook: overdose warning signs"


# history ---------------------------------------------------------------------------------------------------
def test_closed_conversations_are_searched_by_those_who_may_see_them(
    app: Flask, ana: Desk, ben: Desk, sam: Desk, app_clock: Clock
) -> None:
    first = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{first}/claim")
    ana.post(f"/dashboard/c/{first}/transfer", to="ben")
    ben.post(f"/dashboard/c/{first}/close", outcome="resolved")
    app_clock.advance(30)
    ben.get_json("/dashboard/state")
    second = ask_for_counselor(app, THAILAND, "คุย")
    ben.post(f"/dashboard/c/{second}/claim")
    ben.post(f"/dashboard/c/{second}/close", outcome="referred to treatment")
    history = parts(app).history
    assert [r.tid for r in history.search(Search())] == [second, first]  # newest first
    assert [r.holders for r in history.search(Search(digits="0123"))] == [("ana", "ben")]
    assert [r.tid for r in history.search(Search(language="th"))] == [second]
    assert [r.tid for r in history.search(Search(outcome="resolved", counselor="ana"))] == [first]
    assert [r.tid for r in history.search(Search(only_for="ana"))] == [first]
    page = ana.client.get("/dashboard/history").get_data(as_text=True)
    assert f'data-tid="{first}"' in page and f'data-tid="{second}"' not in page
    page = sam.client.get("/dashboard/history?language=th").get_data(as_text=True)
    assert f'data-tid="{second}"' in page and f'data-tid="{first}"' not in page
    assert "Thai" in page and "referred to treatment" in page
    assert ana.client.get(f"/dashboard/c/{second}").status_code == 403  # never hers
    assert "Read-only" in ana.client.get(f"/dashboard/c/{first}").get_data(as_text=True)  # hers once


def test_history_day_search_uses_the_helplines_time_zone(app_config: dict, app_clock: Clock) -> None:
    from tests.support import make_app

    app = make_app({**app_config, "HELPLINE_TIMEZONE": "Asia/Bangkok"}, clock=app_clock)
    sam = Desk(app, "sam", role="supervisor")
    tid = ask_for_counselor(app, US)
    sam.post(f"/dashboard/c/{tid}/claim")
    sam.post(f"/dashboard/c/{tid}/close", outcome="resolved")
    day = Times("Asia/Bangkok").day(app_clock())
    assert f'data-tid="{tid}"' in sam.client.get(f"/dashboard/history?day={day}").get_data(as_text=True)
    assert f'data-tid="{tid}"' not in sam.client.get("/dashboard/history?day=2001-01-01").get_data(as_text=True)
    assert "Asia/Bangkok" in sam.client.get("/dashboard/history").get_data(as_text=True)
    assert "Give the day as a date" in sam.client.get("/dashboard/history?day=soon").get_data(as_text=True)


# words, times, gist ----------------------------------------------------------------------------------------
def test_counselors_read_words_not_internal_keys() -> None:
    assert topic_words("topics.talk (TALK)") == "asked for a person (TALK)"
    assert topic_words("emergency.medical") == "medical emergency"
    assert topic_words("phrase:topics.withdrawal") == "phrasebook: withdrawal"
    assert topic_words("counselor") == ""
    assert reason_words("talk", emergency=False) == "asked for a person"
    assert reason_words("possible medical", emergency=True) == "possible medical emergency"


def test_times_carry_the_date_and_the_zone() -> None:
    moment = 1_795_996_800.0  # 2026-11-30 00:00 UTC
    assert Times("UTC").at(moment) == "Mon 30 Nov 2026 00:00 UTC"
    assert Times("Asia/Bangkok").at(moment) == "Mon 30 Nov 2026 07:00 UTC+07"
    assert Times("America/New_York").at(moment) == "Sun 29 Nov 2026 19:00 EST"
    assert Times("Not/AZone").name == "UTC"


def test_a_gist_of_a_foreign_message_from_the_engine_and_catalogs(knowledge: Knowledge) -> None:
    spanish = gist(knowledge, "tengo abstinencia, me duelen las piernas y no duermo", SPAIN, "Spanish")
    assert spanish.startswith("Spanish · about: withdrawal · danger: none found")
    thai = gist(knowledge, "เพื่อนไม่หายใจ ปากเขียว", THAILAND, "Thai")
    assert thai.startswith("Thai ·") and "danger: medical emergency" in thai
    assert gist(knowledge, "my legs ache from withdrawal", US, "English") == ""  # English needs none


# sending health --------------------------------------------------------------------------------------------
def test_healthz_and_the_banner_say_when_replies_are_not_going_out(app: Flask, ana: Desk, app_clock: Clock) -> None:
    client = app.test_client()
    assert client.get("/healthz").json["replies"]["workers"] == 0
    banner = ana.get_json("/dashboard/state")["sending"]
    assert banner["ok"] is False and "no worker is running" in banner["message"]
    parts(app).heartbeats.beat("test-worker")
    health = client.get("/healthz").json
    assert health["status"] == "ok" and health["replies"]["workers"] == 1
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    ana.post(f"/dashboard/c/{tid}/reply", body="hello")  # queued for a worker that never takes it
    # RQ stamps the job with the real time, and the app's clock stood still since the test began (seconds earlier on
    # a loaded machine): past the real time, then past the threshold
    app_clock.advance(max(0.0, time.time() - app_clock()) + SLOW_AFTER_SECONDS + 1)
    parts(app).heartbeats.beat("test-worker")  # alive, yet the reply waits
    replies = client.get("/healthz").json["replies"]
    assert replies["ok"] is False and replies["oldest_unsent_seconds"] > SLOW_AFTER_SECONDS
    assert "delayed" in ana.get_json("/dashboard/state")["sending"]["message"]


def test_the_simulator_says_where_an_unanswered_message_went(app_config: dict, app_clock: Clock) -> None:
    from tests.support import make_app

    app = make_app({**app_config, "HELPLINE_ENV": "development"}, clock=app_clock)
    ana = Desk(app, "ana")
    tid = ask_for_counselor(app, US)
    client = app.test_client()
    number = US.replace("+", "%2B")  # as the page sends it (encodeURIComponent)
    assert "queue" in client.get(f"/simulator/status?from={number}").json["text"]
    ana.post(f"/dashboard/c/{tid}/claim")
    assert client.get(f"/simulator/status?from={number}").json["text"].startswith("went to counselor ana")
