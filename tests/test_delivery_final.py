"""A counselor's message ends in a final state and reaches the texter once: a work horse killed mid-send, a
Twilio answer that never came after Twilio accepted the message. The retry asks Twilio before sending again."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from flask import Flask

from helpline import worker
from helpline.channels.base import SendFailed
from helpline.channels.twilio import TwilioSender
from helpline.state.deliveries import SENDING_LEASE_SECONDS, DeliveryState
from helpline.wiring import Services
from tests.desk import OUR_NUMBER, TWILIO_SID
from tests.fake_twilio import FakeTwilio
from tests.support import AUTH_TOKEN, Clock, Texter, make_app, parts

TEXTER = "+14155550301"
BODY = "Hi, this is Ana from the helpline. Are you safe right now?"


@pytest.fixture
def app(app_config: dict[str, Any], fake_twilio: FakeTwilio, app_clock: Clock) -> Flask:
    config = {
        **app_config,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_PHONE_NUMBER": OUR_NUMBER,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
    }
    return make_app(config, clock=app_clock)


@pytest.fixture
def services(app: Flask, fake_twilio: FakeTwilio) -> Services:
    """The app's services with a sender that gives up quickly (the real one waits 10 s)."""
    sender = TwilioSender(TWILIO_SID, AUTH_TOKEN, from_=OUR_NUMBER, base_url=fake_twilio.base_url, timeout=0.4)
    return dataclasses.replace(parts(app), sender=sender)


def _recorded_reply(app: Flask, services: Services) -> tuple[str, str]:
    Texter(app.test_client(), TEXTER).replies("HI")
    tid = services.texters.texter_id(TEXTER)
    entry = services.deliveries.send(tid, BODY, author="ana", topic="reply", language="en")
    return tid, entry


def test_a_timeout_after_twilio_accepted_does_not_send_twice(
    app: Flask, services: Services, fake_twilio: FakeTwilio
) -> None:
    tid, entry = _recorded_reply(app, services)
    fake_twilio.hang_next(1.5)  # Twilio takes the message, its answer comes after the client gave up
    with pytest.raises(SendFailed) as failure:
        worker.deliver(services, tid, entry, retries_left=3)
    assert failure.value.in_doubt
    assert services.deliveries.states(tid)[entry].status == DeliveryState.RETRYING
    assert len(fake_twilio.messages) == 1
    result = worker.deliver(services, tid, entry, retries_left=2)  # RQ's retry
    assert result.endswith("(reconciled)")
    assert len(fake_twilio.messages) == 1  # asked, found, not sent again
    state = services.deliveries.states(tid)[entry]
    assert (state.status, state.sid) == (DeliveryState.QUEUED, fake_twilio.messages[0].sid)


def test_a_work_horse_killed_before_sending_leaves_no_message_sending_forever(
    app: Flask, services: Services, fake_twilio: FakeTwilio, app_clock: Clock
) -> None:
    tid, entry = _recorded_reply(app, services)
    assert services.deliveries.begin(tid, entry)  # the attempt began ... and its work horse was killed here
    with pytest.raises(worker.AttemptInFlight):  # RQ retries at once: that attempt might still be sending
        worker.deliver(services, tid, entry, retries_left=3)
    app_clock.advance(SENDING_LEASE_SECONDS + 1)
    sid = worker.deliver(services, tid, entry, retries_left=2)
    assert [m.sid for m in fake_twilio.messages] == [sid]
    assert services.deliveries.states(tid)[entry].status == DeliveryState.QUEUED


def test_a_work_horse_killed_after_twilio_took_it_is_reconciled(
    app: Flask, services: Services, fake_twilio: FakeTwilio, app_clock: Clock
) -> None:
    tid, entry = _recorded_reply(app, services)
    assert services.deliveries.begin(tid, entry)
    services.sender.send(TEXTER, BODY, None)  # the killed horse's request had reached Twilio
    app_clock.advance(SENDING_LEASE_SECONDS + 1)
    assert worker.deliver(services, tid, entry, retries_left=2).endswith("(reconciled)")
    assert len(fake_twilio.messages) == 1


def test_the_last_attempt_of_a_dead_send_is_final(
    app: Flask, services: Services, fake_twilio: FakeTwilio, app_clock: Clock
) -> None:
    tid, entry = _recorded_reply(app, services)
    assert services.deliveries.begin(tid, entry)
    assert worker.deliver(services, tid, entry, retries_left=0) == "failed: an earlier attempt never finished"
    assert services.deliveries.states(tid)[entry].status == DeliveryState.FAILED


@pytest.mark.slow
def test_the_real_work_horse_killed_mid_send(
    app_config: dict[str, Any], fake_twilio: FakeTwilio, tmp_path: Any
) -> None:
    """`helpline worker` as deployed; its work horse is SIGKILLed while Twilio holds the request. RQ's retry
    finds the message at Twilio: one copy, and the delivery ends queued, not "sending" forever."""
    import os
    import signal
    import subprocess
    import time

    from tests import processes

    env = processes.clean_env(
        REDIS_URL=app_config["REDIS_URL"],
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        SECRET_KEY=app_config["SECRET_KEY"],
        HELPLINE_INSTANCE_PATH=str(tmp_path),
        TWILIO_ACCOUNT_SID=TWILIO_SID,
        TWILIO_PHONE_NUMBER=OUR_NUMBER,
        TWILIO_API_BASE_URL=fake_twilio.base_url,
    )
    app = make_app({**app_config, **{k: env[k] for k in ("TWILIO_ACCOUNT_SID", "TWILIO_PHONE_NUMBER")},
                    "TWILIO_API_BASE_URL": fake_twilio.base_url})
    services = parts(app)
    fake_twilio.hang_next(8.0)
    work = subprocess.Popen(processes.procfile_command("worker", 0), cwd=processes.REPO, env=env)  # noqa: S603

    def children() -> set[str]:
        return set(subprocess.run(["pgrep", "-P", str(work.pid)], capture_output=True, text=True).stdout.split())

    try:
        time.sleep(3)  # the worker and its scheduler (a child process of its own) are up
        before = children()
        tid, entry = _recorded_reply(app, services)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not fake_twilio.messages:
            time.sleep(0.05)
        assert fake_twilio.messages, "the worker never sent"
        horses = children() - before  # the work horse: forked for this job
        assert len(horses) == 1, horses
        for horse in horses:
            os.kill(int(horse), signal.SIGKILL)
        deadline = time.monotonic() + 90
        state = services.deliveries.states(tid)[entry]
        while time.monotonic() < deadline and state.status in (DeliveryState.SENDING, DeliveryState.RETRYING):
            time.sleep(0.5)
            state = services.deliveries.states(tid)[entry]
    finally:
        processes.stop(work)
    assert state.status == DeliveryState.QUEUED, state
    assert len(fake_twilio.messages) == 1 and state.sid == fake_twilio.messages[0].sid
