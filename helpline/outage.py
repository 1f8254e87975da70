"""Answering while Redis is down, and catching up when it returns.

While Redis cannot be reached nobody knows the texter's state: whether they
opted out, whether a counselor holds their conversation, whether they just got
the menu. So the promise is narrowed to what is right whatever that state is:
- an emergency gets the emergency answer (always);
- HELP/MENU gets the menu (carriers require it even after STOP), without the
  new-texter disclaimer: one SMS per message;
- STOP and START get their confirmation;
- anything else gets nothing now (it may be an opted-out texter, or a text
  meant for the counselor holding the conversation): it is journaled and,
  once Redis is back, recorded as if it had just arrived, so the counselor
  sees it in its transcript.
A texter's messages answered during the outage are read as their conversation
(`Outage.recent`, kept by this process): "ok calling now" after an emergency
answered a minute earlier is part of that emergency, and gets its number again.
Every message is journaled (helpline.journal) with the replies it really got;
the replay applies the state changes (opt-out, queueing an emergency) and
writes the transcript, each MessageSid once.

Logging: one line per message during an outage (its MessageSid, what was
answered), and the reason once when the outage starts, never a traceback per
message.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from helpline.engine import Decision, Inbound
from helpline.journal import Journal
from helpline.state.texters import RECENT_COUNT, RECENT_SECONDS

log = logging.getLogger(__name__)

JOURNAL_VERSION = 1
ANSWERED_TOPICS = ("emergency.", "menu", "optout", "optin")
PROBE_SECONDS = 2.0  # during an outage, how often a request first asks whether Redis is back
RECENT_TEXTERS = 10_000  # texters whose outage messages are kept for their conversation; the oldest go first


def answerable_without_state(decision: Decision) -> Decision:
    """The decision cut to what is right whatever the texter's state: see the module docstring."""
    if decision.is_emergency:
        return decision
    if decision.topic.startswith(ANSWERED_TOPICS):
        return replace(decision, replies=decision.replies[:1])  # no disclaimer: we don't know they are new
    return replace(decision, replies=(), actions=())


def journal_record(inbound: Inbound, decision: Decision, at: float, claim: str = "") -> dict[str, Any]:
    """`claim`: the token of the claim the delivery tried before Redis failed it (see Texters.begin)."""
    return {
        "v": JOURNAL_VERSION,
        "at": at,
        "sid": inbound.message_sid,
        "texter": inbound.texter,
        "body": inbound.body,
        "channel": inbound.channel,
        "media_count": inbound.media_count,
        "optout_type": inbound.optout_type,
        "replies": list(decision.replies),
        "topic": decision.topic,
        "claim": claim,
    }


def inbound_of(record: dict[str, Any]) -> Inbound:
    return Inbound(
        message_sid=str(record["sid"]),
        texter=str(record["texter"]),
        body=str(record.get("body") or ""),
        channel="whatsapp" if record.get("channel") == "whatsapp" else "sms",
        media_count=int(record.get("media_count") or 0),
        optout_type=record.get("optout_type") or None,
    )


class Outage:
    """One process's outage bookkeeping: journal, log lines, and when to replay.

    While any journal waits in the folder (this process's or another's), new messages are journaled too
    rather than recorded live, so that a texter's messages reach Redis in the order they came: the replay
    drains the journal, oldest first, and only then do messages go straight to Redis again.
    """

    def __init__(self, journal: Journal, clock: Callable[[], float] = time.time):
        self.journal = journal
        self.clock = clock
        self._down_since: float | None = None
        self._lock = threading.Lock()
        self._replaying = threading.Lock()
        self._next_probe = 0.0
        self._recent: dict[str, deque[tuple[float, str]]] = {}  # texter -> (at, body), answered in this outage

    @property
    def down(self) -> bool:
        return self._down_since is not None

    def pending(self) -> bool:
        """True while journaled messages wait for Redis (a directory listing: cheap enough for every message)."""
        if self.journal.has_records():
            return True
        if self._down_since is not None and not self._replaying.locked():
            self._recovered()
        return False

    def answered(self, inbound: Inbound, decision: Decision, reason: str, claim: str = "") -> None:
        """Journal one message answered without Redis, and log it in one line."""
        with self._lock:
            if self._down_since is None:
                self._down_since = self.clock()
                self._next_probe = self._down_since + PROBE_SECONDS
                log.error("redis unavailable (%s); answering and journaling", reason)
        self.journal.append(journal_record(inbound, decision, self.clock(), claim))
        self._remember(inbound)
        log.warning(
            "redis unavailable: %s answered with %d message(s) (%s), journaled",
            inbound.message_sid,
            len(decision.replies),
            decision.topic,
        )

    def recent(self, texter: str) -> tuple[str, ...]:
        """The texter's messages this process answered during the outage, as the engine reads a conversation's
        recent past (the last hour, up to RECENT_COUNT, oldest first). Redis holds the rest, out of reach."""
        since = self.clock() - RECENT_SECONDS
        with self._lock:
            kept = self._recent.get(texter, ())
            return tuple(body for at, body in kept if at >= since)

    def _remember(self, inbound: Inbound) -> None:
        if not inbound.body.strip():
            return
        with self._lock:
            kept = self._recent.pop(inbound.texter, None) or deque(maxlen=RECENT_COUNT)
            kept.append((self.clock(), inbound.body))
            self._recent[inbound.texter] = kept  # last in the dict's order: the most recently heard from
            while len(self._recent) > RECENT_TEXTERS:
                del self._recent[next(iter(self._recent))]

    def maybe_replay(self, apply: Callable[[dict[str, Any]], None], reachable: Callable[[], bool]) -> None:
        """Replay the journals if Redis answers; asked at most every PROBE_SECONDS, so that a dead or hung
        server does not slow every message twice."""
        now = self.clock()
        if now < self._next_probe:
            return
        self._next_probe = now + PROBE_SECONDS
        if reachable():
            self._replay(apply)

    def _replay(self, apply: Callable[[dict[str, Any]], None]) -> None:
        if not self._replaying.acquire(blocking=False):
            return  # this process is replaying already
        try:
            count = self.journal.replay(apply)
            log.warning("redis is back: %d journaled message(s) replayed", count)
            self._recovered()
        except Exception as error:  # Redis went away again: the files stay for the next try
            log.warning("journal replay interrupted (%s); will retry", type(error).__name__)
        finally:
            self._replaying.release()

    def _recovered(self) -> None:
        with self._lock:
            if self._down_since is not None:
                log.warning("redis reachable again after %.1f s", self.clock() - self._down_since)
            self._down_since = None
            self._recent.clear()  # Redis has these messages now (the replay recorded them)
