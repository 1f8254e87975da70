"""A delivery's claim token (`service.claim_token`): 12 hex digits as before, distinct, and not repeated by a forked
worker (the random module reseeds a forked child; gunicorn's workers are forked from one master)."""

from __future__ import annotations

import os
import re

from helpline.service import claim_token


def test_claim_tokens_are_twelve_hex_digits_and_distinct() -> None:
    tokens = [claim_token() for _ in range(20_000)]
    assert all(re.fullmatch(r"[0-9a-f]{12}", token) for token in tokens)
    assert len(set(tokens)) == len(tokens)


def test_a_forked_child_does_not_repeat_its_parents_tokens() -> None:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.write(write, ",".join(claim_token() for _ in range(100)).encode())
        os._exit(0)
    os.close(write)
    mine = {claim_token() for _ in range(100)}  # what the parent makes at the same point of its sequence
    os.waitpid(child, 0)
    with os.fdopen(read) as pipe:
        theirs = set(pipe.read().split(","))
    assert len(theirs) == 100 and not mine & theirs
