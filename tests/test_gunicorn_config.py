"""The Procfile's web workers freeze what they load (helpline/gunicorn_config.py): the collector's full passes
then skip the catalogs, indexes and model, which took it 100-350 ms each."""

from __future__ import annotations

import subprocess
import sys

from tests import processes


def test_the_procfile_web_command_uses_the_config() -> None:
    command = processes.procfile_command("web", 5000)
    assert "python:helpline.gunicorn_config" in command


def test_a_worker_freezes_what_it_loaded() -> None:
    script = (
        "import gc\n"
        "from helpline import emergency\n"
        "from helpline.knowledge import Knowledge\n"
        "lexicon = Knowledge.load().lexicon\n"
        "emergency.assess('warm up', lexicon)\n"
        "assert gc.get_freeze_count() == 0\n"
        "from helpline.gunicorn_config import post_worker_init\n"
        "post_worker_init(None)\n"
        "print(gc.get_freeze_count())\n"
    )
    frozen = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert int(frozen.stdout) > 100_000  # the lexicon's indexes and the model alone are well over that


def _run(script: str) -> str:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    return done.stdout.strip()


def test_a_worker_whose_caches_grow_walks_them_rarely() -> None:
    """Caches filling after the freeze no longer set off a full pass every few thousand entries."""
    script = (
        "import gc\n"
        "from helpline.gunicorn_config import post_worker_init\n"
        "post_worker_init(None)\n"
        "full = []\n"
        "def count(phase, info):\n"
        "    if phase == 'stop' and info['generation'] == 2: full.append(1)\n"
        "gc.callbacks.append(count)\n"
        "cache = {}\n"
        "for i in range(400_000):\n"
        "    cache[i] = [i]\n"
        "print(len(full))\n"
    )
    assert _run(script) == "0"  # Python's defaults: 4 full passes here


def test_a_worker_still_frees_short_lived_cycles() -> None:
    """The young generations run as before, so a request's reference cycles are still freed."""
    script = (
        "import gc, weakref\n"
        "from helpline.gunicorn_config import post_worker_init\n"
        "post_worker_init(None)\n"
        "class Node: pass\n"
        "freed = []\n"
        "for _ in range(100):\n"
        "    node = Node(); node.me = node\n"
        "    weakref.finalize(node, freed.append, 1)\n"
        "    del node\n"
        "    garbage = [[i] for i in range(2_000)]\n"  # a request's allocations, enough for young passes
        "print(len(freed))\n"
    )
    assert int(_run(script)) >= 90
