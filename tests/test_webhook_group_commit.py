"""The webhook under the Procfile's gevent workers, where requests share Redis round trips (group commit): with
Redis hung in the middle of a burst, every emergency still gets its answer in time, and once Redis is back each
message is recorded at most once. The fault is real: the redis-server process is stopped (SIGSTOP) while the
burst's round trips are in flight, and continued afterwards."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis

from helpline.state import keys
from helpline.state.redis import stream_entries
from tests import processes, redis_server
from tests.processes import procfile_command

TOKEN = "group-commit-test-token"  # noqa: S105 - a test value
EMERGENCY = "my friend wont wake up and his lips are blue"
BURST = 24
TWILIO_PATIENCE_SECONDS = 15.0  # Twilio gives up on a webhook after this


def _form(number: int, sid: str, body: str) -> dict[str, str]:
    return {"MessageSid": sid, "From": f"+1415555{number:04d}", "To": "+15005550006", "Body": body, "NumMedia": "0"}


def test_an_emergency_burst_is_answered_while_redis_hangs_and_recorded_once_after(tmp_path: Path) -> None:
    with redis_server.throwaway_server() as url:
        client = redis.Redis.from_url(url, decode_responses=True)
        redis_pid = int(client.info("server")["process_id"])
        port = redis_server.free_port()
        env = processes.web_env(url, TOKEN, str(tmp_path))
        server = subprocess.Popen(procfile_command("web", port), cwd=processes.REPO, env=env)  # noqa: S603
        base = f"http://127.0.0.1:{port}"
        stopped = False
        try:
            processes.wait_for(base + "/healthz", process=server)
            assert processes.post_signed(base, _form(1, "SMwarm", "MENU"), TOKEN)[0] == 200

            def emergency(number: int) -> tuple[int, str, float]:
                started = time.monotonic()
                status, body = processes.post_signed(base, _form(100 + number, f"SMburst{number}", EMERGENCY), TOKEN)
                return status, body, time.monotonic() - started

            with ThreadPoolExecutor(BURST) as pool:
                os.kill(redis_pid, signal.SIGSTOP)  # Redis hangs: connections open, no replies
                stopped = True
                answers = list(pool.map(emergency, range(BURST)))
            os.kill(redis_pid, signal.SIGCONT)
            stopped = False

            for status, body, seconds in answers:
                assert status == 200
                assert "Call 911 now." in body
                assert seconds < TWILIO_PATIENCE_SECONDS

            # Redis is back: after the outage probe's interval a message is answered from Redis again and the
            # journal is replayed (each journaled message recorded unless its MessageSid already was)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                status, _ = processes.post_signed(base, _form(2, f"SMafter{time.monotonic_ns()}", "MENU"), TOKEN)
                assert status == 200
                if not any((tmp_path / "journal").glob("journal-*")):
                    break
                time.sleep(0.5)
            recorded: dict[str, int] = {}
            for key in client.scan_iter(keys.TRANSCRIPT.format(tid="*")):
                for _, entry in stream_entries(client.xrange(key)):
                    if entry.get("direction") == "in" and entry.get("sid", "").startswith("SMburst"):
                        recorded[entry["sid"]] = recorded.get(entry["sid"], 0) + 1
            assert recorded, "nothing of the burst reached Redis"
            assert max(recorded.values()) == 1  # never twice
        finally:
            if stopped:
                os.kill(redis_pid, signal.SIGCONT)
            processes.stop(server)
            client.close()
