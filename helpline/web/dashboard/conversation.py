"""One conversation: its page, its JSON state, the phrase preview, and every action on it.

Every view, claim, reply, phrase, note, transfer, close, dismiss and unmask is written to the audit log.
A page one may no longer act on (closed, or transferred away) is shown read-only, never as an error page.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from helpline.channels.base import MAX_BODY_CHARS
from helpline.phrasebook import UnknownPhrase
from helpline.state.accounts import Counselor
from helpline.state.conversations import CLOSED, ConversationError, Summary
from helpline.state.history import ClosedConversation
from helpline.state.texters import TranscriptEntry
from helpline.web.auth import current_counselor, login_required, supervisor_required
from helpline.web.dashboard import forms
from helpline.web.dashboard.access import abilities, load, read_only_reason, visible
from helpline.web.dashboard.gist import gist
from helpline.web.dashboard.presenters import (
    can_dismiss,
    entry_json,
    language_name,
    note_json,
    status_words,
    summary_json,
)
from helpline.web.dashboard.words import Times, reason_words
from helpline.wiring import Services


def back(tid: str) -> ResponseReturnValue:
    return redirect(url_for("dashboard.conversation", tid=tid))


def refuse(tid: str, error: ConversationError | str) -> ResponseReturnValue:
    flash(str(error))
    return back(tid)


def register(blueprint: Blueprint, services: Services) -> None:
    _register_views(blueprint, services)
    _register_taking(blueprint, services)
    _register_sending(blueprint, services)


def present_counselors(services: Services, holder: str) -> list[Counselor]:
    """Who a conversation may be handed to: available, with a dashboard open now, and not its holder."""
    present = services.presence.present()
    return [c for c in services.counselors.list() if c.available and c.name in present and c.name != holder]


def reply_blocked(summary: Summary) -> str:
    """Why nothing can be sent to this texter now ("" when replies can go out)."""
    if summary.opted_out:
        return (
            "Replies are off: the texter sent STOP, so the carrier blocks every message to them until they"
            " text START. Their messages still arrive here."
        )
    return ""


def _register_views(blueprint: Blueprint, services: Services) -> None:
    conversations, knowledge, audit = services.conversations, services.knowledge, services.audit
    history = services.history
    times = Times(services.settings.timezone)

    def render_conversation(me: Counselor, summary: Summary, unmask: bool = False) -> ResponseReturnValue:
        address = services.texters.address(summary.tid)
        status_text = status_words(summary, times)
        return render_template(
            "dashboard_conversation.html",
            summary=summary,
            language=language_name(knowledge, summary.language),
            can=abilities(me, summary),
            phrases=services.phrasebook.phrases(address),
            outcomes=conversations.outcomes,
            others=present_counselors(services, summary.counselor),
            unmasked=address if unmask else None,
            status_text=status_text,
            read_only=read_only_reason(me, summary, status_text),
            reply_blocked=reply_blocked(summary),
            opted_out=summary.opted_out,
            reply_limit=MAX_BODY_CHARS,
        )

    @blueprint.get("/c/<tid>")
    @login_required
    def conversation(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid, history)
        audit.record(me.name, "conversation.view", tid)
        return render_conversation(me, summary)

    @blueprint.get("/c/<tid>/state")
    @login_required
    def conversation_state(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid, history)
        can = abilities(me, summary)
        past = history.of_texter(tid)
        if summary.status == CLOSED and past and past[-1].closed_at == summary.closed_at:
            past = past[:-1]  # the conversation on this page is itself closed: it is not an earlier one
        status_text = status_words(summary, times)
        read_only = read_only_reason(me, summary, status_text)
        return jsonify(
            conversation=summary_json(knowledge, summary, services.clock(), times),
            can=can,
            transcript=transcript_json(services, tid, past, times),
            notes=notes_json(services, tid, past, times) if can["note"] or read_only else [],
            past=[past_json(record, times) for record in past],
            read_only=read_only,
            lost_reason=read_only,
            reply_blocked=reply_blocked(summary),
        )

    @blueprint.get("/c/<tid>/phrase")
    @login_required
    def phrase_preview(tid: str) -> ResponseReturnValue:
        _, summary = visible(conversations, tid, history)
        address = services.texters.address(tid)
        try:
            preview = services.phrasebook.preview(request.args.get("key", ""), address, summary.language)
        except UnknownPhrase:
            abort(404, "no such phrase")
        return jsonify(
            key=preview.key,
            language=language_name(knowledge, preview.language),
            text=preview.text,
            english=preview.english,
            translated=preview.translated,
            segments=preview.segments.segments,
            encoding=preview.segments.encoding,
            characters=len(preview.text),
        )

    @blueprint.post("/c/<tid>/unmask")
    @supervisor_required
    def unmask(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid, history)
        audit.record(me.name, "conversation.unmask", tid)
        # Rendered, not redirected: the number must not travel in a flash message inside the session cookie.
        return render_conversation(me, summary, unmask=True)


def past_json(record: ClosedConversation, times: Times) -> dict[str, Any]:
    return {
        "anchor": separator_id(record),
        "when": times.span(record.opened_at, record.closed_at),
        "outcome": record.outcome,
        "counselor": ", ".join(record.holders) or record.closed_by,
        "topic": reason_words(record.reason, record.emergency),
    }


def separator_id(record: ClosedConversation) -> str:
    return f"closed-{int(record.closed_at * 1000)}"


def transcript_json(services: Services, tid: str, past: list[ClosedConversation], times: Times) -> list[dict[str, Any]]:
    """The transcript with each earlier conversation's end marked: dated, with its outcome and counselor.

    An earlier conversation runs until the texter's first message after it was closed (its goodbye included).
    """
    deliveries = services.deliveries.states(tid)
    address = services.texters.address(tid)
    knowledge = services.knowledge
    entries: list[TranscriptEntry] = services.texters.transcript(tid)
    pending = sorted(past, key=lambda record: record.closed_at)
    out: list[dict[str, Any]] = []
    for entry in entries:
        while pending and entry.direction == "in" and entry.at > pending[0].closed_at:
            out.append(_separator(pending.pop(0), times))
        gist_text = ""
        if entry.direction == "in" and entry.author == "texter":
            gist_text = gist(knowledge, entry.body, address, language_name(knowledge, entry.language))
        out.append(entry_json(entry, deliveries.get(entry.id), times, gist_text))
    for record in pending:  # closed, and the texter has not written since
        out.append(_separator(record, times))
    last = max((index for index, item in enumerate(out) if "separator" in item), default=0)
    for item in out[:last]:  # everything before the last earlier conversation's end belongs to the past
        item["past"] = "separator" not in item
    return out


def _separator(record: ClosedConversation, times: Times) -> dict[str, Any]:
    who = ", ".join(record.holders) or record.closed_by
    text = (
        f"Earlier conversation, {times.span(record.opened_at, record.closed_at)}:"
        f" {reason_words(record.reason, record.emergency)} · {record.outcome or 'no outcome'}"
        + (f" · {who}" if who else "")
    )
    return {"id": separator_id(record), "separator": text}


def notes_json(services: Services, tid: str, past: list[ClosedConversation], times: Times) -> list[dict[str, Any]]:
    last_closed = max((record.closed_at for record in past), default=0.0)
    return [note_json(n, times, past=float(n.get("at", 0)) <= last_closed) for n in services.conversations.notes(tid)]


def archive(services: Services, tid: str) -> None:
    """Keep the conversation just closed for the texter's next conversation and for the history search."""
    fields = services.conversations.fields(tid)
    summary = services.conversations.summary(tid)
    if summary is None:
        return
    closed_at = float(fields.get("closed_at") or services.clock())
    opened = float(fields.get("queued_at") or 0)
    notes = sum(1 for note in services.conversations.notes(tid) if float(note.get("at", 0)) >= opened)
    holders = tuple(sorted(services.history.holders(tid)))
    services.history.archive(
        ClosedConversation(
            tid=tid,
            opened_at=float(fields.get("queued_at") or closed_at),
            closed_at=closed_at,
            outcome=fields.get("outcome", ""),
            closed_by=fields.get("closed_by", ""),
            holders=holders,
            language=summary.language,
            reason=fields.get("reason", ""),
            emergency=fields.get("emergency") == "1",
            masked=summary.masked,
            country_name=summary.country_name,
            channel=summary.channel,
            notes=notes,
        )
    )


def _register_taking(blueprint: Blueprint, services: Services) -> None:
    """Claim, transfer, close, dismiss: who holds the conversation."""
    conversations, audit, history = services.conversations, services.audit, services.history

    @blueprint.post("/c/<tid>/claim")
    @login_required
    def claim(tid: str) -> ResponseReturnValue:
        me = current_counselor()
        load(conversations, tid)
        try:
            conversations.claim(tid, me.name)
        except ConversationError as error:
            # Usually a lost race: someone claimed it a moment earlier. Say who, and go back to the queue.
            audit.record(me.name, "conversation.claim.refused", tid, str(error))
            flash(f"Not claimed: {error}.")
            return redirect(url_for("dashboard.overview"))
        history.held(tid, me.name)
        audit.record(me.name, "conversation.claim", tid)
        return back(tid)

    @blueprint.post("/c/<tid>/transfer")
    @login_required
    def transfer(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid, history)
        form = forms.TransferForm(request.form)
        to: str | None = None
        if form.to.data:
            chosen = services.counselors.get(form.to.data)
            if chosen is None or chosen.disabled:
                return refuse(tid, "Choose an active counselor, or the queue.")
            if chosen.name not in {c.name for c in present_counselors(services, summary.counselor)}:
                return refuse(tid, f"{chosen.name} is not present (available, with a dashboard open).")
            to = chosen.name
        try:
            previous = conversations.transfer(tid, to, holder=None if me.is_supervisor else me.name)
        except ConversationError as error:
            return refuse(tid, error)
        if to:
            history.held(tid, to)
        audit.record(me.name, "conversation.transfer", tid, f"{previous or 'queue'} -> {to or 'queue'}")
        flash(f"Transferred to {to}." if to else "Returned to the queue.")
        if form.origin.data == "overview" or not me.is_supervisor:
            return redirect(url_for("dashboard.overview"))
        return back(tid)

    @blueprint.post("/c/<tid>/close")
    @login_required
    def close(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid, history)
        outcome = forms.CloseForm(request.form).outcome.data or ""
        try:
            conversations.close(tid, outcome, by=me.name, holder=None if me.is_supervisor else me.name)
        except ConversationError as error:
            return refuse(tid, error)
        archive(services, tid)
        if not summary.opted_out:  # after STOP the carrier would refuse it anyway
            goodbye = services.phrasebook.goodbye(services.texters.address(tid), summary.language)
            services.deliveries.send(tid, goodbye, author="bot", topic="closed", language=summary.language)
        audit.record(me.name, "conversation.close", tid, outcome)
        flash(f"Conversation {summary.masked} closed: {outcome}.")
        return redirect(url_for("dashboard.overview"))

    @blueprint.post("/c/<tid>/dismiss")
    @login_required
    def dismiss(tid: str) -> ResponseReturnValue:
        """A stale emergency (the texter silent for an hour, answered by the bot) leaves the queue with an outcome.

        No goodbye: the texter never asked for a person, and texting "this conversation is closed" an hour
        after an emergency answer would only confuse. Anyone on shift may dismiss one; it is audited.
        """
        me = current_counselor()
        summary = load(conversations, tid)
        outcome = forms.DismissForm(request.form).outcome.data or ""
        if not can_dismiss(summary, services.clock()):
            flash("Only an emergency whose texter has been silent for an hour can be dismissed.")
            return redirect(url_for("dashboard.overview"))
        try:
            conversations.close(tid, outcome, by=me.name, holder=None)
        except ConversationError as error:
            flash(f"Not dismissed: {error}.")
            return redirect(url_for("dashboard.overview"))
        archive(services, tid)
        audit.record(me.name, "conversation.dismiss", tid, outcome)
        flash(f"Emergency {summary.masked} dismissed: {outcome}.")
        return redirect(url_for("dashboard.overview"))


def _register_sending(blueprint: Blueprint, services: Services) -> None:
    """Reply, phrase, note: what a counselor writes."""
    conversations, audit, history = services.conversations, services.audit, services.history

    def not_sendable(tid: str, me: Counselor, summary: Summary) -> str | None:
        """Why a reply or a phrase cannot go out now (another holds it, the texter opted out...), else None."""
        try:
            conversations.require_holder(tid, me.name)
        except ConversationError as error:
            return f"Not sent: {error}. Your text is kept on this page."
        blocked = reply_blocked(summary)
        return f"Not sent: {blocked}" if blocked else None

    @blueprint.post("/c/<tid>/reply")
    @login_required
    def reply(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid, history)
        form = forms.posted(forms.ReplyForm)
        if form.errors:
            return refuse(tid, form.first_error())
        if why := not_sendable(tid, me, summary):
            return refuse(tid, why)
        body = str(form.data["body"])
        entry = services.deliveries.send(tid, body, author=me.name, topic="counselor", language=summary.language)
        audit.record(me.name, "conversation.reply", tid, f"entry {entry}")
        return back(tid)

    @blueprint.post("/c/<tid>/phrase")
    @login_required
    def send_phrase(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid, history)
        form = forms.posted(forms.PhraseForm)
        if form.errors:
            return refuse(tid, form.first_error())
        key = str(form.data["key"] or "")
        if why := not_sendable(tid, me, summary):
            return refuse(tid, why)
        try:
            preview = services.phrasebook.preview(key, services.texters.address(tid), summary.language)
        except UnknownPhrase:
            abort(400, "no such phrase")
        edited = str(form.data["body"] or "")
        text = edited or preview.text
        changed = bool(edited) and edited != preview.text
        language = summary.language
        entry = services.deliveries.send(tid, text, author=me.name, topic=f"phrase:{key}", language=language)
        detail = f"{key} ({summary.language}){' edited' if changed else ''} entry {entry}"
        audit.record(me.name, "conversation.phrase", tid, detail)
        return back(tid)

    @blueprint.post("/c/<tid>/note")
    @login_required
    def note(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid, history)
        if not abilities(me, summary)["note"]:
            abort(403)
        form = forms.posted(forms.NoteForm)
        if form.errors:
            return refuse(tid, form.first_error())
        conversations.add_note(tid, me.name, str(form.data["body"]))
        audit.record(me.name, "conversation.note", tid)
        return back(tid)

