"""/dashboard: the counselors' live queue and conversations.

Web glue only: the queue and conversation rules live in helpline.conversations,
sending in helpline.outbox and helpline.jobs, the phrasebook in
helpline.phrasebook. Pages are plain forms (POST, then redirect back) so every
action works and is CSRF-checked the same way; the page scripts only render the
JSON state with textContent and keep it live.

Live updates are server-sent events relayed from Redis pub/sub. Each stream is
bounded (HELPLINE_SSE_SECONDS, 55 s by default) and then ends with a retry hint:
the browser reconnects by itself and re-reads the state, so a stream holds a
gunicorn gthread thread for under a minute at a time and a server restart or
deploy never leaves a dashboard silently stale. Events carry ids and kinds only,
never a number or a message: the page fetches what it may see.

Every conversation view, claim, reply, phrase, note, transfer, close and unmask
is written to the audit log.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue
from redis.exceptions import RedisError

from helpline.audit import AuditLog
from helpline.conversations import HELD, QUEUED, ConversationError, Conversations, Summary
from helpline.counselors import Counselor, Counselors
from helpline.knowledge import Knowledge
from helpline.outbox import Delivery, Outbox
from helpline.phrasebook import Phrasebook, UnknownPhrase
from helpline.store import EVENTS_CHANNEL, Store, TranscriptEntry
from helpline.web.auth import current_counselor, login_required, maybe_counselor, supervisor_required

log = logging.getLogger(__name__)

TEXTER_ID = re.compile(r"[0-9a-f]{20}")
MAX_REPLY_CHARS = 1600  # Twilio's limit for one message body
MAX_NOTE_CHARS = 4000
DEFAULT_STREAM_SECONDS = 55.0
STREAM_RECHECK_SECONDS = 15.0  # how often a stream re-reads the login (logout and disable take effect)
RECONNECT_MILLISECONDS = 1500
STATUS_WORDS = {
    "pending": "waiting to send",
    "sending": "sending",
    "retrying": "retrying",
    "accepted": "accepted",
    "queued": "queued",
    "sent": "sent",
    "delivered": "delivered",
    "undelivered": "not delivered",
    "failed": "failed",
    "read": "read",
    "canceled": "canceled",
    "scheduled": "scheduled",
    "received": "received",
    "replied": "answered by the bot",
}


def make_blueprint(
    store: Store,
    conversations: Conversations,
    outbox: Outbox,
    phrasebook: Phrasebook,
    counselors: Counselors,
    audit: AuditLog,
    knowledge: Knowledge,
    stream_seconds: float = DEFAULT_STREAM_SECONDS,
) -> Blueprint:
    blueprint = Blueprint("dashboard", __name__, url_prefix="/dashboard")

    # helpers -------------------------------------------------------------------
    def language_name(code: str) -> str:
        try:
            return knowledge.catalogs.language(code).english_name
        except Exception:  # noqa: BLE001 - an unknown code is shown as is
            return code

    def summary_json(summary: Summary, now: float) -> dict[str, Any]:
        return {
            "tid": summary.tid,
            "url": url_for("dashboard.conversation", tid=summary.tid),
            "status": summary.status,
            "counselor": summary.counselor,
            "emergency": summary.emergency,
            "overdue": summary.overdue,
            "reason": summary.reason,
            "masked": summary.masked,
            "country": summary.country_name,
            "language": language_name(summary.language),
            "channel": summary.channel,
            "waiting_minutes": summary.waiting_minutes(now),
            "outcome": summary.outcome,
        }

    def load(tid: str) -> Summary:
        if not TEXTER_ID.fullmatch(tid):
            abort(404)
        summary = conversations.summary(tid)
        if summary is None:
            abort(404)
        return summary

    def may_see(me: Counselor, summary: Summary) -> bool:
        """Counselors see the queue and what they hold; supervisors see everything."""
        return me.is_supervisor or summary.status == QUEUED or summary.counselor == me.name

    def visible(tid: str) -> tuple[Counselor, Summary]:
        me = current_counselor()
        summary = load(tid)
        if not may_see(me, summary):
            abort(403)
        return me, summary

    def abilities(me: Counselor, summary: Summary) -> dict[str, bool]:
        holds = summary.status == HELD and summary.counselor == me.name
        open_ = summary.status in (QUEUED, HELD)
        return {
            "claim": summary.status == QUEUED,
            "reply": holds,
            "note": holds or me.is_supervisor,
            "transfer": holds or (me.is_supervisor and open_),
            "close": holds or (me.is_supervisor and open_),
            "unmask": me.is_supervisor,
        }

    def back(tid: str) -> ResponseReturnValue:
        return redirect(url_for("dashboard.conversation", tid=tid))

    def refuse(tid: str, error: ConversationError) -> ResponseReturnValue:
        flash(str(error))
        return back(tid)

    # pages ---------------------------------------------------------------------
    @blueprint.get("")
    @login_required
    def overview() -> ResponseReturnValue:
        return render_template("dashboard.html")

    @blueprint.get("/state")
    @login_required
    def overview_state() -> ResponseReturnValue:
        me = current_counselor()
        now = time.time()
        state: dict[str, Any] = {
            "me": {"name": me.name, "supervisor": me.is_supervisor, "available": me.available},
            "queue": [summary_json(s, now) for s in conversations.queue()],
        }
        held = conversations.held()
        state["mine"] = [summary_json(s, now) for s in held if s.counselor == me.name]
        if me.is_supervisor:
            state["all"] = state["queue"] + [summary_json(s, now) for s in held]
            holding: dict[str, int] = {}
            for summary in held:
                holding[summary.counselor] = holding.get(summary.counselor, 0) + 1
            state["counselors"] = [
                {
                    "name": c.name,
                    "role": c.role,
                    "available": c.available,
                    "disabled": c.disabled,
                    "holding": holding.get(c.name, 0),
                }
                for c in counselors.list()
            ]
        return jsonify(state)

    @blueprint.get("/c/<tid>")
    @login_required
    def conversation(tid: str) -> ResponseReturnValue:
        me, summary = visible(tid)
        audit.record(me.name, "conversation.view", tid)
        return render_conversation(me, summary)

    def render_conversation(me: Counselor, summary: Summary, unmasked: str | None = None) -> ResponseReturnValue:
        address = conversations.address(summary.tid)
        others = [c for c in counselors.list() if not c.disabled and c.name != summary.counselor]
        return render_template(
            "dashboard_conversation.html",
            summary=summary,
            language=language_name(summary.language),
            can=abilities(me, summary),
            phrases=phrasebook.phrases(address),
            outcomes=conversations.outcomes,
            others=others,
            unmasked=unmasked,
        )

    @blueprint.get("/c/<tid>/state")
    @login_required
    def conversation_state(tid: str) -> ResponseReturnValue:
        me, summary = visible(tid)
        deliveries = outbox.states(tid)
        return jsonify(
            conversation=summary_json(summary, time.time()),
            can=abilities(me, summary),
            transcript=[entry_json(entry, deliveries.get(entry.id)) for entry in store.transcript(tid)],
            notes=[
                {"author": n.get("author", ""), "at": clock(float(n.get("at", 0))), "body": n.get("body", "")}
                for n in conversations.notes(tid)
            ]
            if abilities(me, summary)["note"]
            else [],
        )

    @blueprint.get("/c/<tid>/phrase")
    @login_required
    def phrase_preview(tid: str) -> ResponseReturnValue:
        _, summary = visible(tid)
        try:
            preview = phrasebook.preview(request.args.get("key", ""), conversations.address(tid), summary.language)
        except UnknownPhrase:
            abort(404)
        return jsonify(
            key=preview.key,
            language=language_name(preview.language),
            text=preview.text,
            english=preview.english,
            translated=preview.translated,
            segments=preview.segments.segments,
            encoding=preview.segments.encoding,
            characters=len(preview.text),
        )

    # actions -------------------------------------------------------------------
    @blueprint.post("/c/<tid>/claim")
    @login_required
    def claim(tid: str) -> ResponseReturnValue:
        me = current_counselor()
        load(tid)
        try:
            conversations.claim(tid, me.name)
        except ConversationError as error:
            # Usually a lost race: someone claimed it a moment earlier. Say who, and go back to the queue.
            audit.record(me.name, "conversation.claim.refused", tid, str(error))
            flash(f"Not claimed: {error}.")
            return redirect(url_for("dashboard.overview"))
        audit.record(me.name, "conversation.claim", tid)
        return back(tid)

    @blueprint.post("/c/<tid>/reply")
    @login_required
    def reply(tid: str) -> ResponseReturnValue:
        me, summary = visible(tid)
        body = request.form.get("body", "").replace("\r\n", "\n").strip()
        if not body:
            flash("Write a reply first.")
            return back(tid)
        if len(body) > MAX_REPLY_CHARS:
            flash(f"A reply can be at most {MAX_REPLY_CHARS} characters; this one has {len(body)}.")
            return back(tid)
        try:
            conversations.require_holder(tid, me.name)
        except ConversationError as error:
            return refuse(tid, error)
        entry = outbox.send(tid, body, author=me.name, topic="counselor", language=summary.language)
        audit.record(me.name, "conversation.reply", tid, f"entry {entry}")
        return back(tid)

    @blueprint.post("/c/<tid>/phrase")
    @login_required
    def send_phrase(tid: str) -> ResponseReturnValue:
        me, summary = visible(tid)
        key = request.form.get("key", "")
        try:
            conversations.require_holder(tid, me.name)
            preview = phrasebook.preview(key, conversations.address(tid), summary.language)
        except ConversationError as error:
            return refuse(tid, error)
        except UnknownPhrase:
            abort(400, "no such phrase")
        entry = outbox.send(tid, preview.text, author=me.name, topic=f"phrase:{key}", language=summary.language)
        audit.record(me.name, "conversation.phrase", tid, f"{key} ({summary.language}) entry {entry}")
        return back(tid)

    @blueprint.post("/c/<tid>/note")
    @login_required
    def note(tid: str) -> ResponseReturnValue:
        me, summary = visible(tid)
        body = request.form.get("body", "").strip()
        if not abilities(me, summary)["note"]:
            abort(403)
        if not body or len(body) > MAX_NOTE_CHARS:
            flash(f"A note needs 1 to {MAX_NOTE_CHARS} characters.")
            return back(tid)
        conversations.add_note(tid, me.name, body)
        audit.record(me.name, "conversation.note", tid)
        return back(tid)

    @blueprint.post("/c/<tid>/transfer")
    @login_required
    def transfer(tid: str) -> ResponseReturnValue:
        me, _ = visible(tid)
        target = request.form.get("to", "")
        to: str | None = None
        if target:
            chosen = counselors.get(target)
            if chosen is None or chosen.disabled:
                flash("Choose an active counselor, or the queue.")
                return back(tid)
            to = chosen.name
        try:
            previous = conversations.transfer(tid, to, holder=None if me.is_supervisor else me.name)
        except ConversationError as error:
            return refuse(tid, error)
        audit.record(me.name, "conversation.transfer", tid, f"{previous or 'queue'} -> {to or 'queue'}")
        flash(f"Transferred to {to}." if to else "Returned to the queue.")
        if request.form.get("from") == "overview" or not me.is_supervisor:
            return redirect(url_for("dashboard.overview"))
        return back(tid)

    @blueprint.post("/c/<tid>/close")
    @login_required
    def close(tid: str) -> ResponseReturnValue:
        me, summary = visible(tid)
        outcome = request.form.get("outcome", "")
        try:
            conversations.close(tid, outcome, by=me.name, holder=None if me.is_supervisor else me.name)
        except ConversationError as error:
            return refuse(tid, error)
        address = conversations.address(tid)
        outbox.send(
            tid, phrasebook.goodbye(address, summary.language), author="bot", topic="closed", language=summary.language
        )
        audit.record(me.name, "conversation.close", tid, outcome)
        flash(f"Conversation {summary.masked} closed: {outcome}.")
        return redirect(url_for("dashboard.overview"))

    @blueprint.post("/c/<tid>/unmask")
    @supervisor_required
    def unmask(tid: str) -> ResponseReturnValue:
        me, summary = visible(tid)
        audit.record(me.name, "conversation.unmask", tid)
        # Rendered, not redirected: the number must not travel in a flash message inside the session cookie.
        return render_conversation(me, summary, unmasked=conversations.address(tid))

    # live updates --------------------------------------------------------------
    @blueprint.get("/events")
    @login_required
    def events() -> ResponseReturnValue:
        stream = stream_with_context(event_stream(store, stream_seconds))
        return Response(
            stream,
            mimetype="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return blueprint


def event_stream(store: Store, seconds: float) -> Iterator[str]:
    """Relay pub/sub events for `seconds`, then end; the browser reconnects after the retry hint."""
    pubsub = store.redis.pubsub(ignore_subscribe_messages=True)
    try:
        pubsub.subscribe(EVENTS_CHANNEL)
        yield from _relay(pubsub, seconds)
    except RedisError as error:
        log.warning("event stream ended early: %s", error)  # the browser reconnects by itself
    finally:
        pubsub.close()


def _relay(pubsub: Any, seconds: float) -> Iterator[str]:
    """The stream's body: hello, events, keep-alives and the login re-check, then bye."""
    yield f"retry: {RECONNECT_MILLISECONDS}\nevent: hello\ndata: {{}}\n\n"
    started = last_check = last_sent = time.monotonic()
    while (now := time.monotonic()) - started < seconds:
        if now - last_check >= STREAM_RECHECK_SECONDS:
            if maybe_counselor(fresh=True) is None:
                yield "event: logout\ndata: {}\n\n"
                return
            last_check = now
        message = pubsub.get_message(timeout=1.0)
        if message and message.get("type") == "message":
            yield f"data: {_public_event(message['data'])}\n\n"
            last_sent = now
        elif now - last_sent >= STREAM_RECHECK_SECONDS:
            yield ": keep-alive\n\n"  # proxies drop idle connections; this also notices a closed tab
            last_sent = now
    yield "event: bye\ndata: {}\n\n"


def _public_event(raw: str) -> str:
    """Only the kind of event and which conversation: the page re-reads what it is allowed to see."""
    try:
        event = json.loads(raw)
    except ValueError:
        return "{}"
    return json.dumps({"type": str(event.get("type", "")), "texter": str(event.get("texter") or "")})


def clock(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%H:%M") if at else ""


def entry_json(entry: TranscriptEntry, delivery: Delivery | None) -> dict[str, Any]:
    status, error = entry.status, ""
    if delivery is not None:
        status, error = delivery.status, delivery.error
    reason = delivery.reason if delivery is not None else ""
    return {
        "id": entry.id,
        "at": clock(entry.at),
        "direction": entry.direction,
        "author": entry.author,
        "body": entry.body,
        "topic": entry.topic,
        "status": status,
        "status_text": STATUS_WORDS.get(status, status),
        "error": error,
        "reason": reason,
    }
