"""gunicorn's settings for the Procfile's `web` process (`--config python:helpline.gunicorn_config`).

One hook, run once a worker has built the app; it tunes the garbage collector for a long-lived server:

- Every object alive then (the catalogs, the phrase indexes, the danger model's weights, the app itself: about
  270,000 objects) is moved out of the collector's reach with `gc.freeze()`. They live as long as the worker, and
  the collector's full pass walked all of them: 100 to 350 ms on the benchmark's machine, during which the worker
  answers nobody. Frozen objects are still freed by reference counting; only a reference cycle among them stays.
- Full passes come a hundred times less often (`FULL_PASS_THRESHOLD`). What a worker keeps after the freeze is its
  per-text and per-texter caches, which fill and turn over in a surge; each turnover counted towards the next full
  pass, so a worker walked the caches every 10-20 s under load (74-318 ms each, measured with a gc callback in
  round 19) and found nothing to free (0-10 objects a pass). A request's own cycles are short-lived and the young
  generations, which run as often as before, free them; a full pass still runs, every few minutes under load.

Not done in `create_app` itself: a test process builds hundreds of apps, whose cycles would then stay.
"""

from __future__ import annotations

import gc
from typing import Any

#: The collector's third threshold: young-generation passes between full passes (Python's default is 10).
FULL_PASS_THRESHOLD = 1000


def post_worker_init(worker: Any) -> None:
    gc.collect()  # what is already garbage is freed, not frozen
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_THRESHOLD)
