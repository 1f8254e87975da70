"""The fast path, as Redis itself counts it: two round trips for an ordinary message, one for a retry,
compact texter state, and one shared subscription for every open dashboard stream.

Round trips are read from the server's own statistics (INFO total_reads_processed) on a private
redis-server, so no other client's work is counted. These are counts, not timings: speed is
measured by bench/webhook.py.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from flask import Flask

from helpline.state import events as state_events
from helpline.state import keys
from helpline.state.events import EventKind
from helpline.state.texters import FIELDS
from tests.redis_server import throwaway_server
from tests.support import AUTH_TOKEN, SECRET_KEY, Texter, make_app, parts, replies_of, texter_ids


@pytest.fixture
def private() -> Iterator[tuple[str, redis.Redis]]:
    with throwaway_server() as url:
        client = redis.Redis.from_url(url, decode_responses=True)
        yield url, client
        client.close()


def _app(url: str, tmp_path: Path, **settings: str) -> Flask:
    """The helpline on the private Redis, with these settings besides the ones every test here needs."""
    config = {
        "REDIS_URL": url,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "SECRET_KEY": SECRET_KEY,
        "HELPLINE_INSTANCE_PATH": str(tmp_path / "instance"),
        **settings,
    }
    return make_app(config)


@pytest.fixture
def fast_app(private: tuple[str, redis.Redis], tmp_path: Path) -> Flask:
    url, _ = private
    return _app(url, tmp_path)


def round_trips(client: redis.Redis, action) -> tuple[int, object]:
    """Requests the server read while `action` ran, not counting this measurement's own INFO calls."""
    before = int(client.info("stats")["total_reads_processed"])
    result = action()
    after = int(client.info("stats")["total_reads_processed"])
    return after - before - 1, result  # the first INFO's read is counted in `after`


def test_an_ordinary_message_costs_two_round_trips(fast_app: Flask, private) -> None:
    _, client = private
    texter = Texter(fast_app.test_client())
    texter.replies("hello")  # known texter, warm connection pool and script cache
    texter.replies("SIGNS")
    trips, replies = round_trips(client, lambda: texter.replies("how do i quit kratom"))
    assert replies and trips == 2
    trips, replies = round_trips(client, lambda: texter.replies("MENU"))
    assert replies and trips == 2


def test_past_the_rate_limit_a_silenced_message_costs_two_round_trips(private, tmp_path: Path) -> None:
    """A flood past the limit: the notice's claim is one more round trip, once; the messages silenced after it cost
    what any message costs (the count reads the notice's mark)."""
    url, client = private
    texter = Texter(_app(url, tmp_path, HELPLINE_RATE_LIMIT="3/600").test_client())
    for keyword in ("SIGNS", "DOSE", "MIX"):  # different texts: a repeated one is a loop the bot stops answering
        assert texter.replies(keyword)
    trips, replies = round_trips(client, lambda: texter.replies("KRATOM"))
    assert trips == 3 and len(replies) == 1  # the notice, claimed once
    trips, replies = round_trips(client, lambda: texter.replies("NALOXONE"))
    assert trips == 2 and replies == []


def test_a_retry_is_answered_from_the_transcript_in_one_round_trip(fast_app: Flask, private) -> None:
    _, client = private
    texter = Texter(fast_app.test_client())
    texter.replies("hello")
    form = texter.form("SIGNS")
    first = replies_of(texter.post(form).get_data(as_text=True))
    trips, response = round_trips(client, lambda: texter.post(form))
    assert replies_of(response.get_data(as_text=True)) == first and len(first) >= 1
    assert trips == 1
    tid = texter_ids(client)[0]
    record = client.get(keys.MESSAGE.format(tid=tid, sid=form["MessageSid"]))
    entry_id, replies = record.split(":")  # the inbound entry and how many replies follow it: no copy of them
    assert int(replies) == len(first)
    assert client.xrange(keys.TRANSCRIPT.format(tid=tid), min=entry_id, max=entry_id)[0][1]["body"] == "SIGNS"


def test_an_emergency_costs_two_round_trips_and_is_queued(fast_app: Flask, private) -> None:
    _, client = private
    Texter(fast_app.test_client(), "+14155550199").replies("he is not breathing")  # the scripts' first load
    texter = Texter(fast_app.test_client())
    texter.replies("hello")
    trips, replies = round_trips(client, lambda: texter.replies("my friend is not breathing"))
    assert replies[0].startswith("Call 911")
    assert trips == 2  # read, write (the conversation's script writes the queue index and the event too)
    assert parts(fast_app).texters.texter_id(texter.address) in parts(fast_app).conversations.queue_ids()


def test_texter_hash_is_compact_and_small(fast_app: Flask, private) -> None:
    _, client = private
    texter = Texter(fast_app.test_client())
    texter.replies("hello")
    tid = texter_ids(client)[0]
    stored = client.hgetall(keys.TEXTER.format(tid=tid))
    assert set(stored) <= set(FIELDS.values())  # one-letter names only
    assert parts(fast_app).texters.texter(tid)["address"] == texter.address  # read back with the long names
    assert client.object("encoding", keys.TEXTER.format(tid=tid)) in {"listpack", "ziplist"}
    # Nothing else per texter but the transcript, the dedupe record, the rate window's counter and the recent
    # texts' list (the last two expire within the hour: helpline.state.limits, helpline.state.texters).
    kinds = sorted(key.split("}:", 1)[1].split(":", 1)[0] for key in client.scan_iter(f"hl:{{{tid}}}:*"))
    assert kinds == ["msg", "rate", "recent", "texter", "transcript"]


def test_dashboard_streams_share_one_subscription_and_get_batches(fast_app: Flask, private) -> None:
    _, client = private
    events = parts(fast_app).events
    received: list[list[str]] = [[], []]
    opened = threading.Barrier(3)
    done = threading.Event()

    def stream(index: int) -> None:
        with events.subscription() as subscription:
            opened.wait()
            while not done.is_set():
                received[index].extend(subscription.get_messages(timeout=0.2))

    readers = [threading.Thread(target=stream, args=(index,)) for index in range(2)]
    for reader in readers:
        reader.start()
    opened.wait()
    assert client.pubsub_numsub(keys.EVENTS)[0][1] == 1  # two streams, one Redis subscription
    for number in range(5):
        events.publish(EventKind.QUEUED, f"t{number}")
    events.publish(EventKind.QUEUED, "t4")  # the same event again: sent once per batch
    deadline = time.monotonic() + 5
    while any(len(found) < 5 for found in received) and time.monotonic() < deadline:
        time.sleep(0.05)
    done.set()
    for reader in readers:
        reader.join()
    for found in received:
        assert [f"t{number}" in raw for number, raw in enumerate(found[:5])] == [True] * 5
    deadline = time.monotonic() + 3  # the last stream left: the process lets go of its subscription
    while client.pubsub_numsub(keys.EVENTS)[0][1] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.pubsub_numsub(keys.EVENTS)[0][1] == 0


def test_a_surge_reaches_a_stream_as_one_many_event(fast_app: Flask, private) -> None:
    """More events than MANY_EVENTS in one batch (a surge): one "many", which the pages read as "re-read everything"
    (static/desk.js, static/dashboard.js), instead of every texter's event written to every open dashboard. All of
    them arrive in one receive too (the hub's lean reader)."""
    events = parts(fast_app).events
    with events.subscription() as subscription:
        assert subscription.get_messages(timeout=0.05) == []
        for number in range(state_events.MANY_EVENTS + 5):
            events.publish(EventKind.MESSAGE, f"t{number}")
        deadline = time.monotonic() + 5
        batch: list[str] = []
        while not batch and time.monotonic() < deadline:
            time.sleep(0.3)  # the whole burst arrives before the stream's next batch
            batch = subscription.get_messages(timeout=0.5)
        assert batch == [state_events.MANY]
        after_many = time.monotonic()
        events.publish(EventKind.QUEUED, "t1")  # an ordinary moment again: the event itself
        assert [json.loads(raw) for raw in subscription.get_messages(timeout=3)] == [{"type": "queued", "texter": "t1"}]
        # After a "many" the stream waits longer before its next batch: each open page re-reads its state per batch.
        assert time.monotonic() - after_many >= state_events.SURGE_COALESCE_SECONDS - 0.05


def test_a_trickle_of_events_is_read_in_a_few_batches_not_one_wake_up_each(fast_app: Flask, private) -> None:
    """A surge's events come one message at a time; the hub pauses READ_PAUSE_SECONDS after each read, so they are
    read a few dozen to a receive (one wake-up of the web process), while the first after a quiet spell is read at
    once. Every event still arrives, in order."""
    events = parts(fast_app).events
    reads: list[int] = []
    arrived = events.hub._arrived
    events.hub._arrived = lambda raws: (reads.append(len(raws)), arrived(raws))[1]  # type: ignore[method-assign]
    with events.subscription() as subscription:
        subscription.get_messages(timeout=0.05)
        started = time.monotonic()
        events.publish(EventKind.QUEUED, "first")
        first = subscription.get_messages(timeout=2)
        assert [json.loads(raw)["texter"] for raw in first] == ["first"]
        assert time.monotonic() - started < state_events.READ_PAUSE_SECONDS  # no pause before a lone event
        for number in range(100):  # 100 events over about 0.3 s
            events.publish(EventKind.MESSAGE, f"t{number}")
            time.sleep(0.003)
        deadline = time.monotonic() + 5
        while events.hub.sequence < 101 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert events.hub.sequence == 101
        assert sum(reads) == 101
        assert len(reads) <= 1 + 0.5 / state_events.READ_PAUSE_SECONDS  # about 7; one receive per event was 100
        assert [json.loads(raw)["texter"] for raw in events.hub.since(1)] == [f"t{n}" for n in range(100)]


def test_a_bot_only_message_publishes_no_event_but_a_conversation_message_does(fast_app: Flask, private) -> None:
    _, client = private
    subscriber = client.pubsub(ignore_subscribe_messages=True)
    subscriber.subscribe(keys.EVENTS)
    subscriber.get_message(timeout=1)
    bystander = Texter(fast_app.test_client(), "+14155550177")
    bystander.replies("SIGNS")
    assert subscriber.get_message(timeout=0.5) is None  # nothing a dashboard shows changed
    asking = Texter(fast_app.test_client(), "+14155550178")
    parts(fast_app).conversations.request_counselor(
        parts(fast_app).texters.texter_id(asking.address), emergency=False, reason="talk"
    )
    subscriber.get_message(timeout=1)  # the "queued" event of the request itself
    asking.replies("are you there")
    message = subscriber.get_message(timeout=2)
    assert message is not None and '"type": "message"' in message["data"]
    subscriber.close()


def test_scripts_flushed_from_redis_are_loaded_again(fast_app: Flask, private) -> None:
    """After a Redis restart or failover the server knows none of our scripts: the message still gets its
    answer and is recorded once (the failed EVALSHA ran nothing, so running it again is safe)."""
    _, client = private
    texter = Texter(fast_app.test_client())
    texter.replies("hello")
    client.script_flush()
    assert texter.replies("SIGNS")
    tid = texter_ids(client)[0]
    entries = [fields for _, fields in client.xrange(keys.TRANSCRIPT.format(tid=tid))]
    bodies = [fields["body"] for fields in entries if fields["direction"] == "in"]
    assert bodies == ["hello", "SIGNS"]
