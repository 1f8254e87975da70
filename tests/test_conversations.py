"""The queue and conversations: claim, transfer, close, notes, overdue, access and audit, on a real Redis."""

from __future__ import annotations

import threading
import time

import pytest
import redis
from flask import Flask

from helpline import worker
from helpline.address import mask
from helpline.state import keys
from helpline.state.conversations import (
    DEFAULT_OUTCOMES,
    NotAvailable,
    UnknownOutcome,
    parse_outcomes,
)
from tests.desk import Desk, ask_for_counselor, conversations_of, parts, work
from tests.support import Clock, Texter, make_app

US = "+14155550123"
UK = "+447700900123"
THAI = "+66812345678"


def audit_actions(app: Flask) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.target) for e in parts(app).audit.recent(500)]


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("+14155550123", "+1 •••• •• 0123"),
        ("whatsapp:+34612345678", "WhatsApp +34 •••• •• 5678"),
        ("+66812345678", "+66 •••• •• 5678"),
        ("not a number", "+? •••• ••"),
    ],
)
def test_mask_keeps_the_calling_code_and_last_four(address: str, masked: str) -> None:
    assert mask(address) == masked


def test_outcomes_are_configurable(app_config, redis_client) -> None:
    assert parse_outcomes("") == DEFAULT_OUTCOMES
    assert parse_outcomes(" resolved, other ,resolved") == ("resolved", "other")
    app = make_app({**app_config, "HELPLINE_OUTCOMES": "helped, hung up"})
    assert conversations_of(app).outcomes == ("helped", "hung up")


def test_talk_with_someone_available_queues_and_the_queue_shows_only_a_masked_number(app: Flask, ana: Desk) -> None:
    texter = Texter(app.test_client(), US)
    replies = texter.replies("TALK")
    assert "counselor will text you back" in replies[0]
    state = ana.get_json("/dashboard/state")
    assert [c["masked"] for c in state["queue"]] == ["+1 •••• •• 0123"]
    assert state["queue"][0]["country"] == "United States"
    assert state["queue"][0]["language"] == "English"
    page = ana.client.get(state["queue"][0]["url"]).get_data(as_text=True)
    assert US not in page and "4155550123" not in page
    assert "+1 •••• •• 0123" in page


def test_talk_with_nobody_available_gives_the_crisis_line_and_no_queue(app: Flask) -> None:
    Desk(app, "ana", available=False)
    replies = Texter(app.test_client(), US).replies("TALK")
    assert "988" in replies[0]
    assert parts(app).conversations.queue_ids() == []


def test_queue_puts_emergencies_first_then_the_longest_waiting(app: Flask, ana: Desk, app_clock: Clock) -> None:
    first = ask_for_counselor(app, US)
    app_clock.advance(1)
    second = ask_for_counselor(app, UK)
    app_clock.advance(1)
    emergency = ask_for_counselor(app, "+14155550999", body="my friend is not breathing")
    assert [c.tid for c in conversations_of(app).queue()] == [emergency, first, second]
    state = ana.get_json("/dashboard/state")
    assert [c["emergency"] for c in state["queue"]] == [True, False, False]


def test_concurrent_claims_have_exactly_one_winner(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    conversations = conversations_of(app)
    names = [f"counselor{i}" for i in range(12)]
    barrier = threading.Barrier(len(names))
    won: list[str] = []
    lost: list[NotAvailable] = []

    def claim(name: str) -> None:
        barrier.wait()
        try:
            conversations.claim(tid, name)
            won.append(name)
        except NotAvailable as error:
            lost.append(error)

    threads = [threading.Thread(target=claim, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1
    assert len(lost) == len(names) - 1
    assert {error.holder for error in lost} == {won[0]}
    assert parts(app).conversations.fields(tid)["counselor"] == won[0]
    assert conversations.queue() == []


def test_concurrent_claims_through_the_dashboard(app: Flask, ana: Desk, ben: Desk) -> None:
    tid = ask_for_counselor(app, US)
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def claim(desk: Desk) -> None:
        barrier.wait()
        response = desk.post(f"/dashboard/c/{tid}/claim")
        results[desk.name] = response.headers["Location"]

    threads = [threading.Thread(target=claim, args=(desk,)) for desk in (ana, ben)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, where in results.items() if where.endswith(f"/dashboard/c/{tid}")]
    assert len(winners) == 1
    loser = ({"ana", "ben"} - set(winners)).pop()
    assert results[loser].endswith("/dashboard")
    page = (ana if loser == "ana" else ben).client.get("/dashboard").get_data(as_text=True)
    assert f"Not claimed: {winners[0]} holds this conversation" in page
    actions = audit_actions(app)
    assert (winners[0], "conversation.claim", tid) in actions
    assert (loser, "conversation.claim.refused", tid) in actions


def test_held_conversation_forwards_texts_to_the_counselor_without_a_bot_reply(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    texter = Texter(app.test_client(), US)
    texter._count = 100
    assert texter.replies("I feel awful, can we talk about my week") == []
    transcript = ana.get_json(f"/dashboard/c/{tid}/state")["transcript"]
    assert transcript[-1]["body"] == "I feel awful, can we talk about my week"
    assert transcript[-1]["author"] == "texter"


def test_counselors_see_the_queue_and_their_own_but_not_others(app: Flask, ana: Desk, ben: Desk, sam: Desk) -> None:
    tid = ask_for_counselor(app, US)
    assert ben.client.get(f"/dashboard/c/{tid}").status_code == 200  # queued: anyone may look before claiming
    ana.post(f"/dashboard/c/{tid}/claim")
    assert ben.client.get(f"/dashboard/c/{tid}").status_code == 403
    assert ben.client.get(f"/dashboard/c/{tid}/state").status_code == 403
    assert ben.post(f"/dashboard/c/{tid}/reply", body="hi").status_code == 403
    assert sam.client.get(f"/dashboard/c/{tid}").status_code == 200
    assert ana.get_json("/dashboard/state")["mine"][0]["tid"] == tid
    assert "all" not in ana.get_json("/dashboard/state")
    everything = sam.get_json("/dashboard/state")
    assert [c["tid"] for c in everything["all"]] == [tid]
    assert {c["name"]: c["holding"] for c in everything["counselors"]} == {"ana": 1, "ben": 0, "sam": 0}
    assert ana.client.get("/dashboard/c/0123456789abcdef0123").status_code == 404
    assert ana.client.get("/dashboard/c/not-an-id").status_code == 404


def test_transfer_to_a_counselor_and_back_to_the_queue_in_its_old_place(
    app: Flask, ana: Desk, ben: Desk, app_clock: Clock
) -> None:
    tid = ask_for_counselor(app, US)
    app_clock.advance(1)
    later = ask_for_counselor(app, UK)
    conversations = conversations_of(app)
    ana.post(f"/dashboard/c/{tid}/claim")
    response = ana.post(f"/dashboard/c/{tid}/transfer", to="ben")
    assert response.status_code == 302
    assert parts(app).conversations.fields(tid)["counselor"] == "ben"
    response = ana.post(f"/dashboard/c/{tid}/transfer", to="")  # no longer hers: refused, her page read-only
    assert response.status_code == 302 and parts(app).conversations.fields(tid)["counselor"] == "ben"
    assert "ben holds this conversation" in ana.get_json(f"/dashboard/c/{tid}/state")["read_only"]
    ben.post(f"/dashboard/c/{tid}/transfer", to="")
    assert [c.tid for c in conversations.queue()] == [tid, later]
    with pytest.raises(NotAvailable):
        conversations.transfer(tid, "ana", holder="ben")
    actions = audit_actions(app)
    assert ("ana", "conversation.transfer", tid) in actions and ("ben", "conversation.transfer", tid) in actions


def test_transfer_to_an_unknown_or_disabled_counselor_is_refused(app: Flask, ana: Desk, ben: Desk) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    parts(app).counselors.disable("ben")
    ana.post(f"/dashboard/c/{tid}/transfer", to="ben")
    ana.post(f"/dashboard/c/{tid}/transfer", to="nobody")
    assert parts(app).conversations.fields(tid)["counselor"] == "ana"


def test_supervisor_reassigns_a_queued_and_a_held_conversation(app: Flask, ana: Desk, ben: Desk, sam: Desk) -> None:
    queued = ask_for_counselor(app, US)
    held = ask_for_counselor(app, UK)
    ana.post(f"/dashboard/c/{held}/claim")
    sam.post(f"/dashboard/c/{queued}/transfer", to="ben", **{"from": "overview"})
    sam.post(f"/dashboard/c/{held}/transfer", to="ben")
    conversations = parts(app).conversations
    assert conversations.fields(queued)["counselor"] == "ben"
    assert conversations.fields(held)["counselor"] == "ben"
    assert conversations_of(app).queue() == []


def test_close_with_an_outcome_says_goodbye_in_the_texters_language(app: Flask, ana: Desk) -> None:
    texter = Texter(app.test_client(), THAI)
    texter.replies("คุย")
    tid = parts(app).texters.texter_id(THAI)
    ana.post(f"/dashboard/c/{tid}/claim")
    assert ana.post(f"/dashboard/c/{tid}/close", outcome="made up").status_code == 302
    assert parts(app).conversations.fields(tid)["status"] == "held"
    with pytest.raises(UnknownOutcome):
        conversations_of(app).close(tid, "made up", by="ana", holder="ana")
    response = ana.post(f"/dashboard/c/{tid}/close", outcome="resolved")
    assert response.headers["Location"].endswith("/dashboard")
    conversation = parts(app).conversations.fields(tid)
    assert conversation["status"] == "closed" and conversation["outcome"] == "resolved"
    goodbye = parts(app).texters.transcript(tid)[-1]
    assert goodbye.direction == "out" and goodbye.topic == "closed" and goodbye.status == "pending"
    assert goodbye.body.startswith("การสนทนานี้ปิดแล้ว")
    page = ana.client.get(f"/dashboard/c/{tid}")  # closed: still readable by the counselor who held it
    assert page.status_code == 200 and "Read-only: this conversation is closed" in page.get_data(as_text=True)
    assert ("ana", "conversation.close", tid) in audit_actions(app)
    # The texter can come back: TALK queues a fresh conversation.
    texter._count = 50
    texter.replies("คุย")
    assert conversations_of(app).queue()[0].tid == tid


def test_notes_are_private_and_audited(app: Flask, ana: Desk, ben: Desk) -> None:
    tid = ask_for_counselor(app, US)
    assert ana.post(f"/dashboard/c/{tid}/note", body="before claiming").status_code == 403
    ana.post(f"/dashboard/c/{tid}/claim")
    ana.post(f"/dashboard/c/{tid}/note", body="Mentions a friend who mixes with <b>xanax</b>")
    state = ana.get_json(f"/dashboard/c/{tid}/state")
    assert [n["body"] for n in state["notes"]] == ["Mentions a friend who mixes with <b>xanax</b>"]
    assert all("xanax" not in e["body"] for e in state["transcript"])
    assert ("ana", "conversation.note", tid) in audit_actions(app)


def test_supervisor_unmask_shows_the_number_and_is_audited(app: Flask, ana: Desk, sam: Desk) -> None:
    tid = ask_for_counselor(app, US)
    assert ana.post(f"/dashboard/c/{tid}/unmask").status_code == 403
    page = sam.post(f"/dashboard/c/{tid}/unmask").get_data(as_text=True)
    assert US in page
    assert ("sam", "conversation.unmask", tid) in audit_actions(app)
    assert US not in sam.client.get(f"/dashboard/c/{tid}").get_data(as_text=True)


def test_every_view_is_audited(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    ana.client.get(f"/dashboard/c/{tid}")
    assert ("ana", "conversation.view", tid) in audit_actions(app)


def test_phrasebook_previews_in_the_texters_language_with_segments(app: Flask, ana: Desk) -> None:
    Texter(app.test_client(), THAI).replies("คุย")
    tid = parts(app).texters.texter_id(THAI)
    ana.post(f"/dashboard/c/{tid}/claim")
    preview = ana.get_json(f"/dashboard/c/{tid}/phrase?key=topics.signs")
    assert preview["language"] == "Thai"
    assert preview["text"].startswith("โทร 1669 ทันที")
    assert preview["english"].startswith("Call 1669 now")
    assert preview["encoding"] == "UCS-2" and preview["segments"] >= 2
    assert preview["translated"] is True
    line = ana.get_json(f"/dashboard/c/{tid}/phrase?key=crisis_line")
    assert "1323" in line["text"]
    assert ana.client.get(f"/dashboard/c/{tid}/phrase?key=nonsense").status_code == 404
    ana.post(f"/dashboard/c/{tid}/phrase", key="topics.signs")
    sent = parts(app).texters.transcript(tid)[-1]
    assert sent.body == preview["text"] and sent.author == "ana" and sent.topic == "phrase:topics.signs"
    assert any(a == ("ana", "conversation.phrase", tid) for a in audit_actions(app))


def test_only_the_holder_replies(app: Flask, ana: Desk, ben: Desk) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/reply", body="hello?")
    assert all(e.author != "ana" for e in parts(app).texters.transcript(tid))
    ana.post(f"/dashboard/c/{tid}/claim")
    ana.post(f"/dashboard/c/{tid}/reply", body="Hi, I'm Ana. What's going on?")
    last = parts(app).texters.transcript(tid)[-1]
    assert (last.author, last.body, last.status) == ("ana", "Hi, I'm Ana. What's going on?", "pending")
    assert ana.post(f"/dashboard/c/{tid}/reply", body="x" * 1601).status_code == 302
    assert parts(app).texters.transcript(tid)[-1].id == last.id
    assert ("ana", "conversation.reply", tid) in audit_actions(app)


def test_posts_without_a_csrf_token_are_refused(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    assert ana.client.post(f"/dashboard/c/{tid}/claim").status_code == 400
    assert conversations_of(app).queue()[0].tid == tid


def test_overdue_sweep_sends_the_crisis_line_once_and_keeps_it_queued(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    context = parts(app)
    assert context.unclaimed_seconds == 600
    assert worker.sweep_overdue(context, now=time.time() + 60) == []
    later = time.time() + 11 * 60
    assert worker.sweep_overdue(context, now=later) == [tid]
    assert worker.sweep_overdue(context, now=later + 60) == []
    notices = [e for e in parts(app).texters.transcript(tid) if e.topic == "overdue"]
    assert len(notices) == 1
    assert "988" in notices[0].body and "still in line" in notices[0].body
    queue = ana.get_json("/dashboard/state")["queue"]
    assert [(c["tid"], c["overdue"]) for c in queue] == [(tid, True)]


def test_overdue_is_not_sent_to_a_claimed_conversation(app: Flask, ana: Desk) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    assert worker.sweep_overdue(parts(app), now=time.time() + 3600) == []


def test_a_stale_queue_entry_is_not_shown(app: Flask, ana: Desk, redis_client: redis.Redis) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    redis_client.zadd(keys.QUEUE, {tid: 1})  # as if the index update after a claim had been lost
    assert conversations_of(app).queue() == []


def test_event_stream_relays_kinds_and_ids_only_and_ends(app_config, redis_client) -> None:
    app = make_app({**app_config, "HELPLINE_SSE_SECONDS": "1.5"})
    ana = Desk(app, "ana")

    def later() -> None:
        time.sleep(0.5)
        ask_for_counselor(app, US)

    thread = threading.Thread(target=later)
    started = time.monotonic()
    thread.start()
    response = ana.client.get("/dashboard/events", headers={"Accept": "text/event-stream"})
    body = response.get_data(as_text=True)
    thread.join()
    assert response.mimetype == "text/event-stream"
    assert time.monotonic() - started < 5
    assert body.startswith("retry: ")
    tid = parts(app).texters.texter_id(US)
    assert f'"type": "queued", "texter": "{tid}"' in body
    assert "4155550123" not in body and "TALK" not in body
    assert body.rstrip().endswith("event: bye\ndata: {}")
    deadline = time.monotonic() + 2  # the server drops a closed connection's subscriptions a moment later
    while redis_client.pubsub_numsub(keys.EVENTS)[0][1] and time.monotonic() < deadline:
        time.sleep(0.02)
    assert redis_client.pubsub_numsub(keys.EVENTS)[0][1] == 0  # the subscription was closed


def test_event_stream_needs_a_login(client) -> None:
    assert client.get("/dashboard/events", headers={"Accept": "text/event-stream"}).status_code == 401


def test_a_disabled_counselors_conversations_can_be_returned_to_the_queue(app: Flask, ana: Desk) -> None:
    first = ask_for_counselor(app, US)
    second = ask_for_counselor(app, UK)
    conversations = conversations_of(app)
    ana.post(f"/dashboard/c/{first}/claim")
    ana.post(f"/dashboard/c/{second}/claim")
    assert [s.tid for s in conversations.held_by("ana")] == [first, second]
    assert sorted(conversations.return_all("ana")) == sorted([first, second])
    assert [s.tid for s in conversations.queue()] == [first, second]
    assert conversations.held() == []


def test_everything_a_conversation_adds_expires_with_the_transcript(
    app: Flask, ana: Desk, redis_client: redis.Redis
) -> None:
    tid = ask_for_counselor(app, US)
    ana.post(f"/dashboard/c/{tid}/claim")
    ana.post(f"/dashboard/c/{tid}/note", body="a note")
    ana.post(f"/dashboard/c/{tid}/reply", body="a reply")
    work(app, fork=False)  # no Twilio configured here: the delivery records a failure, with its TTL
    per_texter = list(redis_client.scan_iter(f"hl:{{{tid}}}:*"))
    kinds = {key.rsplit(":", 1)[1] for key in per_texter}
    assert kinds >= {"texter", "transcript", "conversation", "notes", "delivery"}
    assert all(redis_client.ttl(key) > 0 for key in per_texter), {k: redis_client.ttl(k) for k in per_texter}


def test_an_expired_conversation_leaves_the_indexes(app: Flask, ana: Desk, redis_client: redis.Redis) -> None:
    queued = ask_for_counselor(app, US)
    held = ask_for_counselor(app, UK)
    ana.post(f"/dashboard/c/{held}/claim")
    for tid in (queued, held):
        redis_client.delete(f"hl:{{{tid}}}:texter", f"hl:{{{tid}}}:conversation")  # as retention would
    assert conversations_of(app).open_conversations() == []
    assert redis_client.zcard(keys.QUEUE) == 0 and redis_client.zcard("hl:held") == 0
