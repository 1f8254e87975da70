"""helpline.state.scripts.Batch: commands and scripts in one write, replies in order, the connection never
reused with replies in flight."""

from __future__ import annotations

import json
import pathlib
import time

import pytest
import redis

from helpline.state.scripts import Batch, Lua


def test_results_in_order_with_scripts_and_commands(redis_client: redis.Redis) -> None:
    echo = Lua(redis_client, "return {KEYS[1], ARGV[1]}")
    batch = Batch(redis_client)
    first = batch.command("SET", "batch:a", "1")
    second = batch.run(echo, ["batch:a"], ["é"])
    third = batch.command("INCRBY", "batch:a", 2)
    fourth = batch.publish("batch:channel", "hello")
    assert (first, second, third, fourth) == (0, 1, 2, 3)
    assert batch.execute() == ["OK", ["batch:a", "é"], 3, 0]
    assert batch.execute() == []  # a batch is empty again once sent


def test_unknown_script_is_loaded_and_run_once(redis_client: redis.Redis) -> None:
    count = Lua(redis_client, "return redis.call('INCR', KEYS[1])")
    redis_client.script_flush()
    batch = Batch(redis_client)
    batch.command("INCR", "batch:n")
    batch.run(count, ["batch:n"], [])
    batch.command("INCR", "batch:n")
    assert batch.execute() == [1, 3, 2]  # the script ran alone, after the batch: each command once
    assert redis_client.get("batch:n") == "3"


def test_an_error_reply_is_raised_after_every_command_ran(redis_client: redis.Redis) -> None:
    redis_client.set("batch:s", "text")
    batch = Batch(redis_client)
    batch.command("INCR", "batch:s")
    batch.command("SET", "batch:after", "1")
    with pytest.raises(redis.ResponseError):
        batch.execute()
    assert redis_client.get("batch:after") == "1"
    assert redis_client.ping()  # the connection stayed in step


def test_a_timeout_closes_the_connection_instead_of_pooling_it(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url, decode_responses=True, socket_timeout=0.2)
    try:
        slow = Lua(
            client,
            "local t = redis.call('TIME'); local until_ = t[1] * 1e6 + t[2] + 400000\n"
            "repeat local n = redis.call('TIME') until n[1] * 1e6 + n[2] >= until_\nreturn 'late'",
        )
        batch = Batch(client)
        batch.run(slow, [], [])
        batch.command("PING")
        with pytest.raises(redis.TimeoutError):
            batch.execute()
        time.sleep(0.5)  # the script has finished: its late reply sits in the closed connection, if anywhere
        # The late replies must not be read as the answers to the next commands.
        batch = Batch(client)
        batch.command("ECHO", "next")
        assert batch.execute() == ["next"]
        assert client.echo("again") == "again"
    finally:
        client.close()


def test_the_readiness_check_answers_as_redis_pys(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """helpline.state.redis.ReadinessParser (the pool's check before it hands out a connection): quiet, with
    unread data, and closed by the server, whether it asks the OS's poll (under gevent) or redis-py does."""
    import select

    from helpline.state import redis as connection_module

    client, _ = connection_module.connect(redis_url, pathlib.Path("."))
    try:
        for os_poll in (None, select.poll):
            monkeypatch.setattr(connection_module, "_os_poll", lambda os_poll=os_poll: os_poll)
            connection = client.connection_pool.get_connection()
            try:
                assert isinstance(connection._parser, connection_module.ReadinessParser)
                assert connection.can_read() is False  # quiet
                connection.send_command("PING")
                deadline = time.monotonic() + 2
                while not connection.can_read() and time.monotonic() < deadline:
                    time.sleep(0.01)
                assert connection.can_read() is True  # a reply waits
                assert connection.read_response() == "PONG"
                assert connection.can_read() is False
                name = f"readiness-{os_poll is not None}"
                connection.send_command("CLIENT", "SETNAME", name)
                assert connection.read_response() == "OK"
                client.client_kill_filter(_type=None, skipme=True, laddr=None, _id=_client_id(client, name))
                time.sleep(0.2)
                with pytest.raises(redis.ConnectionError):  # closed by the server: the pool makes a new one
                    connection.can_read()
            finally:
                connection.disconnect()
                client.connection_pool.release(connection)
        assert client.ping()  # the pool replaced the closed connection
    finally:
        client.close()


def _client_id(client: redis.Redis, name: str) -> int:
    return next(int(entry["id"]) for entry in client.client_list() if entry.get("name") == name)


def test_the_event_backlog_gives_each_stream_what_it_has_not_seen(redis_client: redis.Redis) -> None:
    """state.events.Hub.since: the events after a stream's last one, oldest first, as a walk of the whole backlog
    would find them, also once the backlog is full and has dropped its oldest."""
    from helpline.state import events

    hub = events.Hub(redis_client)
    published: list[str] = []
    for number in range(events.BACKLOG + 50):
        raw = json.dumps({"type": "message", "texter": f"t{number}", "detail": "not for the page"})
        published.append(raw)
        hub._arrived([raw])
        if number % 97 and number < events.BACKLOG + 40:
            continue
        kept = published[-events.BACKLOG :]
        first_kept = len(published) - len(kept) + 1  # events are numbered from 1
        for seen in {0, max(0, hub.sequence - 3), hub.sequence - 1, hub.sequence}:
            walked = [events.public(raw) for number, raw in enumerate(kept, first_kept) if number > seen]
            assert hub.since(seen) == walked


def test_events_are_made_public_only_when_a_stream_asks_for_them(redis_client: redis.Redis, monkeypatch) -> None:
    """A surge's events reach a stream as one "many": parsing each of them on arrival was work for nobody. An event
    a stream does get is made public once, however many streams ask for it."""
    from helpline.state import events

    calls: list[str] = []
    original = events.public
    monkeypatch.setattr(events, "public", lambda raw: calls.append(raw) or original(raw))
    hub = events.Hub(redis_client)
    hub._arrived([json.dumps({"type": "queued", "texter": f"t{number}"}) for number in range(500)])
    assert calls == []
    expected = [original(json.dumps({"type": "queued", "texter": f"t{number}"})) for number in (498, 499)]
    for _stream in range(3):
        assert hub.since(hub.sequence - 2) == expected
    assert len(calls) == 2
