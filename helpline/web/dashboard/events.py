"""Live updates: server-sent events relayed from the events channel (helpline.state.events).

Each stream is bounded (HELPLINE_SSE_SECONDS, 55 s by default) and then ends
with a retry hint: the browser reconnects by itself and re-reads the state, so
a stream holds a gunicorn gthread thread for under a minute at a time and a
server restart or deploy never leaves a dashboard silently stale. Events carry
ids and kinds only, never a number or a message: the page fetches what it may see.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

from flask import Blueprint, Response, stream_with_context
from flask.typing import ResponseReturnValue
from redis.exceptions import RedisError

from helpline.state.events import Events, Subscription
from helpline.web.auth import login_required, maybe_counselor
from helpline.wiring import Services

log = logging.getLogger(__name__)

STREAM_RECHECK_SECONDS = 15.0  # how often a stream re-reads the login (logout and disable take effect)
RECONNECT_MILLISECONDS = 1500  # EventSource's own retry hint; static/desk.js adds a 5 s retry only after a hard close


def register(blueprint: Blueprint, services: Services) -> None:
    @blueprint.get("/events")
    @login_required
    def events() -> ResponseReturnValue:
        me = maybe_counselor()
        presence = services.presence

        def alive() -> None:  # an open dashboard is what makes a counselor present (helpline.state.presence)
            services.helpline.catch_up()  # and what brings messages journaled during an outage into the queue
            if me is not None:
                presence.touch(me.name)

        stream = stream_with_context(
            event_stream(services.events, services.settings.sse_seconds, alive, presence.touch_every_seconds)
        )
        return Response(
            stream,
            mimetype="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )


def event_stream(
    events: Events, seconds: float, alive: Callable[[], None] = lambda: None, alive_every: float = 15.0
) -> Iterator[str]:
    """Relay pub/sub events for `seconds`, then end; the browser reconnects after the retry hint.

    `alive` is called at the start and every `alive_every` seconds while the page is connected.
    """
    try:
        with events.subscription() as pubsub:
            yield from _relay(pubsub, seconds, alive, alive_every)
    except RedisError as error:
        log.warning("event stream ended early: %s", error)  # the browser reconnects by itself


def _relay(pubsub: Subscription, seconds: float, alive: Callable[[], None], alive_every: float) -> Iterator[str]:
    """The stream's body: hello, events, keep-alives, presence and the login re-check, then bye."""
    alive()
    yield f"retry: {RECONNECT_MILLISECONDS}\nevent: hello\ndata: {{}}\n\n"
    started = last_check = last_sent = last_alive = time.monotonic()
    while (now := time.monotonic()) - started < seconds:
        if now - last_alive >= alive_every:
            alive()
            last_alive = now
        if now - last_check >= STREAM_RECHECK_SECONDS:
            if maybe_counselor(fresh=True) is None:
                yield "event: logout\ndata: {}\n\n"
                return
            last_check = now
        batch = pubsub.get_messages(timeout=min(1.0, alive_every))  # coalesced: see helpline.state.events.Hub
        if batch:
            yield "".join(f"data: {data}\n\n" for data in batch)  # one write; already public (ids and kinds)
            last_sent = now
        elif now - last_sent >= STREAM_RECHECK_SECONDS:
            yield ": keep-alive\n\n"  # proxies drop idle connections; this also notices a closed tab
            last_sent = now
    yield "event: bye\ndata: {}\n\n"
