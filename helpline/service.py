"""One inbound message, from parsed message to replies: the engine plus the state.

This is where a Redis outage is contained. The engine needs nothing but
in-process data, so when Redis cannot be reached the message is still decided
and answered, cut to what is right whatever the texter's state (helpline.outage:
emergencies, HELP, STOP/START), and journaled on local disk; once Redis answers
again the journal is replayed, oldest first, before the next live message (or,
with no message, when an open dashboard asks: catch_up), so an emergency
reaches the queue and a text to a held conversation its transcript, each once.
An emergency always gets its answer, even from a delivery that finds an earlier
one of the same message still pending.

Past the per-texter rate limit (helpline.state.limits) the bot sends one notice,
then nothing until the window ends; emergencies are exempt. The replies are
plain texts: the channel's web hook renders them (TwiML for Twilio).
"""

from __future__ import annotations

import logging
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol, cast, runtime_checkable

from redis.exceptions import RedisError

from helpline import engine
from helpline.engine import Decision, EraseTexter, Inbound, MarkAutoMenu, RequestCounselor, TexterState
from helpline.knowledge import Knowledge
from helpline.outage import Outage, answerable_without_state, inbound_of
from helpline.state.conversations import CLOSED, Conversations
from helpline.state.events import EventKind
from helpline.state.limits import Counted, Rate, TexterRate
from helpline.state.scripts import Batch
from helpline.state.texters import Texters

log = logging.getLogger(__name__)


def claim_token() -> str:
    """A delivery's name in its MessageSid's claim: 12 hex digits, as `secrets.token_hex(6)` made them.

    Not a secret: it tells one delivery's claim from another's (Texters.begin), and only the helpline reads it. So it
    comes from `random` (reseeded from the system's source in every forked process, such as each gunicorn worker,
    by the random module itself) rather than from the system's source each time: `token_hex` made a getrandom system
    call per message, measurable on the webhook's path (bench/PROFILE.md, "Twenty-fifth look")."""
    return f"{random.getrandbits(48):012x}"  # noqa: S311 - not used for security (see above)


@runtime_checkable
class ShiftCheck(Protocol):
    """Whether a human can be promised: office hours (no Redis), and a counselor available and logged in
    (read in the same round trip as the texter's state)."""

    def office_open(self) -> bool: ...

    def queue_available(self, batch: Batch) -> Callable[[list[Any]], bool]: ...

    def __call__(self) -> bool: ...


class Helpline:
    """Answers a message in two Redis round trips (see helpline.state.texters): one read, one write.

    An emergency or a request to talk queues the conversation in the write, with its queue index and dashboard
    event (helpline.state.conversations); only on a Redis Cluster do those take one more round trip.
    """

    def __init__(
        self,
        knowledge: Knowledge,
        texters: Texters,
        conversations: Conversations,
        on_shift: Callable[[], bool] | ShiftCheck = lambda: False,
        clock: Callable[[], float] = time.time,
        rate: TexterRate | None = None,
        outage: Outage | None = None,
        erase: Callable[[str], object] | None = None,
    ):
        self.knowledge = knowledge
        self.texters = texters
        self.conversations = conversations
        self.on_shift = on_shift
        self.clock = clock
        self.rate = rate
        self.outage = outage
        self.erase = erase  # deletes everything about a texter (helpline.privacy), audited
        self._shift_kind: tuple[object, bool] | None = None

    def answer(self, inbound: Inbound) -> tuple[str, ...]:
        """The replies to one delivery of a message; a repeated MessageSid gets the first answer again."""
        claim = claim_token()  # this delivery's name in the MessageSid's claim (see Texters.begin)
        try:
            if self.catch_up():  # older messages first: this one joins them in the journal
                return self._answer_in_outage(inbound, "earlier messages still wait in the journal")
            return self._answer(inbound, claim)
        except RedisError as error:
            return self._answer_in_outage(inbound, f"{type(error).__name__}: {error}", claim)

    def catch_up(self) -> bool:
        """Replay what was answered during a Redis outage once Redis answers; True while messages still wait in the
        journal. Each message asks first (`answer`), and so does an open dashboard every few seconds
        (helpline.web.dashboard.events), so an emergency answered from the journal reaches the queue while
        counselors watch it, even on a night with no more texts."""
        if self.outage is None or not self.outage.pending():
            return False
        self.outage.maybe_replay(self.replay, self._redis_answers)
        return self.outage.pending()

    def answer_unrecorded(self, inbound: Inbound) -> tuple[str, ...]:
        """The last resort: the pure engine, no storage, cut to what is right whatever the texter's state."""
        return answerable_without_state(self.decide(inbound, TexterState(), on_shift=False)).replies

    def _answer_in_outage(self, inbound: Inbound, reason: str, claim: str = "") -> tuple[str, ...]:
        state = TexterState(recent_texts=self.outage.recent(inbound.texter) if self.outage else ())
        decision = answerable_without_state(self.decide(inbound, state, on_shift=False))
        if self.outage is None:
            log.warning("redis unavailable (%s): %s answered, not recorded", reason, inbound.message_sid)
            return decision.replies
        try:
            self.outage.answered(inbound, decision, reason, claim)
        except OSError:
            log.exception("could not journal %s: it will not reach the counselors", inbound.message_sid)
        return decision.replies

    def _answer(self, inbound: Inbound, claim: str) -> tuple[str, ...]:
        tid = self.texters.texter_id(inbound.texter)
        sid = inbound.message_sid
        # Round trip 1: claim the MessageSid, read the texter (and whether a counselor is on shift).
        batch = Batch(self.texters.redis)
        read_texter = self.texters.begin(batch, tid, sid, claim)
        read_shift = self._queue_on_shift(batch)
        read_rate = self.rate.queue_count(batch, tid) if self.rate is not None else None
        results = batch.execute()
        begun = read_texter(results)
        if not begun.claimed:
            if begun.pending:
                return self.texters.answer_for(tid, sid) or self._emergency_only(inbound)
            return begun.replies or ()
        try:
            assert begun.state is not None  # noqa: S101 - a claimed message always comes with its state
            decision = self.decide(inbound, begun.state, on_shift=self._shift_result(read_shift, results))
            if read_rate is not None:
                decision = self._within_rate(tid, inbound, decision, read_rate(results))
            self._record(tid, inbound, decision, self.clock(), announce=bool(begun.conversation))
        except Exception as error:
            # After a Redis error the write may still run (a hung server runs it late): letting go of the claim
            # could let the journal's replay record the message a second time. The claim stays; the replay,
            # knowing its token, takes it over (or finds the message recorded).
            if not isinstance(error, RedisError):
                self._release(tid, sid)
            raise
        if self.erase is not None and any(isinstance(action, EraseTexter) for action in decision.actions):
            self.erase(tid)
        return decision.replies

    def _record(self, tid: str, inbound: Inbound, decision: Decision, now: float, *, announce: bool = True) -> None:
        """Round trip 2: the turn, the counselor request if any, the event; each script atomic.

        The dashboards hear of a message only when it concerns a conversation (one exists, or this message
        asks for one, or it is an emergency): a surge of texts the bot alone answers would otherwise make
        every open dashboard re-read its state for each of them, and change nothing it shows."""
        batch = Batch(self.texters.redis)
        self.texters.finish(batch, tid, inbound, decision, now)
        requests = []
        for action in decision.actions:
            if isinstance(action, RequestCounselor):
                queued = self.conversations.queue_request(
                    batch, tid, emergency=action.emergency, reason=action.reason, now=now
                )
                requests.append((action, queued))
        if announce or requests or decision.is_emergency:
            self.conversations.events.queue(
                batch, EventKind.MESSAGE, tid, topic=decision.topic, emergency=decision.is_emergency
            )
        results = batch.execute()
        for action, index in requests:  # on a cluster, round trip 3: the queue index and its event
            self.conversations.requested(tid, results[index], reason=action.reason)

    def _redis_answers(self) -> bool:
        try:
            return bool(self.texters.redis.ping())
        except RedisError:
            return False

    def _emergency_only(self, inbound: Inbound) -> tuple[str, ...]:
        """An earlier delivery of this message is still pending (or died holding its lease): an emergency is
        answered anyway (twice is better than never); anything else waits for that delivery's answer."""
        decision = self.decide(inbound, TexterState(), on_shift=False)
        return decision.replies if decision.is_emergency else ()

    def _within_rate(self, tid: str, inbound: Inbound, decision: Decision, count: Counted) -> Decision:
        """Past the texter's rate limit: one notice per window, then silence. Emergencies are exempt."""
        if decision.is_emergency or not decision.replies or self.rate is None:
            return decision
        verdict = self.rate.verdict(tid, count)
        if verdict is Rate.WITHIN:
            return decision
        actions = tuple(action for action in decision.actions if not isinstance(action, MarkAutoMenu))
        if verdict is Rate.NOTICE:
            notice = engine.texter_text(self.knowledge, inbound.texter, decision.language, "system.rate_limited.text")
            return replace(decision, replies=(notice,), topic="rate_limited", actions=actions)
        return replace(decision, replies=(), topic="silenced.rate_limited", actions=actions)

    def replay(self, record: dict[str, Any]) -> None:
        """Record one message answered during an outage, as the texter's state says it should have gone, with
        the replies it really got; skipped when its MessageSid was recorded already (a retry, an earlier replay)."""
        inbound = inbound_of(record)
        tid = self.texters.texter_id(inbound.texter)
        batch = Batch(self.texters.redis)
        # A claim left by the journaled delivery itself (run late by a hung server) is taken over.
        read_texter = self.texters.begin(
            batch, tid, inbound.message_sid, secrets.token_hex(6), take_over=str(record.get("claim") or "")
        )
        begun = read_texter(batch.execute())
        at = float(record.get("at") or self.clock())
        if not begun.claimed or begun.state is None:
            if begun.replies is not None:  # recorded already: by a write the hung server ran after we gave up
                self._request_again(tid, inbound, at)
            return
        try:
            decision = engine.decide(inbound, begun.state, self.knowledge, now=at, on_shift=False)
            sent = tuple(str(reply) for reply in record.get("replies") or ())
            kept = tuple(action for action in decision.actions if not isinstance(action, (MarkAutoMenu, EraseTexter)))
            self._record(tid, inbound, replace(decision, replies=sent, actions=kept), at)
        except Exception:
            self._release(tid, inbound.message_sid)
            raise

    def _request_again(self, tid: str, inbound: Inbound, at: float) -> None:
        """A journaled message whose write a hung server ran late (after the delivery gave up) is in the
        transcript, but the counselor request that followed that write never ran: the conversation is not in the
        queue's index, or (when the server had lost its scripts) not queued at all. Its request is made again; the
        request is idempotent (a queued or held conversation keeps its place), and a conversation a counselor
        closed since stays closed."""
        decision = engine.decide(inbound, TexterState(), self.knowledge, now=at, on_shift=False)
        requests = [action for action in decision.actions if isinstance(action, RequestCounselor)]
        if not requests or self.conversations.fields(tid).get("status") == CLOSED:
            return
        for action in requests:
            self.conversations.request_counselor(tid, emergency=action.emergency, reason=action.reason, now=at)

    def decide(self, inbound: Inbound, state: TexterState, on_shift: bool) -> Decision:
        return engine.decide(inbound, state, self.knowledge, now=self.clock(), on_shift=on_shift)

    def _queue_on_shift(self, batch: Batch) -> Callable[[list[Any]], bool] | None:
        """Queue the availability read when the office is open; None when a plain callable decides alone."""
        check = self.on_shift
        known = self._shift_kind
        if known is None or known[0] is not check:  # a Protocol isinstance is slow: asked once per callable
            known = self._shift_kind = (check, isinstance(check, ShiftCheck))
        if not known[1]:
            return None
        check = cast(ShiftCheck, check)
        if not check.office_open():
            return lambda results: False
        return check.queue_available(batch)

    def _shift_result(self, read: Callable[[list[Any]], bool] | None, results: list[Any]) -> bool:
        try:
            return read(results) if read is not None else bool(self.on_shift())
        except RedisError:
            log.exception("could not tell whether a counselor is on shift; assuming not")
            return False

    def _release(self, tid: str, sid: str) -> None:
        try:
            self.texters.release_message(tid, sid)
        except RedisError:
            log.exception("could not release claim on %s", sid)
