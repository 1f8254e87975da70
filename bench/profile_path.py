"""Where a webhook's time goes: the full path in one process under pyinstrument.

    .venv/bin/python bench/profile_path.py [--messages 3000] [--html bench/results/profile.html]

The app is built as gunicorn builds it, with a private Redis; the benchmark's own signed traffic
goes through Flask's test client (signature check, parsing, dedupe, state, engine, TwiML, writes),
so everything but gunicorn's socket handling is in the profile. Prints the call tree (time
per message, hot paths only) and, with --html, writes pyinstrument's interactive page.
For gunicorn itself under wrk, attach py-spy to a worker: `py-spy top --pid <worker pid>`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pyinstrument import Profiler  # noqa: E402

from bench import servers, traffic  # noqa: E402


def make_app(redis_url: str, public_url: str, instance: str):
    from helpline import create_app

    return create_app(
        {
            "REDIS_URL": redis_url,
            "TWILIO_AUTH_TOKEN": traffic.TOKEN,
            "SECRET_KEY": "bench-secret-" + "b" * 32,
            "HELPLINE_PUBLIC_URL": public_url,
            "HELPLINE_INSTANCE_PATH": instance,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--html", type=Path, default=None)
    args = parser.parse_args()
    public = "http://localhost"
    with tempfile.TemporaryDirectory() as instance, servers.private_redis() as (redis_url, _):
        app = make_app(redis_url, public, instance)
        client = app.test_client()
        requests = traffic.build(public + "/twilio/inbound", args.messages + 200, label="prof")

        def send(request: traffic.Request) -> None:
            response = client.post(
                "/twilio/inbound",
                data=request.body,
                headers={traffic.SIGNATURE_HEADER: request.signature},
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code == 200, response.status_code

        for request in requests[:200]:  # warm-up: connections, caches
            send(request)
        profiler = Profiler(interval=0.0002)
        started = time.perf_counter()
        profiler.start()
        for request in requests[200:]:
            send(request)
        profiler.stop()
        elapsed = time.perf_counter() - started
    print(f"{args.messages} messages in {elapsed:.2f} s: {elapsed / args.messages * 1e6:,.0f} µs each (profiled)")
    print(profiler.output_text(unicode=True, color=False, show_all=False, time="percent_of_total"))
    if args.html:
        args.html.write_text(profiler.output_html())


if __name__ == "__main__":
    main()
