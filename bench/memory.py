"""Redis memory per texter after 100,000 texters, and what the transcript costs per message.

Each texter sends one message through the app's own message service (the code the webhook runs:
dedupe claim, state read, decision, turn written), in-process and with a private Redis. The
engine's decision is memoized per (body, country, state) so the run measures storage in seconds
rather than the detector's speed; every write is the real one.

Then the keys are taken apart by type: used_memory before, after, after deleting every stream
(the transcripts) and after deleting the dedupe records; so
- texter (state + indexes, no transcript, no dedupe) = what stays per texter for the retention period;
- dedupe record per message = what a MessageSid costs until it expires;
- transcript per message = a message in or out, as the transcript stores it;
- the recent texts' list and the rate counter: per texter while they last (an hour, ten minutes).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import redis

from bench import traffic

DEDUPE_PATTERNS = ("hl:msg:*", "hl:{*}:msg:*")  # the inbound MessageSid records (before; now under the texter)
WINDOW_PATTERNS = ("hl:{*}:rate", "hl:{*}:rate-notice")  # rate-limit counters: gone when their window ends
RECENT_PATTERNS = ("hl:{*}:recent",)  # the last texts of the hour (since 2026-11-30): gone an hour after the last


def _bodies() -> list[tuple[str, str]]:
    pools = traffic.texts()
    return [(text.language, text.body) for kind in ("keyword", "question", "near_miss") for text in pools[kind]]


def _service(redis_url: str, instance: str) -> tuple[Any, Callable[[dict[str, str]], Any]]:
    """The message service of an app configured as the benchmark's servers are, and the form parser.

    Works on both layouts, so the same benchmark measures commits before and after the state
    redesign: helpline.wiring (services built without Flask) or the older app extensions.
    """
    import helpline

    config = {
        "REDIS_URL": redis_url,
        "TWILIO_AUTH_TOKEN": traffic.TOKEN,
        "SECRET_KEY": "bench-secret-" + "b" * 32,
        "HELPLINE_INSTANCE_PATH": instance,
    }
    if (Path(helpline.__file__).parent / "wiring.py").exists():
        from helpline import wiring
        from helpline.channels import twilio as channel

        return wiring.build(wiring.load_settings(config)).helpline, channel.parse_inbound
    from helpline import channel, create_app  # type: ignore[attr-defined]  # the layout before helpline.wiring

    return create_app(config).extensions["helpline"]["service"], channel.parse_inbound


def _memoize_decisions(service: Any) -> None:
    decide = service.decide
    cache: dict[tuple, Any] = {}
    lock = threading.Lock()

    def remembered(inbound: Any, state: Any, on_shift: bool) -> Any:
        key = (inbound.body, inbound.texter[:5], state, on_shift)
        found = cache.get(key)
        if found is None:
            found = decide(inbound, state, on_shift=on_shift)
            with lock:
                cache[key] = found
        return found

    service.decide = remembered


def _delete(client: redis.Redis, *, pattern: str | None = None, type_: str | None = None) -> int:
    deleted = 0
    batch: list[str] = []
    for key in client.scan_iter(match=pattern, count=2000, _type=type_):
        batch.append(key)
        if len(batch) >= 1000:
            deleted += client.unlink(*batch)
            batch = []
    if batch:
        deleted += client.unlink(*batch)
    return deleted


def _used(client: redis.Redis) -> int:
    time.sleep(0.2)  # let lazy frees (UNLINK) finish
    return int(client.info("memory")["used_memory"])


def measure(redis_url: str, client: redis.Redis, instance: str, texters: int = 100_000, threads: int = 4) -> dict:
    service, parse = _service(redis_url, instance)
    _memoize_decisions(service)
    bodies = _bodies()
    rng = random.Random(7)
    chosen = [rng.choice(bodies) for _ in range(texters)]
    client.flushdb()
    before = _used(client)
    started = time.perf_counter()

    def send(index: int) -> None:
        language, body = chosen[index]
        form = {
            "MessageSid": f"SMmem{index:010d}{'0' * 19}",
            "From": traffic.address(language, index),
            "To": traffic.HELPLINE_NUMBER,
            "Body": body,
            "NumMedia": "0",
        }
        service.answer(parse(form))

    with ThreadPoolExecutor(threads) as pool:
        for _ in pool.map(send, range(texters), chunksize=500):
            pass
    elapsed = time.perf_counter() - started
    with_everything = _used(client)
    entries = sum(client.xlen(key) for key in client.scan_iter(count=2000, _type="stream"))
    keys_total = client.dbsize()
    transcripts = _delete(client, type_="stream")
    without_transcript = _used(client)
    dedupes = sum(_delete(client, pattern=pattern) for pattern in DEDUPE_PATTERNS)
    without_dedupe = _used(client)
    recent = sum(_delete(client, pattern=pattern) for pattern in RECENT_PATTERNS)
    without_recent = _used(client)
    counters = sum(_delete(client, pattern=pattern) for pattern in WINDOW_PATTERNS)
    state_only = _used(client)
    return {
        "texters": texters,
        "seconds": elapsed,
        "keys_after": keys_total,
        "transcript_keys": transcripts,
        "transcript_entries": entries,
        "dedupe_keys": dedupes,
        "bytes_per_texter_total": (with_everything - before) / texters,
        "bytes_per_texter_without_transcript": (without_transcript - before) / texters,
        "bytes_per_texter_state_only": (state_only - before) / texters,
        "bytes_per_dedupe_record": (without_transcript - without_dedupe) / max(1, dedupes),
        "rate_counter_keys": counters,
        "bytes_per_texter_rate_counters": (without_recent - state_only) / texters,
        "recent_list_keys": recent,
        "bytes_per_texter_recent_texts": (without_dedupe - without_recent) / texters,
        "bytes_per_transcript_entry": (with_everything - without_transcript) / max(1, entries),
        "transcript_entries_per_texter": entries / texters,
        "bytes_transcript_per_inbound_message": (with_everything - without_transcript) / texters,
    }
