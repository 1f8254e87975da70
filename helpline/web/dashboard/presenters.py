"""The JSON shapes the dashboard's scripts render: summaries, transcript entries, notes."""

from __future__ import annotations

from typing import Any

from flask import url_for

from helpline.catalogs import CatalogError
from helpline.knowledge import Knowledge
from helpline.state.conversations import CLOSED, HELD, QUEUED, Summary
from helpline.state.deliveries import Delivery
from helpline.state.texters import TranscriptEntry
from helpline.web.dashboard.words import Times, reason_words, topic_words

STATUS_WORDS = {
    "pending": "waiting to send",
    "sending": "sending",
    "retrying": "retrying",
    "queued": "queued",
    "sent": "sent",
    "delivered": "delivered",
    "read": "read",
    "undelivered": "not delivered",
    "failed": "failed",
    "received": "received",
    "replied": "answered by the bot",
}


def language_name(knowledge: Knowledge, code: str) -> str:
    try:
        return knowledge.catalogs.language(code).english_name
    except (CatalogError, KeyError):  # an unknown code is shown as is
        return code


STALE_EMERGENCY_SECONDS = 3600  # a queued emergency whose texter has been silent this long may be dismissed
UTC_TIMES = Times("UTC")


def clock(at: float, times: Times = UTC_TIMES) -> str:
    return times.at(at)


def summary_json(knowledge: Knowledge, summary: Summary, now: float, times: Times = UTC_TIMES) -> dict[str, Any]:
    return {
        "tid": summary.tid,
        "url": url_for("dashboard.conversation", tid=summary.tid),
        "status": summary.status,
        "status_text": status_words(summary, times),
        "counselor": summary.counselor,
        "emergency": summary.emergency,
        "overdue": summary.overdue,
        "reason": summary.reason,
        "reason_text": reason_words(summary.reason, summary.emergency),
        "masked": summary.masked,
        "country": summary.country_name,
        "language": language_name(knowledge, summary.language),
        "channel": summary.channel,
        "waiting_minutes": summary.waiting_minutes(now),
        "last_message": times.at(summary.last_seen),
        "opted_out": summary.opted_out,
        "unreachable": summary.unreachable,
        "outcome": summary.outcome,
        "can_dismiss": can_dismiss(summary, now),
    }


def can_dismiss(summary: Summary, now: float) -> bool:
    """A stale emergency: queued while nobody was on shift, it must not stay at the top for ever."""
    return (
        summary.status == QUEUED
        and summary.emergency
        and bool(summary.last_seen)
        and now - summary.last_seen >= STALE_EMERGENCY_SECONDS
    )


def status_words(summary: Summary, times: Times = UTC_TIMES) -> str:
    if summary.status == HELD:
        return f"held by {summary.counselor}"
    if summary.status == QUEUED:
        return "waiting in the queue"
    if summary.status == CLOSED:
        closed = f" {times.at(summary.closed_at)}" if summary.closed_at else ""
        return f"closed{closed}: {summary.outcome}" if summary.outcome else f"closed{closed}"
    return summary.status


def entry_json(
    entry: TranscriptEntry,
    delivery: Delivery | None,
    times: Times = UTC_TIMES,
    gist_text: str = "",
    past: bool = False,
) -> dict[str, Any]:
    status = delivery.status if delivery is not None else entry.status
    return {
        "id": entry.id,
        "at": times.at(entry.at),
        "iso": times.iso(entry.at),
        "direction": entry.direction,
        "author": entry.author,
        "body": entry.body,
        "topic": entry.topic,
        "topic_text": "" if entry.author == "texter" else topic_words(entry.topic),
        "gist": gist_text,
        "past": past,
        "status": status,
        "status_text": STATUS_WORDS.get(status, status),
        "error": delivery.error if delivery is not None else "",
        "reason": delivery.reason if delivery is not None else "",
    }


def note_json(note: dict[str, str], times: Times = UTC_TIMES, past: bool = False) -> dict[str, Any]:
    return {
        "author": note.get("author", ""),
        "at": times.at(float(note.get("at", 0))),
        "body": note.get("body", ""),
        "past": past,
    }
