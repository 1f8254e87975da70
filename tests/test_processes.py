"""The real start paths: the Procfile's gunicorn command and the README's `helpline serve`."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

from helpline.cli import replies_of
from tests import processes
from tests.redis_server import free_port

TOKEN = "procfile-test-token"  # noqa: S105 - a test value


def test_procfile_web_serves_a_signed_request_end_to_end(redis_url: str, redis_client, tmp_path: Path) -> None:
    port = free_port()
    env = processes.clean_env(
        REDIS_URL=redis_url, TWILIO_AUTH_TOKEN=TOKEN, SECRET_KEY="s" * 40, HELPLINE_INSTANCE_PATH=str(tmp_path)
    )
    server = subprocess.Popen(processes.procfile_command("web", port), cwd=processes.REPO, env=env)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        processes.wait_for(base + "/healthz", process=server)
        form = {
            "MessageSid": "SM" + uuid.uuid4().hex,
            "From": "+14155550123",
            "To": "+15005550006",
            "Body": "SIGNS",
            "ToCity": "",
            "NumMedia": "0",
        }
        status, body = processes.post_signed(base, form, TOKEN)
        assert status == 200
        assert replies_of(body)[0].startswith("Call 911 now if")
        unsigned_status, _ = processes.post_form(base + "/twilio/inbound", form)
        assert unsigned_status == 403
        simulator_status, _ = processes.post_form(base + "/simulator/sign", {"from": "+1", "body": "x"})
        assert simulator_status == 404  # never on in production
    finally:
        processes.stop(server)


def test_production_start_without_secrets_refuses_with_a_reason(tmp_path: Path) -> None:
    port = free_port()
    env = processes.clean_env(HELPLINE_INSTANCE_PATH=str(tmp_path))
    result = subprocess.run(  # noqa: S603
        processes.procfile_command("web", port), cwd=processes.REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "refusing to start: TWILIO_AUTH_TOKEN is not set" in result.stderr


def test_readme_serve_answers_the_simulator_and_keeps_data_across_a_restart(tmp_path: Path) -> None:
    """`helpline serve` with no settings: embedded Redis under ./instance, simulator on."""
    port = free_port()
    env = processes.clean_env()
    command = [str(processes.VENV_BIN / "helpline"), "serve", "--port", str(port)]
    base = f"http://127.0.0.1:{port}"

    server = subprocess.Popen(command, cwd=tmp_path, env=env)  # noqa: S603
    try:
        processes.wait_for(base + "/simulator", process=server)
        status, twiml = processes.simulator_text(base, "+34612345678", "SIGNS")
        assert status == 200 and "112" in replies_of(twiml)[0]
        status, twiml = processes.simulator_text(base, "+14155550100", "STOP")
        assert "START" in replies_of(twiml)[0]
    finally:
        processes.stop(server)
    assert (tmp_path / "instance" / "redis").is_dir()

    server = subprocess.Popen(command, cwd=tmp_path, env=env)  # noqa: S603
    try:
        processes.wait_for(base + "/simulator", process=server)
        status, twiml = processes.simulator_text(base, "+14155550100", "SIGNS")
        assert status == 200 and replies_of(twiml) == []  # still opted out after the restart
    finally:
        processes.stop(server)


def test_the_procfile_worker_class_needs_only_declared_dependencies() -> None:
    """The Procfile's gevent worker imports `packaging`, which gunicorn does not declare: a fresh `pip install .`
    without the dev tools (which bring it along) could not start the web process on a PaaS. Found in round 10 when a
    clean virtualenv of the project ran bench/webhook.py."""
    from importlib.metadata import requires

    from packaging.requirements import Requirement

    declared = {Requirement(requirement).name for requirement in requires("helpline") or ()}
    worker = next(line for line in (processes.REPO / "Procfile").read_text().splitlines() if line.startswith("web:"))
    assert "--worker-class gevent" in worker
    assert {"gunicorn", "gevent", "packaging"} <= declared
