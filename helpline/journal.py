"""The outage journal: messages answered while Redis was down, kept on local disk until it returns.

When Redis cannot be reached the webhook still answers (the engine needs no
Redis), but nothing would reach a counselor: an emergency would never be
queued, a text to a held conversation never appear in its transcript. So each
such message is appended to a journal file of its own process (one JSON line,
written with O_APPEND and fsync'd before the answer goes out), and replayed
into Redis once it answers again.

Replay takes every journal in the folder (a dead process's leftovers too),
moves each aside under an exclusive lock, and hands the records to the caller
oldest first, across files, so two processes' messages from one texter keep
their order. The caller dedupes on MessageSid in Redis, which makes a replay
interrupted half-way (or a Twilio retry processed after Redis returned) safe
to run again: each message is recorded once. A file is deleted only after its
last record was applied.

The files hold phone numbers and message bodies: they are created 0600 in the
instance folder and live only for the length of an outage.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ACTIVE_SUFFIX = ".jsonl"
REPLAYING_SUFFIX = ".replaying"
FILE_MODE = 0o600
# The folder's modification time is trusted to say "no journal was added since" only once it is this much older than
# the clock: a file system stamps times at the kernel's tick (milliseconds), so a journal created in the same tick as
# the listing could leave the time unchanged. Older than that, any file created later stamps a later time.
SETTLED_NS = 100_000_000


class Journal:
    def __init__(self, folder: Path, name: str | None = None):
        self.folder = Path(folder)
        self.name = name or f"journal-{socket.gethostname()}-{os.getpid()}"
        self._empty_at: int | None = None  # the folder's mtime (ns) when a listing last found no journal in it

    @property
    def path(self) -> Path:
        return self.folder / (self.name + ACTIVE_SUFFIX)

    # writing --------------------------------------------------------------------
    def append(self, record: dict[str, Any]) -> None:
        """Add one record durably: on disk (fsync'd) when this returns."""
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                # A replay may have moved the file aside between open and lock: write to the new one.
                if _same_file(fd, self.path):
                    os.write(fd, line)
                    os.fsync(fd)
                    return
            finally:
                os.close(fd)

    def has_records(self) -> bool:
        """True when any journal in the folder waits for replay. Asked by every message, and almost always no: the
        folder is listed only when its modification time changed since a listing found it empty (a journal created,
        moved aside or deleted, by any process, changes it), so the usual answer costs one stat, not a listing (the
        listing was 12 of the 260 µs of Helpline.answer: bench/PROFILE.md, twentieth look)."""
        try:
            changed = os.stat(self.folder).st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            return False
        if changed == self._empty_at:
            return False
        if any(_journal_files(self.folder)):
            return True
        if time.time_ns() - changed > SETTLED_NS:
            self._empty_at = changed
        return False

    # replaying ------------------------------------------------------------------
    def replay(self, apply: Callable[[dict[str, Any]], None]) -> int:
        """Apply every journaled record, oldest first; returns how many were applied.

        Stops at the first record `apply` raises on (Redis went away again): the files are kept
        and the next replay starts over; the caller's MessageSid dedupe skips what was applied.
        """
        with self._taken() as taken:
            records: list[tuple[float, int, int, dict[str, Any]]] = []
            for file_number, path in enumerate(taken):
                for line_number, record in enumerate(_read(path)):
                    records.append((float(record.get("at", 0)), file_number, line_number, record))
            records.sort(key=lambda item: item[:3])
            for applied, (_, _, _, record) in enumerate(records):
                try:
                    apply(record)
                except Exception:
                    log.warning("journal replay stopped after %d of %d records; will try again", applied, len(records))
                    raise
            for path in taken:
                path.unlink(missing_ok=True)
            return len(records)

    @contextmanager
    def _taken(self) -> Iterator[list[Path]]:
        """Every journal file moved aside (renamed to .replaying) and held under a lock for this replay."""
        held: list[tuple[int, Path]] = []
        try:
            for path in sorted(_journal_files(self.folder)):
                fd = os.open(path, os.O_RDONLY)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)  # another process is replaying it right now
                    continue
                if not _same_file(fd, path):
                    os.close(fd)
                    continue
                if path.suffix == ACTIVE_SUFFIX:
                    moved = path.with_name(f"{path.stem}-{time.time_ns()}{REPLAYING_SUFFIX}")
                    os.replace(path, moved)
                    path = moved
                held.append((fd, path))
            yield [path for _, path in held]
        finally:
            for fd, _ in held:
                os.close(fd)


def _journal_files(folder: Path) -> Iterator[Path]:
    """The journals in `folder`: one os.scandir, no separate check that the folder exists, and a Path made only for a
    journal (every message asks, through `has_records`; there is almost never one)."""
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if _is_journal(entry.name)]
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in names:
        yield folder / name


def _is_journal(name: str) -> bool:
    return name.startswith("journal-") and name.endswith((ACTIVE_SUFFIX, REPLAYING_SUFFIX))


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (opened.st_dev, opened.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _read(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.endswith("\n"):
                log.warning("%s: line %d was cut short (a crash mid-write); skipped", path.name, number)
                continue
            try:
                record = json.loads(line)
            except ValueError:
                log.warning("%s: line %d is not JSON; skipped", path.name, number)
                continue
            if isinstance(record, dict):
                yield record
