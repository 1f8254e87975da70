"""/dashboard: the counselors' live queue and conversations, one blueprint split by concern.

Web glue only: the queue and conversation rules live in helpline.state.conversations,
sending in helpline.state.deliveries and helpline.worker, the phrasebook in
helpline.phrasebook. The modules here:

- queue.py: the overview page and its JSON state;
- conversation.py: one conversation's page, JSON state and actions (claim, reply, phrase, note,
  transfer, close, unmask), each audited;
- events.py: the live event stream (server-sent events);
- access.py: who may see and do what; presenters.py: the JSON shapes; forms.py: WTForms validation.

Pages are plain forms (POST, then redirect back) so every action works and is
CSRF-checked the same way; the page scripts only render the JSON state with
textContent and keep it live. JSON endpoints answer errors in JSON.
"""

from __future__ import annotations

from flask import Blueprint

from helpline.web import errors
from helpline.web.dashboard import conversation, events, queue
from helpline.wiring import Services


def make_blueprint(services: Services) -> Blueprint:
    blueprint = Blueprint("dashboard", __name__, url_prefix="/dashboard")
    queue.register(blueprint, services)
    conversation.register(blueprint, services)
    events.register(blueprint, services)
    errors.json_errors(blueprint)
    return blueprint
