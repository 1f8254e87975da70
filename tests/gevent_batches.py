"""Batches in a gevent process, as in the Procfile's web workers: `python -m tests.gevent_batches SCENARIO URL [LIMIT]`.

Group commit (helpline.state.group_commit) exists only where gevent has patched the sockets, which must happen
before anything else is imported, so tests/test_group_commit.py runs each scenario here, in a process of its own,
against a real Redis, and reads the JSON it prints: per greenlet what its Batch returned or raised, and the
group's counts of round trips and Batches.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import json  # noqa: E402 - after gevent's patching, as in a gunicorn gevent worker
import os  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import gevent  # noqa: E402
import redis  # noqa: E402

from helpline.state import group_commit  # noqa: E402
from helpline.state.group_commit import group_for  # noqa: E402
from helpline.state.scripts import Batch, Lua  # noqa: E402

SLOW = (  # keeps Redis busy for ARGV[1] milliseconds, then answers 'late'
    "local t = redis.call('TIME'); local until_ = t[1] * 1e6 + t[2] + ARGV[1] * 1000\n"
    "repeat local n = redis.call('TIME') until n[1] * 1e6 + n[2] >= until_\nreturn 'late'"
)
ECHO = "return {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1])}"


def outcome(greenlet: gevent.Greenlet) -> dict[str, Any]:
    if not greenlet.ready():
        return {"state": "hung"}
    if greenlet.exception is not None:
        return {"state": "raised", "error": type(greenlet.exception).__name__, "id": id(greenlet.exception)}
    if isinstance(greenlet.value, gevent.GreenletExit):
        return {"state": "killed"}
    return {"state": "ok", "value": greenlet.value}


def incr(client: redis.Redis, key: str) -> Callable[[], list[Any]]:
    def run() -> list[Any]:
        batch = Batch(client)
        batch.command("INCR", key)
        return batch.execute()

    return run


def slow(client: redis.Redis, milliseconds: int, key: str) -> Callable[[], list[Any]]:
    script = Lua(client, SLOW)
    client.script_load(SLOW)  # known to the server: the Batch's own round trip runs it (not a reload after it)

    def run() -> list[Any]:
        batch = Batch(client)
        batch.run(script, [], [milliseconds])
        batch.command("INCR", key)
        return batch.execute()

    return run


def many(url: str) -> dict[str, Any]:
    """200 concurrent Batches, each a command, a script the server has never seen, and a command on its own key (one
    Batch each on a connection of its own would need more than redis-py's pool allows: 100)."""
    client = redis.Redis.from_url(url, decode_responses=True)
    client.script_flush()
    echo = Lua(client, ECHO)

    def one(number: int) -> list[Any]:
        batch = Batch(client)
        batch.command("SET", f"gc:many:{number}", number)
        batch.run(echo, [f"gc:many:{number}"], [str(number)])
        batch.command("INCR", f"gc:many:{number}")
        return batch.execute()

    greenlets = [gevent.spawn(one, number) for number in range(200)]
    gevent.joinall(greenlets, timeout=20)
    group = group_for(client.connection_pool)
    assert group is not None  # noqa: S101 - a scenario's precondition
    stored = [client.get(f"gc:many:{number}") for number in range(200)]
    return {
        "outcomes": [outcome(greenlet) for greenlet in greenlets],
        "stored": stored,
        "round_trips": group.round_trips,
        "batches": group.batches,
        "connections": client.connection_pool._created_connections,  # redis-py's count of connections it opened
    }


def idle(url: str) -> dict[str, Any]:
    """One Batch alone: sent at once, in a round trip of its own."""
    client = redis.Redis.from_url(url, decode_responses=True)
    greenlet = gevent.spawn(incr(client, "gc:idle"))
    greenlet.join(timeout=5)
    group = group_for(client.connection_pool)
    assert group is not None  # noqa: S101
    return {"outcomes": [outcome(greenlet)], "round_trips": group.round_trips, "batches": group.batches}


def _queued_behind_a_slow_one(
    client: redis.Redis, milliseconds: int, during: Callable[[list[gevent.Greenlet]], None]
) -> list[gevent.Greenlet]:
    """g0..g4 in round trip 1 (g0 sends it, after one turn of the loop that lets g1..g4 queue behind it; g1's script
    keeps Redis busy for `milliseconds`); g5..g7 while it is in flight (with a limit of one round trip in flight,
    queued behind it; else in a round trip of their own); then `during` (the fault), and everything joined."""
    calls = [incr(client, "gc:k0"), slow(client, milliseconds, "gc:k1")]  # the script loaded before any spawn
    calls += [incr(client, f"gc:k{number}") for number in range(2, 8)]
    first = [gevent.spawn(call) for call in calls[:5]]
    gevent.sleep(0.05)
    later = [gevent.spawn(call) for call in calls[5:]]
    gevent.sleep(0.05)
    greenlets = first + later
    during(greenlets)
    gevent.joinall(greenlets, timeout=10)
    return greenlets


def timeout(url: str) -> dict[str, Any]:
    """Round trip 1 times out: its five Batches fail, each with its own error; round trip 2 goes on a fresh
    connection and does not read round trip 1's late replies."""
    client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=0.5)
    greenlets = _queued_behind_a_slow_one(client, 800, lambda greenlets: None)
    gevent.sleep(0.5)  # the script has finished; its late replies sat in the closed connection, if anywhere
    check = redis.Redis.from_url(url, decode_responses=True)
    after = gevent.spawn(incr(client, "gc:after"))
    after.join(timeout=5)
    return {
        "outcomes": [outcome(greenlet) for greenlet in greenlets],
        "after": outcome(after),
        "stored": [check.get(f"gc:k{number}") for number in range(8)],
    }


def kill_sender(url: str) -> dict[str, Any]:
    """The greenlet sending round trip 1 (g0) is killed while it waits for the replies: the other Batches of that
    round trip fail, and the ones queued behind it are still sent."""
    return _kill_while_queued(url, victim=0)


def kill_queued(url: str) -> dict[str, Any]:
    """A request killed while its Batch waits in the queue: its commands are never sent, the others' are."""
    return _kill_while_queued(url, victim=6)


def _kill_while_queued(url: str, victim: int) -> dict[str, Any]:
    client = redis.Redis.from_url(url, decode_responses=True)
    greenlets = _queued_behind_a_slow_one(client, 300, lambda greenlets: greenlets[victim].kill(block=False))
    gevent.sleep(0.4)
    check = redis.Redis.from_url(url, decode_responses=True)
    return {
        "outcomes": [outcome(greenlet) for greenlet in greenlets],
        "stored": [check.get(f"gc:k{number}") for number in range(8)],
    }


def redis_dies(url: str) -> dict[str, Any]:
    """The server is killed while round trip 1 is in flight: every Batch fails with a RedisError, none waits
    forever (round trip 1 loses its connection, round trip 2 cannot connect)."""
    client = redis.Redis.from_url(url, decode_responses=True)
    pid = int(redis.Redis.from_url(url).info("server")["process_id"])
    started = time.monotonic()
    greenlets = _queued_behind_a_slow_one(client, 1000, lambda greenlets: os.kill(pid, signal.SIGKILL))
    return {"outcomes": [outcome(greenlet) for greenlet in greenlets], "seconds": time.monotonic() - started}


def fork(url: str) -> dict[str, Any]:
    """A group made before a fork (gunicorn's master, a worker's parent) is not the child's: the child makes its own,
    knowing its own process id, and its Batches go through it."""
    client = redis.Redis.from_url(url, decode_responses=True)

    def used() -> dict[str, Any]:
        batch = Batch(client)
        batch.command("INCR", "gc:fork")
        value = batch.execute()[0]
        group = group_for(client.connection_pool)
        assert group is not None  # noqa: S101 - a gevent process
        return {"value": value, "group": id(group), "group_pid": group.pid, "pid": os.getpid()}

    parent = used()
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: its own group, its own pid, then out without running the parent's cleanup
        os.write(write, json.dumps(used()).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    with os.fdopen(read) as pipe:
        in_child = json.loads(pipe.read())
    return {"parent": parent, "child": in_child, "parent_again": used()}


def held(url: str) -> dict[str, Any]:
    """The connection a group keeps between its round trips (GroupCommit._checkout) is checked as the pool checks one
    it hands out: closed by the server (CLIENT KILL) or by the pool's `disconnect`, the next Batch reconnects and
    succeeds; a round trip that failed leaves it disconnected, not in step with late replies."""
    client = redis.Redis.from_url(url, decode_responses=True)
    killer = redis.Redis.from_url(url, decode_responses=True)

    def once(key: str) -> dict[str, Any]:
        greenlet = gevent.spawn(incr(client, key))
        greenlet.join(timeout=5)
        return outcome(greenlet)

    outcomes = [once("gc:held")]
    killed = killer.client_kill_filter(_type="normal", skipme=True)  # the group's connection, closed by the server
    gevent.sleep(0.05)
    outcomes.append(once("gc:held"))
    client.connection_pool.disconnect()  # as on a pool's reset: in-use connections too
    outcomes.append(once("gc:held"))
    group = group_for(client.connection_pool)
    assert group is not None  # noqa: S101
    return {
        "outcomes": outcomes,
        "killed": killed,
        "round_trips": group.round_trips,
        "held": None if group.held is None else len(group.held),
        "connections": client.connection_pool._created_connections,
        "stored": killer.get("gc:held"),
    }


SCENARIOS = {
    "held": held,
    "fork": fork,
    "many": many,
    "idle": idle,
    "timeout": timeout,
    "kill_sender": kill_sender,
    "kill_queued": kill_queued,
    "redis_dies": redis_dies,
}

if __name__ == "__main__":
    if len(sys.argv) > 3:  # the round trips one group may have in flight (else the shipped limit)
        group_commit.IN_FLIGHT_LIMIT = int(sys.argv[3])
    print(json.dumps(SCENARIOS[sys.argv[1]](sys.argv[2])))
