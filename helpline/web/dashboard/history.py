"""Closed conversations: the list and search page, for supervisors and for the counselors who held them."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from helpline.state.history import Search
from helpline.web.auth import current_counselor, login_required
from helpline.web.dashboard.presenters import language_name
from helpline.web.dashboard.words import EMERGENCY_WORDS, TOPIC_WORDS, Times, reason_words
from helpline.wiring import Services

LIMIT = 200
FIELDS = ("digits", "day", "outcome", "counselor", "language", "topic")


def register(blueprint: Blueprint, services: Services) -> None:
    times = Times(services.settings.timezone)

    @blueprint.get("/history")
    @login_required
    def history() -> ResponseReturnValue:
        me = current_counselor()
        args = request.args
        query = {name: args.get(name, "").strip()[:40] for name in FIELDS}
        if not me.is_supervisor:
            query["counselor"] = ""
        error = ""
        since = until = None
        if query["day"]:
            bounds = times.day_range(query["day"])
            if bounds is None:
                error = "Give the day as a date (YYYY-MM-DD)."
            else:
                since, until = bounds
        search = Search(
            digits=query["digits"],
            since=since,
            until=until,
            outcome=query["outcome"],
            counselor=query["counselor"],
            language=query["language"],
            topic=query["topic"],
            only_for=None if me.is_supervisor else me.name,
        )
        records = [] if error else services.history.search(search, limit=LIMIT)
        rows = [
            {
                "tid": r.tid,
                "masked": r.masked,
                "closed": times.at(r.closed_at),
                "closed_iso": times.iso(r.closed_at),
                "language": language_name(services.knowledge, r.language),
                "topic": reason_words(r.reason, r.emergency),
                "outcome": r.outcome,
                "counselors": ", ".join(r.holders) or r.closed_by,
                "emergency": r.emergency,
            }
            for r in records
        ]
        languages = [(code, language_name(services.knowledge, code)) for code in services.knowledge.catalogs.codes]
        topics = [(key, words) for key, words in TOPIC_WORDS.items() if key == "talk"]
        topics += [(key, words) for key, words in EMERGENCY_WORDS.items() if key != "possible"]
        return render_template(
            "history.html",
            rows=rows,
            query=query,
            searched=any(query.values()),
            error=error,
            limit=LIMIT,
            outcomes=services.conversations.outcomes,
            counselor_names=[c.name for c in services.counselors.list()],
            languages=languages,
            topics=topics,
        )
