"""Round 25's cuts on the webhook's path, each against what it replaced, alternating in one process.

    PYTHONPATH=. .venv/bin/python bench/cuts25.py [--rounds 7]

Why in one process: on the shared 2-core machine a whole-request A/B (bench/worker_cpu.py) moved by a third between
slices of the same tree, far more than a cut of a few µs a request; here each cut and its predecessor run over the
same inputs (the benchmark's own requests, bench/traffic.py), alternating, and the best of the rounds is kept for
each. The old code is copied here as it was at e478a30; the new is the helpline's own. Prints µs a message for each.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import traffic  # noqa: E402
from helpline.service import claim_token  # noqa: E402
from helpline.state import group_commit, keys  # noqa: E402
from helpline.web.fast_inbound import first_values  # noqa: E402


def old_form(body: str) -> dict[str, str]:
    form: dict[str, str] = {}
    for name, value in parse_qsl(body, keep_blank_values=True, errors="strict"):
        form.setdefault(name, value)
    return form


def old_keys(tid: str, sid: str) -> list[str]:
    """The keys one message named at e478a30: the read (5), the rate count (2), the write (5)."""
    state = [keys.TEXTER.format(tid=tid), keys.CONVERSATION.format(tid=tid), keys.TRANSCRIPT.format(tid=tid)]
    read = [keys.MESSAGE.format(tid=tid, sid=sid), *state, keys.RECENT.format(tid=tid)]
    rate = [keys.RATE.format(tid=tid), keys.RATE_NOTICE.format(tid=tid)]
    texter, conversation, transcript = (
        keys.TEXTER.format(tid=tid),
        keys.CONVERSATION.format(tid=tid),
        keys.TRANSCRIPT.format(tid=tid),
    )
    write = [texter, transcript, conversation, keys.MESSAGE.format(tid=tid, sid=sid), keys.RECENT.format(tid=tid)]
    return read + rate + write


def new_keys(tid: str, sid: str) -> list[str]:
    """The same keys now: the read, the rate count and the write each ask `of_texter`."""
    named = keys.of_texter(tid)
    read = [named.message(sid), named.texter, named.conversation, named.transcript, named.recent]
    named = keys.of_texter(tid)
    rate = [named.rate, named.rate_notice]
    named = keys.of_texter(tid)
    write = [named.texter, named.transcript, named.conversation, named.message(sid), named.recent]
    return read + rate + write


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--messages", type=int, default=3000)
    args = parser.parse_args()
    requests = traffic.build("http://localhost/twilio/inbound", args.messages, label="c25")
    bodies = [request.body.decode() for request in requests]
    forms = [first_values(body) for body in bodies]
    assert all(old_form(body) == form for body, form in zip(bodies, forms, strict=True))  # noqa: S101
    tids = [secrets.token_hex(10) for _ in forms]  # new texters: every key made afresh at the message's first ask
    sids = [form.get("MessageSid", "") for form in forms]

    def form_old() -> None:
        for body in bodies:
            old_form(body)

    def form_new() -> None:
        for body in bodies:
            first_values(body)

    def keys_old() -> None:
        for tid, sid in zip(tids, sids, strict=True):
            old_keys(tid, sid)

    def keys_new() -> None:
        keys.of_texter.cache_clear()  # as for new texters
        for tid, sid in zip(tids, sids, strict=True):
            new_keys(tid, sid)

    def claim_old() -> None:
        for _ in tids:
            secrets.token_hex(6)

    def claim_new() -> None:
        for _ in tids:
            claim_token()

    def pid_old() -> None:  # two Batches a message, each asked the process id
        for _ in tids:
            _ = os.getpid() + os.getpid()

    def pid_new() -> None:
        pid = group_commit._pid
        for _ in tids:
            _ = pid[0] + pid[0]

    pairs: list[tuple[str, Callable[[], None], Callable[[], None]]] = [
        ("form (parse_qsl -> first_values)", form_old, form_new),
        ("keys a message (12 formats -> of_texter)", keys_old, keys_new),
        ("claim token (token_hex -> random)", claim_old, claim_new),
        ("process id, 2 Batches (getpid -> hook)", pid_old, pid_new),
    ]
    best = {name: [float("inf"), float("inf")] for name, _, _ in pairs}
    for _ in range(args.rounds):
        for name, old, new in pairs:
            for side, run in enumerate((old, new)):
                started = time.perf_counter()
                run()
                best[name][side] = min(best[name][side], (time.perf_counter() - started) / len(tids) * 1e6)
    print(f"µs a message, best of {args.rounds} alternating rounds over {len(tids):,} of the benchmark's requests:")
    for name, (before, after) in best.items():
        print(f"  {name:44} {before:6.2f} -> {after:6.2f}  (-{before - after:.2f})")
    print(f"  {'all':44} {sum(v[0] for v in best.values()):6.2f} -> {sum(v[1] for v in best.values()):6.2f}")


if __name__ == "__main__":
    main()
