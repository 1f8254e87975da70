"""Counselor replies through the real RQ worker and the real twilio client, against a fake Twilio API."""

from __future__ import annotations

import subprocess
import time
from typing import Any

import pytest
from flask import Flask
from rq.job import Job

from helpline import worker
from helpline.channels import twilio as channel
from helpline.channels.simulator import SimulatorSender
from helpline.state.deliveries import DeliveryState
from tests import processes
from tests.desk import OUR_NUMBER, TWILIO_SID, Desk, ask_for_counselor, parts, text, work
from tests.fake_twilio import FakeTwilio
from tests.support import AUTH_TOKEN, make_app

US = "+14155550123"
PUBLIC_URL = "https://help.example.org"
STATUS_URL = PUBLIC_URL + "/twilio/status"


@pytest.fixture
def sending_config(app_config: dict[str, Any], fake_twilio: FakeTwilio) -> dict[str, Any]:
    return {
        **app_config,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_PHONE_NUMBER": OUR_NUMBER,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
        "HELPLINE_PUBLIC_URL": PUBLIC_URL,
    }


@pytest.fixture
def app(sending_config: dict[str, Any]) -> Flask:
    return make_app(sending_config)


def held_conversation(app: Flask, desk: Desk, address: str = US) -> str:
    tid = ask_for_counselor(app, address, base=base_of(app))
    desk.post(f"/dashboard/c/{tid}/claim")
    return tid


def base_of(app: Flask) -> str:
    return parts(app).settings.public_url or "http://localhost"


def last_out(desk: Desk, tid: str) -> dict[str, Any]:
    return [e for e in desk.get_json(f"/dashboard/c/{tid}/state")["transcript"] if e["direction"] == "out"][-1]


def status_callback(app: Flask, sid: str, status: str, error_code: str = "", signature: str | None = None) -> int:
    form = {
        "MessageSid": sid,
        "MessageStatus": status,
        "AccountSid": TWILIO_SID,
        "To": US,
        "From": OUR_NUMBER,
        "ApiVersion": "2010-04-01",
    }
    if error_code:
        form["ErrorCode"] = error_code
    signature = channel.sign(AUTH_TOKEN, STATUS_URL, form) if signature is None else signature
    response = app.test_client().post("/twilio/status", data=form, headers={channel.SIGNATURE_HEADER: signature})
    return response.status_code


def test_reply_goes_out_through_twilio_and_status_callbacks_update_it(
    app: Flask, ana: Desk, fake_twilio: FakeTwilio
) -> None:
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/reply", body="Hi, I'm Ana. Are you safe right now?")
    assert last_out(ana, tid)["status"] == "pending"
    assert fake_twilio.requests == []  # nothing leaves the web process: the worker sends

    work(app)
    [request] = fake_twilio.messages
    assert request.account == TWILIO_SID and request.authorization == f"{TWILIO_SID}:{AUTH_TOKEN}"
    assert request.form == {
        "To": US,
        "From": OUR_NUMBER,
        "Body": "Hi, I'm Ana. Are you safe right now?",
        "StatusCallback": STATUS_URL,
    }
    entry = last_out(ana, tid)
    assert entry["status"] == "queued"
    assert parts(app).deliveries.states(tid)[entry["id"]].sid == request.sid

    assert status_callback(app, request.sid, "sent") == 204
    assert last_out(ana, tid)["status"] == "sent"
    assert status_callback(app, request.sid, "delivered") == 204
    assert last_out(ana, tid)["status_text"] == "delivered"
    assert status_callback(app, request.sid, "sent") == 204  # late and out of order: ignored
    assert last_out(ana, tid)["status"] == "delivered"


def test_a_badly_signed_status_callback_changes_nothing(app: Flask, ana: Desk, fake_twilio: FakeTwilio) -> None:
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/reply", body="hello")
    work(app)
    sid = fake_twilio.messages[0].sid
    assert status_callback(app, sid, "failed", "30006", signature="forged") == 403
    assert last_out(ana, tid)["status"] == "queued"


def test_opted_out_number_shows_21610_with_a_readable_reason_and_is_not_retried(
    app: Flask, ana: Desk, fake_twilio: FakeTwilio
) -> None:
    tid = held_conversation(app, ana)
    fake_twilio.opted_out.add(US)
    ana.post(f"/dashboard/c/{tid}/reply", body="Are you still there?")
    work(app)
    entry = last_out(ana, tid)
    assert (entry["status"], entry["error"]) == ("failed", "21610")
    assert entry["reason"] == "21610: the texter has opted out (replied STOP)"
    queue = parts(app).queue
    assert queue.scheduled_job_registry.get_job_ids() == []  # a 4xx will fail again: no retry
    work(app)
    assert len(fake_twilio.requests) == 1


def test_a_texter_who_replied_stop_is_not_sent_to(app: Flask, ana: Desk, fake_twilio: FakeTwilio) -> None:
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/reply", body="Take care")  # written just before the STOP arrives
    assert "START" in text(app, US, "STOP", PUBLIC_URL)[0]  # the opt-out confirmation
    work(app)
    assert fake_twilio.requests == []
    transcript = ana.get_json(f"/dashboard/c/{tid}/state")["transcript"]
    [reply] = [entry for entry in transcript if entry["body"] == "Take care"]
    assert reply["reason"] == "21610: the texter has opted out (replied STOP)"
    # From now on the page says why, and refuses before anything is queued.
    state = ana.get_json(f"/dashboard/c/{tid}/state")
    assert "sent STOP" in state["reply_blocked"] and state["conversation"]["opted_out"] is True
    response = ana.post(f"/dashboard/c/{tid}/reply", body="Are you there?")
    assert response.status_code == 302
    assert "Are you there?" not in [entry["body"] for entry in ana.get_json(f"/dashboard/c/{tid}/state")["transcript"]]


def test_delivery_failure_reported_by_callback_shows_its_reason(app: Flask, ana: Desk, fake_twilio: FakeTwilio) -> None:
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/reply", body="hello")
    work(app)
    status_callback(app, fake_twilio.messages[0].sid, "undelivered", "30006")
    entry = last_out(ana, tid)
    assert entry["status_text"] == "not delivered"
    assert entry["reason"] == "30006: landline or unreachable carrier"


def test_sending_is_idempotent(app: Flask, ana: Desk, fake_twilio: FakeTwilio) -> None:
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/reply", body="only once")
    entry = last_out(ana, tid)["id"]
    enqueue = worker.enqueuer(parts(app).queue)
    enqueue(tid, entry)  # a duplicate job for the same message
    work(app)
    enqueue(tid, entry)  # and a re-run after it was sent
    work(app)
    assert worker.deliver(parts(app), tid, entry).startswith("skipped")
    assert [r.form["Body"] for r in fake_twilio.requests] == ["only once"]


def refused_reply(app: Flask, ana: Desk, fake_twilio: FakeTwilio, refusals: int) -> tuple[str, str, Job]:
    """Ana's reply in a held conversation, refused by Twilio (503) on its first attempt: it is "retrying", and
    the one retry scheduled is returned (conversation, entry, job). Twilio refuses `refusals` attempts."""
    tid = held_conversation(app, ana)
    for _ in range(refusals):
        fake_twilio.fail_next(503, 20500, "service unavailable")
    ana.post(f"/dashboard/c/{tid}/reply", body="are you ok?")
    entry = last_out(ana, tid)["id"]
    work(app)
    assert last_out(ana, tid)["status"] == "retrying"
    queue = parts(app).queue
    [job_id] = queue.scheduled_job_registry.get_job_ids()
    job = queue.fetch_job(job_id)
    assert job is not None
    return tid, entry, job


def test_twilio_outage_is_retried_at_the_configured_intervals(app: Flask, ana: Desk, fake_twilio: FakeTwilio) -> None:
    tid, entry, job = refused_reply(app, ana, fake_twilio, refusals=1)
    assert job.retry_intervals == list(worker.RETRY_INTERVALS) and job.retries_left == len(worker.RETRY_INTERVALS) - 1
    worker.deliver(parts(app), tid, entry)  # what the scheduled retry runs
    assert last_out(ana, tid)["status"] == "queued"
    assert [r.answered for r in fake_twilio.requests] == [503, 201]


def test_messaging_service_and_whatsapp_senders(sending_config: dict[str, Any], fake_twilio: FakeTwilio) -> None:
    app = make_app(sending_config)
    whatsapp = "whatsapp:+14155550188"
    ana = Desk(app, "ana")
    tid = held_conversation(app, ana, whatsapp)
    ana.post(f"/dashboard/c/{tid}/reply", body="hi on whatsapp")
    work(app)
    assert fake_twilio.messages[-1].form["From"] == "whatsapp:" + OUR_NUMBER
    assert fake_twilio.messages[-1].form["To"] == whatsapp

    service = make_app({**sending_config, "TWILIO_MESSAGING_SERVICE_SID": "MG" + "2" * 32})
    bea = Desk(service, "bea")
    tid = held_conversation(service, bea, US)
    bea.post(f"/dashboard/c/{tid}/reply", body="via the service")
    work(service)
    form = fake_twilio.messages[-1].form
    assert form["MessagingServiceSid"] == "MG" + "2" * 32 and "From" not in form


def test_close_sends_the_goodbye_through_the_worker(app: Flask, ana: Desk, fake_twilio: FakeTwilio) -> None:
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/close", outcome="resolved")
    work(app)
    assert fake_twilio.messages[0].form["Body"].startswith("This conversation is closed. Text TALK")


def test_overdue_notice_goes_out_once(app: Flask, ana: Desk, fake_twilio: FakeTwilio) -> None:
    ask_for_counselor(app, US, base=PUBLIC_URL)
    context = parts(app)
    worker.sweep_overdue(context, now=time.time() + 3600)
    worker.sweep_overdue(context, now=time.time() + 7200)
    work(app)
    assert len(fake_twilio.messages) == 1
    assert "988" in fake_twilio.messages[0].form["Body"]


def test_development_without_twilio_delivers_to_the_simulator(app_config: dict[str, Any]) -> None:
    app = make_app({**app_config, "HELPLINE_ENV": "development"})
    assert isinstance(parts(app).sender, SimulatorSender)
    ana = Desk(app, "ana")
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/reply", body="Hello from a counselor")
    work(app, fork=False)
    phone = app.test_client()

    def outbox() -> list[str]:
        return phone.get("/simulator/outbox", query_string={"from": US}).get_json()["messages"]

    assert outbox() == ["Hello from a counselor"]
    assert outbox() == []  # shown once
    assert last_out(ana, tid)["status"] == "delivered"


def test_production_without_a_twilio_account_fails_visibly(app_config: dict[str, Any]) -> None:
    app = make_app(app_config)
    ana = Desk(app, "ana")
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/reply", body="hello")
    work(app)
    entry = last_out(ana, tid)
    assert entry["status"] == "failed" and "no Twilio account configured" in entry["reason"]


def test_the_helpline_worker_command_sends_replies(sending_config: dict[str, Any], fake_twilio: FakeTwilio) -> None:
    app = make_app(sending_config)
    ana = Desk(app, "ana")
    tid = held_conversation(app, ana)
    env = processes.clean_env(**{key: str(value) for key, value in sending_config.items()})
    worker = subprocess.Popen(  # noqa: S603 - our own console script
        [str(processes.VENV_BIN / "helpline"), "worker"], cwd=processes.REPO, env=env
    )
    try:
        ana.post(f"/dashboard/c/{tid}/reply", body="sent by `helpline worker`")
        deadline = time.monotonic() + 20
        while not fake_twilio.messages and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.1)
        assert [m.form["Body"] for m in fake_twilio.messages] == ["sent by `helpline worker`"]
        while last_out(ana, tid)["status"] != "queued" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert last_out(ana, tid)["status"] == "queued"
    finally:
        processes.stop(worker)


def test_exhausted_retries_end_in_the_final_failed_state(app: Flask, ana: Desk, fake_twilio: FakeTwilio) -> None:
    """The last attempt's failure is final: "failed" with its reason, nothing scheduled, never "retrying"."""
    tid, entry, job = refused_reply(app, ana, fake_twilio, refusals=2)
    job.retries_left = 0  # as if every earlier retry had failed too: this run is the last
    job.save()
    queue = parts(app).queue
    registry = queue.scheduled_job_registry
    registry.remove(job)
    queue.enqueue_job(job)  # run it now rather than in 10 seconds
    work(app)
    state = parts(app).deliveries.states(tid)[entry]
    assert (state.status, state.final) == ("failed", True)
    assert last_out(ana, tid)["status_text"] == "failed" and last_out(ana, tid)["reason"]
    assert registry.get_job_ids() == [] and [r.answered for r in fake_twilio.requests] == [503, 503]


def test_status_callback_before_the_send_is_recorded_is_not_lost(app: Flask, ana: Desk) -> None:
    """Twilio may call back before the worker records the message id; the furthest state still wins."""
    tid = held_conversation(app, ana)
    ana.post(f"/dashboard/c/{tid}/reply", body="hello")
    entry = last_out(ana, tid)["id"]
    deliveries = parts(app).deliveries
    assert deliveries.begin(tid, entry)
    assert status_callback(app, "SMearly", "delivered") == 204  # nobody knows SMearly yet
    deliveries.sent(tid, entry, "SMearly", DeliveryState.QUEUED)
    assert last_out(ana, tid)["status"] == "delivered"
    assert not deliveries.begin(tid, entry)  # delivered is final: no second attempt
