"""The state layer on a real Redis: atomic conversation status, delivery records, recent texts, keys."""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable
from typing import Any

import pytest
import redis

from helpline.engine import Decision, Inbound
from helpline.state import keys
from helpline.state.conversations import Conversations, NotAvailable
from helpline.state.deliveries import Deliveries, DeliveryState
from helpline.state.events import Events
from helpline.state.texters import RECENT_COUNT, RECENT_SECONDS, Texters

TID = "b" * 20


class HookedRedis(redis.Redis):
    """A real client that runs a hook once, right after the next command it sends (to interleave a rival)."""

    hook: Callable[[], Any] | None = None

    def execute_command(self, *args: Any, **options: Any) -> Any:
        result = super().execute_command(*args, **options)
        hook, self.hook = self.hook, None
        if hook is not None:
            hook()
        return result


@pytest.fixture
def desk(redis_client: redis.Redis) -> Conversations:
    redis_client.hset(keys.TEXTER.format(tid=TID), mapping={"address": "+14155550123", "language": "en"})
    return Conversations(redis_client, Events(redis_client), retention_seconds=3600)


def test_a_claim_while_the_texter_asks_again_keeps_the_counselor(redis_url: str, desk: Conversations) -> None:
    """The reproduced race: a claim between request_counselor's read and its write.

    The old request_counselor read the hash, then wrote status "queued": a claim in between ended as
    {status: queued, counselor: ana}, and Ana's reply was refused. Run against the old code this fails.
    """
    hooked = HookedRedis.from_url(redis_url, decode_responses=True)
    asker = Conversations(hooked, Events(hooked), retention_seconds=3600)
    asker.request_counselor(TID, emergency=False, reason="talk", now=1.0)
    hooked.hook = lambda: desk.claim(TID, "ana")  # Ana claims right after the request's first command
    asker.request_counselor(TID, emergency=False, reason="talk", now=2.0)  # the texter texts TALK again
    fields = desk.fields(TID)
    assert (fields["status"], fields["counselor"]) == ("held", "ana")
    desk.require_holder(TID, "ana")  # her reply is accepted
    assert [s.tid for s in desk.held()] == [TID] and desk.queue() == []
    hooked.close()


def test_an_emergency_in_a_held_conversation_flags_it_for_the_holder(desk: Conversations) -> None:
    desk.request_counselor(TID, emergency=False, reason="talk", now=1.0)
    desk.claim(TID, "ana")
    requested = desk.request_counselor(TID, emergency=True, reason="medical", now=2.0)
    assert (requested.status, requested.emergency) == ("held", True)
    fields = desk.fields(TID)
    assert (fields["status"], fields["counselor"], fields["emergency"]) == ("held", "ana", "1")


def test_asking_again_keeps_the_place_in_the_queue_and_an_emergency_stays_one(desk: Conversations) -> None:
    desk.request_counselor(TID, emergency=True, reason="medical", now=1.0)
    requested = desk.request_counselor(TID, emergency=False, reason="talk", now=50.0)
    assert (requested.status, requested.emergency) == ("queued", True)
    assert float(desk.fields(TID)["queued_at"]) == 1.0


def test_delivery_states_only_move_forward(redis_client: redis.Redis) -> None:
    texters = Texters(redis_client, id_key="k")
    deliveries = Deliveries(texters, Events(redis_client), enqueue=lambda tid, entry: None)
    entry = deliveries.send(TID, "hello", author="ana", topic="counselor", language="en")
    assert deliveries.begin(TID, entry) and not deliveries.begin(TID, entry)
    deliveries.sent(TID, entry, "SM1", DeliveryState.QUEUED)
    deliveries.record_status("SM1", DeliveryState.DELIVERED)
    deliveries.record_status("SM1", DeliveryState.SENT)  # late and out of order
    assert deliveries.states(TID)[entry].status == "delivered"
    deliveries.record_status("SM1", DeliveryState.READ)
    assert deliveries.states(TID)[entry].status == "read"


def test_a_send_whose_worker_died_reads_as_failed_once_stale(redis_client: redis.Redis) -> None:
    now = [1000.0]
    texters = Texters(redis_client, id_key="k", clock=lambda: now[0])
    deliveries = Deliveries(texters, Events(redis_client), enqueue=lambda tid, entry: None, clock=lambda: now[0])
    entry = deliveries.send(TID, "hello", author="ana", topic="counselor", language="en")
    assert deliveries.begin(TID, entry)
    assert deliveries.states(TID)[entry].status == "sending"
    now[0] += 3600
    stale = deliveries.states(TID)[entry]
    assert stale.status == "failed" and stale.final and "may or may not" in stale.reason


def test_recent_texts_are_the_last_six_of_the_last_hour_oldest_first(redis_client: redis.Redis) -> None:
    now = [10_000.0]
    texters = Texters(redis_client, id_key="k", clock=lambda: now[0])
    decision = Decision(replies=(), language="en", topic="unknown")
    for number in range(8):
        texters.record_turn(TID, Inbound(f"SM{number}", "+14155550123", f"text {number}"), decision, now[0])
        now[0] += 60
    assert texters.load_state(TID).recent_texts == tuple(f"text {n}" for n in range(8 - RECENT_COUNT, 8))
    now[0] += RECENT_SECONDS
    assert texters.load_state(TID).recent_texts == ()
    # the transcript keeps them for the retention period; their short list only for the hour and a margin
    assert redis_client.ttl(keys.TRANSCRIPT.format(tid=TID)) == texters.retention_seconds
    assert 0 < redis_client.ttl(keys.RECENT.format(tid=TID)) <= RECENT_SECONDS + 600


def test_every_redis_key_template_is_written_in_one_module() -> None:
    """A key literal ("hl:...") anywhere in helpline/ but state/keys.py would be a second owner."""
    root = pathlib.Path(__file__).resolve().parent.parent / "helpline"
    found = [
        f"{path.relative_to(root)}: {line.strip()}"
        for path in root.rglob("*.py")
        if path.name != "keys.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"""["']hl:""", line)
    ]
    assert found == []


def test_a_conversation_that_is_not_held_refuses_replies(desk: Conversations) -> None:
    desk.request_counselor(TID, emergency=False, reason="talk", now=1.0)
    with pytest.raises(NotAvailable, match="claim it first"):
        desk.require_holder(TID, "ana")
