"""Machines texting the helpline (echo bot, auto-responder, a second helpline, a flood), a crashed delivery's
claim, and a texter's data: each through the signed webhook against a real Redis."""

from __future__ import annotations

import json
import threading
import time
import uuid
from typing import Any

import pytest
import redis
from click.testing import CliRunner
from flask import Flask

from helpline import cli, privacy
from helpline.state import keys
from helpline.state.limits import RateLimit
from tests.bots import auto_responder, echo_bot, flood, two_helplines
from tests.desk import Desk
from tests.support import Texter, make_app, parts

EMERGENCY = "my friend wont wake up and his lips are blue"


def sender(app: Flask):
    local = threading.local()

    def send(address: str, body: str) -> list[str]:
        if getattr(local, "client", None) is None:
            local.client = app.test_client()
        return Texter(local.client, address).replies(body)

    return send


def test_an_echo_bot_gets_one_answer(app: Flask) -> None:
    conversation = echo_bot(sender(app), "+14155550201", "KRATOM")
    assert conversation.rounds < 20  # it stopped: we stopped answering
    assert conversation.answered == 2  # the KRATOM answer and the first-time disclaimer, then silence
    assert all(reply for reply in conversation.answers)


def test_an_echo_of_our_emergency_answer_does_not_loop(app: Flask) -> None:
    conversation = echo_bot(sender(app), "+14155550202", EMERGENCY)
    assert conversation.answered == 1 and conversation.answers[0].startswith("Call 911 now")


def test_an_auto_responder_is_answered_twice_then_silence(app: Flask) -> None:
    conversation = auto_responder(sender(app), "+14155550203", "Talk to you later, I'm busy")
    assert conversation.rounds_answered == 2
    assert conversation.rounds < 30


def test_two_helplines_texting_each_other_stop(app: Flask) -> None:
    send = sender(app)
    conversation = two_helplines(send, "+15005550006", send, "+15005550007", "HI")
    assert conversation.rounds < 20
    assert conversation.answered <= 3  # B's menu (and disclaimer) reaches A, which knows its own words


def test_a_flood_of_500_gets_the_limit_and_one_notice_and_emergencies_still_answered(
    app_config: dict[str, Any], redis_client: redis.Redis
) -> None:
    limit = RateLimit.parse("20/600")
    app = make_app({**app_config, "HELPLINE_RATE_LIMIT": "20/600"})
    keywords = ("KRATOM", "SIGNS", "MIX", "SAFER", "WITHDRAWAL")
    bodies = [f"{keywords[n % 5]} {uuid.uuid4().hex[:10]}" for n in range(500)]  # all different: no repeats
    started = time.monotonic()
    result = flood(sender(app), "+14155550204", bodies)
    took = time.monotonic() - started
    notices = [reply for reply in result.answers if reply.startswith("You're texting faster")]
    assert len(notices) == 1
    assert result.rounds_answered == limit.count + 1  # the limit's worth of texts, then the notice's
    assert took < 60
    emergency = Texter(app.test_client(), "+14155550204").replies(EMERGENCY)
    assert emergency and emergency[0].startswith("Call 911 now")  # exempt, even past the limit
    tid = parts(app).texters.texter_id("+14155550204")
    assert redis_client.ttl(keys.RATE.format(tid=tid)) > 0


def test_a_redelivery_after_a_crashed_claim_is_processed(app: Flask, redis_client: redis.Redis) -> None:
    """A web worker died holding the claim: within its lease an emergency still gets its answer; after it, the
    message is processed as new (queued, recorded), not answered with nothing for two days."""
    services = parts(app)
    texter = Texter(app.test_client(), "+14155550205")
    form = texter.form(EMERGENCY)
    tid = services.texters.texter_id(texter.address)
    key = keys.MESSAGE.format(tid=tid, sid=form["MessageSid"])
    redis_client.set(key, "pending", ex=30)  # what the dead worker left
    assert 0 < redis_client.ttl(key) <= 30  # a lease, not 48 hours
    during = texter.post(form).get_data(as_text=True)
    assert "Call 911 now" in during
    redis_client.pexpire(key, 1)  # the lease runs out
    time.sleep(0.05)
    after = texter.post(form).get_data(as_text=True)
    assert "Call 911 now" in after
    assert services.conversations.fields(tid).get("status") == "queued"
    inbound = [entry for entry in services.texters.transcript(tid) if entry.direction == "in"]
    assert [entry.sid for entry in inbound] == [form["MessageSid"]]


def test_erase_asks_once_then_deletes_everything_and_emergencies_still_answered(
    app: Flask, redis_client: redis.Redis
) -> None:
    services = parts(app)
    Desk(app, "ana")
    texter = Texter(app.test_client(), "+14155550206")
    texter.replies("SIGNS")
    texter.replies("TALK")
    tid = services.texters.texter_id(texter.address)
    assert privacy.texter_keys(redis_client, tid)
    question = texter.replies("ERASE")
    assert "reply ERASE again" in question[0]
    done = texter.replies("ERASE")
    assert done[0].startswith("Done: everything this helpline had about this number is erased")
    assert privacy.texter_keys(redis_client, tid) == []
    assert redis_client.zscore(keys.QUEUE, tid) is None
    entry = services.audit.recent(1)[0]
    assert (entry.action, entry.target) == ("texter.forget", tid)
    assert "+14155550206" not in json.dumps([entry.actor, entry.detail])
    again = Texter(app.test_client(), "+14155550210")
    assert "reply ERASE again" in again.replies("ERASE")[0]
    assert again.replies(EMERGENCY)[0].startswith("Call 911 now")  # a pending erase never delays the answer


def test_every_texter_key_expires(app: Flask, redis_client: redis.Redis) -> None:
    Desk(app, "ana")
    texter = Texter(app.test_client(), "+14155550207")
    for body in ("SIGNS", "TALK", "hello", "ERASE"):
        texter.replies(body)
    tid = parts(app).texters.texter_id(texter.address)
    for key in privacy.texter_keys(redis_client, tid):
        assert redis_client.ttl(key) > 0, key


def test_cli_exports_and_forgets_a_texter_audited(
    app: Flask, app_config: dict[str, Any], redis_client: redis.Redis
) -> None:
    texter = Texter(app.test_client(), "+14155550208")
    texter.replies("SIGNS")
    env = {**app_config, "HELPLINE_ENV": None}
    exported = CliRunner().invoke(cli.main, ["texter", "export", "+14155550208"], env=env)
    assert exported.exit_code == 0, exported.output
    found = json.loads(exported.output)
    tid = found["texter_id"]
    transcript = found["keys"][keys.TRANSCRIPT.format(tid=tid)]
    assert [entry["body"] for entry in transcript][0] == "SIGNS"
    assert found["keys"][keys.TEXTER.format(tid=tid)]["address"] == "+14155550208"
    forgotten = CliRunner().invoke(cli.main, ["texter", "forget", "+14155550208"], env=env)
    assert forgotten.exit_code == 0 and "key(s) deleted" in forgotten.output
    assert privacy.texter_keys(redis_client, tid) == []
    actions = [entry.action for entry in parts(app).audit.recent(2)]
    assert actions == ["texter.forget", "texter.export"]


@pytest.mark.slow
def test_a_transcript_is_capped(app: Flask, redis_client: redis.Redis) -> None:
    from helpline.state.texters import TRANSCRIPT_MAX_ENTRIES

    services = parts(app)
    tid = services.texters.texter_id("+14155550209")
    client = app.test_client()
    for number in range(TRANSCRIPT_MAX_ENTRIES + 300):
        Texter(client, "+14155550209").send(f"note {number} {uuid.uuid4().hex[:6]}")
    assert redis_client.xlen(keys.TRANSCRIPT.format(tid=tid)) < TRANSCRIPT_MAX_ENTRIES + 150
