"""A per-texter cache that does not churn the collector's young generation.

`functools.lru_cache` evicts its least recent entry on every miss once full. CPython counts a young generation's
collection as allocations less deallocations of tracked objects, so an eviction (freeing an old entry's objects)
cancels the new entry's allocation: with more texters than entries, every new texter's message put an `Address`
and a `TexterKeys` in the young generation and took the count back down, collections came seldom and each walked
every entry made since the last one (bench/PROFILE.md, twenty-seventh look). Forgetting every entry at once when
full frees the same objects in one go (the count cannot go below zero), and in between each new entry counts, so
the young collections come as often as for any other allocation and walk only what came since.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


def clearing_cache(maxsize: int) -> Callable[[Callable[[Key], Value]], Callable[[Key], Value]]:
    """Remember a one-argument function's answers (never None) for up to `maxsize` arguments, then start afresh.
    Like `lru_cache`, it has `cache_clear`."""

    def decorate(function: Callable[[Key], Value]) -> Callable[[Key], Value]:
        known: dict[Key, Value] = {}

        @functools.wraps(function)
        def remembered(argument: Key) -> Value:
            value = known.get(argument)
            if value is None:
                if len(known) >= maxsize:
                    known.clear()
                value = known[argument] = function(argument)
            return value

        remembered.cache_clear = known.clear  # type: ignore[attr-defined]
        return remembered

    return decorate
