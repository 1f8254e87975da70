"""A hundred open dashboards cost the webhook nothing: the Procfile's web process, as deployed.

Each dashboard holds a server-sent-events stream open. With gunicorn's thread
workers each stream held a thread for its whole life, and thirty streams kept
texts waiting past Twilio's 15 s. The web process now runs gevent workers: a
stream is a greenlet waiting on its socket, and texts are answered at once.
This starts the real Procfile command, opens STREAMS streams (all live: each
hears a queued conversation), and sends texts while they are open. The 1 s
bound is a liveness bound (starved requests waited 45 s), not a speed figure:
speed is bench/webhook.py --dashboards.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import redis

from helpline.state.accounts import Counselors
from tests import processes
from tests.dashboard_streams import STREAM_COUNSELOR, Browserless, Stream
from tests.desk import PASSWORD
from tests.processes import procfile_command
from tests.redis_server import free_port

TOKEN = "streams-test-token"  # noqa: S105 - a test value
STREAMS = 100
TEXTS = 30
LIVENESS_SECONDS = 1.0


def test_a_hundred_open_streams_do_not_delay_texts(redis_url: str, redis_client: redis.Redis, tmp_path: Path) -> None:
    port = free_port()
    env = processes.web_env(redis_url, TOKEN, str(tmp_path), HELPLINE_SSE_SECONDS="120")  # streams outlive the test
    server = subprocess.Popen(procfile_command("web", port), cwd=processes.REPO, env=env)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    streams: list[Stream] = []
    try:
        processes.wait_for(base + "/healthz", process=server)
        accounts = Counselors(redis_client)
        accounts.add(STREAM_COUNSELOR, "counselor", PASSWORD)
        desk = Browserless(port)
        desk.log_in(STREAM_COUNSELOR)  # one login, many tabs: scrypt is not what this test measures
        streams = [Stream(port, desk.cookies) for _ in range(STREAMS)]
        for stream in streams:
            stream.start()
        assert all(stream.connected.wait(20) for stream in streams), "not every stream connected"

        timings = []
        for number in range(TEXTS):
            form = {"MessageSid": "SM" + uuid.uuid4().hex, "From": f"+1415555{number:04d}", "To": "+15005550006"}
            form["Body"] = "SIGNS" if number % 2 else "my friend wont wake up and his lips are blue"
            started = time.perf_counter()
            status, answer = processes.post_signed(base, form, TOKEN)
            timings.append(time.perf_counter() - started)
            assert status == 200, answer
            assert "<Message>" in answer

        accounts.set_available(STREAM_COUNSELOR, True)
        time.sleep(0.5)  # the texts' own events have gone out: what comes next is the TALK's
        marks = [len(stream.lines) for stream in streams]
        form = {"MessageSid": "SM" + uuid.uuid4().hex, "From": "+14155559999", "To": "+15005550006", "Body": "TALK"}
        assert processes.post_signed(base, form, TOKEN)[0] == 200
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(map(_heard_queue, streams, marks)):
            time.sleep(0.05)
        heard = sum(map(_heard_queue, streams, marks))
    finally:
        for stream in streams:
            stream.close()
        processes.stop(server)
    print(f"{STREAMS} streams open: slowest of {TEXTS} texts {max(timings) * 1000:.0f} ms; {heard} heard the queue")  # noqa: T201
    assert max(timings) < LIVENESS_SECONDS
    assert heard == STREAMS


def _heard_queue(stream: Stream, mark: int) -> bool:
    """The queued conversation reached the stream after `mark` (its lines then): as its own event, or inside a batch
    of more than MANY_EVENTS sent as one "many" (helpline.state.events), which the page reads as "re-read it all"."""
    return any('"type": "queued"' in line or '"type": "many"' in line for line in stream.lines[mark:])
