"""Texter rate limit and login throttling, against a real Redis, including parallel attempts."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from helpline.state.limits import (
    ACCOUNT,
    PAIR,
    LoginThrottle,
    Rate,
    RateLimit,
    RateLimitError,
    TexterRate,
)


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_rate_limit_setting_is_parsed_and_checked() -> None:
    assert RateLimit.parse("20/600") == RateLimit(20, 600)
    for bad in ("20", "a/b", "0/60", "5/-1"):
        with pytest.raises(RateLimitError):
            RateLimit.parse(bad)


def test_parallel_flood_gets_the_limit_then_one_notice(redis_client: redis.Redis) -> None:
    rate = TexterRate(redis_client, RateLimit(10, 600))

    def one(_: int) -> Rate:
        return rate.verdict("t1", rate.count("t1"))

    with ThreadPoolExecutor(max_workers=16) as pool:
        verdicts = list(pool.map(one, range(200)))
    assert verdicts.count(Rate.WITHIN) == 10
    assert verdicts.count(Rate.NOTICE) == 1
    assert verdicts.count(Rate.SILENT) == 189
    assert rate.verdict("t2", rate.count("t2")) is Rate.WITHIN  # another texter is not affected
    for key in redis_client.scan_iter("hl:*rate*"):
        assert 0 < redis_client.ttl(key) <= 600


def test_thirty_parallel_guesses_are_not_all_checked(redis_client: redis.Redis) -> None:
    throttle = LoginThrottle(redis_client)
    checked = []
    lock = threading.Lock()

    def guess(_: int) -> None:
        if throttle.attempt("ana", "203.0.113.9") == 0:
            with lock:
                checked.append(1)

    with ThreadPoolExecutor(max_workers=30) as pool:
        list(pool.map(guess, range(30)))
    assert len(checked) == PAIR.free + 1  # the free attempts, then one per growing delay


def test_delays_grow_and_are_capped_not_a_lock(redis_client: redis.Redis) -> None:
    clock = Clock()
    throttle = LoginThrottle(redis_client, clock=clock)
    for _ in range(PAIR.free):
        assert throttle.attempt("ana", "198.51.100.7") == 0
    waits = []
    for _ in range(12):
        assert throttle.attempt("ana", "198.51.100.7") == 0
        wait = throttle.attempt("ana", "198.51.100.7")
        waits.append(wait)
        clock.now += wait
    assert waits[:4] == [1, 2, 4, 8]
    assert max(waits) == PAIR.cap_seconds


def test_a_stranger_cannot_keep_the_counselor_out_from_her_usual_address(redis_client: redis.Redis) -> None:
    clock = Clock()
    throttle = LoginThrottle(redis_client, clock=clock)
    assert throttle.attempt("ana", "192.0.2.1") == 0
    throttle.succeeded("ana", "192.0.2.1")  # she signed in here before
    for address in range(200):  # an attacker fails against her name from many addresses
        throttle.attempt("ana", f"203.0.113.{address}")
    assert throttle.attempt("ana", "198.51.100.50") > 0  # a new address waits: the name is under attack
    assert throttle.attempt("ana", "192.0.2.1") == 0  # her own address does not
    assert throttle.attempt("bob", "198.51.100.51") == 0  # nor does anyone else's name


def test_an_address_guessing_many_names_is_slowed(redis_client: redis.Redis) -> None:
    throttle = LoginThrottle(redis_client, clock=Clock())
    allowed = sum(1 for number in range(100) if throttle.attempt(f"name{number}", "203.0.113.77") == 0)
    assert allowed < 40
    assert ACCOUNT.free < allowed


def test_past_the_limit_the_count_knows_the_notice_went_out(redis_client: redis.Redis) -> None:
    """The count reads the notice's mark past the limit: a silenced message needs no round trip of its own (the
    notice's SET NX is made once per window, by the message that sends it)."""
    rate = TexterRate(redis_client, RateLimit(2, 600))
    counted = [rate.count("t3") for _ in range(5)]
    assert [(c.count, c.notice_sent) for c in counted] == [(1, False), (2, False), (3, False), (4, False), (5, False)]
    assert rate.verdict("t3", counted[2]) is Rate.NOTICE
    after = rate.count("t3")
    assert (after.count, after.notice_sent) == (6, True)
    reads = int(redis_client.info("stats")["total_reads_processed"])
    assert rate.verdict("t3", after) is Rate.SILENT
    assert int(redis_client.info("stats")["total_reads_processed"]) == reads + 1  # only the INFO: no SET NX
    assert rate.verdict("t3", counted[3]) is Rate.SILENT  # a count read before the notice: SET NX finds it
