"""The JSON shapes the dashboard's scripts render: summaries, transcript entries, notes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import url_for

from helpline.catalogs import CatalogError
from helpline.knowledge import Knowledge
from helpline.state.conversations import Summary
from helpline.state.deliveries import Delivery
from helpline.state.texters import TranscriptEntry

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


def clock(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%H:%M") if at else ""


def summary_json(knowledge: Knowledge, summary: Summary, now: float) -> dict[str, Any]:
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
        "language": language_name(knowledge, summary.language),
        "channel": summary.channel,
        "waiting_minutes": summary.waiting_minutes(now),
        "outcome": summary.outcome,
        "opted_out": summary.opted_out,
        "unreachable": summary.unreachable,
    }


def entry_json(entry: TranscriptEntry, delivery: Delivery | None) -> dict[str, Any]:
    status = delivery.status if delivery is not None else entry.status
    return {
        "id": entry.id,
        "at": clock(entry.at),
        "direction": entry.direction,
        "author": entry.author,
        "body": entry.body,
        "topic": entry.topic,
        "status": status,
        "status_text": STATUS_WORDS.get(status, status),
        "error": delivery.error if delivery is not None else "",
        "reason": delivery.reason if delivery is not None else "",
    }


def note_json(note: dict[str, str]) -> dict[str, str]:
    return {"author": note.get("author", ""), "at": clock(float(note.get("at", 0))), "body": note.get("body", "")}
