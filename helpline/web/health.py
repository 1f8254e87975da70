"""GET /healthz: 200 when Redis answers, 503 otherwise, for the platform's health checks."""

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
        except RedisError as error:
            return jsonify(status="unavailable", redis=type(error).__name__), 503
        return jsonify(status="ok", redis="ok")

    return blueprint
