"""What the helpline keeps about one texter: handed over on request, erased on request, both audited.

Every key of a texter carries its id as hash tag (`hl:{tid}:...`, see
helpline.state.keys), so "everything about this number" is one SCAN of that
prefix, plus the texter's entries in the global indexes (queue, held, closed
conversations). `helpline texter export NUMBER` prints it as JSON; `helpline
texter forget NUMBER` and the texter's own ERASE (sent twice) delete it. The
audit log records that it happened, by whom, with the texter id only: the
number itself is gone.
"""

from __future__ import annotations

import json
from typing import Any

import redis

from helpline.state import keys
from helpline.state.audit import AuditLog
from helpline.state.events import EventKind, Events
from helpline.state.redis import scored, stream_entries, text, text_map
from helpline.state.texters import Texters, fields

TEXTER_PREFIX = keys.PREFIX + "{{{tid}}}:"
INDEXES = (keys.QUEUE, keys.HELD)


def texter_keys(client: redis.Redis, tid: str) -> list[str]:
    """Every key of one texter (all share the prefix `hl:{tid}:`)."""
    return sorted(text(key) for key in client.scan_iter(match=TEXTER_PREFIX.format(tid=tid) + "*", count=500))


def export(texters: Texters, address: str) -> dict[str, Any]:
    """Everything kept about `address`, as plain JSON-ready data."""
    client = texters.redis
    tid = texters.texter_id(address)
    found: dict[str, Any] = {"address": address, "texter_id": tid, "keys": {}}
    for key in texter_keys(client, tid):
        kind = text(client.type(key))
        if kind == "hash":
            value: Any = text_map(client.hgetall(key))
            if key == keys.TEXTER.format(tid=tid):
                value = fields(value)
        elif kind == "stream":
            value = [{"id": entry, **entry_fields} for entry, entry_fields in stream_entries(client.xrange(key))]
        elif kind == "list":
            value = [text(item) for item in client.lrange(key, 0, -1)]
        elif kind == "set":
            value = sorted(text(item) for item in client.smembers(key))
        elif kind == "zset":
            value = [[member, score] for member, score in scored(client.zrange(key, 0, -1, withscores=True))]
        else:
            value = text(client.get(key))
        found["keys"][key] = value
    scores = {index: client.zscore(index, tid) for index in INDEXES}
    found["indexes"] = {index: score for index, score in scores.items() if score is not None}
    found["closed"] = [json.loads(text(member)) for member, _ in client.zscan_iter(keys.CLOSED, match=f"*{tid}*")]
    return found


def forget(texters: Texters, audit: AuditLog, events: Events, tid: str, actor: str) -> int:
    """Delete everything about texter `tid`; returns how many keys went. Audited with the id only."""
    client = texters.redis
    removed = texter_keys(client, tid)
    closed = [member for member, _ in client.zscan_iter(keys.CLOSED, match=f"*{tid}*")]
    pipe = client.pipeline(transaction=False)
    for key in removed:
        pipe.delete(key)
    for index in INDEXES:
        pipe.zrem(index, tid)
    if closed:
        pipe.zrem(keys.CLOSED, *closed)
    pipe.execute()
    audit.record(actor, "texter.forget", target=tid, detail=f"{len(removed)} keys, {len(closed)} closed records")
    events.publish(EventKind.CLOSED, tid)  # open dashboards re-read: the conversation is gone
    return len(removed)
