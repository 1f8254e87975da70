"""Background work on RQ: sending messages to texters, and the overdue sweep.

`helpline worker` builds the services (helpline.wiring, no Flask) and works the
"helpline" queue with `HelplineWorker`, which hands those services to every
job it runs: no module global. A send job gets ids only and is safe to run
twice (see helpline.state.deliveries); failures worth retrying (Twilio 5xx or
429, network trouble) are retried at explicit intervals, and the last failure
ends in the final "failed" state with its reason, shown to the counselor. The
worker also sweeps the queue every SWEEP_SECONDS for conversations waiting
longer than HELPLINE_UNCLAIMED_MINUTES: each gets its local crisis line once
and stays in the queue, marked overdue.

RQ stores pickled jobs, so its Redis connection must not decode responses: it
is a second client on the same server (helpline.state.redis.queue_connection).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rq import Queue, Retry, SimpleWorker, Worker, get_current_job
from rq.executions import Execution
from rq.job import Job

from helpline.channels import twilio
from helpline.channels.base import SendFailed
from helpline.state import redis as redis_connection
from helpline.state import sending
from helpline.state.deliveries import STALE_REASON

if TYPE_CHECKING:
    from helpline.wiring import Services

log = logging.getLogger(__name__)

RETRY_INTERVALS = (10, 30, 120, 600)  # seconds between attempts; Twilio outages are usually short
SWEEP_SECONDS = 30
JOB_RESULT_TTL = 3600
JOB_FAILURE_TTL = 7 * 24 * 3600


class ServicesJob(Job):
    """A job whose function gets the worker's services as its first argument."""

    services: Services | None = None

    def _execute(self) -> Any:
        services = self.services
        if services is None:  # run by a plain `rq worker`: build them from the environment, as `helpline worker` does
            from helpline import wiring

            services = wiring.from_environment()
        return self.func(services, *self.args, **self.kwargs)


class _HandsServices:
    services: Services

    def perform_job(self, job: Job, queue: Queue, execution: Execution) -> bool:
        if isinstance(job, ServicesJob):
            job.services = self.services
        return bool(super().perform_job(job, queue, execution))  # type: ignore[misc]  # a mixin: super() is rq's Worker


class HelplineWorker(_HandsServices, Worker):
    """RQ's forking worker; each work horse inherits the services built once in the parent."""


class HelplineSimpleWorker(_HandsServices, SimpleWorker):
    """The same without forking (tests that need the jobs in-process)."""


def make_worker(
    services: Services, *, fork: bool = True, connection: Any = None
) -> HelplineWorker | HelplineSimpleWorker:
    connection = connection or services.queue.connection
    worker_class = HelplineWorker if fork else HelplineSimpleWorker
    queues = [Queue(services.queue.name, connection=connection)]
    worker = worker_class(queues, connection=connection, job_class=ServicesJob)
    worker.services = services
    return worker


def enqueuer(queue: Queue) -> Callable[[str, str], Any]:
    """The function the deliveries call to send a recorded message: one job per entry, ids only."""

    def enqueue(tid: str, entry: str) -> Any:
        return queue.enqueue(
            send_message,
            tid,
            entry,
            job_id=f"hl-send-{tid}-{entry}",
            retry=Retry(max=len(RETRY_INTERVALS), interval=list(RETRY_INTERVALS)),
            result_ttl=JOB_RESULT_TTL,
            failure_ttl=JOB_FAILURE_TTL,
            description="send a message to a texter",
        )

    return enqueue


# jobs ----------------------------------------------------------------------------
def send_message(services: Services, tid: str, entry: str) -> str:
    """RQ job: send one recorded outbound message."""
    return deliver(services, tid, entry, retries_left=_retries_left())


def deliver(services: Services, tid: str, entry: str, retries_left: int = 0) -> str:
    """Send a transcript entry once; returns what happened, for RQ's result and the log.

    `retries_left` is how many more attempts RQ will make; at 0 every failure is final.
    """
    deliveries = services.deliveries
    message = deliveries.entry(tid, entry)
    if message is None:
        return "gone: the transcript expired"
    attempt = deliveries.begin(tid, entry)
    if not attempt:
        if attempt.busy and retries_left > 0:
            raise AttemptInFlight(f"an attempt at {entry} began moments ago and may still be sending")
        if attempt.busy:
            deliveries.failed(tid, entry, None, STALE_REASON)
            return "failed: an earlier attempt never finished"
        return "skipped: already sent or being sent"
    texter = services.texters.texter(tid)
    if texter.get("opted_out") == "1":  # the provider would refuse it the same way
        deliveries.failed(tid, entry, twilio.OPTED_OUT_ERROR, twilio.error_reason(twilio.OPTED_OUT_ERROR))
        return "failed: opted out"
    try:
        if attempt.in_doubt:  # an earlier attempt died mid-send or timed out after sending: ask first
            found = services.sender.find(texter.get("address", ""), message.body, attempt.since)
            if found is not None:
                deliveries.sent(tid, entry, found.sid, found.status)
                log.info("message %s to %s: an earlier attempt had reached the provider; not sent again", entry, tid)
                return f"{found.sid} (reconciled)"
        sent = services.sender.send(texter.get("address", ""), message.body, services.status_callback_url())
    except SendFailed as failure:
        if failure.code == twilio.OPTED_OUT_ERROR:
            deliveries.refused_as_opted_out(tid, entry, failure.code, failure.reason)
            log.warning("message %s to %s refused: the texter opted out", entry, tid)
            return f"failed: {failure.reason}"
        if failure.retryable and retries_left > 0:
            in_doubt = failure.in_doubt or attempt.in_doubt
            deliveries.retrying(tid, entry, failure.code, failure.reason, in_doubt=in_doubt)
            raise
        deliveries.failed(tid, entry, failure.code or "", failure.reason)
        log.warning("message %s to %s failed: %s", entry, tid, failure.reason)
        return f"failed: {failure.reason}"
    except Exception as error:
        reason = f"unexpected error ({type(error).__name__})"
        if retries_left > 0:
            deliveries.retrying(tid, entry, None, reason)
        else:
            deliveries.failed(tid, entry, None, reason)
        raise
    deliveries.sent(tid, entry, sent.sid, sent.status)
    return sent.sid


class AttemptInFlight(RuntimeError):
    """Another attempt at the same message began less than SENDING_LEASE_SECONDS ago: RQ retries later."""


def _retries_left() -> int:
    job = get_current_job()
    return int(job.retries_left or 0) if job is not None else 0


def sweep_overdue(services: Services, now: float | None = None) -> list[str]:
    """Send the local crisis line, once, to everyone waiting longer than the configured time."""
    marked = services.conversations.mark_overdue(services.unclaimed_seconds, now)
    for tid in marked:
        if not asked_for_a_person(services, tid):
            # Queued by an emergency, not by asking for a person: they already have the emergency answer,
            # and "no counselor is free yet, you are still in line" would answer a question they never asked.
            continue
        texter = services.texters.texter(tid)
        language = texter.get("language") or "en"
        body = services.phrasebook.overdue(texter.get("address", ""), language)
        services.deliveries.send(tid, body, author="bot", topic="overdue", language=language)
    return marked


def asked_for_a_person(services: Services, tid: str) -> bool:
    """True when the texter asked for a person (TALK) since this conversation was queued."""
    fields = services.conversations.fields(tid)
    if fields.get("reason") == "talk":
        return True
    since = float(fields.get("queued_at") or 0) - 60  # the request is recorded just after the message
    return any(
        entry.direction == "in" and entry.topic.startswith("topics.talk") and entry.at >= since
        for entry in services.texters.transcript(tid)
    )


# the worker ----------------------------------------------------------------------
def run_worker() -> None:
    """`helpline worker`: work the queue (with RQ's scheduler, for retries) and sweep for overdue conversations."""
    from helpline import wiring

    services = wiring.from_environment()
    connection = redis_connection.queue_connection(services.redis)
    connection.connection_pool.connection_kwargs["socket_timeout"] = None  # BLPOP waits longer than 2 s
    stop = threading.Event()
    sweeper = threading.Thread(target=_sweep_loop, args=(services, stop), name="overdue-sweep", daemon=True)
    sweeper.start()
    name = sending.worker_name()
    beating = threading.Thread(target=_beat_loop, args=(services, name, stop), name="heartbeat", daemon=True)
    beating.start()
    minutes = services.settings.unclaimed_minutes
    log.info("helpline worker: queue %r, overdue after %s min", services.queue.name, minutes)
    try:
        make_worker(services, connection=connection).work(with_scheduler=True)
    finally:
        stop.set()
        try:
            services.heartbeats.stopped(name)
        except Exception:  # noqa: BLE001 - Redis gone at shutdown: the beat simply goes stale
            log.warning("could not remove this worker's heartbeat")


def _beat_loop(services: Services, name: str, stop: threading.Event) -> None:
    """Say "this worker is alive" every few seconds, for /healthz and the dashboard's banner."""
    while True:
        try:
            services.heartbeats.beat(name)
        except Exception:  # a Redis blip must not end the beating for good
            log.warning("worker heartbeat failed; trying again in %s s", sending.BEAT_SECONDS)
        if stop.wait(sending.BEAT_SECONDS):
            return


def _sweep_loop(services: Services, stop: threading.Event) -> None:
    while not stop.wait(SWEEP_SECONDS):
        try:
            sweep_overdue(services)
        except Exception:  # a Redis blip must not end the sweeping for good
            log.exception("overdue sweep failed; trying again in %s s", SWEEP_SECONDS)
