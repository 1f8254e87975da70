"""CPU-heavy calls kept off the event loop when the web process runs gevent workers.

The Procfile's web process serves with gevent, so that a hundred open dashboard
streams cost a hundred idle greenlets instead of a hundred threads. One thing
would stall every greenlet in that process: a password check (scrypt, about
0.1-0.2 s of CPU). `run` sends such a call to gevent's pool of real threads
(scrypt releases the GIL), so texts keep being answered while a counselor logs
in; without gevent (the development server, the worker, tests) it just calls.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def run(function: Callable[..., T], *args: Any) -> T:
    monkey = sys.modules.get("gevent.monkey")
    if monkey is None or not monkey.is_module_patched("socket"):
        return function(*args)
    import gevent

    return gevent.get_hub().threadpool.apply(function, args)  # type: ignore[no-any-return]
