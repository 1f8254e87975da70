"""GET /healthz: Redis, and whether replies are going out, for the platform's health checks.

503 when Redis does not answer (nothing works). With Redis up the answer is 200 and says
whether a worker is sending: `replies.workers` (workers with a heartbeat in the last 30 s),
`replies.heartbeat_age_seconds` and `replies.oldest_unsent_seconds`. A dead worker is not a
reason to restart the web process, so it does not turn the answer into a 503; alert on
`replies.ok` being false instead (the dashboard shows a banner then too).
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from redis.exceptions import RedisError

from helpline.wiring import Services


def make_blueprint(services: Services) -> Blueprint:
    blueprint = Blueprint("health", __name__)

    @blueprint.get("/healthz")
    def healthz() -> ResponseReturnValue:
        try:
            services.redis.ping()
            replies = services.heartbeats.health()
        except RedisError as error:
            return jsonify(status="unavailable", redis=type(error).__name__), 503
        return jsonify(status="ok" if replies.ok else "degraded", redis="ok", replies=replies.as_json())

    return blueprint
