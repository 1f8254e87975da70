"""Lua scripts inside plain pipelines, so a message's reads or writes are one round trip.

redis-py's own `Script` in a pipeline asks the server `SCRIPT EXISTS` before every execute: one
more round trip per message. Here a script is sent as a bare EVALSHA; if the server does not know
it (restarted, failed over, SCRIPT FLUSH), that one command failed without running, so it is
loaded and re-run on its own, in order, and the caller gets the same results as if it had been
known. Every other command of the batch ran once.
"""

from __future__ import annotations

import hashlib
from typing import Any

import redis
from redis.exceptions import NoScriptError


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

    `pipe` is the underlying redis-py pipeline for plain commands; `run` queues a script. Results
    come back in the order queued.
    """

    def __init__(self, client: redis.Redis):
        self.pipe = client.pipeline(transaction=False)
        self._scripts: dict[int, tuple[Lua, list[str], list[Any]]] = {}

    def run(self, script: Lua, keys: list[str], args: list[Any]) -> int:
        """Queue a script; returns the index of its result."""
        self.pipe.evalsha(script.sha, len(keys), *keys, *args)
        index = len(self.pipe.command_stack) - 1
        self._scripts[index] = (script, keys, args)
        return index

    def execute(self) -> list[Any]:
        results = self.pipe.execute(raise_on_error=False)
        for index, result in enumerate(results):
            if isinstance(result, NoScriptError) and index in self._scripts:
                script, keys, args = self._scripts[index]
                results[index] = script(keys, args)
        self._scripts = {}
        for result in results:
            if isinstance(result, Exception):
                raise result
        return results
