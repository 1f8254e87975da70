"""Lua scripts and plain commands sent together, so a message's reads or writes are one round trip.

redis-py's own `Script` in a pipeline asks the server `SCRIPT EXISTS` before every execute: one
more round trip per message. Here a script is sent as a bare EVALSHA; if the server does not know
it (restarted, failed over, SCRIPT FLUSH), that one command failed without running, so it is
loaded and re-run after the batch, in order (every such script of the batch in one more round
trip, itself a Batch), and the caller gets the same results as if it had been known. Every other
command of the batch ran once.

A Batch is not a redis-py Pipeline: on the webhook's path the Pipeline's own bookkeeping (per-command
callbacks and checks, observability records, the stack) cost more client CPU than packing the
commands and reading their replies. A Batch takes a connection from the client's pool, sends every
command in one write (hiredis packs them) and reads the replies in order, with the same connection
handling as a pipeline without retries: on any failure (timeout, connection lost) the connection is
closed, never returned to the pool with replies still in flight, and the error goes to the caller.

In a gevent worker the Batches of concurrent requests share their round trips (helpline.state.group_commit):
one write and one read for all those queued while the previous round trip was in flight, with the same
guarantees; elsewhere a Batch talks to Redis directly.
"""

from __future__ import annotations

import hashlib
from typing import Any

import redis
from hiredis import pack_command
from redis.exceptions import NoScriptError

from helpline.state.group_commit import group_for, read_replies


class Lua:
    """A script known by its SHA1: queued in a Batch, or run alone."""

    def __init__(self, client: redis.Redis, source: str):
        self.client = client
        self.source = source
        self.sha = hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest()

    def __call__(self, keys: list[str], args: list[Any]) -> Any:
        try:
            return self.client.evalsha(self.sha, len(keys), *keys, *args)
        except NoScriptError:
            self.client.script_load(self.source)
            return self.client.evalsha(self.sha, len(keys), *keys, *args)


class Batch:
    """Commands and scripts sent together: one round trip (not a transaction; each script is atomic).

    `run` queues a script, `command` (or `publish`) a plain command; each returns the index of its
    result. Results come back in the order queued.
    """

    def __init__(self, client: redis.Redis):
        self.client = client
        self._commands: list[tuple[Any, ...]] = []
        self._scripts: dict[int, tuple[Lua, list[str], list[Any]]] = {}

    def command(self, *args: Any) -> int:
        """Queue a plain command (its reply as the connection decodes it, without redis-py's callbacks)."""
        self._commands.append(args)
        return len(self._commands) - 1

    def publish(self, channel: str, message: str) -> int:
        return self.command("PUBLISH", channel, message)

    def run(self, script: Lua, keys: list[str], args: list[Any]) -> int:
        """Queue a script; returns the index of its result."""
        index = self.command("EVALSHA", script.sha, len(keys), *keys, *args)
        self._scripts[index] = (script, keys, args)
        return index

    def execute(self) -> list[Any]:
        commands, self._commands = self._commands, []
        scripts, self._scripts = self._scripts, {}
        if not commands:
            return []
        results = self._send(commands)
        unknown = [index for index in scripts if isinstance(results[index], NoScriptError)]
        if unknown:  # those scripts did not run: loaded and run now, in order, in one more round trip
            again = Batch(self.client)
            rerun = {}
            for index in unknown:
                script, keys, args = scripts[index]
                again.command("SCRIPT", "LOAD", script.source)
                rerun[index] = again.command("EVALSHA", script.sha, len(keys), *keys, *args)
            replies = again.execute()
            for index, position in rerun.items():
                results[index] = replies[position]
        for result in results:
            if isinstance(result, Exception):
                raise result
        return results

    def _send(self, commands: list[tuple[Any, ...]]) -> list[Any]:
        packed = _pack(commands)  # before taking a connection: a text Redis cannot take fails here
        pool = self.client.connection_pool
        if packed is not None and (group := group_for(pool)) is not None:
            return group.round_trip(packed, len(commands))  # a gevent worker: with other requests' Batches
        connection = pool.get_connection()
        try:
            connection.send_packed_command([packed] if packed is not None else connection.pack_commands(commands))
            results = read_replies(connection, len(commands))
        except BaseException:
            connection.disconnect()  # replies may still be in flight: this connection is not reused
            raise
        finally:
            pool.release(connection)
        return results


def _pack(commands: list[tuple[Any, ...]]) -> bytes | None:
    """The commands in Redis's protocol, in one string; None: let redis-py's packer convert what hiredis does not
    take (or say why it cannot)."""
    try:
        return b"".join([pack_command(command) for command in commands])
    except TypeError:
        return None
