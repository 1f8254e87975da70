"""An event's text (`Events.encode`, written by hand for the webhook's events) is what json.dumps writes for it."""

from __future__ import annotations

import json
import random
from typing import Any

from helpline.state.events import EventKind, Events


def test_an_event_is_written_as_json_dumps_writes_it() -> None:
    rng = random.Random(25)
    texts = ["", "talk", 'a "quoted" \\ text', "tab\there\nnewline", "é ü 中文 🙂", "\x00\x1f\x7f", "\ud800 lone"]
    for _ in range(2000):
        kind = rng.choice(list(EventKind))
        texter = rng.choice(texts + ["f" * 20])
        detail: dict[str, Any] = {}
        for _ in range(rng.randint(0, 3)):
            name = rng.choice(["topic", "emergency", "reason", "counselor", "available", "név", "type"])
            detail[name] = rng.choice([True, False, rng.choice(texts), "questions.kratom (kratom)"])
        if rng.random() < 0.05:
            detail["count"] = rng.choice([3, None, 1.5])  # not a text or a flag: json.dumps writes it
        expected = json.dumps({"type": kind.value, "texter": texter, **detail})
        assert Events.encode(kind, texter, **detail) == expected
    assert Events.encode(EventKind.MESSAGE, None, topic="t") == json.dumps(  # type: ignore[arg-type]
        {"type": "message", "texter": None, "topic": "t"}
    )
