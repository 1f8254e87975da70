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
