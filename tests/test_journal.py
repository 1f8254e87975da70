"""The outage journal: durable appends, replay once and in order, across processes and crashes."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

from helpline.journal import Journal


def test_replay_applies_every_record_once_in_order_across_processes(tmp_path: Path) -> None:
    first = Journal(tmp_path, name="journal-a")
    second = Journal(tmp_path, name="journal-b")
    first.append({"at": 1.0, "sid": "one"})
    second.append({"at": 2.0, "sid": "two"})
    first.append({"at": 3.0, "sid": "three"})
    assert first.has_records()
    applied: list[str] = []
    assert first.replay(lambda record: applied.append(record["sid"])) == 3
    assert applied == ["one", "two", "three"]
    assert not first.has_records()
    assert first.replay(lambda record: applied.append(record["sid"])) == 0
    assert applied == ["one", "two", "three"]


def test_a_failed_replay_keeps_the_records_for_the_next_one(tmp_path: Path) -> None:
    journal = Journal(tmp_path, name="journal-a")
    for number in range(3):
        journal.append({"at": float(number), "sid": str(number)})

    def redis_gone_again(record: dict[str, Any]) -> None:
        if record["sid"] == "1":
            raise ConnectionError("redis down again")

    with pytest.raises(ConnectionError):
        journal.replay(redis_gone_again)
    journal.append({"at": 9.0, "sid": "9"})  # written while the first replay's file sat aside
    applied: list[str] = []
    assert journal.replay(lambda record: applied.append(record["sid"])) == 4
    assert applied == ["0", "1", "2", "9"]  # the caller's MessageSid dedupe skips the one already applied


def test_a_line_cut_short_by_a_crash_is_skipped_not_fatal(tmp_path: Path) -> None:
    journal = Journal(tmp_path, name="journal-a")
    journal.append({"at": 1.0, "sid": "whole"})
    with journal.path.open("a", encoding="utf-8") as file:
        file.write('{"at": 2.0, "sid": "cut')
    applied: list[str] = []
    journal.replay(lambda record: applied.append(record["sid"]))
    assert applied == ["whole"]


def test_files_are_private(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.append({"at": 1.0, "texter": "+14155550123"})
    assert os.stat(journal.path).st_mode & 0o077 == 0


def _write_many(folder: str, name: str, count: int) -> None:
    journal = Journal(Path(folder), name=name)
    for number in range(count):
        journal.append({"at": float(number), "sid": f"{name}-{number}"})


def test_records_written_during_a_replay_are_not_lost(tmp_path: Path) -> None:
    """Writers in other processes keep appending while replays move their files aside."""
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(tmp_path), f"journal-w{n}", 300)) for n in range(3)]
    for writer in writers:
        writer.start()
    seen: list[str] = []
    replayer = Journal(tmp_path, name="journal-replayer")
    while any(writer.is_alive() for writer in writers):
        replayer.replay(lambda record: seen.append(record["sid"]))
    for writer in writers:
        writer.join()
    replayer.replay(lambda record: seen.append(record["sid"]))
    assert len(seen) == 900 and len(set(seen)) == 900


def _settle(folder: Path) -> None:
    """The folder's modification time a second in the past: the listing's empty answer can be remembered."""
    past = os.stat(folder).st_mtime_ns - 1_000_000_000
    os.utime(folder, ns=(past, past))


def test_a_journal_another_process_writes_is_seen_after_an_empty_answer_was_remembered(tmp_path: Path) -> None:
    asking = Journal(tmp_path, name="journal-a")
    _settle(tmp_path)
    assert not asking.has_records()
    assert asking._empty_at == os.stat(tmp_path).st_mtime_ns  # remembered: the next answer is one stat
    assert not asking.has_records()
    Journal(tmp_path, name="journal-b").append({"at": 1.0, "sid": "other"})
    assert asking.has_records()
    assert asking.replay(lambda record: None) == 1
    _settle(tmp_path)
    assert not asking.has_records()
    Journal(tmp_path, name="journal-c").append({"at": 2.0, "sid": "again"})
    assert asking.has_records()


def test_an_empty_listing_in_a_folder_changed_just_now_is_not_remembered(tmp_path: Path) -> None:
    asking = Journal(tmp_path, name="journal-a")
    (tmp_path / "unrelated.txt").write_text("x")  # the folder's time is now: a journal may follow in this tick
    assert not asking.has_records()
    assert asking._empty_at is None
    Journal(tmp_path, name="journal-b").append({"at": 1.0, "sid": "same tick"})
    assert asking.has_records()


def test_no_folder_yet_means_no_records(tmp_path: Path) -> None:
    assert not Journal(tmp_path / "missing").has_records()
