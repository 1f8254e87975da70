"""The texter's recent texts (what the engine reads of the last hour): kept in a short list that the write script
appends to, and still read from the transcript for texters written before that list existed."""

from __future__ import annotations

import redis

from helpline.engine import Decision, Inbound
from helpline.state import keys
from helpline.state.texters import RECENT_COUNT, RECENT_LIFETIME_SECONDS, RECENT_SECONDS, Texters

TID = "c" * 20
ADDRESS = "+14155550123"
QUIET = Decision(replies=("a reply", "and another"), language="en", topic="unknown")


def make(redis_client: redis.Redis, now: list[float]) -> Texters:
    return Texters(redis_client, id_key="k", clock=lambda: now[0])


def old_style_turn(redis_client: redis.Redis, body: str, at: float) -> None:
    """One message as the code before the recent list wrote it: texter hash and transcript only."""
    redis_client.hset(keys.TEXTER.format(tid=TID), mapping={"a": ADDRESS, "c": "sms", "f": repr(at), "s": repr(at)})
    transcript = keys.TRANSCRIPT.format(tid=TID)
    common = {"at": repr(at), "language": "en", "topic": "unknown"}
    redis_client.xadd(transcript, {**common, "direction": "in", "body": body, "sid": "SMold", "author": "texter"})
    for reply in QUIET.replies:
        redis_client.xadd(transcript, {**common, "direction": "out", "body": reply, "sid": "", "author": "bot"})


def test_the_list_holds_the_last_texts_with_their_time(redis_client: redis.Redis) -> None:
    now = [50_000.0]
    texters = make(redis_client, now)
    for number in range(RECENT_COUNT + 2):
        texters.record_turn(TID, Inbound(f"SM{number}", ADDRESS, f"text {number}"), QUIET, now[0])
        now[0] += 10
    stored = redis_client.lrange(keys.RECENT.format(tid=TID), 0, -1)
    assert stored == [f"{50_000.0 + 10 * n!r} text {n}" for n in range(2, RECENT_COUNT + 2)]
    assert 0 < redis_client.ttl(keys.RECENT.format(tid=TID)) <= RECENT_LIFETIME_SECONDS
    assert texters.load_state(TID).recent_texts == tuple(f"text {n}" for n in range(2, RECENT_COUNT + 2))


def test_an_empty_body_is_not_a_recent_text_and_texts_keep_their_spaces(redis_client: redis.Redis) -> None:
    now = [50_000.0]
    texters = make(redis_client, now)
    texters.record_turn(TID, Inbound("SM1", ADDRESS, "  two  spaces \n and a line"), QUIET, now[0])
    texters.record_turn(TID, Inbound("SM2", ADDRESS, ""), QUIET, now[0] + 1)
    assert texters.load_state(TID).recent_texts == ("  two  spaces \n and a line",)


def test_texts_older_than_the_hour_are_left_out(redis_client: redis.Redis) -> None:
    now = [50_000.0]
    texters = make(redis_client, now)
    texters.record_turn(TID, Inbound("SM1", ADDRESS, "early"), QUIET, now[0])
    now[0] += RECENT_SECONDS - 100
    texters.record_turn(TID, Inbound("SM2", ADDRESS, "later"), QUIET, now[0])
    assert texters.load_state(TID).recent_texts == ("early", "later")
    now[0] += 101
    assert texters.load_state(TID).recent_texts == ("later",)


def test_older_data_without_the_list_is_read_from_the_transcript(redis_client: redis.Redis) -> None:
    now = [50_000.0]
    texters = make(redis_client, now)
    old_style_turn(redis_client, "first, written before the list", now[0] - 120)
    old_style_turn(redis_client, "second, written before the list", now[0] - 60)
    assert texters.load_state(TID).recent_texts == ("first, written before the list", "second, written before the list")
    # the next message seeds the list from the transcript, so the earlier texts stay in view
    texters.record_turn(TID, Inbound("SMnew", ADDRESS, "third"), QUIET, now[0])
    assert redis_client.llen(keys.RECENT.format(tid=TID)) == 3
    assert texters.load_state(TID).recent_texts == (
        "first, written before the list",
        "second, written before the list",
        "third",
    )
    now[0] += RECENT_SECONDS + 1
    assert texters.load_state(TID).recent_texts == ()


def test_a_new_texter_has_none(redis_client: redis.Redis) -> None:
    texters = make(redis_client, [50_000.0])
    assert texters.load_state(TID).recent_texts == ()
