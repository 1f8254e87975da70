"""Violence against the texter or their family now gets its own answer (emergency.threat.text), not first aid.

Since round 18 the detector reads two signs of violence now ("he has a knife and says he's gonna kill me, im locked
in the bathroom") as a full emergency, and it was answered with CPR, naloxone and the recovery position. Now: the
local emergency number first, then where to be (get out if it can be done safely; away from the kitchen and anything
that could be a weapon: S24), still the full emergency (flagged first in the queue, subscribers alerted) with the
reason "violence", on every path the medical answer takes: opted out, held by a counselor, Redis down.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import redis
from flask import Flask

from bench.score_detection import tier_of
from helpline import catalog_check, triage
from helpline.engine import Decision, RequestCounselor, TexterState
from helpline.knowledge import Knowledge
from helpline.segments import count_segments
from helpline.state import keys
from helpline.state.history import Search
from helpline.web.dashboard.words import reason_words, topic_words
from tests import redis_server
from tests.desk import Desk, ask_for_counselor
from tests.support import AUTH_TOKEN, SECRET_KEY, Texter, decided, events_subscriber, make_app, parts

THREAT = "he has a knife and says he's gonna kill me, im locked in the bathroom"
ANSWER = (
    "Call 911 now. If you can do it safely, get out. "
    "Stay away from the kitchen and anything that could be used as a weapon."
)
ALERTED = "A counselor has been alerted."
FIRST_AID = ("CPR", "naloxone", "Narcan", "on their side", "Poison help")
US = "+14155550123"

# (texter's number, message, the start of the answer in the texter's language and country: the police number where
# the first emergency number is an ambulance's, Indonesia's 110 and China's 110; tests/test_police_numbers.py)
IN_LANGUAGES = [
    (US, THREAT, "Call 911 now. If you can do it safely, get out."),
    (
        "+525512345678",
        "mi novio esta pateando la puerta y grita que me va a matar, estoy escondida en el cuarto",
        "Llama ahora al 911. Si puedes salir sin peligro, sal.",
    ),
    ("+5511987654321", "o meu marido pegou uma faca e diz que vai me matar, me tranquei no banheiro", "Ligue para"),
    ("+33612345678", "mon copain a un couteau il dit qu'il va me tuer, je suis enfermee dans la chambre", "Appelez le"),
    ("+628123456789", "suami saya bawa golok mau bunuh saya, saya ngunci diri di kamar mandi", "Telepon 110 sekarang"),
    ("+8613812345678", "我前夫拿着菜刀在外面踹门 我躲在卧室里", "立即拨打110。如果能安全离开"),
]


def _counselor_request(decision: Decision) -> RequestCounselor:
    [request] = [action for action in decision.actions if isinstance(action, RequestCounselor)]
    return request


@pytest.mark.parametrize(("texter", "body", "start"), IN_LANGUAGES)
def test_violence_now_gets_the_threat_answer_not_first_aid(knowledge: Knowledge, texter: str, body: str, start: str):
    decision = decided(knowledge, body, TexterState(), texter=texter)
    assert decision.topic == "emergency.violence"
    assert decision.replies[0].startswith(start), decision.replies
    assert not any(step in decision.replies[0] for step in FIRST_AID)
    assert _counselor_request(decision) == RequestCounselor(emergency=True, reason="violence")


def test_a_wound_or_a_collapse_told_with_the_threat_still_gets_first_aid(knowledge: Knowledge) -> None:
    """Only the verdict of violence now takes the threat answer: a medical danger said in words is the medical
    emergency, with its first aid, threat or not."""
    assert decided(knowledge, THREAT, TexterState()).replies == (ANSWER,)
    stabbed = "he stabbed me and the blood wont stop, hes banging on the door and says hes gonna kill me"
    decision = decided(knowledge, stabbed, TexterState())
    assert decision.topic == "emergency.medical" and "CPR" in decision.replies[0]


def test_a_reply_inside_the_threat_gets_the_threat_answer_again(knowledge: Knowledge) -> None:
    """A short reply ("ok", "please hurry", "the police are here") goes on with the open emergency: its answer is the
    threat's, not the medical follow-up ("Call 911 now. Poison help: ...") nor the overdose's "tell them what was
    taken"."""
    going_on = TexterState(known=True, language="en", recent_texts=(THREAT,))
    for body in ("ok", "please hurry", "the police are here"):
        decision = decided(knowledge, body, going_on)
        assert decision.topic == "emergency.violence", body
        assert decision.replies == (ANSWER,), body


def test_a_possible_tier_threat_keeps_the_question(knowledge: Knowledge) -> None:
    """Told after a story was set up, the same violence is asked about (the number and "Reply YES"), as every possible
    emergency is; the counselor's flag says what it is about."""
    body = "my dad has a gun and says hes going to kill us all"
    assert decided(knowledge, body, TexterState()).replies == (ANSWER,)
    framed = decided(knowledge, body, TexterState(known=True, language="en", recent_texts=("i'm writing a story",)))
    assert framed.topic == "emergency.possible"
    assert framed.replies == ("Call 911 if someone is in danger. Is someone in danger right now? Reply YES.",)
    assert _counselor_request(framed) == RequestCounselor(emergency=True, reason="possible violence")


def test_the_webhook_answers_a_threat_and_puts_it_first_in_the_queue(client, redis_client: redis.Redis) -> None:
    subscriber = events_subscriber(redis_client)
    services = parts(client.application)
    waiting = services.texters.texter_id("+14155550001")
    services.conversations.request_counselor(waiting, emergency=False, reason="talk", now=1.0)

    assert Texter(client, US).replies(THREAT) == [ANSWER]

    tid = services.texters.texter_id(US)
    assert services.conversations.queue_ids() == [tid, waiting]
    fields = services.conversations.fields(tid)
    assert fields["emergency"] == "1" and fields["reason"] == "violence"
    topics = [entry["topic"] for _, entry in redis_client.xrange(keys.TRANSCRIPT.format(tid=tid))]
    assert any(topic.startswith("emergency.violence") for topic in topics)
    events = []
    while (message := subscriber.get_message(timeout=1)) is not None:
        if message["type"] == "message":
            events.append(json.loads(message["data"]))
    assert {"type": "emergency", "texter": tid, "reason": "violence"} in events
    subscriber.close()


def test_with_a_counselor_on_shift_the_answer_says_one_is_alerted(app: Flask, ana: Desk) -> None:
    assert Texter(app.test_client(), US).replies(THREAT) == [f"{ANSWER} {ALERTED}"]


def test_the_dashboard_and_the_history_say_violence_in_words(app: Flask, ana: Desk, sam: Desk) -> None:
    assert reason_words("violence", emergency=True) == "violence now (threatened or attacked)"
    assert topic_words("emergency.violence (has a knife)") == "violence now (threatened or attacked) (has a knife)"
    assert reason_words("possible violence", emergency=True) == "possible violence emergency"

    tid = ask_for_counselor(app, US, THREAT)
    [row] = ana.get_json("/dashboard/state")["queue"]
    assert row["tid"] == tid and row["reason"] == "violence"
    assert row["reason_text"] == "violence now (threatened or attacked)"
    ana.post(f"/dashboard/c/{tid}/claim")
    ana.post(f"/dashboard/c/{tid}/close", outcome="resolved")
    assert [r.tid for r in parts(app).history.search(Search(topic="violence"))] == [tid]
    page = sam.client.get("/dashboard/history?topic=violence").get_data(as_text=True)
    assert f'data-tid="{tid}"' in page and "violence now (threatened or attacked)" in page


def test_an_opted_out_texter_gets_the_threat_answer(client) -> None:
    texter = Texter(client, US)
    texter.replies("STOP")
    assert texter.replies("SIGNS") == []
    assert texter.replies(THREAT) == [ANSWER]
    services = parts(client.application)
    assert services.conversations.fields(services.texters.texter_id(US))["reason"] == "violence"


def test_inside_a_counselor_conversation_the_threat_is_answered(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    texter = Texter(app.test_client(), US)
    assert texter.replies("are you there?") == []  # for the counselor who holds it
    assert texter.replies(THREAT) == [f"{ANSWER} {ALERTED}"]


def test_with_redis_down_the_threat_answer_still_comes(tmp_path: Path) -> None:
    config = {
        "REDIS_URL": f"redis://127.0.0.1:{redis_server.free_port()}/0",  # nobody listens: Redis is down
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "SECRET_KEY": SECRET_KEY,
        "HELPLINE_INSTANCE_PATH": str(tmp_path),
    }
    texter = Texter(make_app(config).test_client(), US)
    assert texter.replies(THREAT) == [ANSWER]
    assert texter.replies("ok") == [ANSWER]  # the outage's own memory of the conversation: the same answer again


def test_triage_shows_the_violence_topic(knowledge: Knowledge) -> None:
    report = triage.explain(THREAT, US, knowledge)
    assert "EMERGENCY (violence now: the threat answer, not first aid)" in report
    assert "emergency.violence (matched 'has a knife')" in report
    assert ANSWER in report and "RequestCounselor(emergency=True, reason='violence')" in report


def test_every_language_has_the_answer_within_two_sms_parts_everywhere(knowledge: Knowledge) -> None:
    """The text is translated in every catalog (an English stand-in would be a missing translation), and with "a
    counselor has been alerted" (its longest form) it fits 2 SMS parts for a texter in every country and the
    fallback."""
    catalogs = knowledge.catalogs
    source = knowledge.content.messages["emergency.threat.text"]
    assert source.budget == 2 and source.sources == ("S24",) and "S24" in knowledge.content.sources
    for code in catalogs.codes:
        if code != "en":
            assert catalogs.translation(code, "emergency.threat.text"), code
        for place, lines in catalog_check._places(knowledge.directory):
            answer = catalog_check.threat_reply(catalogs, code, lines)
            assert count_segments(answer).segments <= 2, (code, place, answer)
            assert answer.startswith(catalogs.text(code, "emergency.threat.text", emergency="X").split("X")[0]), code


def test_the_detection_scores_count_the_threat_answer_as_full(knowledge: Knowledge) -> None:
    """bench/score_detection.py (and the corpus test) read the tier from the topic: emergency.violence is full."""
    decision = decided(knowledge, THREAT, TexterState())
    assert decision.topic == "emergency.violence" and tier_of(decision) == "full"
