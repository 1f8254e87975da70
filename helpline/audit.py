"""The audit log: who did what to which conversation or account, for supervisors to read.

One Redis stream, append-only for the app and capped near AUDIT_MAXLEN entries
so it cannot grow without bound; trimming is approximate (`MAXLEN ~`), which
Redis does cheaply by whole nodes. A write that fails raises: an action that
cannot be audited should fail rather than happen unrecorded.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import redis

AUDIT_KEY = "hl:audit"  # stream: at, actor, action, target, detail
AUDIT_MAXLEN = 100_000
FIELD_LIMIT = 500  # characters kept per field; a typed login name or a detail can be anything


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: float
    actor: str  # a counselor's name, "cli:<user>", or for failed logins the name as typed
    action: str  # dotted verb, e.g. "login", "login.failed", "availability", "conversation.claim"
    target: str  # what it was done to: a counselor name, a texter id, ...
    detail: str


class AuditLog:
    def __init__(self, client: redis.Redis, clock: Callable[[], float] = time.time):
        self.redis = client
        self.clock = clock

    def record(self, actor: str, action: str, target: str = "", detail: str = "") -> None:
        fields = {"at": repr(self.clock()), "actor": actor, "action": action, "target": target, "detail": detail}
        self.redis.xadd(
            AUDIT_KEY,
            {key: value[:FIELD_LIMIT] for key, value in fields.items()},
            maxlen=AUDIT_MAXLEN,
            approximate=True,
        )

    def recent(self, count: int = 200) -> list[AuditEntry]:
        """The newest `count` entries, newest first."""
        return [
            AuditEntry(
                id=entry_id,
                at=float(fields.get("at", 0)),
                actor=fields.get("actor", ""),
                action=fields.get("action", ""),
                target=fields.get("target", ""),
                detail=fields.get("detail", ""),
            )
            for entry_id, fields in self.redis.xrevrange(AUDIT_KEY, count=count)
        ]
