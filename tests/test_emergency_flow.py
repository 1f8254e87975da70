"""An emergency through the webhook: answered first, queued first, announced to subscribers."""

from __future__ import annotations

import json

import redis

from helpline import store as store_module
from tests.conftest import Texter


def test_emergency_goes_to_the_top_of_the_queue_and_is_announced(client, redis_client: redis.Redis) -> None:
    subscriber = redis_client.pubsub()
    subscriber.subscribe(store_module.EVENTS_CHANNEL)
    subscriber.get_message(timeout=1)  # the subscribe confirmation

    app_store = client.application.extensions["helpline"]["store"]
    waiting = app_store.texter_id("+14155550001")
    app_store.request_counselor(waiting, emergency=False, reason="talk", now=1.0)

    texter = Texter(client, "+14155550002")
    replies = texter.replies("please help my boyfriend is not breathing")
    assert replies[0].startswith("Call 911 now.")

    urgent = app_store.texter_id("+14155550002")
    assert app_store.queue() == [urgent, waiting]
    assert app_store.conversation(urgent)["emergency"] == "1"
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
    tid = client.application.extensions["helpline"]["store"].texter_id(texter.address)
    topics = [f["topic"] for _, f in redis_client.xrange(store_module.TRANSCRIPT_KEY.format(tid=tid))]
    assert any(topic.startswith("emergency.medical") for topic in topics)
