"""`helpline triage`: what an operator sees for one message."""

from __future__ import annotations

import pytest

from helpline import triage
from helpline.knowledge import Knowledge

THAI_MOBILE = "+66812345678"
US_MOBILE = "+14155550123"


def fields(report: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in report.splitlines():
        label, _, value = line.partition(":")
        found.setdefault(label.strip(), []).append(value.strip())
    return found


def test_emergency_shows_kind_phrase_language_numbers_and_reply(knowledge: Knowledge) -> None:
    report = fields(triage.explain("cant wake him up", US_MOBILE, knowledge))
    assert report["verdict"] == ["EMERGENCY (medical)"]
    assert report["phrase"] == ["'cant wake him' (en)"]
    assert report["language"] == ["en (English)"]
    assert report["country"] == ["US (United States)"]
    assert report["numbers"][0].startswith("emergency 911, poison 1-800-222-1222")
    assert report["topic"][0].startswith("emergency.medical")
    assert report["reply"][0].startswith("Call 911 now.")
    assert "RequestCounselor(emergency=True, reason='medical')" in report["actions"][0]


def test_reply_is_the_engines_in_the_texters_language_and_country(knowledge: Knowledge) -> None:
    report = fields(triage.explain("เพื่อนหายใจไม่ออก", THAI_MOBILE, knowledge))
    assert report["verdict"] == ["EMERGENCY (medical)"]
    assert report["language"] == ["th (Thai)"]
    assert report["country"] == ["TH (Thailand)"]
    assert "1669" in report["reply"][0]


def test_a_cancelled_phrase_names_its_negation_and_the_topic_answers(knowledge: Knowledge) -> None:
    report = fields(triage.explain("what are the signs of not breathing?", US_MOBILE, knowledge))
    assert report["verdict"][0].startswith("none")
    assert any("by negation 'what are the signs' (en)" in line for line in report["cancelled"])
    assert report["topic"][0].startswith("topics.signs")
    assert report["reply 1"][0].startswith("Call 911 now if someone")


def test_a_negated_state_names_its_negator(knowledge: Knowledge) -> None:
    report = fields(triage.explain("no me duele el pecho ni nada", US_MOBILE, knowledge))
    assert report["verdict"][0].startswith("none")
    assert report["cancelled"] == ["'me duele el pecho' (es) by negator 'no' (es)"]


def test_suicide_reply_with_the_crisis_line(knowledge: Knowledge) -> None:
    report = fields(triage.explain("me quiero morir", "+34612345678", knowledge))
    assert report["verdict"] == ["EMERGENCY (suicide)"]
    assert report["language"] == ["es (Spanish)"]
    assert "112" in report["reply"][0]


def test_on_shift_alerts_a_counselor(knowledge: Knowledge) -> None:
    report = fields(triage.explain("he od'd", US_MOBILE, knowledge, on_shift=True))
    assert report["reply"][0].endswith("A counselor has been alerted.")


@pytest.mark.parametrize("sender", ["+999", "whatsapp:+14155550123", "not a number"])
def test_any_sender_gets_an_answer(knowledge: Knowledge, sender: str) -> None:
    report = fields(triage.explain("hi", sender, knowledge))
    assert report["verdict"] == ["none"]
    assert report["topic"][0].startswith("menu")


def test_unknown_country_says_so(knowledge: Knowledge) -> None:
    report = fields(triage.explain("he is not breathing", "+999", knowledge))
    assert report["country"][0].startswith("unknown")
    assert report["numbers"] == ["emergency 112 (fallback)"]
    assert "112" in report["reply"][0]


def test_a_whole_message_keyword_is_explained(knowledge: Knowledge) -> None:
    report = fields(triage.explain("OD", US_MOBILE, knowledge))
    assert report["verdict"] == ["none (the whole message is the signs keyword 'OD')"]
