"""REDIS_URL=rediss://: web and RQ talk to Redis over TLS, with the certificate checked.

The redis-server the tests use is built without TLS, so a small TLS-terminating proxy (the way a managed
Redis or stunnel presents it) stands in front of it, with a certificate made by openssl for 127.0.0.1.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import redis

from tests.support import Texter, make_app, parts


class TlsProxy:
    """Accepts TLS on a loopback port and relays the plain bytes to `backend`."""

    def __init__(self, backend: tuple[str, int], cert: Path, key: Path):
        self.backend = backend
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                raw, _ = self.listener.accept()
            except OSError:
                return
            try:
                client = self.context.wrap_socket(raw, server_side=True)
            except (ssl.SSLError, OSError):
                raw.close()
                continue
            upstream = socket.create_connection(self.backend)
            self.connections += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.close()
                except OSError:
                    pass

    def close(self) -> None:
        self.listener.close()
        for connection in self.connections:
            try:
                connection.close()
            except OSError:
                pass


@pytest.fixture
def tls_proxy(redis_url: str, tmp_path: Path) -> Iterator[tuple[TlsProxy, Path]]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603 - fixed arguments
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    parsed = urlsplit(redis_url)
    proxy = TlsProxy((parsed.hostname or "127.0.0.1", parsed.port or 6379), cert, key)
    yield proxy, cert
    proxy.close()


def test_web_and_queue_use_tls_with_a_checked_certificate(
    tls_proxy: tuple[TlsProxy, Path], app_config: dict[str, Any], redis_url: str
) -> None:
    proxy, cert = tls_proxy
    database = urlsplit(redis_url).path or "/0"
    url = f"rediss://127.0.0.1:{proxy.port}{database}?ssl_cert_reqs=required&ssl_ca_certs={cert}"
    app = make_app({**app_config, "REDIS_URL": url})
    services = parts(app)
    assert Texter(app.test_client(), "+14155550401").replies("SIGNS")[0].startswith("Call 911")
    tid = services.texters.texter_id("+14155550401")
    assert [e.body for e in services.texters.transcript(tid) if e.direction == "in"] == ["SIGNS"]
    assert services.queue.connection.ping()  # RQ's own connection: TLS too
    assert isinstance(services.queue.connection.connection_pool.get_connection(), redis.SSLConnection)
    with pytest.raises(redis.ConnectionError):  # plain text to the TLS port is refused
        redis.Redis(host="127.0.0.1", port=proxy.port, socket_timeout=2).ping()
    for pool in (services.redis.connection_pool, services.queue.connection.connection_pool):
        pool.disconnect()


def test_a_certificate_that_does_not_check_out_is_refused(
    tls_proxy: tuple[TlsProxy, Path], tmp_path: Path
) -> None:
    proxy, _ = tls_proxy
    other_ca = Path(ssl.get_default_verify_paths().cafile or "/etc/ssl/certs/ca-certificates.crt")
    client = redis.Redis.from_url(
        f"rediss://127.0.0.1:{proxy.port}/0?ssl_cert_reqs=required&ssl_ca_certs={other_ca}", socket_timeout=2
    )
    with pytest.raises(redis.ConnectionError):
        client.ping()
    client.close()
