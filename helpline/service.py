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

from redis.exceptions import RedisError

from helpline import engine
from helpline.engine import Decision, Inbound, RequestCounselor, TexterState
from helpline.knowledge import Knowledge
from helpline.state.conversations import Conversations
from helpline.state.events import EventKind
from helpline.state.texters import Texters

log = logging.getLogger(__name__)


class Helpline:
    def __init__(
        self,
        knowledge: Knowledge,
        texters: Texters,
        conversations: Conversations,
        on_shift: Callable[[], bool] = lambda: False,
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
        if not self.texters.claim_message(inbound.message_sid):
            return self.texters.answer_for(inbound.message_sid) or ()
        try:
            tid = self.texters.texter_id(inbound.texter)
            decision = self.decide(inbound, self.texters.load_state(tid), on_shift=self._on_shift())
            now = self.clock()
            self.texters.record_turn(tid, inbound, decision, now)
            for action in decision.actions:
                if isinstance(action, RequestCounselor):
                    self.conversations.request_counselor(tid, emergency=action.emergency, reason=action.reason, now=now)
            self.conversations.events.publish(
                EventKind.MESSAGE, tid, topic=decision.topic, emergency=decision.is_emergency
            )
            self.texters.save_answer(inbound.message_sid, decision.replies)
            return decision.replies
        except Exception:
            self._release(inbound.message_sid)
            raise

    def decide(self, inbound: Inbound, state: TexterState, on_shift: bool) -> Decision:
        return engine.decide(inbound, state, self.knowledge, now=self.clock(), on_shift=on_shift)

    def _on_shift(self) -> bool:
        try:
            return self.on_shift()
        except RedisError:
            log.exception("could not tell whether a counselor is on shift; assuming not")
            return False

    def _release(self, sid: str) -> None:
        try:
            self.texters.release_message(sid)
        except RedisError:
            log.exception("could not release claim on %s", sid)
