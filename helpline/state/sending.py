"""Is anything sending? The worker's heartbeat and the age of the oldest unsent message.

Counselor replies, phrasebook sends, goodbyes and overdue notices are sent by the
worker (helpline.worker). Without one they wait forever, silently, which is message
loss in all but name. Each worker beats here every few seconds; /healthz reports the
newest beat and the oldest message still waiting in the send queue, and the dashboard
shows a banner when replies are not going out.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC

import redis
from rq import Queue
from rq.exceptions import NoSuchJobError
from rq.job import Job

from helpline.state import keys
from helpline.state.redis import scored

BEAT_SECONDS = 5.0
STALE_AFTER_SECONDS = 30.0  # no beat for this long: the worker is gone
SLOW_AFTER_SECONDS = 120.0  # a message waiting this long means replies are not going out


@dataclass(frozen=True)
class SendingHealth:
    workers: int  # workers that beat within STALE_AFTER_SECONDS
    heartbeat_age: float | None  # seconds since the newest beat; None: never
    oldest_unsent_age: float | None  # seconds the oldest queued message has waited; None: nothing waiting
    waiting: int  # messages in the send queue

    @property
    def ok(self) -> bool:
        slow = self.oldest_unsent_age is not None and self.oldest_unsent_age > SLOW_AFTER_SECONDS
        return self.workers > 0 and not slow

    @property
    def message(self) -> str:
        """One line for the dashboard banner ("" when all is well)."""
        if self.workers == 0:
            waiting = f" {self.waiting} message{'s' if self.waiting != 1 else ''} waiting." if self.waiting else ""
            return f"Replies are not going out: no worker is running (start `helpline worker`).{waiting}"
        if not self.ok and self.oldest_unsent_age is not None:
            return f"Replies are delayed: the oldest has waited {int(self.oldest_unsent_age // 60)} min to be sent."
        return ""

    def as_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "workers": self.workers,
            "heartbeat_age_seconds": None if self.heartbeat_age is None else round(self.heartbeat_age, 1),
            "oldest_unsent_seconds": None if self.oldest_unsent_age is None else round(self.oldest_unsent_age, 1),
            "waiting": self.waiting,
            "message": self.message,
        }


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Heartbeats:
    def __init__(self, client: redis.Redis, queue: Queue, clock: Callable[[], float] = time.time):
        self.redis = client
        self.queue = queue
        self.clock = clock

    def beat(self, name: str) -> None:
        now = self.clock()
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.zadd(keys.WORKERS, {name: now})
            pipe.zremrangebyscore(keys.WORKERS, "-inf", now - 24 * 3600)
            pipe.execute()

    def stopped(self, name: str) -> None:
        self.redis.zrem(keys.WORKERS, name)

    def health(self) -> SendingHealth:
        now = self.clock()
        beats = [score for _, score in scored(self.redis.zrange(keys.WORKERS, 0, -1, withscores=True))]
        newest = max(beats) if beats else None
        alive = sum(1 for beat in beats if now - beat <= STALE_AFTER_SECONDS)
        waiting = self.queue.count
        oldest = None
        for job_id in self.queue.get_job_ids(0, 4):  # the first live job; skip ids whose job expired
            try:
                enqueued = Job.fetch(job_id, connection=self.queue.connection).enqueued_at
            except NoSuchJobError:
                continue
            if enqueued is not None:
                if enqueued.tzinfo is None:  # RQ writes UTC; older versions without the zone
                    enqueued = enqueued.replace(tzinfo=UTC)
                oldest = max(0.0, now - enqueued.timestamp())
                break
        return SendingHealth(alive, None if newest is None else now - newest, oldest, waiting)
