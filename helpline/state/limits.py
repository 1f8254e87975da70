"""Limits kept in Redis, each counted by one atomic script: texters' message rate, and login attempts.

Texter rate. A number that texts 500 times in 10 s (a script, a stuck phone,
a bot loop the loop checks did not recognise) would get 500 answers, each one
billed. Every inbound message of a texter is counted in a fixed window
(HELPLINE_RATE_LIMIT, "20/600" = 20 messages per 600 s); past the limit the
bot sends one notice per window and then nothing until the window ends.
Emergencies are always answered: the caller checks the decision first.
Counting is one script (INCR, and EXPIRE on the first hit), so parallel
deliveries cannot slip past it and the key never outlives its window; past the
limit the same script reads whether the notice went out, so a flood's silenced
messages cost no round trip more than others (only the notice's claim does).

Login attempts. Guessing is slowed by growing delays, counted *before* the
password is checked, so thirty parallel guesses are not all checked: an
attempt reserves its slot atomically and every attempt inside the delay is
refused without touching the password. Three counters, because each stops a
different attack: the (name, address) pair, the name from anywhere, and the
address over every name. None is a hard lock: delays grow from one second to
a cap. And an address the counselor has signed in from before (kept 30 days)
is counted only on its own pair, so a stranger failing on purpose against her
name from elsewhere cannot keep the real counselor out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import redis

from helpline.state import keys
from helpline.state.scripts import Batch, Lua

DEFAULT_RATE_LIMIT = "20/600"


class RateLimitError(ValueError):
    """HELPLINE_RATE_LIMIT is not "COUNT/SECONDS"."""


@dataclass(frozen=True)
class RateLimit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        try:
            count, seconds = (int(part) for part in text.strip().split("/"))
        except ValueError:
            raise RateLimitError(f"HELPLINE_RATE_LIMIT={text!r}: expected COUNT/SECONDS, e.g. 20/600") from None
        if count < 1 or seconds < 1:
            raise RateLimitError(f"HELPLINE_RATE_LIMIT={text!r}: both numbers must be positive")
        return cls(count, seconds)


class Rate(StrEnum):
    WITHIN = "within"  # answer as usual
    NOTICE = "notice"  # the first answer past the limit: the notice instead
    SILENT = "silent"  # past the limit, notice already sent: no answer


# KEYS[1] counter, KEYS[2] the notice's mark. Returns the count including this message, negated when that is past the
# limit and the notice went out this window: one integer, not a list (each table in a script's reply cost Redis 6.2
# about 4 µs: bench/PROFILE.md, "Twenty-fourth look"). The window and the limit (settings) are written into the source:
# no arguments to pack and parse per message.
def _count_source(limit: RateLimit) -> str:
    return f"""
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], {limit.seconds}) end
if n > {limit.count} and redis.call('EXISTS', KEYS[2]) == 1 then return -n end
return n
"""


@dataclass(frozen=True)
class Counted:
    """One message counted: the window's count with it, and whether the notice went out already (read only past the
    limit, in the same script: a texter flooding past the limit costs no more round trips than one within it)."""

    count: int
    notice_sent: bool = False


class TexterRate:
    """Per-texter message counting in a fixed window; the notice sent once per window."""

    def __init__(self, client: redis.Redis, limit: RateLimit):
        self.redis = client
        self.limit = limit
        self._count = Lua(client, _count_source(limit))

    def count(self, tid: str) -> Counted:
        """Count one inbound message: how many this window holds now, and whether the notice went out already."""
        return _counted(self._count(self._keys(tid), []))

    def queue_count(self, batch: Batch, tid: str) -> Callable[[list[Any]], Counted]:
        """`count` in the webhook's first round trip; returns the reader of the batch's results."""
        index = batch.run(self._count, self._keys(tid), [])
        return lambda results: _counted(results[index])

    def verdict(self, tid: str, counted: Counted) -> Rate:
        """What to do with an answer the bot would send, given the message's count.

        Past the limit, the notice goes out once per window: claimed with SET NX, one round trip, unless the count
        found the notice sent already (a mark only ever appears within its lifetime, so SET NX would have failed)."""
        if counted.count <= self.limit.count:
            return Rate.WITHIN
        if counted.notice_sent:
            return Rate.SILENT
        batch = Batch(self.redis)  # a Batch: in a gevent worker it shares its round trip with other requests'
        batch.command("SET", keys.RATE_NOTICE.format(tid=tid), "1", "NX", "EX", self.limit.seconds)
        return Rate.NOTICE if batch.execute()[0] else Rate.SILENT

    @staticmethod
    def _keys(tid: str) -> list[str]:
        named = keys.of_texter(tid)
        return [named.rate, named.rate_notice]


def _counted(raw: int) -> Counted:
    """The count script's reply: the count, negated when the notice went out already."""
    return Counted(-raw, True) if raw < 0 else Counted(raw)


# -- login attempts -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Throttle:
    free: int  # attempts without delay
    cap_seconds: float  # the longest delay


PAIR = Throttle(free=5, cap_seconds=300)
ACCOUNT = Throttle(free=10, cap_seconds=60)
REMOTE = Throttle(free=30, cap_seconds=60)  # a whole office behind one NAT address may sign in at 9:00
FIRST_DELAY_SECONDS = 1.0
COUNTER_TTL_SECONDS = 3600  # an hour without attempts forgets them
TRUSTED_TTL_SECONDS = 30 * 24 * 3600

# KEYS: counters (hashes: n, next). ARGV: now, ttl, first delay, then per key: free, cap.
# Refuses (returns the seconds to wait) when any counter is inside its delay; otherwise counts the
# attempt on every counter, moves each one's next allowed time, and returns 0.
_ATTEMPT = """
local now = tonumber(ARGV[1])
local wait = 0
for i, key in ipairs(KEYS) do
  local next_at = tonumber(redis.call('HGET', key, 'next') or '0')
  if next_at > now and next_at - now > wait then wait = next_at - now end
end
if wait > 0 then return tostring(wait) end
for i, key in ipairs(KEYS) do
  local free = tonumber(ARGV[2 + 2 * i])
  local cap = tonumber(ARGV[3 + 2 * i])
  local n = redis.call('HINCRBY', key, 'n', 1)
  local delay = 0
  if n > free then delay = math.min(tonumber(ARGV[3]) * 2 ^ (n - free - 1), cap) end
  -- no delay: 'next' stays 0 (Lua's tostring rounds a time, which could land a hair after now)
  if delay > 0 then redis.call('HSET', key, 'next', string.format('%.3f', now + delay))
  else redis.call('HSET', key, 'next', '0') end
  redis.call('EXPIRE', key, ARGV[2])
end
return '0'
"""


# KEYS: counters; ARGV: each one's free attempts. Takes one attempt back; inside the free ones, no delay.
_UNDO = """
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    local n = redis.call('HINCRBY', key, 'n', -1)
    if n <= tonumber(ARGV[i]) then redis.call('HSET', key, 'next', '0') end
  end
end
return 0
"""


class LoginThrottle:
    def __init__(self, client: redis.Redis, clock: Callable[[], float] = time.time):
        self.redis = client
        self.clock = clock
        self._attempt = client.register_script(_ATTEMPT)
        self._undo = client.register_script(_UNDO)

    def attempt(self, name: str, remote: str) -> float:
        """Reserve one password check: 0 when it may go ahead, else the seconds to wait (nothing checked)."""
        remote = (remote or "unknown")[:64]
        counters: list[tuple[str, Throttle]] = [(keys.LOGIN_PAIR.format(name=name, remote=remote), PAIR)]
        if not self.redis.exists(keys.LOGIN_TRUSTED.format(name=name, remote=remote)):
            counters.append((keys.LOGIN_ACCOUNT.format(name=name), ACCOUNT))
            counters.append((keys.LOGIN_ADDRESS.format(remote=remote), REMOTE))
        args: list[float | int] = [self.clock(), COUNTER_TTL_SECONDS, FIRST_DELAY_SECONDS]
        for _, throttle in counters:
            args.extend((throttle.free, throttle.cap_seconds))
        wait = float(self._attempt(keys=[key for key, _ in counters], args=args))
        return wait

    def succeeded(self, name: str, remote: str) -> None:
        """A correct password: the pair starts afresh, the address is trusted for this name, and the attempt is
        taken back from the name's and the address's counts (an office signing in at nine is not guessing)."""
        remote = (remote or "unknown")[:64]
        counters = [keys.LOGIN_ACCOUNT.format(name=name), keys.LOGIN_ADDRESS.format(remote=remote)]
        pipe = self.redis.pipeline(transaction=True)
        pipe.delete(keys.LOGIN_PAIR.format(name=name, remote=remote))
        pipe.set(keys.LOGIN_TRUSTED.format(name=name, remote=remote), "1", ex=TRUSTED_TTL_SECONDS)
        self._undo(keys=counters, args=[ACCOUNT.free, REMOTE.free], client=pipe)
        pipe.execute()
