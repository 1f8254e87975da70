"""Messages to a texter sent outside a webhook answer (counselor replies, phrasebook, goodbyes,
overdue notices): written to the transcript first, sent by a job, with their delivery state.

Recording before sending means a counselor sees the reply at once ("pending")
and the job needs only ids: no phone number or text sits in RQ's job data.
The delivery hash doubles as the idempotency key: a job claims its entry with
one atomic write before calling Twilio, so a re-run (RQ retry, duplicate
enqueue) never texts twice. A worker killed between the call and the record
leaves the entry "sending": we would rather not send a second copy to someone
in crisis than guess.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from helpline import channel
from helpline.store import OUTBOUND_KEY, PREFIX, Store, TranscriptEntry

DELIVERY_KEY = PREFIX + "{{{tid}}}:delivery"  # hash: transcript entry id -> JSON {"status", "sid", "error"}
PENDING = "pending"  # recorded, waiting for the worker
SENDING = "sending"  # a job has claimed it and is talking to Twilio
RETRYING = "retrying"  # the last attempt failed in a way worth retrying; a retry is scheduled
FAILED = "failed"

# KEYS[1] delivery hash; ARGV: entry, ttl. Claims an entry for one send attempt: free or retrying only.
_BEGIN = """
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and cjson.decode(current)['status'] ~= 'retrying' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode({status = 'sending'}))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
"""


@dataclass(frozen=True)
class Delivery:
    status: str
    error: str = ""  # Twilio's error code
    sid: str = ""
    detail: str = ""  # why, when the failure has no Twilio code (no account configured, network)

    @property
    def reason(self) -> str:
        return channel.error_reason(self.error) or self.detail


class Outbox:
    def __init__(self, store: Store, enqueue: Callable[[str, str], object]):
        self.store = store
        self.redis = store.redis
        self.enqueue = enqueue
        self._begin = self.redis.register_script(_BEGIN)

    def send(self, tid: str, body: str, *, author: str, topic: str, language: str) -> str:
        """Record an outbound message and queue its sending; returns its transcript entry id."""
        entry = self.store.append_message(
            tid, "out", body, language=language, topic=topic, author=author, status=PENDING
        )
        self.store.publish({"type": "outbound", "texter": tid, "entry": entry})
        self.enqueue(tid, entry)
        return entry

    def entry(self, tid: str, entry: str) -> TranscriptEntry | None:
        return self.store.transcript_entry(tid, entry)

    # the job's side ------------------------------------------------------------
    def begin(self, tid: str, entry: str) -> bool:
        """True when this attempt may send: nobody sent, or is sending, this entry."""
        key = DELIVERY_KEY.format(tid=tid)
        return int(self._begin(keys=[key], args=[entry, self.store.retention_seconds])) == 1

    def sent(self, tid: str, entry: str, sid: str, status: str) -> None:
        out_key = OUTBOUND_KEY.format(sid=sid)
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(DELIVERY_KEY.format(tid=tid), entry, json.dumps({"status": status, "sid": sid}))
        pipe.expire(DELIVERY_KEY.format(tid=tid), self.store.retention_seconds)
        pipe.hset(out_key, mapping={"texter": tid, "entry": entry})
        pipe.hsetnx(out_key, "status", status)  # a fast status callback may already have said more
        pipe.expire(out_key, self.store.retention_seconds)
        pipe.execute()
        self.store.publish({"type": "status", "texter": tid, "entry": entry, "sid": sid, "status": status})

    def retrying(self, tid: str, entry: str, code: int | None, detail: str = "") -> None:
        self._set(tid, entry, Delivery(RETRYING, str(code or ""), detail=detail))

    def failed(self, tid: str, entry: str, code: int | str | None, detail: str = "") -> None:
        self._set(tid, entry, Delivery(FAILED, str(code or ""), detail=detail))

    def _set(self, tid: str, entry: str, delivery: Delivery) -> None:
        value = {"status": delivery.status, "error": delivery.error, "detail": delivery.detail}
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(DELIVERY_KEY.format(tid=tid), entry, json.dumps(value))
        pipe.expire(DELIVERY_KEY.format(tid=tid), self.store.retention_seconds)
        pipe.execute()
        self.store.publish({"type": "status", "texter": tid, "entry": entry, "status": delivery.status})

    # reading -------------------------------------------------------------------
    def states(self, tid: str) -> dict[str, Delivery]:
        """Entry id -> delivery state, the furthest status Twilio reported winning."""
        raw = {entry: json.loads(value) for entry, value in self.redis.hgetall(DELIVERY_KEY.format(tid=tid)).items()}
        with_sid = [(entry, value["sid"]) for entry, value in raw.items() if value.get("sid")]
        pipe = self.redis.pipeline(transaction=False)
        for _, sid in with_sid:
            pipe.hgetall(OUTBOUND_KEY.format(sid=sid))
        reported = dict(zip((entry for entry, _ in with_sid), pipe.execute(), strict=True)) if with_sid else {}
        states = {}
        for entry, value in raw.items():
            outbound = reported.get(entry) or {}
            states[entry] = Delivery(
                status=outbound.get("status") or value.get("status", ""),
                error=outbound.get("error") or value.get("error", ""),
                sid=value.get("sid", ""),
                detail=value.get("detail", ""),
            )
        return states
