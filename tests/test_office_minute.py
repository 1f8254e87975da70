"""wiring.OnShift.office_open keeps its answer for the rest of the minute: the same answers as asking the office
hours each time, across shift edges, closed dates and daylight-saving changes."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from helpline.schedule import OfficeHours
from helpline.wiring import OnShift


def test_same_answers_as_asking_every_time() -> None:
    rng = random.Random(3)
    for zone in ("Europe/London", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"):
        hours = OfficeHours.parse(
            "mon-fri 09:00-17:30; sat 22:15-24:00; sun 00:00-02:45", "2026-03-29, 2026-11-01", zone
        )
        now = [0.0]
        on_shift = OnShift(hours, counselors=None, clock=_reader(now))  # type: ignore[arg-type]  # not asked
        start = datetime(2026, 3, 27, tzinfo=UTC).timestamp()  # the days around Europe's spring change
        for moment in [start + rng.uniform(0, 5 * 86400) for _ in range(3000)] + [
            datetime(2026, 11, 1, 5, 59, 59, tzinfo=UTC).timestamp() + step for step in range(0, 7200, 7)
        ]:
            now[0] = moment
            assert on_shift.office_open() == hours.is_open(datetime.fromtimestamp(moment, UTC)), (zone, moment)


def _reader(now: list[float]):
    return lambda: now[0]
