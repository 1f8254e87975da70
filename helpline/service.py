"""One inbound message, from parsed form to TwiML: the engine plus the store.

This is where a Redis outage is contained. The engine needs nothing but
in-process data, so when Redis cannot be reached the message is still decided
(as if from a new texter) and answered; the failure is logged with the
MessageSid so the operator can see what went unrecorded. An emergency always
gets its answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from redis.exceptions import RedisError

from helpline import channel, engine
from helpline.engine import Decision, Inbound, TexterState
from helpline.knowledge import Knowledge
from helpline.store import Store

log = logging.getLogger(__name__)
EMPTY_TWIML = channel.twiml([])


class Helpline:
    def __init__(
        self,
        knowledge: Knowledge,
        store: Store,
        on_shift: Callable[[], bool] = lambda: False,
        clock: Callable[[], float] = time.time,
    ):
        self.knowledge = knowledge
        self.store = store
        self.on_shift = on_shift
        self.clock = clock

    def answer(self, inbound: Inbound) -> str:
        """TwiML for one delivery of a message; a repeated MessageSid gets the first answer again."""
        try:
            return self._answer(inbound)
        except RedisError:
            log.exception("redis unavailable; answering %s without recording it", inbound.message_sid)
            return channel.twiml(self.decide(inbound, TexterState(), on_shift=False).replies)

    def _answer(self, inbound: Inbound) -> str:
        if not self.store.claim_message(inbound.message_sid):
            return self.store.answer_for(inbound.message_sid) or EMPTY_TWIML
        try:
            tid = self.store.texter_id(inbound.texter)
            decision = self.decide(inbound, self.store.load_state(tid), on_shift=self._on_shift())
            answer = channel.twiml(decision.replies)
            self.store.record_turn(tid, inbound, decision, self.clock())
            self.store.save_answer(inbound.message_sid, answer)
            return answer
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
            self.store.release_message(sid)
        except RedisError:
            log.exception("could not release claim on %s", sid)
