"""One inbound message, from parsed message to replies: the engine plus the state.

This is where a Redis outage is contained. The engine needs nothing but
in-process data, so when Redis cannot be reached the message is still decided
(as if from a new texter) and answered; the failure is logged with the
MessageSid so the operator can see what went unrecorded. An emergency always
gets its answer. The replies are plain texts: the channel's web hook renders
them (TwiML for Twilio).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Protocol

from redis.exceptions import RedisError

from helpline import engine
from helpline.engine import Decision, Inbound, RequestCounselor, TexterState
from helpline.knowledge import Knowledge
from helpline.state.conversations import Conversations
from helpline.state.events import EventKind
from helpline.state.scripts import Batch
from helpline.state.texters import Texters

log = logging.getLogger(__name__)


class ShiftCheck(Protocol):
    """Whether a human can be promised: office hours (no Redis), and a counselor available and logged in
    (read in the same round trip as the texter's state)."""

    def office_open(self) -> bool: ...

    def queue_available(self, batch: Batch) -> Callable[[list], bool]: ...


class Helpline:
    """Answers a message in two Redis round trips (see helpline.state.texters): one read, one write.

    An emergency or a request to talk adds one more, for the queue index and its dashboard event.
    """

    def __init__(
        self,
        knowledge: Knowledge,
        texters: Texters,
        conversations: Conversations,
        on_shift: Callable[[], bool] | ShiftCheck = lambda: False,
        clock: Callable[[], float] = time.time,
    ):
        self.knowledge = knowledge
        self.texters = texters
        self.conversations = conversations
        self.on_shift = on_shift
        self.clock = clock

    def answer(self, inbound: Inbound) -> tuple[str, ...]:
        """The replies to one delivery of a message; a repeated MessageSid gets the first answer again."""
        try:
            return self._answer(inbound)
        except RedisError:
            log.exception("redis unavailable; answering %s without recording it", inbound.message_sid)
            return self.answer_unrecorded(inbound)

    def answer_unrecorded(self, inbound: Inbound) -> tuple[str, ...]:
        """The last resort: the pure engine, no storage, so an emergency is still answered."""
        return self.decide(inbound, TexterState(), on_shift=False).replies

    def _answer(self, inbound: Inbound) -> tuple[str, ...]:
        tid = self.texters.texter_id(inbound.texter)
        sid = inbound.message_sid
        # Round trip 1: claim the MessageSid, read the texter (and whether a counselor is on shift).
        batch = Batch(self.texters.redis)
        read_texter = self.texters.begin(batch, tid, sid)
        read_shift = self._queue_on_shift(batch)
        results = batch.execute()
        begun = read_texter(results)
        if not begun.claimed:
            if begun.pending:
                return self.texters.answer_for(tid, sid) or ()
            return begun.replies or ()
        try:
            assert begun.state is not None  # noqa: S101 - a claimed message always comes with its state
            decision = self.decide(inbound, begun.state, on_shift=self._shift_result(read_shift, results))
            now = self.clock()
            # Round trip 2: the turn, the counselor request if any, the event; each script atomic.
            batch = Batch(self.texters.redis)
            self.texters.finish(batch, tid, inbound, decision, now)
            requests = []
            for action in decision.actions:
                if isinstance(action, RequestCounselor):
                    queued = self.conversations.queue_request(
                        batch, tid, emergency=action.emergency, reason=action.reason, now=now
                    )
                    requests.append((action, queued))
            # The dashboards hear of a message only when it concerns a conversation (one exists, this message
            # asks for one, or it is an emergency): a surge of texts the bot alone answers would otherwise make
            # every open dashboard re-read its state for each of them, and change nothing it shows.
            if begun.conversation or requests or decision.is_emergency:
                self.conversations.events.queue(
                    batch.pipe, EventKind.MESSAGE, tid, topic=decision.topic, emergency=decision.is_emergency
                )
            results = batch.execute()
            for action, index in requests:  # round trip 3, only then: the queue index and its event
                self.conversations.requested(tid, results[index], reason=action.reason)
            return decision.replies
        except Exception:
            self._release(tid, sid)
            raise

    def decide(self, inbound: Inbound, state: TexterState, on_shift: bool) -> Decision:
        return engine.decide(inbound, state, self.knowledge, now=self.clock(), on_shift=on_shift)

    def _queue_on_shift(self, batch: Batch) -> Callable[[list], bool] | None:
        """Queue the availability read when the office is open; None when a plain callable decides alone."""
        check = self.on_shift
        if not hasattr(check, "queue_available"):
            return None
        if not check.office_open():  # type: ignore[union-attr]
            return lambda results: False
        return check.queue_available(batch)  # type: ignore[union-attr]

    def _shift_result(self, read: Callable[[list], bool] | None, results: list) -> bool:
        try:
            return read(results) if read is not None else bool(self.on_shift())  # type: ignore[call-arg]
        except RedisError:
            log.exception("could not tell whether a counselor is on shift; assuming not")
            return False

    def _release(self, tid: str, sid: str) -> None:
        try:
            self.texters.release_message(tid, sid)
        except RedisError:
            log.exception("could not release claim on %s", sid)
