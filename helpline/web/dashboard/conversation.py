"""One conversation: its page, its JSON state, the phrase preview, and every action on it.

Every view, claim, reply, phrase, note, transfer, close and unmask is written to the audit log.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from helpline.phrasebook import UnknownPhrase
from helpline.state.accounts import Counselor
from helpline.state.conversations import ConversationError, Summary
from helpline.web.auth import current_counselor, login_required, supervisor_required
from helpline.web.dashboard import forms
from helpline.web.dashboard.access import abilities, load, visible
from helpline.web.dashboard.presenters import entry_json, language_name, note_json, summary_json
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


def _register_views(blueprint: Blueprint, services: Services) -> None:
    conversations, knowledge, audit = services.conversations, services.knowledge, services.audit

    def render_conversation(me: Counselor, summary: Summary, unmasked: str | None = None) -> ResponseReturnValue:
        address = services.texters.address(summary.tid)
        others = [c for c in services.counselors.list() if not c.disabled and c.name != summary.counselor]
        return render_template(
            "dashboard_conversation.html",
            summary=summary,
            language=language_name(knowledge, summary.language),
            can=abilities(me, summary),
            phrases=services.phrasebook.phrases(address),
            outcomes=conversations.outcomes,
            others=others,
            unmasked=unmasked,
        )

    @blueprint.get("/c/<tid>")
    @login_required
    def conversation(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid)
        audit.record(me.name, "conversation.view", tid)
        return render_conversation(me, summary)

    @blueprint.get("/c/<tid>/state")
    @login_required
    def conversation_state(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid)
        deliveries = services.deliveries.states(tid)
        can = abilities(me, summary)
        return jsonify(
            conversation=summary_json(knowledge, summary, services.clock()),
            can=can,
            transcript=[entry_json(entry, deliveries.get(entry.id)) for entry in services.texters.transcript(tid)],
            notes=[note_json(note) for note in conversations.notes(tid)] if can["note"] else [],
        )

    @blueprint.get("/c/<tid>/phrase")
    @login_required
    def phrase_preview(tid: str) -> ResponseReturnValue:
        _, summary = visible(conversations, tid)
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
        me, summary = visible(conversations, tid)
        audit.record(me.name, "conversation.unmask", tid)
        # Rendered, not redirected: the number must not travel in a flash message inside the session cookie.
        return render_conversation(me, summary, unmasked=services.texters.address(tid))


def _register_taking(blueprint: Blueprint, services: Services) -> None:
    """Claim, transfer, close: who holds the conversation."""
    conversations, audit = services.conversations, services.audit

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
        audit.record(me.name, "conversation.claim", tid)
        return back(tid)

    @blueprint.post("/c/<tid>/transfer")
    @login_required
    def transfer(tid: str) -> ResponseReturnValue:
        me, _ = visible(conversations, tid)
        form = forms.TransferForm(request.form)
        to: str | None = None
        if form.to.data:
            chosen = services.counselors.get(form.to.data)
            if chosen is None or chosen.disabled:
                return refuse(tid, "Choose an active counselor, or the queue.")
            to = chosen.name
        try:
            previous = conversations.transfer(tid, to, holder=None if me.is_supervisor else me.name)
        except ConversationError as error:
            return refuse(tid, error)
        audit.record(me.name, "conversation.transfer", tid, f"{previous or 'queue'} -> {to or 'queue'}")
        flash(f"Transferred to {to}." if to else "Returned to the queue.")
        if form.origin.data == "overview" or not me.is_supervisor:
            return redirect(url_for("dashboard.overview"))
        return back(tid)

    @blueprint.post("/c/<tid>/close")
    @login_required
    def close(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid)
        outcome = forms.CloseForm(request.form).outcome.data or ""
        try:
            conversations.close(tid, outcome, by=me.name, holder=None if me.is_supervisor else me.name)
        except ConversationError as error:
            return refuse(tid, error)
        goodbye = services.phrasebook.goodbye(services.texters.address(tid), summary.language)
        services.deliveries.send(tid, goodbye, author="bot", topic="closed", language=summary.language)
        audit.record(me.name, "conversation.close", tid, outcome)
        flash(f"Conversation {summary.masked} closed: {outcome}.")
        return redirect(url_for("dashboard.overview"))


def _register_sending(blueprint: Blueprint, services: Services) -> None:
    """Reply, phrase, note: what a counselor writes."""
    conversations, audit = services.conversations, services.audit

    @blueprint.post("/c/<tid>/reply")
    @login_required
    def reply(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid)
        form = forms.posted(forms.ReplyForm)
        if form.errors:
            return refuse(tid, form.first_error())
        try:
            conversations.require_holder(tid, me.name)
        except ConversationError as error:
            return refuse(tid, error)
        body = str(form.data["body"])
        entry = services.deliveries.send(tid, body, author=me.name, topic="counselor", language=summary.language)
        audit.record(me.name, "conversation.reply", tid, f"entry {entry}")
        return back(tid)

    @blueprint.post("/c/<tid>/phrase")
    @login_required
    def send_phrase(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid)
        key = forms.PhraseForm(request.form).key.data or ""
        try:
            conversations.require_holder(tid, me.name)
            preview = services.phrasebook.preview(key, services.texters.address(tid), summary.language)
        except ConversationError as error:
            return refuse(tid, error)
        except UnknownPhrase:
            abort(400, "no such phrase")
        language = summary.language
        entry = services.deliveries.send(tid, preview.text, author=me.name, topic=f"phrase:{key}", language=language)
        audit.record(me.name, "conversation.phrase", tid, f"{key} ({summary.language}) entry {entry}")
        return back(tid)

    @blueprint.post("/c/<tid>/note")
    @login_required
    def note(tid: str) -> ResponseReturnValue:
        me, summary = visible(conversations, tid)
        if not abilities(me, summary)["note"]:
            abort(403)
        form = forms.posted(forms.NoteForm)
        if form.errors:
            return refuse(tid, form.first_error())
        conversations.add_note(tid, me.name, str(form.data["body"]))
        audit.record(me.name, "conversation.note", tid)
        return back(tid)
