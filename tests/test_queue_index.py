"""The queue's index and a counselor request's event, written by the request's own script (one server).

The queue index (keys.QUEUE) lives in its own slot. It used to be written after the request script, in a round trip
of its own (the webhook's third): a counselor's claim in between moved the conversation to the held index, and the
late ZADD then put the held conversation back in the queue's index, where it stayed until the conversation closed.
Now, on one server, the script that writes the status writes the index and publishes the event in the same atomic
step. The races below are real interleavings on a real Redis: a rival runs right after the request's script.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from flask import Flask

from helpline.state import keys, scripts
from helpline.state.conversations import Conversations, queue_score
from helpline.state.events import Events
from tests.support import Texter, parts
from tests.test_state import HookedRedis

TID = "c" * 20
EMERGENCY = "my friend is not breathing"


@pytest.fixture
def desk(redis_client: redis.Redis) -> Conversations:
    redis_client.hset(keys.TEXTER.format(tid=TID), mapping={"address": "+14155550123", "language": "en"})
    return Conversations(redis_client, Events(redis_client), retention_seconds=3600)


@pytest.fixture
def events(redis_client: redis.Redis) -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """The events published from here on, as a reader of the channel gets them."""
    subscriber = redis_client.pubsub(ignore_subscribe_messages=True)
    subscriber.subscribe(keys.EVENTS)
    subscriber.get_message(timeout=1)

    def heard() -> list[dict[str, Any]]:
        found = []
        while (message := subscriber.get_message(timeout=0.3)) is not None:
            found.append(json.loads(message["data"]))
        return found

    yield heard
    subscriber.close()


def test_a_claim_right_after_the_request_leaves_no_held_conversation_in_the_queue(
    redis_url: str, desk: Conversations, redis_client: redis.Redis
) -> None:
    """Ana claims the moment the request's script has queued the conversation. Before the fix the queue index was
    written after that (ZADD): the held conversation stayed in the queue's index. Run against the old code this
    fails."""
    hooked = HookedRedis.from_url(redis_url, decode_responses=True)
    asker = Conversations(hooked, Events(hooked), retention_seconds=3600)
    asker.request_counselor("d" * 20, emergency=False, reason="talk", now=0.5)  # the script known to the server
    hooked.hook = lambda: desk.claim(TID, "ana")  # right after the request's script
    asker.request_counselor(TID, emergency=True, reason="medical", now=1.0)
    assert desk.fields(TID)["status"] == "held"
    assert redis_client.zrange(keys.QUEUE, 0, -1) == ["d" * 20]
    assert redis_client.zrange(keys.HELD, 0, -1) == [TID]
    hooked.close()


def test_a_claim_between_the_webhooks_write_and_anything_after_it_leaves_the_queue_clean(
    client: Any, redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The webhook's own race: a counselor claims as soon as the message's write (with the request script) is
    back. Before the fix the third round trip's ZADD then put the held conversation in the queue's index."""
    services = parts(client.application)
    texter = Texter(client)
    tid = services.texters.texter_id(texter.address)
    claimed: list[str] = []
    execute = scripts.Batch.execute

    def execute_then_claim(batch: scripts.Batch) -> list[Any]:
        results = execute(batch)
        if not claimed and redis_client.hget(keys.CONVERSATION.format(tid=tid), "status") == "queued":
            claimed.append(tid)
            services.conversations.claim(tid, "ana")
        return results

    monkeypatch.setattr(scripts.Batch, "execute", execute_then_claim)
    assert texter.replies(EMERGENCY)[0].startswith("Call 911")
    assert claimed == [tid]  # the rival did run, right after the write
    assert services.conversations.fields(tid)["status"] == "held"
    assert redis_client.zrange(keys.QUEUE, 0, -1) == []
    assert redis_client.zrange(keys.HELD, 0, -1) == [tid]


def test_an_emergency_is_queued_first_with_its_event_in_one_step(
    desk: Conversations, redis_client: redis.Redis, events: Callable[[], list[dict[str, Any]]]
) -> None:
    other = "d" * 20
    desk.request_counselor(other, emergency=False, reason="talk", now=1.0)
    desk.request_counselor(TID, emergency=True, reason="medical", now=5.0)
    desk.request_counselor(TID, emergency=False, reason="talk", now=9.0)  # asking again: its place and flag stay
    assert redis_client.zrange(keys.QUEUE, 0, -1, withscores=True) == [
        (TID, queue_score(True, 5.0)),
        (other, queue_score(False, 1.0)),
    ]
    assert events() == [
        {"type": "queued", "texter": other, "reason": "talk"},
        {"type": "emergency", "texter": TID, "reason": "medical"},
        {"type": "emergency", "texter": TID, "reason": "talk"},  # still an emergency: announced as one
    ]


def test_the_score_written_by_the_script_is_queue_score(desk: Conversations, redis_client: redis.Redis) -> None:
    """The Lua and `queue_score` must agree to the millisecond: a transfer back to the queue and the overdue sweep
    use the Python one."""
    at = 1_764_553_200.123456
    desk.request_counselor(TID, emergency=False, reason="talk", now=at)
    assert redis_client.zscore(keys.QUEUE, TID) == queue_score(False, at)
    desk.claim(TID, "ana")
    desk.transfer(TID, None, holder="ana")  # back in line at its original place
    assert redis_client.zscore(keys.QUEUE, TID) == queue_score(False, at)


def test_an_emergency_in_a_held_conversation_is_announced_and_not_queued(
    desk: Conversations, redis_client: redis.Redis, events: Callable[[], list[dict[str, Any]]]
) -> None:
    desk.request_counselor(TID, emergency=False, reason="talk", now=1.0)
    desk.claim(TID, "ana")
    events()
    requested = desk.request_counselor(TID, emergency=True, reason="medical", now=2.0)
    assert (requested.status, requested.emergency) == ("held", True)
    assert events() == [{"type": "emergency", "texter": TID, "reason": "medical"}]
    assert redis_client.zrange(keys.QUEUE, 0, -1) == []
    desk.request_counselor(TID, emergency=False, reason="talk", now=3.0)  # a held TALK: nothing to announce
    assert events() == []


def test_on_a_cluster_the_index_and_event_follow_the_script(
    redis_client: redis.Redis, events: Callable[[], list[dict[str, Any]]]
) -> None:
    """A cluster keeps the index out of the conversation's script (another slot): the request then writes the hash
    alone and the index and event after it, as before."""
    redis_client.hset(keys.TEXTER.format(tid=TID), mapping={"address": "+14155550123", "language": "en"})
    desk = Conversations(redis_client, Events(redis_client), retention_seconds=3600, index_in_scripts=False)
    desk.request_counselor(TID, emergency=True, reason="medical", now=5.0)
    assert redis_client.zrange(keys.QUEUE, 0, -1, withscores=True) == [(TID, queue_score(True, 5.0))]
    assert events() == [{"type": "emergency", "texter": TID, "reason": "medical"}]
    desk.claim(TID, "ana")
    events()
    desk.request_counselor(TID, emergency=True, reason="medical", now=6.0)
    assert events() == [{"type": "emergency", "texter": TID, "reason": "medical"}]
    assert redis_client.zrange(keys.QUEUE, 0, -1) == []


def test_a_conversation_closed_between_the_webhooks_round_trips_is_queued_again(
    client: Any, redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch, app: Flask
) -> None:
    """The other way round: the first round trip reads a held conversation, and its counselor closes it before the
    write. The request script sees it closed and queues it: the index must say so (no prediction from the read)."""
    services = parts(app)
    texter = Texter(client)
    tid = services.texters.texter_id(texter.address)
    texter.replies(EMERGENCY)
    services.conversations.claim(tid, "ana")
    closed: list[str] = []
    execute = scripts.Batch.execute

    def close_after_the_read(batch: scripts.Batch) -> list[Any]:
        results = execute(batch)
        if not closed:
            closed.append(tid)
            services.conversations.close(tid, "resolved", by="ana", holder="ana")
        return results

    monkeypatch.setattr(scripts.Batch, "execute", close_after_the_read)
    assert texter.replies(EMERGENCY)[0].startswith("Call 911")
    assert services.conversations.fields(tid)["status"] == "queued"
    assert redis_client.zrange(keys.QUEUE, 0, -1) == [tid]
    assert [summary.tid for summary in services.conversations.queue()] == [tid]
