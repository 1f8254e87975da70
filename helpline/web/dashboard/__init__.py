"""/dashboard: the counselors' live queue and conversations, one blueprint split by concern.

Web glue only: the queue and conversation rules live in helpline.state.conversations,
sending in helpline.state.deliveries and helpline.worker, the phrasebook in
helpline.phrasebook. The modules here:

- queue.py: the overview page and its JSON state;
- conversation.py: one conversation's page, JSON state and actions (claim, reply, phrase, note,
  transfer, close, unmask), each audited;
- events.py: the live event stream (server-sent events);
- history.py: closed conversations, listed and searched;
- access.py: who may see and do what; presenters.py: the JSON shapes; words.py: human words and times
  for keys and timestamps; forms.py: WTForms validation.

Every request of a logged-in counselor, and every open event stream, marks them present
(helpline.state.presence).

Pages are plain forms (POST, then redirect back) so every action works and is
CSRF-checked the same way; the page scripts only render the JSON state with
textContent and keep it live. JSON endpoints answer errors in JSON.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from helpline.segments import gsm7_alphabet
from helpline.web import errors
from helpline.web.auth import maybe_counselor
from helpline.web.dashboard import conversation, events, history, queue
from helpline.web.dashboard.words import Times
from helpline.wiring import Services


def make_blueprint(services: Services) -> Blueprint:
    blueprint = Blueprint("dashboard", __name__, url_prefix="/dashboard")
    queue.register(blueprint, services)
    conversation.register(blueprint, services)
    events.register(blueprint, services)
    history.register(blueprint, services)
    errors.json_errors(blueprint)
    times = Times(services.settings.timezone)

    @blueprint.before_app_request
    def mark_present() -> None:
        """Any page or action of a logged-in counselor (the audit log, going available) means a page is open."""
        if request.endpoint in (None, "static") or request.blueprint in ("twilio", "simulator"):
            return
        if request.endpoint == "dashboard.events":
            return  # the stream marks them present itself, from its start and as long as it is open (events.py)
        me = maybe_counselor()
        if me is not None:
            services.presence.touch(me.name)

    @blueprint.app_context_processor
    def desk_context() -> dict[str, Any]:
        """What every page's scripts need: the SMS alphabet (one source: helpline.segments), the time zone."""
        return {"sms_alphabet": gsm7_alphabet(), "timezone_label": times.label, "history_url": "/dashboard/history"}

    return blueprint
