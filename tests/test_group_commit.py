"""Group commit (helpline.state.group_commit): under gevent, concurrent requests' Batches share round trips, with
every guarantee of a Batch alone. Each scenario runs in a gevent-patched process of its own (tests/gevent_batches.py)
against a real Redis; the faults are real: a script that keeps Redis busy past the client's timeout, a killed
greenlet, a killed server. Scenarios run with the shipped limit of round trips in flight and with a limit of one,
where Batches queue behind the round trip in flight and the sending is handed from one greenlet to the next."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
import redis

from helpline.state.group_commit import IN_FLIGHT_LIMIT, group_for
from tests import redis_server
from tests.processes import REPO


def scenario(name: str, url: str, limit: int = IN_FLIGHT_LIMIT) -> dict[str, Any]:
    finished = subprocess.run(  # noqa: S603 - our own module and arguments
        [sys.executable, "-m", "tests.gevent_batches", name, url, str(limit)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    result: dict[str, Any] = json.loads(finished.stdout.strip().splitlines()[-1])
    return result


def states(result: dict[str, Any]) -> list[str]:
    return [item["state"] if item["state"] != "raised" else item["error"] for item in result["outcomes"]]


LIMITS = pytest.mark.parametrize("limit", sorted({1, IN_FLIGHT_LIMIT}))


@LIMITS
def test_concurrent_batches_share_round_trips_and_each_gets_its_own_replies(
    redis_url: str, redis_client: redis.Redis, limit: int
) -> None:
    result = scenario("many", redis_url, limit)
    assert states(result) == ["ok"] * 200
    for number, item in enumerate(result["outcomes"]):
        # SET, the script, INCR. The script was unknown to the server: it was loaded and run once, after its Batch
        # (as for a Batch alone), so its INCR came after the Batch's own
        assert item["value"] == ["OK", [f"gc:many:{number}", str(number), number + 2], number + 1]
    assert result["stored"] == [str(number + 2) for number in range(200)]  # every command ran exactly once
    assert result["batches"] == 400  # each Batch, and each one's reload of the unknown script (SCRIPT LOAD, EVALSHA)
    assert result["round_trips"] <= 2 + 2 * limit  # both rounds shared (a slow machine: a few round trips more)
    # at most `limit` round trips in flight, each on one connection (and the scenario's own reads, one at a time)
    assert result["connections"] <= limit + 1


@LIMITS
def test_an_idle_batch_is_sent_at_once_alone(redis_url: str, redis_client: redis.Redis, limit: int) -> None:
    result = scenario("idle", redis_url, limit)
    assert states(result) == ["ok"]
    assert (result["round_trips"], result["batches"]) == (1, 1)


@LIMITS
def test_a_timeout_fails_exactly_that_round_trip_and_the_next_goes_on_a_fresh_connection(
    redis_url: str, redis_client: redis.Redis, limit: int
) -> None:
    result = scenario("timeout", redis_url, limit)
    # g0..g4 in round trip 1 (g1's script keeps Redis busy past the timeout)
    assert states(result)[:5] == ["TimeoutError"] * 5
    assert len({item["id"] for item in result["outcomes"][:5]}) == 5  # an error of its own each
    if limit == 1:  # g5..g7 queued behind it, sent when it failed, on a fresh connection: not its late replies
        assert states(result)[5:] == ["ok"] * 3
        assert [item.get("value") for item in result["outcomes"][5:]] == [[1]] * 3
    else:  # g5..g7 sent in a round trip of their own while Redis was busy: timed out on their own
        assert states(result)[5:] == ["TimeoutError"] * 3
    assert result["after"] == {"state": "ok", "value": [1]}
    assert result["stored"][:5] == ["1"] * 5  # round trip 1 ran on the server once, though its callers had given up
    # round trip 2 ran once too, or (with its own connection closed before Redis read it) not at all: never twice
    assert all(value in (None, "1") for value in result["stored"][5:])


@LIMITS
def test_a_killed_sender_fails_its_round_trip_and_the_others_go_on(
    redis_url: str, redis_client: redis.Redis, limit: int
) -> None:
    result = scenario("kill_sender", redis_url, limit)
    assert states(result) == ["killed"] + ["ConnectionError"] * 4 + ["ok"] * 3
    assert result["stored"] == ["1"] * 8


def test_a_request_killed_while_queued_never_sends_its_commands(redis_url: str, redis_client: redis.Redis) -> None:
    result = scenario("kill_queued", redis_url, limit=1)  # queued: behind the one round trip allowed in flight
    assert states(result) == ["ok"] * 6 + ["killed", "ok"]
    assert result["stored"] == ["1"] * 6 + [None, "1"]


@LIMITS
def test_redis_killed_mid_round_trip_fails_every_waiter_quickly(limit: int) -> None:
    with redis_server.throwaway_server() as url:
        result = scenario("redis_dies", url, limit)
    assert states(result) == ["ConnectionError"] * 8
    assert result["seconds"] < 5  # nobody waits for a server that is gone


def test_a_held_connection_closed_by_the_server_or_the_pool_is_reconnected(redis_url: str) -> None:
    """The group keeps its connections between round trips instead of the pool's checkout for each (its cost: redis-py
    8's pool under gevent); what that checkout guaranteed still holds: a connection the server or the pool closed
    is connected again before the next round trip, which succeeds, and the group never opens more than it needs."""
    result = scenario("held", redis_url)
    assert states(result) == ["ok"] * 3
    assert [item["value"] for item in result["outcomes"]] == [[1], [2], [3]]
    assert result["killed"] >= 1 and result["stored"] == "3"
    assert (result["round_trips"], result["held"], result["connections"]) == (3, 1, 1)


def test_without_gevent_a_batch_talks_to_redis_directly(redis_client: redis.Redis) -> None:
    assert "gevent.monkey" not in sys.modules or not sys.modules["gevent.monkey"].is_module_patched("socket")
    assert group_for(redis_client.connection_pool) is None


@pytest.fixture(autouse=True)
def _clean_scenario_keys(redis_client: redis.Redis) -> None:
    for key in redis_client.scan_iter("gc:*"):
        redis_client.delete(key)


def test_a_forked_child_makes_its_own_group(redis_url: str) -> None:
    """The process id a group checks is kept by an at-fork hook (os.getpid() is a system call, once asked per Batch):
    a child forked after its parent made a group gets a group of its own, with its own id; the parent keeps its."""
    result = scenario("fork", redis_url)
    parent, child, again = result["parent"], result["child"], result["parent_again"]
    assert parent["group_pid"] == parent["pid"] == again["group_pid"] and again["group"] == parent["group"]
    assert child["pid"] != parent["pid"] and child["group_pid"] == child["pid"]
    assert [parent["value"], child["value"], again["value"]] == [1, 2, 3]
