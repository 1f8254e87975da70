"""bench/openloop.py, the benchmark's constant-rate client: open loop, latency from each request's due time, every
pre-signed request sent once, on keep-alive connections; what a server leaves unanswered is an error."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bench import loadgen, openloop
from bench.traffic import Request


class _Handler(socketserver.BaseRequestHandler):
    """HTTP/1.1 with keep-alive, just enough: reads one request (head and Content-Length body), records its body,
    waits `server.delay`, answers 200 with a small body; a body in `server.drop` closes the connection instead."""

    def handle(self) -> None:
        server = self.server
        buffer = b""
        while True:
            while b"\r\n\r\n" not in buffer:
                chunk = self.request.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            head, _, buffer = buffer.partition(b"\r\n\r\n")
            fields = dict(line.lower().split(b":", 1) for line in head.split(b"\r\n")[1:])
            length = int(fields[b"content-length"])
            while len(buffer) < length:
                buffer += self.request.recv(65536)
            body, buffer = buffer[:length], buffer[length:]
            with server.lock:  # type: ignore[attr-defined]
                server.bodies.append(body)  # type: ignore[attr-defined]
            if body in server.drop:  # type: ignore[attr-defined]
                return
            time.sleep(server.delay)  # type: ignore[attr-defined]
            answer = b"<Response/>"
            self.request.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n%s" % (len(answer), answer)
            )


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


@contextmanager
def serving(delay: float = 0.0, drop: frozenset[bytes] = frozenset()) -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.delay, server.drop, server.bodies, server.lock = delay, drop, [], threading.Lock()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def requests(count: int) -> list[Request]:
    return [Request("keyword", {}, f"Body=m{index}&From=x".encode(), f"sig{index}") for index in range(count)]


@pytest.mark.parametrize("client", ["epoll", "asyncio-process"])
def test_every_request_sent_once_and_answered(client: str) -> None:
    with serving() as server:
        port = server.server_address[1]
        result = loadgen.constant_rate(port, requests(300), rate=600, seconds=0.5, client=client)
    assert result["requests"] == 300
    assert result["errors"] == 0
    assert result["statuses"] == {"200": 300}
    assert sorted(server.bodies) == sorted(f"Body=m{index}&From=x".encode() for index in range(300))  # type: ignore[attr-defined]
    assert 0.45 < result["seconds"] < 2.0
    assert result["client_cpu_us_per_request"] >= 0


def test_latency_runs_from_the_due_time_and_connections_open_as_needed() -> None:
    """A server that answers in 50 ms, asked 400 times a second: about 20 requests in flight at once, each on a
    connection of its own, and every latency at least the server's 50 ms."""
    with serving(delay=0.05) as server:
        result = loadgen.constant_rate(server.server_address[1], requests(200), rate=400, seconds=0.5)
    assert result["errors"] == 0
    assert result["p50_ms"] >= 50
    assert result["arrived_p50_ms"] >= 50
    assert result["arrived_p99_ms"] <= result["p99_ms"] + 0.5
    assert 10 <= result["connections"] <= 60


def test_a_request_waiting_for_a_connection_counts_its_wait() -> None:
    """One connection allowed, a server taking 20 ms an answer, 100 requests a second due: the queue behind the one
    connection grows, and the latency from each due time shows it (a closed-loop client would not)."""
    payloads = [request.body for request in requests(40)]
    with serving(delay=0.02) as server:
        raw = [b"POST / HTTP/1.1\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body) for body in payloads]
        result = openloop.epoll_open_loop(server.server_address[1], raw, rate=100, max_connections=1, grace=5)
    assert result["errors"] == 0
    assert result["connections"] == 1
    assert result["max_ms"] > 300  # the 40th was due at 390 ms and answered after 40 x 20 ms = 800 ms


def test_a_dropped_connection_is_an_error_and_the_rest_go_on() -> None:
    dropped = frozenset({b"Body=m7&From=x", b"Body=m50&From=x"})
    with serving(drop=dropped) as server:
        result = loadgen.constant_rate(server.server_address[1], requests(100), rate=500, seconds=0.2)
    assert result["errors"] == 2
    assert result["statuses"] == {"200": 98}
    assert result["requests"] == 100


def test_unanswered_at_the_cut_is_an_error_with_its_wait() -> None:
    with serving(delay=2.0) as server:
        raw = [b"POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx"] * 3
        started = time.monotonic()
        result = openloop.epoll_open_loop(server.server_address[1], raw, rate=100, max_connections=8, grace=0.3)
    assert time.monotonic() - started < 1.5
    assert result["unanswered"] == 3
    assert result["errors"] == 3
    assert result["max_ms"] >= 300


def test_refused_connections_are_errors() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, not listening: connections are refused
        raw = [b"POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx"] * 5
        result = openloop.epoll_open_loop(port, raw, rate=1000, max_connections=8, grace=0.5)
    assert result["errors"] == 5
    assert result["requests"] == 5
