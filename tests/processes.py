"""Start the helpline as real processes (gunicorn, `helpline serve`) and talk to them over loopback."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from helpline.channels import twilio as channel

VENV_BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent


def wait_for(url: str, timeout: float = 30.0, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback URL built by the test
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


def post_form(url: str, form: dict[str, str], headers: dict[str, str] | None = None) -> tuple[int, str]:
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def post_signed(base: str, form: dict[str, str], token: str) -> tuple[int, str]:
    url = base + "/twilio/inbound"
    return post_form(url, form, {channel.SIGNATURE_HEADER: channel.sign(token, url, form)})


def simulator_text(base: str, sender: str, body: str) -> tuple[int, str]:
    """Do what the simulator page does: ask for a signed form, then post it to the webhook."""
    status, signed_json = post_form(base + "/simulator/sign", {"from": sender, "body": body})
    assert status == 200, signed_json
    signed = json.loads(signed_json)
    return post_form(base + signed["url"], signed["form"], {channel.SIGNATURE_HEADER: signed["signature"]})


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "HELPLINE_", "REDIS_URL", "SECRET_KEY"))}
    env.update(extra)
    return env


def web_env(redis_url: str, token: str, instance: str, **extra: str) -> dict[str, str]:
    """What the Procfile's web process needs to start against a test Redis, with test secrets."""
    return clean_env(
        REDIS_URL=redis_url,
        TWILIO_AUTH_TOKEN=token,
        SECRET_KEY="s" * 40,
        HELPLINE_TEXTER_KEY="t" * 40,
        HELPLINE_INSTANCE_PATH=instance,
        **extra,
    )


def procfile_command(kind: str, port: int) -> list[str]:
    line = next(line for line in (REPO / "Procfile").read_text().splitlines() if line.startswith(f"{kind}:"))
    command = line.split(":", 1)[1].strip()
    command = re.sub(r"\$\{PORT:-\d+\}", str(port), command)
    command = re.sub(r"\$\{(\w+):-(\w+)\}", r"\2", command)
    argv = shlex.split(command)
    argv[0] = str(VENV_BIN / argv[0])
    return argv
