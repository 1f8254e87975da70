"""Group commit: under gevent, the Batches of concurrent requests in one worker share one write and one read.

Why: in a gevent worker under load, a quarter of the CPU went to the webhook's own two round trips (the `send`
system call on loopback, the receive, gevent's switches around them, the pool's checkout), paid once per Batch:
about 100 µs of CPU each on this project's 2-core benchmark machine, whatever the Batch holds. Batches that go
together pay it once: one checkout, one `send` of all their commands, the replies read in order from what one or
two receives brought.

How: per connection pool and per gevent hub (a worker process's loop). A Batch that can send (no other is
gathering, fewer than IN_FLIGHT_LIMIT round trips in flight) first gives the loop one turn, so that the requests
runnable at that moment reach their own Batches and queue behind it, then sends them all in one round trip (an
idle worker adds that one turn, nothing more). A Batch that cannot send yet queues its packed commands and waits:
for the gathering Batch to take it along, or, when the limit is reached, for a round trip to end, whose sender then
hands the sending to the first Batch queued; it sends everything queued by then. The limit keeps a few round trips
in flight (bench/PROFILE.md: one at a time left the worker idle while Redis worked through a large round trip; no
limit shared less). Outside gevent (tests, the CLI, the RQ worker, threads) there is no group: `group_for` answers
None and a Batch talks to Redis directly.

Guarantees, the same as a Batch alone: every command is sent once, on one connection, in the order queued (each
Batch's commands together); the replies are read in that order and each Batch gets exactly its own. A failure of
a round trip (timeout, connection lost, the sending greenlet killed) closes the connection, never pooled with
replies in flight, and fails the Batches of that round trip whose replies had not all been read, each with an
error of its own (a RedisError: callers take their Redis-down paths); other round trips are not touched, and
Batches queued behind it go in the next round trip, on a fresh connection. A waiting request that is killed before
its Batch was sent is taken out of the queue (its commands are never sent); one killed after, leaves its replies
to be read and dropped.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from redis.connection import ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

IN_FLIGHT_LIMIT = 4  # round trips of one group in flight at once (measured: 1, 4 and no limit; bench/PROFILE.md)
_LEAD = object()  # what a queued Batch is woken with when it is to send the next round trip
_ATTRIBUTE = "_helpline_group_commit"  # the pool's group, set on the pool object (a pool per client)


class _Queued:
    """One Batch in a group: its packed commands, how many replies it waits for, and what it got."""

    __slots__ = ("packed", "count", "waiter", "lead", "outcome")

    def __init__(self, packed: bytes, count: int):
        self.packed = packed
        self.count = count
        self.waiter: Any = None  # a gevent Waiter while it waits
        self.lead = False  # handed the sending
        self.outcome: tuple[bool, Any] | None = None  # (True, replies) or (False, the error to raise)


class GroupCommit:
    """The round trips of one connection pool in one gevent hub: at most `in_flight_limit` in flight at once, each
    carrying every Batch queued when it was sent."""

    def __init__(self, pool: ConnectionPool, hub: Any, in_flight_limit: int = IN_FLIGHT_LIMIT):
        from gevent import sleep  # here: only gevent workers ever make a group
        from gevent.hub import Waiter

        self._sleep = sleep
        self._waiter = Waiter
        self.pool = pool
        self.hub = hub
        self.pid = _pid[0]
        self.limit = in_flight_limit
        self.queued: list[_Queued] = []
        # The connections this group took from the pool and keeps between its round trips (see _checkout); None
        # where the pool's own checkout must decide (a pool that is not redis-py's plain one)
        self.held: list[Any] | None = [] if _may_hold(pool) else None
        self.gathering = False  # a sender is giving the loop its one turn before it takes the queue
        self.in_flight = 0  # round trips sent (or about to be) whose replies are not all read
        self.round_trips = 0  # counted for tests and benchmarks
        self.batches = 0

    def round_trip(self, packed: bytes, count: int) -> list[Any]:
        """The `count` replies to `packed` (one Batch's commands), each error reply as its exception."""
        own = _Queued(packed, count)
        self.queued.append(own)
        if self.gathering or self.in_flight >= self.limit:
            woken = self._wait(own)
            if woken is not _LEAD:
                return _unwrap(woken)
            # handed the sending (its round trip counted in flight already): the queue has had time to fill
        else:
            self.in_flight += 1
            self.gathering = True
            try:
                self._sleep(0)  # one turn of the loop: requests runnable now reach their Batches and queue too
            except BaseException:  # killed while it gave the loop its turn
                self.gathering = False
                self.queued.remove(own)
                self._finished()
                raise
            self.gathering = False
        group, self.queued = self.queued, []  # own first, then whatever queued behind it
        try:
            self._send(group, own)
        finally:
            self._finished()
            self._wake(group, own)
        assert own.outcome is not None  # noqa: S101 - _send gives every member of the group an outcome
        return _unwrap(own.outcome)

    def _wait(self, own: _Queued) -> Any:
        own.waiter = self._waiter(self.hub)
        try:
            return own.waiter.get()
        except BaseException:  # killed (or a gevent Timeout) while queued
            if own in self.queued:
                self.queued.remove(own)  # not sent: its commands never will be
                if own.lead:  # the sending was handed to it: hand it on, or the queue would wait forever
                    self._finished()
            raise

    def _send(self, group: list[_Queued], own: _Queued) -> None:
        """Send the group's commands in one write and read every reply: each member's outcome."""
        self.round_trips += 1
        self.batches += len(group)
        connection = None
        read = 0
        try:
            connection = self._checkout()
            connection.send_packed_command([b"".join([queued.packed for queued in group])])
            for queued in group:
                queued.outcome = (True, read_replies(connection, queued.count))
                read += 1
        except BaseException as error:
            if connection is not None:
                connection.disconnect()  # replies may still be in flight: this connection is not reused
            for queued in group[read:]:
                queued.outcome = (False, error if queued is own else _own_error(error, len(group)))
            if not isinstance(error, Exception):
                raise  # the sender itself was killed (the others are woken all the same)
        finally:
            if connection is not None:
                self._checkin(connection)

    def _checkout(self) -> Any:
        """A connection for one round trip: one this group holds, checked as redis-py's pool checks a connection it
        hands out (connected; the server has not closed it, else reconnected once; and, unless the server may push
        maintenance notifications, nothing waiting on it), or, holding none free, one from the pool.

        Why not the pool each time: redis-py 8's checkout and release (the pool's lock, which gevent makes a
        Python lock, a process id check each way, four observability records, an event dispatch, a deprecation
        check of the arguments) cost a gevent worker about a fifth of a lone round trip's CPU, and at the rates the
        tail target names nearly every Batch is a round trip of its own (about 1.8 a request; bench/PROFILE.md,
        "Twenty-eighth look"). The group keeps at most one connection per round trip in flight (IN_FLIGHT_LIMIT);
        they stay the pool's in-use connections, so the pool's `disconnect` still closes them (the next checkout
        reconnects). Only for redis-py's plain pool (`_may_hold`): a Sentinel pool decides at release whether a
        connection still reaches the primary, and that check is kept by going through it."""
        held = self.held
        if not held:
            return self.pool.get_connection()
        connection = held.pop()
        notifications = getattr(self.pool, "maint_notifications_enabled", None)
        strict = not (notifications is not None and notifications())  # as the pool: pushed data may wait
        try:
            connection.connect()
            try:
                if connection.can_read() and strict:
                    raise RedisConnectionError("Connection has data")
            except (RedisConnectionError, RedisTimeoutError, OSError):
                connection.disconnect()
                connection.connect()
                if connection.can_read() and strict:
                    raise RedisConnectionError("Connection not ready") from None
        except BaseException:
            held.append(connection)  # disconnected or not, still this group's: the next checkout connects it
            raise
        return connection

    def _checkin(self, connection: Any) -> None:
        """After a round trip: a held connection is kept (disconnected by `_send` if the round trip failed, so never
        with replies in flight; and, as the pool's release does, if a maintenance notification asked for a
        reconnect); else it goes back to the pool."""
        if self.held is None:
            self.pool.release(connection)
            return
        reconnect = getattr(connection, "should_reconnect", None)
        if reconnect is not None and reconnect():
            connection.disconnect()
        self.held.append(connection)

    def _finished(self) -> None:
        """A round trip ended (or will not be sent): the first Batch queued for want of a free slot sends next."""
        self.in_flight -= 1
        if self.queued and not self.gathering and self.in_flight < self.limit:
            first = self.queued[0]
            first.lead = True
            self.in_flight += 1
            self.hub.loop.run_callback(first.waiter.switch, _LEAD)

    def _wake(self, group: list[_Queued], own: _Queued) -> None:
        run = self.hub.loop.run_callback
        for queued in group:
            if queued is not own and queued.outcome is not None:
                run(queued.waiter.switch, queued.outcome)


def read_replies(connection: Any, count: int) -> list[Any]:
    """The next `count` replies on the connection, an error reply as its exception (the connection stays in step)."""
    replies: list[Any] = []
    for _ in range(count):
        try:
            replies.append(connection.read_response())
        except ResponseError as error:  # an error reply: the connection is still in step
            replies.append(error)
    return replies


def _own_error(error: BaseException, shared: int) -> RedisError:
    """An error of its own for each Batch of a failed round trip (one instance raised in many greenlets would mix
    their tracebacks): the same RedisError type and message, or a ConnectionError for anything else."""
    copy: RedisError
    if isinstance(error, RedisError):
        try:
            copy = type(error)(*error.args)
        except TypeError:
            copy = RedisConnectionError(str(error))
    else:
        copy = RedisConnectionError(f"a round trip shared by {shared} requests failed: {error!r}")
    copy.__cause__ = error
    return copy


def _unwrap(outcome: tuple[bool, Any]) -> list[Any]:
    ok, value = outcome
    if not ok:
        raise value
    replies: list[Any] = value
    return replies


def _may_hold(pool: ConnectionPool) -> bool:
    """Whether a group may keep this pool's connections between round trips: redis-py's plain pool without a
    client-side cache, whose checkout checks only what `_checkout` checks."""
    return type(pool) is ConnectionPool and getattr(pool, "cache", None) is None


def group_for(pool: ConnectionPool) -> GroupCommit | None:
    """The pool's group in this gevent worker, or None where a Batch should talk to Redis directly: gevent has not
    patched sockets (tests, the CLI, the RQ worker), or this is the hub itself or another thread's hub."""
    if not _patched:
        monkey = sys.modules.get("gevent.monkey")
        if monkey is None or not monkey.is_module_patched("socket"):
            return None
        from gevent import get_hub, getcurrent  # once: an import statement per Batch cost more than the rest here

        _patched.append((get_hub, getcurrent))  # patching is never undone: not asked again
    get_hub, getcurrent = _patched[0]
    hub = get_hub()
    if getcurrent() is hub:
        return None  # the loop itself cannot wait
    group: GroupCommit | None = getattr(pool, _ATTRIBUTE, None)
    if group is None or group.pid != _pid[0]:  # none yet, or inherited across a fork
        group = GroupCommit(pool, hub, IN_FLIGHT_LIMIT)
        setattr(pool, _ATTRIBUTE, group)
    return group if group.hub is hub else None


_patched: list[tuple[Any, Any]] = []  # gevent's get_hub and getcurrent, once sockets are patched
# This process's id, kept current in a forked child: `os.getpid()` is a system call (glibc no longer caches it), and
# every Batch asked it (two a message; bench/PROFILE.md, "Twenty-fifth look").
_pid = [os.getpid()]
os.register_at_fork(after_in_child=lambda: _pid.__setitem__(0, os.getpid()))
