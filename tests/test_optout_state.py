"""Opt-out as Twilio really does it: an emergency after STOP still reaches the counselors, flagged as
unreachable by text, and a reply Twilio refuses with 21610 marks the texter opted out."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from helpline.app import create_app
from helpline.state.conversations import UNREACHABLE_NOTE
from helpline.web.dashboard.presenters import summary_json
from tests.desk import OUR_NUMBER, TWILIO_SID, Desk, ask_for_counselor, parts, text, work
from tests.fake_twilio import FakeTwilio

US = "+14155550123"
PUBLIC_URL = "https://help.example.org"


@pytest.fixture
def sending_app(app_config: dict[str, Any], fake_twilio: FakeTwilio) -> Flask:
    return create_app(
        {
            **app_config,
            "TWILIO_ACCOUNT_SID": TWILIO_SID,
            "TWILIO_PHONE_NUMBER": OUR_NUMBER,
            "TWILIO_API_BASE_URL": fake_twilio.base_url,
            "HELPLINE_PUBLIC_URL": PUBLIC_URL,
        }
    )


def queue_json(app: Flask, tid: str) -> dict[str, Any]:
    services = parts(app)
    summary = services.conversations.summary(tid)
    assert summary is not None
    with app.test_request_context():
        return summary_json(services.knowledge, summary, services.clock())


def test_emergency_after_stop_reaches_the_queue_flagged(app: Flask) -> None:
    confirmation = text(app, US, "STOP")[0]
    assert "911" in confirmation and "START" in confirmation  # the last text Twilio lets through
    replies = text(app, US, "my friend is not breathing")
    assert replies and replies[0].startswith("Call 911 now.")  # sent; Twilio drops it on long codes
    services = parts(app)
    tid = services.texters.texter_id(US)
    conversation = services.conversations.fields(tid)
    assert (conversation.get("status"), conversation.get("emergency")) == ("queued", "1")
    shown = queue_json(app, tid)
    assert shown["emergency"] and shown["opted_out"]
    assert shown["unreachable"] == UNREACHABLE_NOTE == "cannot be texted until they send START"


def test_the_flag_goes_when_they_send_start(app: Flask) -> None:
    text(app, US, "STOP")
    text(app, US, "he is not breathing")
    tid = parts(app).texters.texter_id(US)
    assert queue_json(app, tid)["unreachable"]
    text(app, US, "START")
    assert queue_json(app, tid)["unreachable"] == ""
    assert not queue_json(app, tid)["opted_out"]


def test_a_reply_refused_with_21610_marks_the_texter_opted_out(sending_app: Flask, fake_twilio: FakeTwilio) -> None:
    """They opted out where we did not see it (another number of the Messaging Service): Twilio says so."""
    app = sending_app
    ana = Desk(app, "ana")
    tid = ask_for_counselor(app, US, base=PUBLIC_URL)
    ana.post(f"/dashboard/c/{tid}/claim")
    assert not queue_json(app, tid)["opted_out"]
    fake_twilio.opted_out.add(US)
    ana.post(f"/dashboard/c/{tid}/reply", body="Are you safe?")
    work(app)
    out = [e for e in ana.get_json(f"/dashboard/c/{tid}/state")["transcript"] if e["direction"] == "out"][-1]
    assert (out["status"], out["error"]) == ("failed", "21610")
    assert out["reason"] == "21610: the texter has opted out (replied STOP)"
    shown = queue_json(app, tid)
    assert shown["opted_out"] and shown["unreachable"] == UNREACHABLE_NOTE
    ana.post(f"/dashboard/c/{tid}/reply", body="We are here when you text START.")
    work(app)
    assert len(fake_twilio.requests) == 1  # the second reply is not even tried
    page = ana.client.get(f"/dashboard/c/{tid}").get_data(as_text=True)
    assert "sent STOP: cannot be texted until they send START" in page


def test_start_inside_an_emergency_still_opts_back_in(knowledge) -> None:
    """Recent texts make "START" read as the same emergency; it must still undo the opt-out."""
    from helpline.engine import Inbound, SetOptedOut, TexterState, decide

    state = TexterState(known=True, language="en", opted_out=True, recent_texts=("he is not breathing",))
    for body, optout_type in (("START", None), ("start", "START")):
        decision = decide(Inbound("SM1", US, body, optout_type=optout_type), state, knowledge, now=1e9)
        assert SetOptedOut(False) in decision.actions, decision
    still_out = decide(Inbound("SM2", US, "he is still not breathing"), state, knowledge, now=1e9)
    assert still_out.is_emergency and SetOptedOut(False) not in still_out.actions


def test_phrasebook_offers_a_limited_hours_line_only_while_open(knowledge, monkeypatch) -> None:
    """Malaysia's Talian HEAL answers 8am-midnight: at 3am the counselor is not offered it."""
    import time as time_module
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from helpline.phrasebook import CRISIS_LINE, Phrasebook

    book = Phrasebook(knowledge)
    kl = ZoneInfo("Asia/Kuala_Lumpur")
    for hour, offered in ((10, True), (3, False)):
        moment = datetime(2026, 11, 30, hour, 0, tzinfo=kl).timestamp()
        monkeypatch.setattr(time_module, "time", lambda moment=moment: moment)
        keys = [phrase.key for phrase in book.phrases("+60123456789")]
        assert (CRISIS_LINE in keys) is offered, hour
        if offered:
            assert "15555" in book.preview(CRISIS_LINE, "+60123456789", "ms").text
