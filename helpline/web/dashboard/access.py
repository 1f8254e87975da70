"""Who may see and do what with a conversation: counselors see the queue and what they hold."""

from __future__ import annotations

import re

from flask import abort

from helpline.state.accounts import Counselor
from helpline.state.conversations import HELD, QUEUED, Conversations, Summary
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


def may_see(me: Counselor, summary: Summary) -> bool:
    return me.is_supervisor or summary.status == QUEUED or summary.counselor == me.name


def visible(conversations: Conversations, tid: str) -> tuple[Counselor, Summary]:
    """The logged-in counselor and a conversation they may see; 403 otherwise."""
    me = current_counselor()
    summary = load(conversations, tid)
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
