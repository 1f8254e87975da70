"""gunicorn's settings for the Procfile's `web` process (`--config python:helpline.gunicorn_config`).

One hook: once a worker has built the app, every object alive then (the catalogs, the phrase indexes, the
danger model's weights, the app itself: about 270,000 objects) is moved out of the garbage collector's reach
with `gc.freeze()`. They live as long as the worker, and the collector's full pass walked all of them: 100 to
350 ms on the benchmark's machine, during which the worker answers nobody, whenever enough new objects (the
per-text caches filling) triggered one. Objects made later are collected as usual; frozen ones are still freed by
reference counting, only a reference cycle among them stays. Not done in `create_app` itself: a test process builds
hundreds of apps, whose cycles would then stay.
"""

from __future__ import annotations

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    gc.collect()  # what is already garbage is freed, not frozen
    gc.freeze()
