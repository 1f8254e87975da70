"""Error answers: JSON for scripts (a `fetch` must not get an HTML page), HTML for people.

A request wants JSON when its Accept header prefers it or when it calls a JSON
endpoint (the dashboard's `/state`, `/phrase` previews, `/events`).
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

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
