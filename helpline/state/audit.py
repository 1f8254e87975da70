"""The audit log: who did what to which conversation or account, for supervisors to read.

One Redis stream, append-only for the app and capped near AUDIT_MAXLEN entries
so it cannot grow without bound; trimming is approximate (`MAXLEN ~`), which
Redis does cheaply by whole nodes. A write that fails raises: an action that
cannot be audited should fail rather than happen unrecorded.

Refused logins go to a stream of their own. Anyone on the internet can cause
them, from as many addresses as they own; in the main stream they could push
the record of what counselors did out of its cap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import redis

from helpline.state import keys
from helpline.state.redis import stream_entries

AUDIT_MAXLEN = 100_000
REFUSED_LOGINS_MAXLEN = 20_000
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
        self._add(keys.AUDIT, AUDIT_MAXLEN, actor, action, target, detail)

    def record_refused_login(self, typed_name: str, action: str, detail: str = "") -> None:
        self._add(keys.REFUSED_LOGINS, REFUSED_LOGINS_MAXLEN, typed_name, action, "", detail)

    def recent(self, count: int = 200) -> list[AuditEntry]:
        """The newest `count` entries, newest first."""
        return self._recent(keys.AUDIT, count)

    def recent_refused_logins(self, count: int = 200) -> list[AuditEntry]:
        return self._recent(keys.REFUSED_LOGINS, count)

    def _add(self, key: str, maxlen: int, actor: str, action: str, target: str, detail: str) -> None:
        fields = {"at": repr(self.clock()), "actor": actor, "action": action, "target": target, "detail": detail}
        self.redis.xadd(
            key, {name: value[:FIELD_LIMIT] for name, value in fields.items()}, maxlen=maxlen, approximate=True
        )

    def _recent(self, key: str, count: int) -> list[AuditEntry]:
        return [
            AuditEntry(
                id=entry_id,
                at=float(fields.get("at", 0)),
                actor=fields.get("actor", ""),
                action=fields.get("action", ""),
                target=fields.get("target", ""),
                detail=fields.get("detail", ""),
            )
            for entry_id, fields in stream_entries(self.redis.xrevrange(key, count=count))
        ]
