"""Everything the helpline keeps in Redis, and every key it uses.

Keys are namespaced `hl:`. A texter's keys share the hash tag `{texter-id}`,
so each multi-key write stays in one slot and the same code runs on Redis
Cluster. The texter id is an HMAC of the address: the number itself is stored
once, in the texter hash, never in a key name.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import redis

from helpline.engine import Decision, Inbound, MarkAutoMenu, RequestCounselor, SetLanguage, SetOptedOut, TexterState

PREFIX = "hl:"
MESSAGE_KEY = PREFIX + "msg:{sid}"  # dedupe of inbound MessageSids: "pending" or the answer sent
MESSAGE_TTL_SECONDS = 2 * 24 * 3600  # Twilio retries within minutes; two days is generous
PENDING = "pending"
TEXTER_KEY = PREFIX + "{{{tid}}}:texter"  # hash: address, language, opted_out, ...
TRANSCRIPT_KEY = PREFIX + "{{{tid}}}:transcript"  # stream of messages in and out
CONVERSATION_KEY = PREFIX + "{{{tid}}}:conversation"  # hash: status, counselor, emergency, opened_at
QUEUE_KEY = PREFIX + "queue"  # sorted set of texter ids waiting for a counselor
TEXTERS_KEY = PREFIX + "texters"  # sorted set of texter ids by last activity
OUTBOUND_KEY = PREFIX + "out:{sid}"  # hash: texter, entry, status, error of a message sent through the REST API
STATUS_RANK = {
    "accepted": 0,
    "scheduled": 0,
    "queued": 1,
    "sending": 2,
    "sent": 3,
    "receiving": 3,
    "received": 4,
    "delivered": 5,
    "undelivered": 5,
    "failed": 5,
    "read": 6,
    "canceled": 5,
}
EVENTS_CHANNEL = PREFIX + "events"  # pub/sub: JSON events for dashboards and alerting
EMERGENCY_PRIORITY = 0
NORMAL_PRIORITY = 1
PRIORITY_SPAN = 10**13  # score = priority * span + wait start in ms: emergencies first, then oldest


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


def queue_score(emergency: bool, since: float) -> float:
    priority = EMERGENCY_PRIORITY if emergency else NORMAL_PRIORITY
    return priority * PRIORITY_SPAN + int(since * 1000)


class Store:
    def __init__(self, client: redis.Redis, id_key: str, retention_days: int = 90):
        self.redis = client
        self._id_key = id_key.encode()
        self.retention_seconds = retention_days * 24 * 3600

    # identity -----------------------------------------------------------------
    def texter_id(self, address: str) -> str:
        return hmac.new(self._id_key, address.encode(), hashlib.sha256).hexdigest()[:20]

    # inbound dedupe -----------------------------------------------------------
    def claim_message(self, sid: str) -> bool:
        """True for the first delivery of a MessageSid; one atomic SET NX, safe under concurrent retries."""
        return bool(self.redis.set(MESSAGE_KEY.format(sid=sid), PENDING, nx=True, ex=MESSAGE_TTL_SECONDS))

    def save_answer(self, sid: str, answer: str) -> None:
        self.redis.set(MESSAGE_KEY.format(sid=sid), answer, ex=MESSAGE_TTL_SECONDS)

    def release_message(self, sid: str) -> None:
        """Forget a claim whose processing failed, so Twilio's retry is processed."""
        self.redis.delete(MESSAGE_KEY.format(sid=sid))

    def answer_for(self, sid: str, wait_seconds: float = 3.0) -> str | None:
        """The answer given to an earlier delivery, waiting briefly while it is still being processed."""
        deadline = time.monotonic() + wait_seconds
        while True:
            value = self.redis.get(MESSAGE_KEY.format(sid=sid))
            if value != PENDING or time.monotonic() >= deadline:
                return None if value in (None, PENDING) else str(value)
            time.sleep(0.05)

    # texter state -------------------------------------------------------------
    def load_state(self, tid: str) -> TexterState:
        texter, conversation = self._pipeline_get(tid)
        return TexterState(
            known=bool(texter),
            language=texter.get("language") or None,
            opted_out=texter.get("opted_out") == "1",
            last_auto_menu_at=float(texter["last_auto_menu_at"]) if texter.get("last_auto_menu_at") else None,
            held_by=conversation.get("counselor") if conversation.get("status") == "held" else None,
            queued=conversation.get("status") == "queued",
        )

    def _pipeline_get(self, tid: str) -> tuple[dict[str, str], dict[str, str]]:
        pipe = self.redis.pipeline(transaction=False)
        pipe.hgetall(TEXTER_KEY.format(tid=tid))
        pipe.hgetall(CONVERSATION_KEY.format(tid=tid))
        texter, conversation = pipe.execute()
        return texter, conversation

    def texter(self, tid: str) -> dict[str, str]:
        return self.redis.hgetall(TEXTER_KEY.format(tid=tid))

    def conversation(self, tid: str) -> dict[str, str]:
        return self.redis.hgetall(CONVERSATION_KEY.format(tid=tid))

    # recording a turn ---------------------------------------------------------
    def record_turn(self, tid: str, inbound: Inbound, decision: Decision, now: float) -> None:
        """Apply a decision: texter state, transcript in and out, queue; one transaction."""
        texter_key = TEXTER_KEY.format(tid=tid)
        fields: dict[str, str] = {"address": inbound.texter, "channel": inbound.channel, "last_seen": repr(now)}
        for action in decision.actions:
            if isinstance(action, SetLanguage):
                fields["language"] = action.language
            elif isinstance(action, SetOptedOut):
                fields["opted_out"] = "1" if action.opted_out else "0"
            elif isinstance(action, MarkAutoMenu):
                fields["last_auto_menu_at"] = repr(action.at)
        pipe = self.redis.pipeline(transaction=True)
        pipe.hsetnx(texter_key, "first_seen", repr(now))
        pipe.hset(texter_key, mapping=fields)
        self._append(pipe, tid, "in", inbound.body, decision, inbound.message_sid, "texter", "received", now)
        for reply in decision.replies:
            self._append(pipe, tid, "out", reply, decision, "", "bot", "replied", now)
        self._expire(pipe, tid)
        pipe.execute()
        self.redis.zadd(TEXTERS_KEY, {tid: now})  # a global key: outside the per-texter transaction (cluster slots)
        for action in decision.actions:
            if isinstance(action, RequestCounselor):
                self.request_counselor(tid, emergency=action.emergency, reason=action.reason, now=now)
        self.publish({"type": "message", "texter": tid, "topic": decision.topic, "emergency": decision.is_emergency})

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
        self._append_fields(pipe, tid, direction, body, language, topic, sid, author, status, now or time.time())
        self._expire(pipe, tid)
        return str(pipe.execute()[0])

    def _append(
        self,
        pipe: Any,
        tid: str,
        direction: str,
        body: str,
        decision: Decision,
        sid: str,
        author: str,
        status: str,
        now: float,
    ) -> None:
        topic = decision.topic if decision.matched is None else f"{decision.topic} ({decision.matched})"
        self._append_fields(pipe, tid, direction, body, decision.language, topic, sid, author, status, now)

    @staticmethod
    def _append_fields(
        pipe: Any,
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
        pipe.xadd(
            TRANSCRIPT_KEY.format(tid=tid),
            {
                "at": repr(now),
                "direction": direction,
                "body": body,
                "language": language,
                "topic": topic,
                "sid": sid,
                "author": author,
                "status": status,
            },
        )

    def _expire(self, pipe: Any, tid: str) -> None:
        for template in (TEXTER_KEY, TRANSCRIPT_KEY, CONVERSATION_KEY):
            pipe.expire(template.format(tid=tid), self.retention_seconds)

    def transcript(self, tid: str, count: int = 500) -> list[TranscriptEntry]:
        rows = self.redis.xrange(TRANSCRIPT_KEY.format(tid=tid), count=count)
        return [_transcript_entry(entry_id, fields) for entry_id, fields in rows]

    def transcript_entry(self, tid: str, entry_id: str) -> TranscriptEntry | None:
        """One message of a transcript by its stream id (what an outbound job is given)."""
        rows = self.redis.xrange(TRANSCRIPT_KEY.format(tid=tid), min=entry_id, max=entry_id, count=1)
        return _transcript_entry(*rows[0]) if rows else None

    # queue --------------------------------------------------------------------
    def request_counselor(self, tid: str, *, emergency: bool, reason: str, now: float) -> None:
        """Put the conversation in the queue (emergencies first), unless a counselor already holds it."""
        key = CONVERSATION_KEY.format(tid=tid)
        conversation = self.redis.hgetall(key)
        if conversation.get("status") == "held":
            if emergency:
                self.redis.hset(key, "emergency", "1")
                self.publish({"type": "emergency", "texter": tid, "reason": reason})
            return
        since = float(conversation["queued_at"]) if conversation.get("status") == "queued" else now
        emergency = emergency or (conversation.get("status") == "queued" and conversation.get("emergency") == "1")
        self.redis.hset(
            key,
            mapping={
                "status": "queued",
                "queued_at": repr(since),
                "reason": reason,
                "emergency": "1" if emergency else "0",
            },
        )
        self.redis.zadd(QUEUE_KEY, {tid: queue_score(emergency, since)})
        self.publish({"type": "emergency" if emergency else "queued", "texter": tid, "reason": reason})

    def queue(self) -> list[str]:
        return list(self.redis.zrange(QUEUE_KEY, 0, -1))

    # delivery status ----------------------------------------------------------
    def record_status(self, sid: str, status: str, error_code: str = "") -> None:
        """Keep the furthest status Twilio reported; callbacks may arrive out of order."""
        key = OUTBOUND_KEY.format(sid=sid)
        current = self.redis.hget(key, "status")
        if current and STATUS_RANK.get(current, 0) > STATUS_RANK.get(status, 0):
            return
        self.redis.hset(key, mapping={"status": status, "error": error_code, "updated_at": repr(time.time())})
        self.redis.expire(key, self.retention_seconds)
        texter = self.redis.hget(key, "texter")
        self.publish({"type": "status", "sid": sid, "status": status, "error": error_code, "texter": texter})

    def outbound(self, sid: str) -> dict[str, str]:
        return self.redis.hgetall(OUTBOUND_KEY.format(sid=sid))

    # events -------------------------------------------------------------------
    def publish(self, event: dict[str, Any]) -> None:
        self.redis.publish(EVENTS_CHANNEL, json.dumps(event))

    def recent_texters(self, limit: int = 100) -> Iterable[str]:
        return self.redis.zrevrange(TEXTERS_KEY, 0, limit - 1)
