"""An emergency through the webhook: answered first, queued first, announced to subscribers."""

from __future__ import annotations

import json

import redis

from helpline.state import keys
from tests.support import Texter, events_subscriber, parts


def test_emergency_goes_to_the_top_of_the_queue_and_is_announced(client, redis_client: redis.Redis) -> None:
    subscriber = events_subscriber(redis_client)

    services = parts(client.application)
    waiting = services.texters.texter_id("+14155550001")
    services.conversations.request_counselor(waiting, emergency=False, reason="talk", now=1.0)

    texter = Texter(client, "+14155550002")
    replies = texter.replies("please help my boyfriend is not breathing")
    assert replies[0].startswith("Call 911 now.")

    urgent = services.texters.texter_id("+14155550002")
    assert services.conversations.queue_ids() == [urgent, waiting]
    assert services.conversations.fields(urgent)["emergency"] == "1"
    events = []
    while (message := subscriber.get_message(timeout=1)) is not None:
        if message["type"] == "message":
            events.append(json.loads(message["data"]))
    assert {"type": "emergency", "texter": urgent, "reason": "medical"} in events
    subscriber.close()


def test_emergency_after_stop_is_still_answered_and_recorded(client, redis_client: redis.Redis) -> None:
    texter = Texter(client)
    texter.replies("STOP")
    assert texter.replies("SIGNS") == []
    replies = texter.replies("he took too much and wont wake up")
    assert replies and replies[0].startswith("Call 911 now.")
    tid = parts(client.application).texters.texter_id(texter.address)
    topics = [f["topic"] for _, f in redis_client.xrange(keys.TRANSCRIPT.format(tid=tid))]
    assert any(topic.startswith("emergency.medical") for topic in topics)


def test_stop_inside_an_open_emergency_opts_out_and_the_emergency_stays_queued(client) -> None:
    """A bare STOP right after an emergency was read as a short reply going on with it ("ok", "hurry"): answered
    with the number again and never recorded, so the helpline would have gone on texting someone who opted out.
    Now it is the opt-out (its confirmation carries the emergency number); the emergency stays first in the queue,
    and danger in the same message as a stop word is still the emergency."""
    texter = Texter(client, "+14155550003")
    assert texter.replies("my friend wont wake up and his lips are blue")[0].startswith("Call 911 now.")
    confirmation = texter.replies("STOP")
    assert len(confirmation) == 1 and "911" in confirmation[0] and "START" in confirmation[0]
    services = parts(client.application)
    tid = services.texters.texter_id(texter.address)
    assert services.texters.texter(tid).get("opted_out") == "1"
    assert tid in services.conversations.queue_ids()
    assert services.conversations.fields(tid)["emergency"] == "1"
    assert texter.replies("stop he is not breathing now")[0].startswith("Call 911 now.")
