"""Presence: which counselors have a dashboard open right now.

"Available" is what a counselor chose (the Step away / Go available button);
present is what their browser shows: every open dashboard page keeps a live
event stream, and that stream (and each state read) touches this record. A
counselor whose pages have all been closed for PRESENCE_SECONDS is away, even
with "available" still ticked and a 12-hour session still valid, so texters
are no longer told that someone will text back.

One sorted set (name -> last seen) under the counselors' hash tag; the dashboards
read it with one ZRANGEBYSCORE, and each inbound message's on-shift check reads it
inside Counselors' availability script (helpline.state.accounts), in the same slot.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import redis

from helpline.state import keys

DEFAULT_PRESENCE_SECONDS = 60.0


class Presence:
    def __init__(
        self,
        client: redis.Redis,
        clock: Callable[[], float] = time.time,
        window_seconds: float = DEFAULT_PRESENCE_SECONDS,
    ):
        self.redis = client
        self.clock = clock
        self.window_seconds = window_seconds

    @property
    def touch_every_seconds(self) -> float:
        """How often an open page must be seen: four times per window, so one late touch never marks it away."""
        return max(0.5, self.window_seconds / 4)

    def touch(self, name: str) -> None:
        """`name` has a dashboard open now."""
        now = self.clock()
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.zadd(keys.PRESENCE, {name: now})
            pipe.zremrangebyscore(keys.PRESENCE, "-inf", now - 24 * 3600)  # forget names gone for a day
            pipe.execute()

    def leave(self, name: str) -> None:
        """`name` logged out: away at once, not a minute later."""
        self.redis.zrem(keys.PRESENCE, name)

    def present(self) -> set[str]:
        """Names seen within the window."""
        since = self.clock() - self.window_seconds
        return {str(name) for name in self.redis.zrangebyscore(keys.PRESENCE, f"({since!r}", "+inf")}
