"""Office hours from plain settings: tables of moments, including daylight-saving changes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from helpline.schedule import OfficeHours, ScheduleError

WEEK = "mon-fri 09:00-17:00; sat 10:00-14:00"
UTC = ZoneInfo("UTC")


def at(text: str, zone: str = "UTC") -> datetime:
    """A wall-clock moment in a zone: '2026-11-23 09:00' (a Monday)."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        ("2026-11-23 08:59", False),  # Monday, before opening
        ("2026-11-23 09:00", True),  # the start is included
        ("2026-11-23 16:59", True),
        ("2026-11-23 17:00", False),  # the end is excluded
        ("2026-11-27 12:00", True),  # Friday
        ("2026-11-28 10:00", True),  # Saturday
        ("2026-11-28 14:00", False),
        ("2026-11-29 12:00", False),  # Sunday
    ],
)
def test_weekly_hours(moment: str, open_: bool) -> None:
    assert OfficeHours.parse(WEEK, "", "UTC").is_open(at(moment)) is open_


@pytest.mark.parametrize(
    ("moment", "zone", "open_"),
    [
        ("2026-11-23 09:30", "Asia/Bangkok", True),  # local time is what counts
        ("2026-11-23 02:30", "UTC", True),  # = 09:30 in Bangkok (UTC+7)
        ("2026-11-23 10:30", "UTC", False),  # = 17:30 in Bangkok
        ("2026-11-22 23:00", "America/New_York", True),  # Sunday night there is Monday 11:00 in Bangkok
    ],
)
def test_hours_are_local_to_the_helpline(moment: str, zone: str, open_: bool) -> None:
    hours = OfficeHours.parse(WEEK, "", "Asia/Bangkok")
    assert hours.is_open(at(moment, zone)) is open_


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        ("2026-11-27 21:59", False),  # Friday
        ("2026-11-27 22:00", True),
        ("2026-11-27 23:59", True),
        ("2026-11-28 00:00", True),  # Saturday, still Friday's shift
        ("2026-11-28 01:59", True),
        ("2026-11-28 02:00", False),
        ("2026-11-28 22:30", False),  # Saturday night has no shift
        ("2026-11-29 01:00", False),
    ],
)
def test_overnight_range_belongs_to_the_day_it_starts(moment: str, open_: bool) -> None:
    assert OfficeHours.parse("fri 22:00-02:00", "", "UTC").is_open(at(moment)) is open_


def test_overnight_range_from_sunday_wraps_to_monday() -> None:
    hours = OfficeHours.parse("sun 20:00-08:00", "", "UTC")
    assert hours.is_open(at("2026-11-30 07:00"))  # Monday morning
    assert not hours.is_open(at("2026-11-23 21:00"))  # Monday evening


@pytest.mark.parametrize(
    ("moment", "open_"),
    [
        ("2026-12-24 12:00", True),
        ("2026-12-25 12:00", False),  # closed date
        ("2026-12-26 12:00", True),  # Saturday
        ("2027-01-01 12:00", False),
    ],
)
def test_closed_dates(moment: str, open_: bool) -> None:
    hours = OfficeHours.parse("mon-sat 09:00-17:00", "2026-12-25, 2027-01-01", "UTC")
    assert hours.is_open(at(moment)) is open_


def test_a_closed_date_closes_the_overnight_shift_that_starts_on_it() -> None:
    hours = OfficeHours.parse("thu-fri 22:00-02:00", "2026-12-24", "UTC")
    assert not hours.is_open(at("2026-12-24 23:00"))  # Thursday, closed
    assert not hours.is_open(at("2026-12-25 01:00"))  # the same shift after midnight
    assert hours.is_open(at("2026-12-25 23:00"))  # Friday's shift


@pytest.mark.parametrize(
    ("utc", "open_"),
    [
        # New York springs forward on Sunday 2026-03-08 (EST UTC-5 -> EDT UTC-4).
        ("2026-03-06 13:59", False),  # Friday 08:59 EST
        ("2026-03-06 14:00", True),  # Friday 09:00 EST
        ("2026-03-09 12:59", False),  # Monday 08:59 EDT
        ("2026-03-09 13:00", True),  # Monday 09:00 EDT: an hour earlier in UTC
        ("2026-03-09 20:59", True),  # Monday 16:59 EDT
        ("2026-03-09 21:00", False),  # Monday 17:00 EDT
        # and falls back on Sunday 2026-11-01.
        ("2026-10-30 13:00", True),  # Friday 09:00 EDT
        ("2026-11-02 13:00", False),  # Monday 08:00 EST
        ("2026-11-02 14:00", True),  # Monday 09:00 EST
    ],
)
def test_daylight_saving_changes_follow_the_wall_clock(utc: str, open_: bool) -> None:
    hours = OfficeHours.parse("mon-fri 09:00-17:00", "", "America/New_York")
    assert hours.is_open(at(utc)) is open_


@pytest.mark.parametrize(
    ("utc", "open_"),
    [
        # Sunday 2026-03-08, 00:00-04:00 New York time: the clocks skip 02:00-03:00.
        ("2026-03-08 05:30", True),  # 00:30 EST
        ("2026-03-08 06:59", True),  # 01:59 EST
        ("2026-03-08 07:00", True),  # 03:00 EDT, the very next instant
        ("2026-03-08 07:59", True),  # 03:59 EDT
        ("2026-03-08 08:00", False),  # 04:00 EDT: the shift lasted three real hours
    ],
)
def test_a_shift_across_the_skipped_hour(utc: str, open_: bool) -> None:
    hours = OfficeHours.parse("sun 00:00-04:00", "", "America/New_York")
    assert hours.is_open(at(utc)) is open_


def test_empty_hours_mean_always_open_except_closed_dates() -> None:
    hours = OfficeHours.parse("", "2026-12-25", "Europe/London")
    assert hours.always_open
    assert hours.is_open(at("2026-11-29 03:00"))
    assert not hours.is_open(at("2026-12-25 12:00"))


def test_naive_datetimes_are_utc() -> None:
    hours = OfficeHours.parse("mon 09:00-10:00", "", "Asia/Bangkok")
    assert hours.is_open(datetime(2026, 11, 23, 2, 30))


@pytest.mark.parametrize(
    "hours",
    [
        "Mon-Fri 09:00-17:00",
        "mon - fri 09:00 - 17:00",
        "mon,wed,fri 09:00-17:00",
        "mon-fri 09:00-12:00, 13:00-17:00",
        "fri-mon 00:00-24:00",
        "mon-fri 9:00-17:00;",
    ],
)
def test_accepted_spellings(hours: str) -> None:
    assert OfficeHours.parse(hours, "", "UTC").is_open(at("2026-11-23 09:30"))


@pytest.mark.parametrize(
    ("hours", "closed", "zone", "reason"),
    [
        ("mon-fri", "", "UTC", "needs days then times"),
        ("09:00-17:00", "", "UTC", "needs days then times"),
        ("monday 09:00-17:00", "", "UTC", "days are mon/tue"),
        ("mon-fry 09:00-17:00", "", "UTC", "not 'mon-fry'"),
        ("mon 9-17", "", "UTC", "not a time like"),
        ("mon 09:00", "", "UTC", "not a time range"),
        ("mon 25:00-26:00", "", "UTC", "not a time like"),
        ("mon 09:60-10:00", "", "UTC", "not a time like"),
        ("mon 09:00-09:00", "", "UTC", "is empty"),
        ("mon 24:00-02:00", "", "UTC", "cannot start at 24:00"),
        ("mon 09:00-17:00", "2026-13-01", "UTC", "HELPLINE_CLOSED_DATES"),
        ("mon 09:00-17:00", "25/12/2026", "UTC", "not a date like"),
        ("mon 09:00-17:00", "", "Mars/Olympus", "HELPLINE_TIMEZONE"),
        ("mon 09:00-17:00", "", "../etc/passwd", "not an IANA time zone"),
    ],
)
def test_bad_settings_give_a_one_line_reason(hours: str, closed: str, zone: str, reason: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        OfficeHours.parse(hours, closed, zone)
    message = str(caught.value)
    assert reason in message and "\n" not in message
