"""Messages to a texter sent outside a webhook answer (counselor replies, phrasebook, goodbyes,
overdue notices): written to the transcript first, sent by a job, with one delivery record each.

Recording before sending means a counselor sees the reply at once ("pending")
and the job needs only ids: no phone number or text sits in RQ's job data.

The delivery record (one JSON value per transcript entry, in the texter's
keys.DELIVERY hash) is the one place a message's state lives. It moves through
one state machine, neutral to the provider (the channel maps its own words):

    pending -> sending -> queued -> sent -> delivered -> read
                  |   \\-> retrying -> sending ...        \\-> undelivered
                  \\-> failed                             \\-> failed

Every change goes through one Lua script that only moves forward (by RANK), so
status callbacks that arrive late or out of order change nothing, and a re-run
job cannot claim an entry twice: the record doubles as the idempotency key.
The final states are FINAL; "retrying" ends in "failed" when the retries run
out, and a "sending" whose worker died (no answer for SENDING_STALE_SECONDS)
reads as failed with a reason: we would rather not send a second copy to
someone in crisis than guess, and the counselor must not wait on it forever.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import redis

from helpline.state import keys
from helpline.state.events import EventKind, Events
from helpline.state.redis import text_map
from helpline.state.texters import Texters, TranscriptEntry


class DeliveryState(StrEnum):
    PENDING = "pending"  # recorded, waiting for the worker
    SENDING = "sending"  # a job has claimed it and is handing it to the provider
    RETRYING = "retrying"  # the last attempt failed in a way worth retrying; a retry is scheduled
    QUEUED = "queued"  # the provider accepted it
    SENT = "sent"  # the provider handed it to the carrier
    DELIVERED = "delivered"
    READ = "read"  # WhatsApp read receipts
    UNDELIVERED = "undelivered"  # final: the carrier could not deliver it
    FAILED = "failed"  # final: it was not sent, or the provider gave up


RANK = {
    DeliveryState.PENDING: 0,
    DeliveryState.RETRYING: 2,  # equal to sending: the job moves between the two
    DeliveryState.SENDING: 2,
    DeliveryState.QUEUED: 3,
    DeliveryState.SENT: 4,
    DeliveryState.DELIVERED: 5,
    DeliveryState.UNDELIVERED: 5,
    DeliveryState.FAILED: 5,
    DeliveryState.READ: 6,
}
FINAL = frozenset({DeliveryState.DELIVERED, DeliveryState.READ, DeliveryState.UNDELIVERED, DeliveryState.FAILED})
SENDING_STALE_SECONDS = 15 * 60  # far beyond the sender's timeout: the worker stopped mid-send
SENDING_LEASE_SECONDS = 25  # beyond the sender's timeout (10 s): an attempt this old is not in flight any more
STALE_REASON = "the worker stopped while sending; it may or may not have arrived"
SIMULATOR_OUTBOX_TTL_SECONDS = 24 * 3600

_RANKS_LUA = "{" + ", ".join(f"['{state.value}'] = {rank}" for state, rank in RANK.items()) + "}"

# KEYS[1] delivery hash; ARGV: entry, record (JSON), ttl, mode, sending lease (seconds).
# mode 'begin': claim for one send attempt: free, retrying, or still 'sending' (the attempt before died: its job
# is being retried). Returns {1, since} for a clean attempt, {2, since} when an earlier attempt may have reached
# the provider (it died mid-send, or timed out after sending), {3} while another attempt may still be sending
# (younger than ARGV[5] seconds), {0} otherwise; `since` is when the first attempt began.
# mode 'advance': move forward only; returns {1} when written, {0} otherwise.
_WRITE = (
    "local ranks = "
    + _RANKS_LUA
    + """
local current = redis.call('HGET', KEYS[1], ARGV[1])
local new = cjson.decode(ARGV[2])
local code = 1
if current then
  local old = cjson.decode(current)
  if ARGV[4] == 'begin' then
    if old['status'] == 'sending' then
      if tonumber(new['at']) - tonumber(old['at']) < tonumber(ARGV[5]) then return {3} end
      code = 2
    elseif old['status'] == 'retrying' then
      if old['doubt'] == 1 then code = 2 end
    else return {0} end
    new['since'] = old['since'] or old['at']
  else
    if (ranks[old['status']] or 0) > (ranks[new['status']] or 0) then return {0} end
    if (new['sid'] or '') == '' then new['sid'] = old['sid'] end
    new['since'] = old['since'] or old['at']
    if new['status'] == 'retrying' and old['doubt'] == 1 then new['doubt'] = 1 end
  end
end
if not new['since'] then new['since'] = new['at'] end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(new))
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {code, tostring(new['since'])}
"""
)


@dataclass(frozen=True)
class Attempt:
    """A send attempt the job may make (true), and whether an earlier one may already have reached the
    provider (then the job asks the provider first: see helpline.worker.deliver). `busy`: another attempt
    began less than SENDING_LEASE_SECONDS ago and may still be in flight; try again later."""

    claimed: bool
    in_doubt: bool = False
    busy: bool = False
    since: float = 0.0  # when the first attempt began: a reconciliation looks from there

    def __bool__(self) -> bool:
        return self.claimed


@dataclass(frozen=True)
class Delivery:
    status: str
    error: str = ""  # the provider's error code
    sid: str = ""  # the provider's message id
    detail: str = ""  # why, in words, when it failed
    at: float = 0.0

    @property
    def final(self) -> bool:
        return self.status in FINAL

    @property
    def reason(self) -> str:
        return self.detail


class Deliveries:
    def __init__(
        self,
        texters: Texters,
        events: Events,
        enqueue: Callable[[str, str], object],
        clock: Callable[[], float] = time.time,
    ):
        self.texters = texters
        self.redis: redis.Redis = texters.redis
        self.events = events
        self.enqueue = enqueue
        self.clock = clock
        self._write = self.redis.register_script(_WRITE)

    def send(self, tid: str, body: str, *, author: str, topic: str, language: str) -> str:
        """Record an outbound message and queue its sending; returns its transcript entry id."""
        entry = self.texters.append_message(
            tid, "out", body, language=language, topic=topic, author=author, status=DeliveryState.PENDING
        )
        self.events.publish(EventKind.OUTBOUND, tid, entry=entry)
        self.enqueue(tid, entry)
        return entry

    def entry(self, tid: str, entry: str) -> TranscriptEntry | None:
        return self.texters.transcript_entry(tid, entry)

    # the job's side ------------------------------------------------------------
    def begin(self, tid: str, entry: str) -> Attempt:
        """Claim one send attempt: refused (false) once the entry was sent or failed for good. An attempt after
        one that died mid-send (the work horse killed) or timed out after sending is `in_doubt`."""
        result = self._run(tid, entry, Delivery(DeliveryState.SENDING, at=self.clock()), mode="begin")
        if int(result[0]) in (0, 3):
            return Attempt(claimed=False, busy=int(result[0]) == 3)
        return Attempt(claimed=True, in_doubt=int(result[0]) == 2, since=float(result[1]))

    def sent(self, tid: str, entry: str, sid: str, status: DeliveryState) -> None:
        """The provider took the message: index its id (for status callbacks) and apply any early report."""
        out_key = keys.OUTBOUND.format(sid=sid)
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(out_key, mapping={"texter": tid, "entry": entry})
        pipe.expire(out_key, self.texters.retention_seconds)
        pipe.hgetall(out_key)
        early = pipe.execute()[2]
        self._advance(tid, entry, Delivery(status, sid=sid, at=self.clock()))
        if early.get("status"):  # a fast status callback came before this record
            self._advance(tid, entry, _reported(early, sid, self.clock()))

    def retrying(self, tid: str, entry: str, code: int | str | None, detail: str = "", in_doubt: bool = False) -> None:
        """A retry is scheduled; `in_doubt` when this attempt may have reached the provider (a timeout after
        sending): the retry then asks the provider before sending again."""
        delivery = Delivery(DeliveryState.RETRYING, str(code or ""), detail=detail, at=self.clock())
        self._advance(tid, entry, delivery, extra={"doubt": 1} if in_doubt else None)

    def failed(self, tid: str, entry: str, code: int | str | None, detail: str = "") -> None:
        self._advance(tid, entry, Delivery(DeliveryState.FAILED, str(code or ""), detail=detail, at=self.clock()))

    def refused_as_opted_out(self, tid: str, entry: str, code: int | str | None, detail: str = "") -> None:
        """The provider refused the message because the texter opted out (Twilio's 21610), perhaps on
        another number of the Messaging Service or before we saw their STOP: a final failure with that
        code, and the texter marked opted out until they send START."""
        self.failed(tid, entry, code, detail)
        self.texters.mark_opted_out(tid)

    # the provider's side ---------------------------------------------------------
    def record_status(self, sid: str, status: DeliveryState, error: str = "", detail: str = "") -> None:
        """A status callback: the furthest state wins, whatever order callbacks arrive in."""
        out_key = keys.OUTBOUND.format(sid=sid)
        pipe = self.redis.pipeline(transaction=False)
        pipe.hset(out_key, mapping={"status": status.value, "error": error, "detail": detail})
        pipe.expire(out_key, self.texters.retention_seconds)
        pipe.hmget(out_key, "texter", "entry")
        tid, entry = pipe.execute()[2]
        if tid and entry:
            self._advance(str(tid), str(entry), Delivery(status, error, sid=sid, detail=detail, at=self.clock()))

    # reading -------------------------------------------------------------------
    def states(self, tid: str) -> dict[str, Delivery]:
        """Entry id -> delivery record; a send whose worker died reads as failed."""
        now = self.clock()
        found = {}
        for entry, value in text_map(self.redis.hgetall(keys.DELIVERY.format(tid=tid))).items():
            delivery = _delivery(value)
            if delivery.status == DeliveryState.SENDING and now - delivery.at > SENDING_STALE_SECONDS:
                delivery = Delivery(DeliveryState.FAILED, detail=STALE_REASON, at=delivery.at)
            found[entry] = delivery
        return found

    def _advance(self, tid: str, entry: str, delivery: Delivery, extra: dict[str, int] | None = None) -> None:
        if int(self._run(tid, entry, delivery, mode="advance", extra=extra)[0]) == 1:
            self.events.publish(EventKind.STATUS, tid, entry=entry, status=delivery.status)

    def _run(
        self, tid: str, entry: str, delivery: Delivery, mode: str, extra: dict[str, int] | None = None
    ) -> list[str | int]:
        record = {
            "status": str(delivery.status),
            "error": delivery.error,
            "sid": delivery.sid,
            "detail": delivery.detail,
            "at": delivery.at,
            **(extra or {}),
        }
        args: list[str | int] = [entry, json.dumps(record), self.texters.retention_seconds, mode, SENDING_LEASE_SECONDS]
        return list(self._write(keys=[keys.DELIVERY.format(tid=tid)], args=args))


class SimulatedPhones:
    """Development without a provider: texts a simulated phone has not shown yet, per texter."""

    def __init__(self, texters: Texters):
        self.texters = texters

    def put(self, address: str, body: str) -> None:
        key = keys.SIMULATOR_OUTBOX.format(tid=self.texters.texter_id(address))
        pipe = self.texters.redis.pipeline(transaction=True)
        pipe.rpush(key, body)
        pipe.expire(key, SIMULATOR_OUTBOX_TTL_SECONDS)
        pipe.execute()

    def take(self, address: str) -> list[str]:
        """Everything waiting for a simulated phone, oldest first, once."""
        key = keys.SIMULATOR_OUTBOX.format(tid=self.texters.texter_id(address))
        pipe = self.texters.redis.pipeline(transaction=True)
        pipe.lrange(key, 0, -1)
        pipe.delete(key)
        return [str(text) for text in pipe.execute()[0]]


def _delivery(value: str) -> Delivery:
    try:
        record = json.loads(value)
    except (TypeError, ValueError):
        return Delivery(DeliveryState.FAILED, detail="unreadable delivery record")
    return Delivery(
        status=str(record.get("status", "")),
        error=str(record.get("error", "")),
        sid=str(record.get("sid", "")),
        detail=str(record.get("detail", "")),
        at=float(record.get("at") or 0),
    )


def _reported(fields: dict[str, str], sid: str, now: float) -> Delivery:
    return Delivery(
        status=fields.get("status", ""), error=fields.get("error", ""), sid=sid, detail=fields.get("detail", ""), at=now
    )
