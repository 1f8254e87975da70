"""The audit log: a capped Redis stream, newest first."""

from __future__ import annotations

import pytest
import redis

from helpline.state import audit as audit_module
from helpline.state import keys
from helpline.state.audit import AuditEntry, AuditLog


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.5

    def __call__(self) -> float:
        self.now += 1
        return self.now


def test_recent_is_newest_first_with_every_field(redis_client: redis.Redis) -> None:
    log = AuditLog(redis_client, clock=Clock())
    log.record("ana", "login", detail="from 203.0.113.7")
    log.record("ana", "conversation.claim", "a1b2c3", "from queue")
    entries = log.recent()
    assert [(e.at, e.actor, e.action, e.target, e.detail) for e in entries] == [
        (1_800_000_002.5, "ana", "conversation.claim", "a1b2c3", "from queue"),
        (1_800_000_001.5, "ana", "login", "", "from 203.0.113.7"),
    ]
    assert all(isinstance(e, AuditEntry) and e.id for e in entries)
    assert redis_client.type(keys.AUDIT) == "stream"


def test_recent_honours_count(redis_client: redis.Redis) -> None:
    log = AuditLog(redis_client)
    for i in range(5):
        log.record("ana", "view", str(i))
    assert [e.target for e in log.recent(2)] == ["4", "3"]
    assert AuditLog(redis_client).recent() != [] and len(log.recent()) == 5


def test_the_stream_is_capped(redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_module, "AUDIT_MAXLEN", 100)
    log = AuditLog(redis_client)
    for i in range(1000):
        log.record("ana", "view", str(i))
    length = redis_client.xlen(keys.AUDIT)
    assert 100 <= length < 300  # approximate trimming keeps whole nodes, never fewer than asked
    assert log.recent(1)[0].target == "999"


def test_long_fields_are_cut(redis_client: redis.Redis) -> None:
    log = AuditLog(redis_client)
    log.record("x" * 5000, "login.failed", detail="y" * 5000)
    entry = log.recent(1)[0]
    assert len(entry.actor) == len(entry.detail) == audit_module.FIELD_LIMIT


def test_refused_logins_have_their_own_stream(redis_client: redis.Redis) -> None:
    """Anyone can cause refused logins; flooding them must not push counselors' actions out of the log."""
    log = AuditLog(redis_client)
    log.record("ana", "conversation.claim", "a1b2c3")
    log.record_refused_login("<guess>", "login.failed", "from 203.0.113.9")
    assert [(e.actor, e.action) for e in log.recent()] == [("ana", "conversation.claim")]
    assert [(e.actor, e.action, e.detail) for e in log.recent_refused_logins()] == [
        ("<guess>", "login.failed", "from 203.0.113.9")
    ]
    assert redis_client.type(keys.REFUSED_LOGINS) == "stream"


def test_the_refused_logins_stream_is_capped(redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_module, "REFUSED_LOGINS_MAXLEN", 100)
    log = AuditLog(redis_client)
    for i in range(1000):
        log.record_refused_login(f"guess{i}", "login.failed")
    assert 100 <= redis_client.xlen(keys.REFUSED_LOGINS) < 300
