"""The overview: the queue, my conversations, and for supervisors everything and every counselor."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue

from helpline.web.auth import current_counselor, login_required
from helpline.web.dashboard.presenters import summary_json
from helpline.web.dashboard.words import Times
from helpline.wiring import Services


def register(blueprint: Blueprint, services: Services) -> None:
    conversations, knowledge = services.conversations, services.knowledge
    times = Times(services.settings.timezone)

    @blueprint.get("")
    @login_required
    def overview() -> ResponseReturnValue:
        return render_template("dashboard.html", dismiss_outcomes=conversations.outcomes)

    @blueprint.get("/state")
    @login_required
    def overview_state() -> ResponseReturnValue:
        me = current_counselor()
        now = services.clock()
        present = services.presence.present()
        state: dict[str, Any] = {
            "me": {
                "name": me.name,
                "supervisor": me.is_supervisor,
                "available": me.available,
                "present": me.name in present,
            },
            "queue": [summary_json(knowledge, s, now, times) for s in conversations.queue()],
            "sending": services.heartbeats.health().as_json(),
        }
        held = conversations.held()
        state["mine"] = [summary_json(knowledge, s, now, times) for s in held if s.counselor == me.name]
        if me.is_supervisor:
            state["all"] = state["queue"] + [summary_json(knowledge, s, now, times) for s in held]
            holding: dict[str, int] = {}
            for summary in held:
                holding[summary.counselor] = holding.get(summary.counselor, 0) + 1
            state["counselors"] = [
                {
                    "name": c.name,
                    "role": c.role,
                    "available": c.available,
                    "present": c.name in present,
                    "status_text": presence_words(c.available, c.name in present),
                    "disabled": c.disabled,
                    "holding": holding.get(c.name, 0),
                }
                for c in services.counselors.list()
            ]
        return jsonify(state)


def presence_words(available: bool, present: bool) -> str:
    if available and present:
        return "present"
    if available:
        return "away (no dashboard open)"
    return "away"
