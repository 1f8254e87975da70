"""Texters: identity, inbound dedupe, the state the engine reads, and the transcript.

A texter's keys share the hash tag `{texter-id}` (see helpline.state.keys), so
each multi-key write stays in one slot and the same code runs on Redis
Cluster. The texter id is an HMAC of the address: the number itself is stored
once, in the texter hash, never in a key name. Every key of a texter expires
after the retention period, counted from their last message.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import redis
from redis.client import Pipeline

from helpline.engine import Decision, Inbound, MarkAutoMenu, SetLanguage, SetOptedOut, TexterState
from helpline.state import keys

MESSAGE_TTL_SECONDS = 2 * 24 * 3600  # Twilio retries within minutes; two days is generous
PENDING = "pending"
RECENT_COUNT = 6  # what the engine may read of a conversation's recent past
RECENT_SECONDS = 3600
TEXTER_ID_LENGTH = 20  # hex characters of the HMAC; web routes match ids of exactly this length


@dataclass(frozen=True)
class TranscriptEntry:
    id: str
    at: float
    direction: str  # "in" or "out"
    body: str
    language: str
    topic: str
    sid: str
    author: str  # "texter", "bot" or a counselor's name
    status: str


def _transcript_entry(entry_id: str, f: dict[str, str]) -> TranscriptEntry:
    return TranscriptEntry(
        id=entry_id,
        at=float(f.get("at", 0)),
        direction=f.get("direction", ""),
        body=f.get("body", ""),
        language=f.get("language", ""),
        topic=f.get("topic", ""),
        sid=f.get("sid", ""),
        author=f.get("author", ""),
        status=f.get("status", ""),
    )


class Texters:
    def __init__(
        self,
        client: redis.Redis,
        id_key: str,
        retention_days: int = 90,
        clock: Callable[[], float] = time.time,
    ):
        self.redis = client
        self._id_key = id_key.encode()
        self.retention_seconds = retention_days * 24 * 3600
        self.clock = clock

    # identity -----------------------------------------------------------------
    def texter_id(self, address: str) -> str:
        return hmac.new(self._id_key, address.encode(), hashlib.sha256).hexdigest()[:TEXTER_ID_LENGTH]

    def texter(self, tid: str) -> dict[str, str]:
        return _strings(self.redis.hgetall(keys.TEXTER.format(tid=tid)))

    def mark_opted_out(self, tid: str) -> None:
        """The provider says this texter opted out (a reply refused with Twilio's 21610): remember it,
        so counselors see they cannot be texted until they send START, and no more sends are tried."""
        key = keys.TEXTER.format(tid=tid)
        if self.redis.exists(key):
            self.redis.hset(key, "opted_out", "1")

    def address(self, tid: str) -> str:
        """The texter's full address: only for sending, and for a supervisor's audited unmask."""
        return str(self.redis.hget(keys.TEXTER.format(tid=tid), "address") or "")

    # inbound dedupe -----------------------------------------------------------
    def claim_message(self, sid: str) -> bool:
        """True for the first delivery of a MessageSid; one atomic SET NX, safe under concurrent retries."""
        return bool(self.redis.set(keys.MESSAGE.format(sid=sid), PENDING, nx=True, ex=MESSAGE_TTL_SECONDS))

    def save_answer(self, sid: str, replies: tuple[str, ...]) -> None:
        self.redis.set(keys.MESSAGE.format(sid=sid), json.dumps(list(replies)), ex=MESSAGE_TTL_SECONDS)

    def release_message(self, sid: str) -> None:
        """Forget a claim whose processing failed, so Twilio's retry is processed."""
        self.redis.delete(keys.MESSAGE.format(sid=sid))

    def answer_for(self, sid: str, wait_seconds: float = 3.0) -> tuple[str, ...] | None:
        """The replies given to an earlier delivery, waiting briefly while it is still being processed."""
        deadline = time.monotonic() + wait_seconds
        while True:
            value = self.redis.get(keys.MESSAGE.format(sid=sid))
            if value != PENDING or time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        if value in (None, PENDING):
            return None
        try:
            return tuple(str(reply) for reply in json.loads(str(value)))
        except (TypeError, ValueError):
            return None

    # texter state -------------------------------------------------------------
    def load_state(self, tid: str) -> TexterState:
        """What the engine needs, in one round trip: the texter hash, the conversation, recent messages."""
        pipe = self.redis.pipeline(transaction=False)
        pipe.hgetall(keys.TEXTER.format(tid=tid))
        pipe.hmget(keys.CONVERSATION.format(tid=tid), "status", "counselor")
        pipe.lrange(keys.RECENT.format(tid=tid), 0, -1)
        texter, (status, counselor), recent = pipe.execute()
        return TexterState(
            known=bool(texter),
            language=texter.get("language") or None,
            opted_out=texter.get("opted_out") == "1",
            last_auto_menu_at=float(texter["last_auto_menu_at"]) if texter.get("last_auto_menu_at") else None,
            held_by=counselor if status == "held" and counselor else None,
            recent_texts=_recent_texts(recent, self.clock()),
        )

    # recording a turn ---------------------------------------------------------
    def record_turn(self, tid: str, inbound: Inbound, decision: Decision, now: float) -> None:
        """Apply a decision's texter changes, the transcript in and out, the recent texts; one transaction."""
        texter_key = keys.TEXTER.format(tid=tid)
        recent_key = keys.RECENT.format(tid=tid)
        fields: dict[str, str] = {"address": inbound.texter, "channel": inbound.channel, "last_seen": repr(now)}
        for action in decision.actions:
            if isinstance(action, SetLanguage):
                fields["language"] = action.language
            elif isinstance(action, SetOptedOut):
                fields["opted_out"] = "1" if action.opted_out else "0"
            elif isinstance(action, MarkAutoMenu):
                fields["last_auto_menu_at"] = repr(action.at)
        topic = decision.topic if decision.matched is None else f"{decision.topic} ({decision.matched})"
        pipe = self.redis.pipeline(transaction=True)
        pipe.hsetnx(texter_key, "first_seen", repr(now))
        pipe.hset(texter_key, mapping=fields)
        sid, language = inbound.message_sid, decision.language
        _add_entry(pipe, tid, "in", inbound.body, language, topic, sid, "texter", "received", now)
        for reply in decision.replies:
            _add_entry(pipe, tid, "out", reply, decision.language, topic, "", "bot", "replied", now)
        if inbound.body:
            pipe.rpush(recent_key, json.dumps([now, inbound.body]))
            pipe.ltrim(recent_key, -RECENT_COUNT, -1)
        self._expire(pipe, tid)
        pipe.execute()

    def append_message(
        self,
        tid: str,
        direction: str,
        body: str,
        *,
        language: str,
        topic: str,
        sid: str = "",
        author: str,
        status: str,
        now: float | None = None,
    ) -> str:
        """Add one message to a transcript (counselor replies, status notes); returns its stream id."""
        pipe = self.redis.pipeline(transaction=True)
        at = self.clock() if now is None else now
        _add_entry(pipe, tid, direction, body, language, topic, sid, author, status, at)
        self._expire(pipe, tid)
        return str(pipe.execute()[0])

    def _expire(self, pipe: Pipeline, tid: str) -> None:
        for key in keys.texter_keys(tid):
            pipe.expire(key, self.retention_seconds)

    # reading the transcript ---------------------------------------------------
    def transcript(self, tid: str, count: int = 500) -> list[TranscriptEntry]:
        rows = self.redis.xrange(keys.TRANSCRIPT.format(tid=tid), count=count)
        return [_transcript_entry(entry_id, fields) for entry_id, fields in rows]

    def transcript_entry(self, tid: str, entry_id: str) -> TranscriptEntry | None:
        """One message of a transcript by its stream id (what an outbound job is given)."""
        rows = self.redis.xrange(keys.TRANSCRIPT.format(tid=tid), min=entry_id, max=entry_id, count=1)
        return _transcript_entry(*rows[0]) if rows else None


def _add_entry(
    pipe: Pipeline,
    tid: str,
    direction: str,
    body: str,
    language: str,
    topic: str,
    sid: str,
    author: str,
    status: str,
    now: float,
) -> None:
    fields = {
        "at": repr(now),
        "direction": direction,
        "body": body,
        "language": language,
        "topic": topic,
        "sid": sid,
        "author": author,
        "status": status,
    }
    pipe.xadd(keys.TRANSCRIPT.format(tid=tid), fields)  # type: ignore[arg-type]  # redis-py's dict type is invariant


def _recent_texts(rows: list[str], now: float) -> tuple[str, ...]:
    """The bodies of the last hour, oldest first; rows are JSON [at, body]."""
    texts = []
    for row in rows:
        try:
            at, body = json.loads(row)
        except (TypeError, ValueError):
            continue
        if now - float(at) <= RECENT_SECONDS:
            texts.append(str(body))
    return tuple(texts[-RECENT_COUNT:])


def _strings(mapping: dict[str, str]) -> dict[str, str]:
    return {str(name): str(value) for name, value in mapping.items()}
