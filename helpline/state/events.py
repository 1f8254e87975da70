"""Events: what changed, published once, by the state module that changed it.

Every state change that a dashboard or an alert cares about is published here,
with a kind from `EventKind` (the one list of kinds), on one pub/sub channel.
Events name a conversation and what happened, never a number or a message
body: a reader fetches what it is allowed to see. Publishing is best effort by
nature (pub/sub has no memory); the state itself is always re-read.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any

import hiredis
import redis
from redis.client import Pipeline, PubSub
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from helpline.state import keys
from helpline.state.scripts import Batch


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


COALESCE_SECONDS = 0.25  # a stream sends at most one batch of events per this long
# More events than this in one batch (a surge) go to a stream as one "many": the page re-reads everything it shows,
# as it would for each of them, and a hundred open dashboards do not each write every texter's event (round 17).
MANY_EVENTS = 20
SURGE_COALESCE_SECONDS = 1.0  # after a "many", the next batch waits this long: a surge's page refreshes once a second
# After each read the reader waits this long before the next: a surge's events are read in batches, a few dozen
# wake-ups a second instead of one an event in each web process (round 18). Well inside COALESCE_SECONDS.
READ_PAUSE_SECONDS = 0.05
BACKLOG = 10_000  # events kept for streams that fall behind (a stream further back re-reads the state anyway)


class _Backlogged:
    """An event as read, made public (`public`) when a stream first asks for it, once for all streams.

    Not on arrival: in a surge a stream gets one "many" for a batch of more than MANY_EVENTS events, and the
    events themselves are never shown, so parsing each one as it arrives was work for nobody."""

    __slots__ = ("raw", "_shown")

    def __init__(self, raw: str):
        self.raw = raw
        self._shown: str | None = None

    def shown(self) -> str:
        if self._shown is None:
            self._shown = public(self.raw)
        return self._shown


class Subscription:
    """One open event stream's view of the process's shared subscription (see Hub)."""

    def __init__(self, hub: Hub, seen: int):
        self.hub = hub
        self.seen = seen
        self.last_batch = 0.0
        self.coalesce = COALESCE_SECONDS  # until the next batch: longer after a surge's "many"
        self.wake = threading.Event()
        self.pending: list[str] = []

    def get_messages(self, timeout: float) -> list[str]:
        """The events published since the last call, in their public form (`public`: kind and conversation
        only; identical ones once), waiting up to `timeout` for one;
        never sooner than COALESCE_SECONDS after the previous batch (SURGE_COALESCE_SECONDS after a "many"), so a
        surge costs a stream one write a second however many texts arrive. Raises the hub's RedisError when its
        connection failed."""
        hub = self.hub
        deadline = time.monotonic() + timeout
        with hub.lock:
            hub.check()
            waiting = hub.sequence <= self.seen
            if waiting:
                self.wake.clear()
                hub.waiting.add(self)
        if waiting and not self.wake.wait(max(0.0, deadline - time.monotonic())):
            with hub.lock:
                hub.waiting.discard(self)
                hub.check()
            return []
        pause = self.last_batch + self.coalesce - time.monotonic()
        if pause > 0:
            time.sleep(pause)  # let the batch fill: one write for everything that arrives meanwhile
        with hub.lock:
            hub.check()
            fresh = hub.since(self.seen) if hub.sequence - self.seen <= MANY_EVENTS else [MANY]
            self.seen = hub.sequence
        self.last_batch = time.monotonic()
        self.coalesce = SURGE_COALESCE_SECONDS if fresh == [MANY] else COALESCE_SECONDS
        return list(dict.fromkeys(fresh))

    def get_message(self, timeout: float = 0.0) -> dict[str, Any] | None:
        """redis-py's PubSub.get_message shape, one event at a time (for callers that read them singly)."""
        if not self.pending:
            self.pending = self.get_messages(timeout)
        return {"type": "message", "data": self.pending.pop(0)} if self.pending else None


class Hub:
    """Every open dashboard stream of this process reads one Redis subscription.

    With a subscription per stream, Redis sends each event to every stream and each one parses it:
    a hundred dashboards turned a surge of texts into a hundred thousand reads a second in the web
    process, and the webhook slowed to a fifth. Here one thread (a greenlet under gevent) reads the
    channel while any stream is open, and closes it when the last one leaves.
    """

    def __init__(self, client: redis.Redis):
        self.redis = client
        self.lock = threading.Lock()
        self.backlog: deque[_Backlogged] = deque(maxlen=BACKLOG)  # the last BACKLOG events, numbered to sequence
        self.sequence = 0
        self.waiting: set[Subscription] = set()
        self.members = 0
        self.error: RedisError | None = None
        self.reader: threading.Thread | None = None
        self.connected = threading.Event()
        self.stopping = threading.Event()

    def check(self) -> None:
        if self.error is not None:
            raise self.error

    @contextmanager
    def join(self) -> Iterator[Subscription]:
        with self.lock:
            self.members += 1
            if self.reader is None or not self.reader.is_alive():
                self.error = None
                self.connected.clear()
                self.reader = threading.Thread(target=self._read, name="helpline-events", daemon=True)
                self.reader.start()
            subscription = Subscription(self, self.sequence)
        try:
            self.connected.wait(5)  # subscribed before the stream says hello: nothing published after is lost
            yield subscription
        finally:
            with self.lock:
                self.members -= 1
                self.waiting.discard(subscription)

    def stop(self, wait: float = 2.0) -> None:
        """End the reader before its connection is taken away (`helpline serve` stopping its embedded Redis):
        a connection closed under a reading thread fails inside redis-py with a traceback, not a RedisError."""
        self.stopping.set()
        reader = self.reader
        if reader is not None and reader is not threading.current_thread():
            reader.join(wait)

    def _read(self) -> None:
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        try:
            pubsub.subscribe(keys.EVENTS)
            self.connected.set()
            read = _lean_reader(pubsub) or _library_reader(pubsub)
            while not self.stopping.is_set():
                with self.lock:
                    if self.members <= 0:  # the last stream left: a new one starts a new reader
                        self.reader = None
                        return
                arrived = read(1.0)
                if arrived:
                    self._arrived(arrived)
                    # A pause after each read lets a surge's events gather in the socket: one wake-up and one
                    # receive for all of them. The first event after a quiet spell is read at once.
                    self.stopping.wait(READ_PAUSE_SECONDS)
        except RedisError as error:
            with self.lock:
                self.error = error
                waiting, self.waiting = self.waiting, set()
            for subscription in waiting:
                subscription.wake.set()
        finally:
            self.connected.set()
            with self.lock:
                if self.reader is threading.current_thread():
                    self.reader = None
            pubsub.close()

    def since(self, seen: int) -> list[str]:
        """The events after number `seen` still in the backlog, oldest first (call with the lock held).

        Numbers are consecutive (one per event, appended in order), so they are the backlog's last
        `sequence - seen` entries: read from its end, not by walking all of it (up to BACKLOG entries, for
        each stream's every batch: with a hundred dashboards open, a measurable share of a web process)."""
        count = min(self.sequence - seen, len(self.backlog))
        if count <= 0:
            return []
        newest_first = [entry.shown() for entry in itertools.islice(reversed(self.backlog), count)]
        newest_first.reverse()
        return newest_first

    def _arrived(self, raws: list[str]) -> None:
        """Events read together are numbered under one lock and wake the waiting streams once."""
        with self.lock:
            self.sequence += len(raws)
            self.backlog.extend(map(_Backlogged, raws))
            waiting, self.waiting = self.waiting, set()
        for subscription in waiting:
            subscription.wake.set()


def _library_reader(pubsub: PubSub) -> Callable[[float], list[str]]:
    """redis-py's own loop, one message per call: for a connection `_lean_reader` cannot read."""

    def read(timeout: float) -> list[str]:
        message = pubsub.get_message(timeout=timeout)
        return [str(message["data"])] if message and message.get("type") == "message" else []

    return read


def _lean_reader(pubsub: PubSub) -> Callable[[float], list[str]] | None:
    """Every event the subscription's socket holds, in one receive and one parse (redis-py's hiredis reader).

    Why: with dashboards open, each web process reads every event, and a surge publishes more than one a message:
    redis-py's `get_message` (a readiness poll, its retry wrapper, a dict per message) cost the webhook a fifth of
    its throughput with a hundred dashboards open (bench/webhook.py, round 17). Here one `recv` brings all the
    events sent meanwhile and hiredis splits them. Only when the connection is redis-py's plain socket with its
    hiredis parser (the project's dependencies): None otherwise, and the library's loop reads instead."""
    connection = pubsub.connection
    sock = getattr(connection, "_sock", None)
    parser = getattr(connection, "_parser", None)
    if not isinstance(sock, socket.socket) or parser is None or not hasattr(parser, "_reader"):
        return None
    # Our own reader: redis-py's answers an incomplete reply with a sentinel of its own. Its buffer is empty here:
    # nothing was read since SUBSCRIBE went out (its reply is the first thing this one reads, and skips).
    reader = hiredis.Reader()

    def messages() -> list[str]:
        found = []
        while (reply := reader.gets()) is not False:
            if isinstance(reply, Exception):
                raise RedisConnectionError(f"the events subscription failed: {reply}")
            if isinstance(reply, list) and len(reply) == 3 and _text(reply[0]) == "message":
                found.append(_text(reply[2]))
        return found

    def read(timeout: float) -> list[str]:
        found = messages()  # what the last receive held beyond the events returned
        if found:
            return found
        try:
            sock.settimeout(timeout)
            data = sock.recv(RECEIVE_BYTES)
        except TimeoutError:
            return []
        except OSError as error:
            raise RedisConnectionError(f"the events subscription failed: {error}") from error
        if not data:
            raise RedisConnectionError("the events subscription was closed by the server")
        reader.feed(data)
        return messages()

    return read


RECEIVE_BYTES = 256 * 1024


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


class Events:
    """The one publisher, and the subscription the event streams read."""

    def __init__(self, client: redis.Redis):
        self.redis = client
        self.hub = Hub(client)

    def publish(self, kind: EventKind, texter: str = "", **detail: str | bool) -> None:
        self.redis.publish(keys.EVENTS, self.encode(kind, texter, **detail))

    @staticmethod
    def queue(pipe: Pipeline | Batch, kind: EventKind, texter: str = "", **detail: str | bool) -> None:
        """`publish`, queued in a pipeline or a Batch: sent with the write it reports, in the same round trip."""
        pipe.publish(keys.EVENTS, Events.encode(kind, texter, **detail))

    @staticmethod
    def encode(kind: EventKind, texter: str = "", **detail: str | bool) -> str:
        """An event as published on keys.EVENTS: for a script that publishes it itself, in the step that makes the
        change it reports (helpline.state.conversations)."""
        return json.dumps({"type": kind.value, "texter": texter, **detail})

    @contextmanager
    def subscription(self) -> Iterator[Subscription]:
        """This process's shared subscription to the events channel, for one stream (see Hub)."""
        with self.hub.join() as subscription:
            yield subscription


MANY = json.dumps({"type": "many", "texter": ""})


def public(raw: Any) -> str:
    """Only the kind of event and which conversation: the page re-reads what it is allowed to see."""
    try:
        event = json.loads(raw)
    except (TypeError, ValueError):
        return "{}"
    if not isinstance(event, dict):
        return "{}"
    return json.dumps({"type": str(event.get("type", "")), "texter": str(event.get("texter") or "")})
