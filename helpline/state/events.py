"""Events: what changed, published once, by the state module that changed it.

Every state change that a dashboard or an alert cares about is published here,
with a kind from `EventKind` (the one list of kinds), on one pub/sub channel.
Events name a conversation and what happened, never a number or a message
body: a reader fetches what it is allowed to see. Publishing is best effort by
nature (pub/sub has no memory); the state itself is always re-read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

import redis
from redis.client import Pipeline, PubSub

from helpline.state import keys


class EventKind(StrEnum):
    MESSAGE = "message"  # a texter's message was recorded
    QUEUED = "queued"  # a conversation entered (or stayed in) the queue
    EMERGENCY = "emergency"  # an emergency: queued first, or flagged on a held conversation
    CLAIMED = "claimed"
    TRANSFERRED = "transferred"
    CLOSED = "closed"
    NOTE = "note"
    OVERDUE = "overdue"
    OUTBOUND = "outbound"  # a message to a texter was recorded for sending
    STATUS = "status"  # a delivery changed state
    AVAILABILITY = "availability"  # a counselor went available or away


class Events:
    """The one publisher, and the subscription the event streams read."""

    def __init__(self, client: redis.Redis):
        self.redis = client

    def publish(self, kind: EventKind, texter: str = "", **detail: str | bool) -> None:
        self.redis.publish(keys.EVENTS, json.dumps({"type": kind.value, "texter": texter, **detail}))

    @staticmethod
    def queue(pipe: Pipeline, kind: EventKind, texter: str = "", **detail: str | bool) -> None:
        """`publish`, queued in a pipeline: sent with the write it reports, in the same round trip."""
        pipe.publish(keys.EVENTS, json.dumps({"type": kind.value, "texter": texter, **detail}))

    @contextmanager
    def subscription(self) -> Iterator[PubSub]:
        """A pub/sub connection on the events channel, closed on exit."""
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        try:
            pubsub.subscribe(keys.EVENTS)
            yield pubsub
        finally:
            pubsub.close()


def public(raw: Any) -> str:
    """Only the kind of event and which conversation: the page re-reads what it is allowed to see."""
    try:
        event = json.loads(raw)
    except (TypeError, ValueError):
        return "{}"
    if not isinstance(event, dict):
        return "{}"
    return json.dumps({"type": str(event.get("type", "")), "texter": str(event.get("texter") or "")})
