"""The constant-rate (open-loop) client in a process of its own, with a lean loop: bench/loadgen.py runs it.

    .venv/bin/python bench/openloop.py --port 5000 --requests FILE --rate 1800 [--loop epoll|asyncio]

What it measures is what bench/loadgen.py's asyncio client measures: request i of FILE (one pre-signed request a
line, `signature<TAB>urlencoded body`, bench/traffic.write_wrk_file's format) is due at start + i/rate, whatever
happened before; its latency runs from that due time to the last byte of its answer; keep-alive connections are
opened as needed, up to `--max-connections` at once (a due request waits for one, and that wait counts); whatever
is unanswered `--grace` seconds after the last due time is an error, counted with the time it had waited by then.
Prints one line of JSON: loadgen's summary, with this process's CPU time per request and the percentiles up to
the kernel's arrival time of each answer (`arrived_p99_ms`: without this client's own delay in reading it).

Why a process of its own: the benchmark's process also holds the dashboard phase's 100 event-stream threads, and
in bench/tail.py's runs at 1,500 req/s the same asyncio client measured a p99 three to eight times as long inside
the script's process as in a process of its own, at the same CPU (not so clearly at 1,800 req/s, nor in round 26's
one full benchmark run: bench/PROFILE.md, twenty-sixth look). `--loop epoll` (the default) is one thread and one
epoll set: no task, future, stream reader or timeout object per request, about a fifth less CPU than the asyncio
client (which cost 120-150 µs a request on the loaded benchmark machine, on the cores the servers and Redis
share). It waits with
`select` on the epoll descriptor, whose timeout has microsecond resolution (epoll's own is rounded up to whole
milliseconds, which would send requests up to 1 ms late). `--loop asyncio` runs loadgen's own asyncio client here,
to tell the two changes apart.
"""

from __future__ import annotations

import argparse
import errno
import gc
import json
import os
import select
import socket
import struct
import sys
import time
from collections import deque
from pathlib import Path

if __package__ in (None, ""):  # run as a script: bench/ is the script's folder, the repository its parent
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import loadgen  # noqa: E402
from bench.loadgen import IDLE_LIMIT_SECONDS, _summary, client_cpu, percentile_ms, wire_request  # noqa: E402

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux: also SCM_TIMESTAMPNS, a struct timespec


def raw_requests(port: int, path: Path) -> list[bytes]:
    """The file's requests as bytes on the wire (loadgen.wire_request, as loadgen's own clients send them)."""
    payloads = []
    with path.open("rb") as handle:
        for line in handle:
            signature, _, body = line.rstrip(b"\n").partition(b"\t")
            payloads.append(wire_request(port, signature.decode("ascii"), body))
    return payloads


class _Connection:
    __slots__ = ("sock", "fd", "index", "buffer", "idle_since", "closed", "arrived", "connecting")

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.fd = sock.fileno()
        self.index = -1  # the request in flight, -1 when idle
        self.buffer = b""
        self.idle_since = 0.0
        self.closed = False
        self.arrived = 0.0
        self.connecting = False  # a non-blocking connect not yet done: its request goes once it is


def _content_length(head: bytes) -> int:
    at = head.lower().find(b"\r\ncontent-length:")
    if at < 0:
        return 0
    end = head.find(b"\r\n", at + 2)
    return int(head[at + 17 : end if end >= 0 else len(head)])


def epoll_open_loop(port: int, payloads: list[bytes], rate: float, max_connections: int, grace: float) -> dict:
    count = len(payloads)
    period = 1.0 / rate
    clock = time.monotonic
    poller = select.epoll()
    watch = [poller.fileno()]
    connections: dict[int, _Connection] = {}
    idle: list[_Connection] = []  # a stack: the most recently used last
    waiting: deque[int] = deque()  # due, not yet sent (no connection free)
    latencies: list[float] = []
    lags: list[float] = []
    arrivals: list[float] = []  # latencies to the kernel's arrival time of each answer's last segment
    statuses: dict[int, int] = {}
    failures = 0
    opened = 0
    in_flight = 0
    next_index = 0
    cpu_before = os.times()
    realtime_offset = time.time() - clock()  # the kernel stamps arrivals in CLOCK_REALTIME
    start = clock() + 0.05
    cut = start + count * period + grace

    def close(connection: _Connection) -> None:
        connection.closed = True  # it may still be in `idle`, and its descriptor's number reused
        poller.unregister(connection.fd)
        del connections[connection.fd]
        connection.sock.close()

    def send(connection: _Connection) -> bool:
        """The connection's request sent; False when it failed (the connection closed, the request counted)."""
        nonlocal in_flight
        payload = payloads[connection.index]
        try:
            sent = connection.sock.send(payload)
            if sent < len(payload):  # a full socket buffer on loopback: finish it blocking
                connection.sock.setblocking(True)
                connection.sock.sendall(payload[sent:])
                connection.sock.setblocking(False)
        except OSError:
            index = connection.index
            close(connection)
            in_flight -= 1
            latencies.append(clock() - (start + index * period))
            return False
        connection.buffer = b""
        return True

    while next_index < count or waiting or in_flight:
        now = clock()
        if now >= cut:
            break
        while next_index < count and start + next_index * period <= now:
            lags.append(now - (start + next_index * period))
            waiting.append(next_index)
            next_index += 1
        while waiting:
            connection = None
            while idle:
                candidate = idle.pop()
                if candidate.closed:
                    continue
                if now - candidate.idle_since <= IDLE_LIMIT_SECONDS:
                    connection = candidate
                    break
                close(candidate)  # the server may have closed it: a client artefact, not an error
            if connection is None:
                if len(connections) >= max_connections:
                    break
                index = waiting.popleft()
                sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
                sock.setblocking(False)  # connected in the loop: a full accept queue delays no other request
                error = sock.connect_ex(("127.0.0.1", port))
                if error not in (0, errno.EINPROGRESS):
                    sock.close()
                    failures += 1
                    latencies.append(clock() - (start + index * period))
                    continue
                connection = _Connection(sock)
                connections[connection.fd] = connection
                opened += 1
                connection.index = index
                in_flight += 1
                if error:
                    connection.connecting = True
                    poller.register(connection.fd, select.EPOLLOUT)
                    continue
                poller.register(connection.fd, select.EPOLLIN)
            else:
                index = waiting.popleft()
                connection.index = index
                in_flight += 1
            if not send(connection):
                failures += 1
        if next_index < count:
            timeout = start + next_index * period - clock()
        elif in_flight or waiting:
            timeout = cut - clock()
        else:
            break
        if timeout > 0:
            select.select(watch, (), (), timeout)  # microsecond timeout; readable when an epoll event is ready
        for fd, _ in poller.poll(0):
            connection = connections[fd]
            if connection.connecting:
                connection.connecting = False
                if connection.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                    poller.modify(fd, select.EPOLLIN)
                    if send(connection):
                        continue
                else:
                    index = connection.index
                    close(connection)
                    in_flight -= 1
                    latencies.append(clock() - (start + index * period))
                failures += 1
                continue
            try:
                data, ancillary, _, _ = connection.sock.recvmsg(65536, 64)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            index = connection.index
            if not data:  # closed by the server
                close(connection)
                if index >= 0:
                    in_flight -= 1
                    failures += 1
                    latencies.append(clock() - (start + index * period))
                continue
            if index < 0:
                continue  # nothing asked: ignore
            for level, kind, stamp in ancillary:  # the kernel's time of arrival of the last segment read
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    seconds, nanoseconds = struct.unpack("qq", stamp[:16])
                    connection.arrived = seconds + nanoseconds * 1e-9 - realtime_offset
            buffer = connection.buffer + data if connection.buffer else data
            head_end = buffer.find(b"\r\n\r\n")
            if head_end < 0 or len(buffer) < head_end + 4 + _content_length(buffer[:head_end]):
                connection.buffer = buffer
                continue
            answered = clock()
            latencies.append(answered - (start + index * period))
            arrivals.append(connection.arrived - (start + index * period))
            in_flight -= 1
            try:
                status = int(buffer[9:12])
            except ValueError:
                failures += 1
            else:
                statuses[status] = statuses.get(status, 0) + 1
            connection.index = -1
            connection.buffer = b""
            connection.idle_since = answered
            idle.append(connection)
    end = clock()
    unanswered = sum(connection.index >= 0 for connection in connections.values())
    unanswered += len(waiting) + (count - next_index)
    latencies.extend(
        end - (start + connection.index * period) for connection in connections.values() if connection.index >= 0
    )
    latencies.extend(end - (start + index * period) for index in waiting)
    latencies.extend(end - (start + index * period) for index in range(next_index, count))
    cpu = client_cpu(cpu_before, count)
    for connection in list(connections.values()):
        close(connection)
    poller.close()
    return _summary(
        latencies,
        statuses,
        failures + unanswered,
        end - start,
        tool="epoll open loop, own process",
        offered_per_second=rate,
        connections=opened,
        unanswered=unanswered,
        client_lag_p99_ms=percentile_ms(sorted(lags), 0.99) if lags else 0.0,
        **_arrival_percentiles(arrivals),
        **cpu,
    )


def _arrival_percentiles(arrivals: list[float]) -> dict[str, float]:
    """The answered requests' latencies up to when the kernel received each answer rather than when this client
    read it: the difference is the client's own delay in getting to a ready socket (its scheduling, its loop)."""
    ordered = sorted(arrivals)
    if not ordered:
        return {}
    return {
        f"arrived_{name}_ms": percentile_ms(ordered, share)
        for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--requests", type=Path, required=True)
    parser.add_argument("--rate", type=float, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--max-connections", type=int, default=128)
    parser.add_argument("--grace", type=float, default=5.0)
    parser.add_argument("--loop", choices=("epoll", "asyncio"), default="epoll")
    args = parser.parse_args()
    payloads = raw_requests(args.port, args.requests)[: int(args.rate * args.seconds)]
    if args.loop == "asyncio":
        result = loadgen._run(
            loadgen._constant_rate_payloads(payloads, args.port, args.rate, args.max_connections, args.grace)
        )
        result["tool"] = "asyncio open loop, own process"
    else:
        with loadgen._collector_paused():
            result = epoll_open_loop(args.port, payloads, args.rate, args.max_connections, args.grace)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    gc.disable()  # loadgen._collector_paused does the same around the measurement; nothing here makes cycles
    main()
