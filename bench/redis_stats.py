"""Redis commands and round trips per message, from Redis's own statistics.

Commands: INFO commandstats (calls per command) and total_commands_processed. Round trips:
INFO stats' total_reads_processed counts the read events the server handled, one per request a
client sent and waited for (a pipeline or a MULTI...EXEC block sent at once is one read; a
command that waits on its own answer is one more). Each snapshot is itself one INFO call on the
benchmark's own connection: `overhead()` measures what two back-to-back snapshots cost, and
`delta` subtracts it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import redis


@dataclass(frozen=True)
class Snapshot:
    commands: int
    reads: int
    per_command: dict[str, int]
    used_memory: int
    usec: int  # CPU time Redis spent in commands (sum of commandstats usec)


def snapshot(client: redis.Redis) -> Snapshot:
    info = client.info("all")
    per_command = {
        name.removeprefix("cmdstat_"): int(value["calls"])
        for name, value in info.items()
        if name.startswith("cmdstat_") and isinstance(value, dict)
    }
    return Snapshot(
        commands=int(info["total_commands_processed"]),
        reads=int(info["total_reads_processed"]),
        per_command=per_command,
        used_memory=int(info["used_memory"]),
        # our own INFO calls are left out: their cost varies with the size of the answer
        usec=sum(
            int(value["usec"]) for name, value in info.items() if name.startswith("cmdstat_") and name != "cmdstat_info"
        ),
    )


@dataclass(frozen=True)
class Delta:
    commands: int
    reads: int
    per_command: dict[str, int]
    usec: int = 0

    def per(self, messages: int) -> dict:
        return {
            "messages": messages,
            "commands_per_message": self.commands / messages,
            "round_trips_per_message": self.reads / messages,
            "redis_cpu_us_per_message": self.usec / messages,
            "per_command": {
                name: round(calls / messages, 3)
                for name, calls in sorted(self.per_command.items(), key=lambda item: -item[1])
            },
        }


def quiesce(client: redis.Redis, quiet_seconds: float = 0.5, limit_seconds: float = 60.0) -> None:
    """Wait until nothing but ourselves talks to Redis (the servers finished what a phase left queued)."""
    deadline = time.monotonic() + limit_seconds
    last = snapshot(client).commands
    while time.monotonic() < deadline:
        time.sleep(quiet_seconds)
        now = snapshot(client).commands
        if now - last <= 5:  # our own INFO, and a dashboard's occasional login re-check
            return
        last = now


def overhead(client: redis.Redis) -> Delta:
    """What the measuring itself adds between two snapshots (the INFO call, its read)."""
    first = snapshot(client)
    second = snapshot(client)
    return _difference(first, second, None)


def delta(before: Snapshot, after: Snapshot, own: Delta) -> Delta:
    return _difference(before, after, own)


def _difference(before: Snapshot, after: Snapshot, own: Delta | None) -> Delta:
    per_command = {
        name: calls - before.per_command.get(name, 0) - (own.per_command.get(name, 0) if own else 0)
        for name, calls in after.per_command.items()
    }
    return Delta(
        commands=after.commands - before.commands - (own.commands if own else 0),
        reads=after.reads - before.reads - (own.reads if own else 0),
        per_command={name: calls for name, calls in per_command.items() if calls},
        usec=after.usec - before.usec - (own.usec if own else 0),
    )
