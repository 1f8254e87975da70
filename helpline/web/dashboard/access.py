"""Who may see and do what with a conversation.

Counselors see the queue and what they hold; supervisors see everything. A counselor who held
a conversation (before a transfer, or before it was closed) may still read it, read-only: their
open page turns read-only instead of failing, and the history page links to it.
"""

from __future__ import annotations

import re

from flask import abort

from helpline.state.accounts import Counselor
from helpline.state.conversations import CLOSED, HELD, QUEUED, Conversations, Summary
from helpline.state.history import History
from helpline.state.texters import TEXTER_ID_LENGTH
from helpline.web.auth import current_counselor

TEXTER_ID = re.compile(rf"[0-9a-f]{{{TEXTER_ID_LENGTH}}}")


def load(conversations: Conversations, tid: str) -> Summary:
    """The conversation of a URL's texter id; 404 for a malformed or unknown one."""
    if not TEXTER_ID.fullmatch(tid):
        abort(404)
    summary = conversations.summary(tid)
    if summary is None:
        abort(404)
    return summary


def may_act(me: Counselor, summary: Summary) -> bool:
    """May take part: the queue for everyone, a held conversation for its holder, everything for supervisors."""
    return me.is_supervisor or summary.status == QUEUED or summary.counselor == me.name


def visible(conversations: Conversations, tid: str, history: History | None = None) -> tuple[Counselor, Summary]:
    """The logged-in counselor and a conversation they may see (read-only when they held it before); 403 else."""
    me = current_counselor()
    summary = load(conversations, tid)
    if not may_act(me, summary) and not (history is not None and history.held_before(tid, me.name)):
        abort(403)
    return me, summary


def abilities(me: Counselor, summary: Summary) -> dict[str, bool]:
    holds = summary.status == HELD and summary.counselor == me.name
    open_ = summary.status in (QUEUED, HELD)
    return {
        "claim": summary.status == QUEUED,
        "reply": holds,
        "note": holds or (me.is_supervisor and open_),
        "transfer": holds or (me.is_supervisor and open_),
        "close": holds or (me.is_supervisor and open_),
        "unmask": me.is_supervisor,
    }


def read_only_reason(me: Counselor, summary: Summary, status_text: str) -> str:
    """Why this page is read-only for `me` ("" when they may act on it)."""
    if summary.status == CLOSED:
        return f"Read-only: this conversation is {status_text}."
    if summary.status == HELD and summary.counselor != me.name and not me.is_supervisor:
        return f"Read-only: {summary.counselor} holds this conversation now."
    return ""
