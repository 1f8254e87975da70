"""Background work on RQ: sending messages to texters, and the overdue sweep.

`helpline worker` builds the same app as the web process (one factory), binds
it here and works the "helpline" queue. A send job gets ids only and is safe to
run twice (see helpline.outbox); failures worth retrying (Twilio 5xx or 429,
network trouble) are retried at explicit intervals, and the last failure is
shown to the counselor with its reason. The worker also sweeps the queue every
SWEEP_SECONDS for conversations waiting longer than HELPLINE_UNCLAIMED_MINUTES:
each gets its local crisis line once and stays in the queue, marked overdue.

RQ stores pickled jobs, so its Redis connection must not decode responses: it
is a second client on the same server (same URL, or the embedded server's unix
socket), built from the app's client settings.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import redis
from rq import Queue, Retry, Worker, get_current_job

from helpline import channel
from helpline.conversations import Conversations
from helpline.outbox import Outbox
from helpline.phrasebook import Phrasebook
from helpline.sender import Sender, SendFailed, status_callback_url
from helpline.settings import Settings
from helpline.store import Store

log = logging.getLogger(__name__)

QUEUE_NAME = "helpline"
RETRY_INTERVALS = (10, 30, 120, 600)  # seconds between attempts; Twilio outages are usually short
SWEEP_SECONDS = 30
JOB_RESULT_TTL = 3600
JOB_FAILURE_TTL = 7 * 24 * 3600


@dataclass
class JobContext:
    """What jobs need, built once per worker process by the app factory."""

    settings: Settings
    store: Store
    conversations: Conversations
    outbox: Outbox
    sender: Sender
    phrasebook: Phrasebook
    unclaimed_seconds: float


_bound: JobContext | None = None


def bind(context: JobContext) -> None:
    """Make `context` the one jobs in this process use (forked work horses inherit it)."""
    global _bound
    _bound = context


def current() -> JobContext:
    """The bound context; a process that bound none (a plain `rq worker`) builds the app from the environment."""
    if _bound is None:
        bind(_context_of_new_app())
    assert _bound is not None  # noqa: S101 - bound just above
    return _bound


def _context_of_new_app() -> JobContext:
    from helpline import create_app

    return create_app().extensions["helpline"]["jobs"]


def queue_connection(client: redis.Redis) -> redis.Redis:
    """A client on the same server as `client`, without decode_responses, for RQ."""
    pool = client.connection_pool
    options = {**pool.connection_kwargs, "decode_responses": False}
    return redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **options))


def make_queue(client: redis.Redis) -> Queue:
    return Queue(QUEUE_NAME, connection=queue_connection(client))


def enqueuer(queue: Queue) -> Callable[[str, str], Any]:
    """The function the outbox calls to send a recorded message: one job per entry, ids only."""

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
def send_message(tid: str, entry: str) -> str:
    """RQ job: send one recorded outbound message."""
    return deliver(current(), tid, entry)


def deliver(context: JobContext, tid: str, entry: str) -> str:
    """Send a transcript entry once; returns what happened, for RQ's result and the log."""
    outbox = context.outbox
    message = outbox.entry(tid, entry)
    if message is None:
        return "gone: the transcript expired"
    if not outbox.begin(tid, entry):
        return "skipped: already sent or being sent"
    texter = context.store.texter(tid)
    if texter.get("opted_out") == "1":
        outbox.failed(tid, entry, channel.OPTED_OUT_ERROR)  # Twilio would refuse it the same way
        return "failed: opted out"
    try:
        sent = context.sender.send(texter.get("address", ""), message.body, status_callback_url(context.settings))
    except SendFailed as failure:
        if failure.retryable and _retries_left() > 0:
            outbox.retrying(tid, entry, failure.code, failure.reason)
            raise
        outbox.failed(tid, entry, failure.code or "", failure.reason)
        log.warning("message %s to %s failed: %s", entry, tid, failure.reason)
        return f"failed: {failure.reason}"
    except Exception as error:
        outbox.retrying(tid, entry, None, f"unexpected error ({type(error).__name__})")
        raise
    outbox.sent(tid, entry, sent.sid, sent.status)
    return sent.sid


def _retries_left() -> int:
    job = get_current_job()
    return int(job.retries_left or 0) if job is not None else 0


def sweep_overdue(context: JobContext, now: float | None = None) -> list[str]:
    """Send the local crisis line, once, to everyone waiting longer than the configured time."""
    marked = context.conversations.mark_overdue(context.unclaimed_seconds, now)
    for tid in marked:
        texter = context.store.texter(tid)
        language = texter.get("language") or "en"
        body = context.phrasebook.overdue(texter.get("address", ""), language)
        context.outbox.send(tid, body, author="bot", topic="overdue", language=language)
    return marked


# the worker ----------------------------------------------------------------------
def run_worker() -> None:
    """`helpline worker`: work the queue (with RQ's scheduler, for retries) and sweep for overdue conversations."""
    context = _context_of_new_app()
    bind(context)
    connection = queue_connection(context.store.redis)
    connection.connection_pool.connection_kwargs["socket_timeout"] = None  # BLPOP waits longer than 2 s
    stop = threading.Event()
    sweeper = threading.Thread(target=_sweep_loop, args=(context, stop), name="overdue-sweep", daemon=True)
    sweeper.start()
    log.info("helpline worker: queue %r, overdue after %s min", QUEUE_NAME, context.unclaimed_seconds / 60)
    try:
        Worker([Queue(QUEUE_NAME, connection=connection)], connection=connection).work(with_scheduler=True)
    finally:
        stop.set()


def _sweep_loop(context: JobContext, stop: threading.Event) -> None:
    while not stop.wait(SWEEP_SECONDS):
        try:
            sweep_overdue(context)
        except Exception:  # a Redis blip must not end the sweeping for good
            log.exception("overdue sweep failed; trying again in %s s", SWEEP_SECONDS)
