"""Conversations between texters and counselors: the queue, claim, transfer, close, notes, overdue.

Plain Python over Redis, no Flask. A conversation is the texter's
keys.CONVERSATION hash (status queued, held or closed; the holder's name) plus
its place in the queue (or the held index). Every write of its status is a Lua
script on that one hash, here and nowhere else: Redis runs a script alone, so
when two counselors claim at once exactly one sees the conversation still
queued, and a texter asking for a counselor while one claims can no longer
turn a held conversation back into a queued one. On Redis Cluster the global
queue and held index live in other slots than the hash, so there each script
touches the hash only, and the indexes are updated right after; every reader
checks the hash's status rather than trusting them.

On one server (every deployment today: RQ does not run on a cluster) the
request script also puts the conversation in the queue's index and publishes
its event, in the same atomic step as the status it writes: the webhook's
counselor request then needs no round trip of its own after its write (a third
of the benchmark's messages made one), and a counselor's claim can no longer
fall between the status and the index (the index update that followed could
leave a held conversation in the queue's index).

Counselors never get a texter's number from here, only its masked form
(helpline.address); Texters.address is for sending and the audited unmask.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import redis

from helpline import address as address_module
from helpline.state import keys
from helpline.state.events import EventKind, Events
from helpline.state.redis import stream_entries, text_map
from helpline.state.scripts import Batch, Lua
from helpline.state.texters import fields as texter_fields

DEFAULT_OUTCOMES = (
    "resolved",
    "referred to crisis line",
    "referred to treatment",
    "no response",
    "emergency services involved",
    "other",
)
DEFAULT_UNCLAIMED_MINUTES = 10
QUEUED, HELD, CLOSED = "queued", "held", "closed"
EMERGENCY_PRIORITY = 0
NORMAL_PRIORITY = 1
PRIORITY_SPAN = 10**13  # score = priority * span + wait start in ms: emergencies first, then oldest

# KEYS[1] conversation hash, KEYS[2] (on one server only) the queue index. ARGV: emergency ('1' or '0'), reason,
# now; with the index also the texter id, the events channel, the emergency event and the queued event.
# Queues the conversation unless a counselor holds it; a held one only gets the emergency flag. With the index, the
# conversation's place in it (`queue_score`) and the event are written here too, so no claim can come between.
# Returns "<status after> <queued_at> <emergency> <1 when the index and the event were written here else 0>" (queued_at
# empty for a held one): one string, not a list (each table in a script's reply cost Redis 6.2 about 4 µs of CPU:
# bench/PROFILE.md, "Twenty-fourth look").
_REQUEST = f"""
local indexed = KEYS[2] and 1 or 0
local status = redis.call('HGET', KEYS[1], 'status') or ''
if status == 'held' then
  if ARGV[1] == '1' then
    redis.call('HSET', KEYS[1], 'emergency', '1')
    if indexed == 1 then redis.call('PUBLISH', ARGV[5], ARGV[6]) end
  end
  return 'held  ' .. ARGV[1] .. ' ' .. indexed
end
local since = ARGV[3]
local emergency = ARGV[1]
if status == 'queued' then
  since = redis.call('HGET', KEYS[1], 'queued_at') or ARGV[3]
  if redis.call('HGET', KEYS[1], 'emergency') == '1' then emergency = '1' end
end
redis.call('HSET', KEYS[1], 'status', 'queued', 'queued_at', since, 'reason', ARGV[2], 'emergency', emergency)
if indexed == 1 then
  local priority = {NORMAL_PRIORITY}
  if emergency == '1' then priority = {EMERGENCY_PRIORITY} end
  redis.call('ZADD', KEYS[2], priority * {PRIORITY_SPAN} + math.floor(tonumber(since) * 1000), ARGV[4])
  redis.call('PUBLISH', ARGV[5], emergency == '1' and ARGV[6] or ARGV[7])
end
return 'queued ' .. since .. ' ' .. emergency .. ' ' .. indexed
"""

# KEYS[1] conversation hash; ARGV: counselor, now. Returns {1} or {0, status, holder}.
_CLAIM = """
local status = redis.call('HGET', KEYS[1], 'status') or ''
if status ~= 'queued' then
  return {0, status, redis.call('HGET', KEYS[1], 'counselor') or ''}
end
redis.call('HSET', KEYS[1], 'status', 'held', 'counselor', ARGV[1], 'claimed_at', ARGV[2])
return {1}
"""

# KEYS[1] conversation hash; ARGV: expected holder ('' = anyone, and queued allowed: supervisors),
# target counselor ('' = back to the queue), now. Returns {1, previous holder} or {0, status, holder}.
_TRANSFER = """
local status = redis.call('HGET', KEYS[1], 'status') or ''
local holder = redis.call('HGET', KEYS[1], 'counselor') or ''
local allowed = (status == 'held' and (ARGV[1] == '' or holder == ARGV[1]))
  or (status == 'queued' and ARGV[1] == '' and ARGV[2] ~= '')
if not allowed then return {0, status, holder} end
if status == 'queued' then holder = '' end
if ARGV[2] == '' then
  redis.call('HSET', KEYS[1], 'status', 'queued')
  redis.call('HDEL', KEYS[1], 'counselor', 'claimed_at')
else
  redis.call('HSET', KEYS[1], 'status', 'held', 'counselor', ARGV[2], 'claimed_at', ARGV[3])
end
return {1, holder}
"""

# KEYS[1] conversation hash; ARGV: expected holder ('' = anyone: supervisors), outcome, now, closed by.
_CLOSE = """
local status = redis.call('HGET', KEYS[1], 'status') or ''
local holder = redis.call('HGET', KEYS[1], 'counselor') or ''
local allowed = (status == 'held' and (ARGV[1] == '' or holder == ARGV[1]))
  or (status == 'queued' and ARGV[1] == '')
if not allowed then return {0, status, holder} end
redis.call('HSET', KEYS[1], 'status', 'closed', 'outcome', ARGV[2], 'closed_at', ARGV[3], 'closed_by', ARGV[4])
redis.call('HDEL', KEYS[1], 'counselor', 'claimed_at', 'overdue_at')
return {1, holder}
"""

# KEYS[1] conversation hash; ARGV: now. Marks a still-queued conversation overdue, once.
_OVERDUE = """
if redis.call('HGET', KEYS[1], 'status') ~= 'queued' then return 0 end
return redis.call('HSETNX', KEYS[1], 'overdue_at', ARGV[1])
"""


class ConversationError(Exception):
    """A conversation change that cannot be made; the message is shown to the counselor."""


class NotAvailable(ConversationError):
    """The conversation is not in a state that allows this, usually because someone else holds it."""

    def __init__(self, status: str, holder: str):
        self.status = status
        self.holder = holder
        if status == HELD:
            message = f"{holder} holds this conversation" if holder else "someone else holds this conversation"
        elif status == CLOSED:
            message = "this conversation is closed"
        elif status == QUEUED:
            message = "this conversation is waiting in the queue: claim it first"
        else:
            message = "no such conversation"
        super().__init__(message)


class UnknownOutcome(ConversationError):
    pass


UNREACHABLE_NOTE = "cannot be texted until they send START"


@dataclass(frozen=True)
class Summary:
    """What a counselor may see of a conversation in a list: never the number itself."""

    tid: str
    status: str
    counselor: str
    emergency: bool
    reason: str
    queued_at: float
    overdue: bool
    masked: str
    country: str  # "US", "" when unknown
    country_name: str
    language: str  # catalog code
    channel: str
    outcome: str
    # Texted STOP, or the provider refused a reply as opted out (Twilio 21610): on long codes and
    # toll-free numbers nothing reaches them, not even a counselor's reply, until they text START.
    opted_out: bool = False
    last_seen: float = 0.0  # the texter's last message
    closed_at: float = 0.0

    @property
    def unreachable(self) -> str:
        """What a counselor must know before answering: empty when texts can reach the texter."""
        return UNREACHABLE_NOTE if self.opted_out else ""

    def waiting_minutes(self, now: float) -> int:
        return max(0, int((now - self.queued_at) // 60)) if self.queued_at else 0


def queue_score(emergency: bool, since: float) -> float:
    priority = EMERGENCY_PRIORITY if emergency else NORMAL_PRIORITY
    return priority * PRIORITY_SPAN + int(since * 1000)


def single_server(client: redis.Redis) -> bool:
    """Whether every key is on one server, so that one script may write a texter's keys and a global index: not a
    Redis Cluster client (whose scripts must keep to one slot)."""
    from redis.cluster import RedisCluster

    return not isinstance(client, RedisCluster)


def parse_outcomes(value: str | None) -> tuple[str, ...]:
    """HELPLINE_OUTCOMES: a comma-separated list; unset or blank gives the defaults."""
    items = tuple(dict.fromkeys(item.strip() for item in (value or "").split(",") if item.strip()))
    return items or DEFAULT_OUTCOMES


@dataclass(frozen=True)
class Requested:
    """What asking for a counselor did: queued (emergencies first) or, when someone holds it, flagged only."""

    status: str  # "queued" or "held"
    emergency: bool


class Conversations:
    def __init__(
        self,
        client: redis.Redis,
        events: Events,
        *,
        retention_seconds: int,
        outcomes: Iterable[str] = DEFAULT_OUTCOMES,
        clock: Callable[[], float] = time.time,
        index_in_scripts: bool | None = None,
    ):
        self.redis = client
        self.events = events
        self.retention_seconds = retention_seconds
        self.outcomes = tuple(outcomes)
        self.clock = clock
        # Whether the request script may write the global queue index too (one server: see the module's docstring).
        self.index_in_scripts = single_server(client) if index_in_scripts is None else index_in_scripts
        self._request_lua = Lua(client, _REQUEST)
        self._claim = client.register_script(_CLAIM)
        self._transfer = client.register_script(_TRANSFER)
        self._close = client.register_script(_CLOSE)
        self._overdue = client.register_script(_OVERDUE)

    # reading -----------------------------------------------------------------
    def fields(self, tid: str) -> dict[str, str]:
        """The conversation hash as stored (status, counselor, emergency, queued_at, ...)."""
        return text_map(self.redis.hgetall(keys.CONVERSATION.format(tid=tid)))

    def summary(self, tid: str) -> Summary | None:
        found = self.summaries([tid])
        return found[0] if found else None

    def summaries(self, tids: Iterable[str]) -> list[Summary]:
        tids = list(tids)
        pipe = self.redis.pipeline(transaction=False)
        for tid in tids:
            pipe.hgetall(keys.TEXTER.format(tid=tid))
            pipe.hgetall(keys.CONVERSATION.format(tid=tid))
        rows = pipe.execute()
        found = []
        for index, tid in enumerate(tids):
            texter, conversation = texter_fields(rows[2 * index]), rows[2 * index + 1]
            if texter and conversation:
                found.append(_summary(tid, texter, conversation))
        return found

    def queue_ids(self) -> list[str]:
        """The queue index as stored, first in line first (ids only; `queue` checks each one)."""
        return [str(tid) for tid in self.redis.zrange(keys.QUEUE, 0, -1)]

    def queue(self) -> list[Summary]:
        """Waiting conversations: emergencies first, the texter who wrote last first; then the longest waiting.

        Every queued emergency is one no counselor is answering. Among them the most recent message
        comes first: a new overdose must not wait behind emergencies the bot answered an hour ago.
        """
        waiting = [s for s in self._indexed(keys.QUEUE) if s.status == QUEUED]
        return sorted(waiting, key=lambda s: (0, -s.last_seen) if s.emergency else (1, s.queued_at))

    def held(self) -> list[Summary]:
        """Conversations a counselor holds, longest held first."""
        return [s for s in self._indexed(keys.HELD) if s.status == HELD]

    def _indexed(self, index: str) -> list[Summary]:
        """Summaries of an index's ids, dropping ids whose conversation expired (retention) from the index."""
        tids = [str(tid) for tid in self.redis.zrange(index, 0, -1)]
        found = self.summaries(tids)
        gone = set(tids) - {s.tid for s in found}
        if gone:
            self.redis.zrem(index, *gone)
        return found

    def open_conversations(self) -> list[Summary]:
        """Every queued and held conversation (the supervisors' view): the queue first, in its order."""
        return self.queue() + self.held()

    def held_by(self, counselor: str) -> list[Summary]:
        return [s for s in self.held() if s.counselor == counselor]

    # changes -----------------------------------------------------------------
    def request_counselor(self, tid: str, *, emergency: bool, reason: str, now: float | None = None) -> Requested:
        """Put the conversation in the queue (emergencies first), unless a counselor already holds it.

        One script decides and writes, so a claim can only come wholly before (the holder keeps it, and an
        emergency is flagged for them) or wholly after (the counselor claims the queued conversation).
        """
        at = self.clock() if now is None else now
        result = self._request_lua(*self._request_arguments(tid, emergency, reason, at))
        return self.requested(tid, result, reason=reason)

    def queue_request(self, batch: Batch, tid: str, *, emergency: bool, reason: str, now: float | None = None) -> int:
        """`request_counselor`'s script, queued in a batch (the webhook's write round trip); returns its index.
        Pass its result to `requested`, which tells what it did (and, on a cluster only, then updates the queue
        index and tells the dashboards: one more round trip)."""
        at = self.clock() if now is None else now
        return batch.run(self._request_lua, *self._request_arguments(tid, emergency, reason, at))

    def _request_arguments(self, tid: str, emergency: bool, reason: str, at: float) -> tuple[list[str], list[Any]]:
        """The request script's keys and arguments: with the queue index and both events it may publish when the
        script may write the index (one server), the conversation hash alone on a cluster."""
        conversation = keys.of_texter(tid).conversation
        args: list[Any] = ["1" if emergency else "0", reason, repr(at)]
        if not self.index_in_scripts:
            return [conversation], args
        urgent = Events.encode(EventKind.EMERGENCY, tid, reason=reason)
        waiting = urgent if emergency else Events.encode(EventKind.QUEUED, tid, reason=reason)
        return [conversation, keys.QUEUE], [*args, tid, keys.EVENTS, urgent, waiting]

    def requested(self, tid: str, result: str, *, reason: str) -> Requested:
        """What the request script did. On a cluster (its result says the index was not written) the queue index
        and the event follow here, in a round trip of their own after the conversation's write."""
        status, _, rest = str(result).partition(" ")
        since, emergency, indexed_flag = rest.rsplit(" ", 2)
        flagged, indexed = emergency == "1", indexed_flag == "1"
        if status == HELD:
            if flagged and not indexed:
                self.events.publish(EventKind.EMERGENCY, tid, reason=reason)
            return Requested(HELD, flagged)
        if not indexed:
            batch = Batch(self.redis)  # the global index after the conversation's own write
            batch.command("ZADD", keys.QUEUE, queue_score(flagged, float(since)), tid)
            self.events.queue(batch, EventKind.EMERGENCY if flagged else EventKind.QUEUED, tid, reason=reason)
            batch.execute()
        return Requested(QUEUED, flagged)

    def claim(self, tid: str, counselor: str) -> None:
        """Take a queued conversation; raises NotAvailable when someone else got there first."""
        result = self._claim(keys=[keys.CONVERSATION.format(tid=tid)], args=[counselor, repr(self.clock())])
        if int(result[0]) != 1:
            raise NotAvailable(str(result[1]), str(result[2]))
        self._index_held(tid)
        self.events.publish(EventKind.CLAIMED, tid, counselor=counselor)

    def transfer(self, tid: str, to: str | None, *, holder: str | None) -> str:
        """Hand a conversation to `to`, or back to the queue when `to` is None; returns the previous holder.

        `holder` is the counselor who must hold it now; None lets a supervisor move any open conversation,
        including assigning a queued one.
        """
        key = keys.CONVERSATION.format(tid=tid)
        result = self._transfer(keys=[key], args=[holder or "", to or "", repr(self.clock())])
        if int(result[0]) != 1:
            raise NotAvailable(str(result[1]), str(result[2]))
        previous = str(result[1])
        if to:
            self._index_held(tid)
        else:
            conversation = self.fields(tid)
            since = float(conversation.get("queued_at") or self.clock())
            # Back in line at its original place: the texter has waited already.
            pipe = self.redis.pipeline(transaction=False)
            pipe.zrem(keys.HELD, tid)
            pipe.zadd(keys.QUEUE, {tid: queue_score(conversation.get("emergency") == "1", since)})
            pipe.execute()
        self.events.publish(EventKind.TRANSFERRED, tid, **{"from": previous, "to": to or ""})
        return previous

    def close(self, tid: str, outcome: str, *, by: str, holder: str | None) -> None:
        """End a conversation with an outcome from the configured list."""
        if outcome not in self.outcomes:
            raise UnknownOutcome(f"unknown outcome {outcome!r}")
        key = keys.CONVERSATION.format(tid=tid)
        result = self._close(keys=[key], args=[holder or "", outcome, repr(self.clock()), by])
        if int(result[0]) != 1:
            raise NotAvailable(str(result[1]), str(result[2]))
        pipe = self.redis.pipeline(transaction=False)
        pipe.zrem(keys.QUEUE, tid)
        pipe.zrem(keys.HELD, tid)
        pipe.execute()
        self.events.publish(EventKind.CLOSED, tid, counselor=by)

    def return_all(self, counselor: str) -> list[str]:
        """Put every conversation `counselor` holds back in the queue (for when an account is disabled)."""
        returned = []
        for summary in self.held_by(counselor):
            try:
                self.transfer(summary.tid, None, holder=counselor)
            except NotAvailable:
                continue  # moved meanwhile
            returned.append(summary.tid)
        return returned

    def _index_held(self, tid: str) -> None:
        pipe = self.redis.pipeline(transaction=False)
        pipe.zrem(keys.QUEUE, tid)
        pipe.zadd(keys.HELD, {tid: self.clock()}, nx=True)  # a transfer keeps the original claim time
        pipe.execute()

    def require_holder(self, tid: str, counselor: str) -> None:
        """Only the holder replies; a supervisor takes the conversation over (transfer) first."""
        status, holder = self.redis.hmget(keys.CONVERSATION.format(tid=tid), "status", "counselor")
        if status != HELD or holder != counselor:
            raise NotAvailable(str(status or ""), str(holder or ""))

    # notes -------------------------------------------------------------------
    def add_note(self, tid: str, author: str, body: str) -> str:
        key = keys.NOTES.format(tid=tid)
        pipe = self.redis.pipeline(transaction=True)
        pipe.xadd(key, {"at": repr(self.clock()), "author": author, "body": body})
        pipe.expire(key, self.retention_seconds)
        entry = str(pipe.execute()[0])
        self.events.publish(EventKind.NOTE, tid)
        return entry

    def notes(self, tid: str) -> list[dict[str, str]]:
        notes = stream_entries(self.redis.xrange(keys.NOTES.format(tid=tid)))
        return [{"id": entry, **fields} for entry, fields in notes]

    # overdue -----------------------------------------------------------------
    def mark_overdue(self, after_seconds: float, now: float | None = None) -> list[str]:
        """Queued conversations waiting longer than `after_seconds` that were not yet marked; marks them.

        Each conversation is returned once per opening (the mark is cleared on close), so the caller's
        crisis-line text goes out once even when two workers sweep at the same moment.
        """
        now = self.clock() if now is None else now
        cutoff_ms = int((now - after_seconds) * 1000)
        candidates: list[str] = []
        for priority in (EMERGENCY_PRIORITY, NORMAL_PRIORITY):
            base = priority * PRIORITY_SPAN
            candidates += [str(tid) for tid in self.redis.zrangebyscore(keys.QUEUE, base, base + cutoff_ms)]
        marked = []
        for tid in candidates:
            if int(self._overdue(keys=[keys.CONVERSATION.format(tid=tid)], args=[repr(now)])) == 1:
                marked.append(tid)
                self.events.publish(EventKind.OVERDUE, tid)
        return marked


def _summary(tid: str, texter: dict[str, str], conversation: dict[str, str]) -> Summary:
    address = address_module.parse(texter.get("address", ""))
    status = conversation.get("status", "")
    return Summary(
        tid=tid,
        status=status,
        counselor=conversation.get("counselor", "") if status == HELD else "",
        emergency=conversation.get("emergency") == "1",
        reason=conversation.get("reason", ""),
        queued_at=float(conversation.get("queued_at") or 0),
        overdue=bool(conversation.get("overdue_at")) and status == QUEUED,
        masked=address.masked if address.raw else "unknown",
        country=address.country or "",
        country_name=address.country_name,
        language=texter.get("language", "") or "en",
        channel=texter.get("channel", "sms"),
        outcome=conversation.get("outcome", "") if status == CLOSED else "",
        opted_out=texter.get("opted_out") == "1",
        last_seen=float(texter.get("last_seen") or 0),
        closed_at=float(conversation.get("closed_at") or 0) if status == CLOSED else 0.0,
    )
