"""The webhook's per-texter keys (`keys.of_texter`), joined by hand for speed, are exactly their templates' keys."""

from __future__ import annotations

import random
import string

from helpline.state import keys


def test_each_texter_key_is_its_template_filled_in() -> None:
    rng = random.Random(25)
    tids = ["0123456789abcdef0123", "", "{odd}", "a:b"]
    tids += ["".join(rng.choice(string.printable) for _ in range(rng.randint(1, 30))) for _ in range(500)]
    for tid in tids:
        named = keys.of_texter(tid)
        assert named.texter == keys.TEXTER.format(tid=tid)
        assert named.transcript == keys.TRANSCRIPT.format(tid=tid)
        assert named.conversation == keys.CONVERSATION.format(tid=tid)
        assert named.recent == keys.RECENT.format(tid=tid)
        assert named.rate == keys.RATE.format(tid=tid)
        assert named.rate_notice == keys.RATE_NOTICE.format(tid=tid)
        for sid in ("SM0123456789abcdef0123456789abcdef", "", "derived-00ff"):
            assert named.message(sid) == keys.MESSAGE.format(tid=tid, sid=sid)
        assert all(key.startswith(named.tag) for key in named[1:])
    assert keys.of_texter(tids[0]) is keys.of_texter(tids[0])  # remembered
