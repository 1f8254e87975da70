"""Error answers: JSON for scripts (a `fetch` must not get an HTML page), HTML for people.

A request wants JSON when its Accept header prefers it or when it calls a JSON
endpoint (the dashboard's `/state`, `/phrase` previews, `/events`).
"""

from __future__ import annotations

import logging

from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue
from redis.exceptions import RedisError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

JSON_CODES = (400, 401, 403, 404, 405, 409, 413, 429)


def wants_json() -> bool:
    if request.accept_mimetypes.best == "application/json":
        return True
    return request.method == "GET" and request.path.endswith(("/state", "/phrase", "/events"))


def json_errors(blueprint: Blueprint) -> None:
    """Answer this blueprint's HTTP errors in JSON when the caller wants JSON."""

    def answer(error: HTTPException) -> ResponseReturnValue:
        if not wants_json():
            return error
        return jsonify(error=error.name.lower(), reason=error.description or ""), error.code or 500

    for code in JSON_CODES:
        blueprint.register_error_handler(code, answer)


RETRY_SECONDS = 10
UNAVAILABLE_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{RETRY_SECONDS}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dashboard unavailable - Kratom Helpline</title></head>
<body><main><h1>The dashboard cannot reach its database right now</h1>
<p>Texts are still being answered: emergencies get the emergency answer, and messages that arrive now are kept
and appear here once the database is back.</p>
<p>This page tries again every {RETRY_SECONDS} seconds.</p></main></body></html>
"""


def redis_unavailable(error: RedisError) -> ResponseReturnValue:
    """Redis down during a dashboard request: a readable 503 (JSON for scripts), one log line, no traceback."""
    log.warning("redis unavailable: %s %s answered 503 (%s)", request.method, request.path, type(error).__name__)
    headers = {"Retry-After": str(RETRY_SECONDS)}
    if wants_json():
        return jsonify(error="unavailable", reason="the database cannot be reached; try again shortly"), 503, headers
    return Response(UNAVAILABLE_PAGE, status=503, mimetype="text/html", headers=headers)
