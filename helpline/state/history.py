"""History: closed conversations, kept beside the texter's next one and listed for search.

A texter's conversation hash is reused when they come back (status queued again), so
closing one archives what a counselor needs later: when it was opened and closed, the
outcome, every counselor who held it, the language and the topic. The record goes in the
texter's own list (their past conversations, shown beside the current one) and in one global
index ordered by closing time (the search page). Both expire with the retention period.

Who held a conversation is recorded on each claim and transfer, so the counselor who held a
closed or transferred conversation may still read it (read-only), and search finds it for them.
No number is stored here: only the masked form counselors already see.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import redis

from helpline.state import keys
from helpline.state.redis import text

SEARCH_SCAN_LIMIT = 5000  # newest closed conversations a search looks through


@dataclass(frozen=True)
class ClosedConversation:
    tid: str
    opened_at: float
    closed_at: float
    outcome: str
    closed_by: str
    holders: tuple[str, ...]
    language: str
    reason: str  # "talk", or the emergency kind ("medical", "suicide", "violence")
    emergency: bool
    masked: str
    country_name: str
    channel: str
    notes: int = 0

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str | bytes) -> ClosedConversation | None:
        try:
            data = json.loads(raw)
            data["holders"] = tuple(data.get("holders") or ())
            return cls(**data)
        except (TypeError, ValueError, KeyError):
            return None

    def involves(self, name: str) -> bool:
        return name in self.holders or name == self.closed_by


@dataclass(frozen=True)
class Search:
    """A search of closed conversations; empty fields match everything."""

    digits: str = ""  # the last digits of the number (the masked form shows four)
    day: str = ""  # YYYY-MM-DD, in the helpline's time zone (the caller turns it into a range)
    since: float | None = None
    until: float | None = None
    outcome: str = ""
    counselor: str = ""
    language: str = ""
    topic: str = ""
    only_for: str | None = None  # a counselor who may see only what they held; None: everything (supervisors)
    extra: dict[str, str] = field(default_factory=dict)

    def matches(self, record: ClosedConversation) -> bool:
        digits = "".join(ch for ch in self.digits if ch.isdigit())
        masked_digits = record.masked.rsplit(" ", 1)[-1]
        checks = (
            not digits or masked_digits.endswith(digits[-4:]),
            self.since is None or record.closed_at >= self.since or record.opened_at >= self.since,
            self.until is None or record.opened_at < self.until,
            not self.outcome or record.outcome == self.outcome,
            not self.counselor or record.involves(self.counselor),
            not self.language or record.language == self.language,
            not self.topic or self.topic == record.reason,
            self.only_for is None or record.involves(self.only_for),
        )
        return all(checks)


class History:
    def __init__(self, client: redis.Redis, *, retention_seconds: int, clock: Callable[[], float] = time.time):
        self.redis = client
        self.retention_seconds = retention_seconds
        self.clock = clock

    def held(self, tid: str, counselor: str) -> None:
        """`counselor` now holds the texter's current conversation (a claim or a transfer to them)."""
        key = keys.HOLDERS.format(tid=tid)
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.sadd(key, counselor)
            pipe.expire(key, self.retention_seconds)
            pipe.execute()

    def holders(self, tid: str) -> set[str]:
        """Everyone who held the texter's current (or last) conversation."""
        return {str(name) for name in self.redis.smembers(keys.HOLDERS.format(tid=tid))}

    def archive(self, record: ClosedConversation) -> None:
        """Keep a closed conversation: in the texter's past conversations and in the search index."""
        history = keys.HISTORY.format(tid=record.tid)
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.rpush(history, record.to_json())
            pipe.expire(history, self.retention_seconds)
            pipe.delete(keys.HOLDERS.format(tid=record.tid))
            pipe.execute()
        with self.redis.pipeline(transaction=False) as pipe:  # the index lives in its own slot
            pipe.zadd(keys.CLOSED, {record.to_json(): record.closed_at})
            pipe.zremrangebyscore(keys.CLOSED, "-inf", self.clock() - self.retention_seconds)
            pipe.execute()

    def of_texter(self, tid: str) -> list[ClosedConversation]:
        """The texter's closed conversations, oldest first."""
        rows = self.redis.lrange(keys.HISTORY.format(tid=tid), 0, -1)
        return [record for record in (ClosedConversation.from_json(row) for row in rows) if record is not None]

    def held_before(self, tid: str, counselor: str) -> bool:
        """True when `counselor` held the texter's current conversation or one of their past ones."""
        return counselor in self.holders(tid) or any(r.involves(counselor) for r in self.of_texter(tid))

    def search(self, query: Search, limit: int = 200) -> list[ClosedConversation]:
        """Closed conversations matching `query`, newest first."""
        found: list[ClosedConversation] = []
        rows = [text(row) for row in self.redis.zrevrange(keys.CLOSED, 0, SEARCH_SCAN_LIMIT - 1)]
        for row in rows:
            record = ClosedConversation.from_json(row)
            if record is not None and query.matches(record):
                found.append(record)
                if len(found) >= limit:
                    break
        return found
