"""Office hours: when counselors are on shift, from three plain settings.

    HELPLINE_TIMEZONE      IANA name, e.g. "Asia/Bangkok" (default UTC)
    HELPLINE_OFFICE_HOURS  e.g. "mon-fri 09:00-17:00; sat 10:00-14:00" (empty: always open)
    HELPLINE_CLOSED_DATES  e.g. "2026-12-25, 2027-01-01" (closed all day, local time)

Rules, so an operator can predict them:
- days are mon tue wed thu fri sat sun, alone, as ranges ("mon-fri", "fri-mon")
  or as lists ("mon,wed,fri"); a day may have several ranges ("mon 09:00-12:00, 13:00-17:00");
- times are local wall-clock HH:MM, 24-hour; the start is included, the end excluded;
  "24:00" means midnight at the end of the day;
- an overnight range ("fri 22:00-02:00") belongs to the day it starts on: it covers
  Friday 22:00 to Saturday 02:00, and a closed date closes the shifts that start on it;
- around daylight-saving changes the wall clock decides: "09:00-17:00" is 09:00 to 17:00
  local time on the day the clocks change, however many hours that is.

Bad settings raise ScheduleError with a one-line reason, so start-up can stop
early instead of the helpline silently claiming to be open or closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_RULE = re.compile(r"^([^\d]+?)\s*(\d.*)$")  # days, then the first digit starts the times
_MINUTES_PER_DAY = 24 * 60


class ScheduleError(ValueError):
    """The office-hours settings cannot be understood; the message says which part and why."""


@dataclass(frozen=True)
class Shift:
    """One opening, in minutes after local midnight of the day it starts on; `end` may pass midnight."""

    weekday: int  # 0 = Monday
    start: int
    end: int

    def covers(self, weekday: int, minute: int) -> bool:
        """Is this wall-clock moment (weekday, minute of day) inside the shift?"""
        if weekday == self.weekday and self.start <= minute < self.end:
            return True
        next_day = (self.weekday + 1) % 7
        return self.end > _MINUTES_PER_DAY and weekday == next_day and minute < self.end - _MINUTES_PER_DAY


@dataclass(frozen=True)
class OfficeHours:
    shifts: tuple[Shift, ...]  # empty: always open
    closed: frozenset[date]
    timezone: ZoneInfo

    @classmethod
    def parse(cls, hours: str | None, closed: str | None = "", timezone: str | None = "UTC") -> OfficeHours:
        return cls(
            shifts=_parse_hours(hours or ""),
            closed=_parse_dates(closed or ""),
            timezone=_parse_zone(timezone or "UTC"),
        )

    @property
    def always_open(self) -> bool:
        return not self.shifts

    def is_open(self, at: datetime) -> bool:
        """True when `at` (aware; naive means UTC) falls in a shift that is not on a closed date."""
        if at.tzinfo is None:
            at = at.replace(tzinfo=ZoneInfo("UTC"))
        local = at.astimezone(self.timezone)
        if self.always_open:
            return local.date() not in self.closed
        minute = local.hour * 60 + local.minute
        for shift in self.shifts:
            if not shift.covers(local.weekday(), minute):
                continue
            started_on = local.date() if shift.weekday == local.weekday() else local.date() - timedelta(days=1)
            if started_on not in self.closed:
                return True
        return False


def _parse_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ScheduleError(f"HELPLINE_TIMEZONE: {name!r} is not an IANA time zone like 'Europe/London'") from error


def _parse_dates(value: str) -> frozenset[date]:
    dates = set()
    for item in filter(None, (part.strip() for part in value.split(","))):
        try:
            dates.add(date.fromisoformat(item))
        except ValueError as error:
            raise ScheduleError(f"HELPLINE_CLOSED_DATES: {item!r} is not a date like 2026-12-25") from error
    return frozenset(dates)


def _parse_hours(value: str) -> tuple[Shift, ...]:
    shifts: list[Shift] = []
    for rule in filter(None, (part.strip() for part in value.split(";"))):
        match = _RULE.match(rule)
        if not match:
            raise ScheduleError(f"HELPLINE_OFFICE_HOURS: {rule!r} needs days then times, like 'mon-fri 09:00-17:00'")
        days_text, ranges_text = match.group(1).replace(" ", ""), match.group(2)
        days = _parse_days(days_text, rule)
        for range_text in filter(None, (part.strip() for part in ranges_text.split(","))):
            start, end = _parse_range(range_text, rule)
            shifts.extend(Shift(day, start, end) for day in days)
    return tuple(shifts)


def _parse_days(text: str, rule: str) -> list[int]:
    days: list[int] = []
    for item in filter(None, text.lower().split(",")):
        first, dash, last = item.partition("-")
        if first not in DAYS or (dash and last not in DAYS):
            raise ScheduleError(f"HELPLINE_OFFICE_HOURS: {rule!r}: days are {'/'.join(DAYS)}, not {item!r}")
        start = DAYS.index(first)
        count = (DAYS.index(last) - start) % 7 + 1 if dash else 1
        days.extend((start + offset) % 7 for offset in range(count))
    return days


def _parse_range(text: str, rule: str) -> tuple[int, int]:
    start_text, dash, end_text = text.replace(" ", "").partition("-")
    if not dash:
        raise ScheduleError(f"HELPLINE_OFFICE_HOURS: {rule!r}: {text!r} is not a time range like 09:00-17:00")
    start, end = _minutes(start_text, rule), _minutes(end_text, rule)
    if start == _MINUTES_PER_DAY:
        raise ScheduleError(f"HELPLINE_OFFICE_HOURS: {rule!r}: a range cannot start at 24:00")
    if end == start:
        raise ScheduleError(f"HELPLINE_OFFICE_HOURS: {rule!r}: {text!r} is empty (use 00:00-24:00 for all day)")
    if end < start:
        end += _MINUTES_PER_DAY  # overnight: ends on the next day
    return start, end


def _minutes(text: str, rule: str) -> int:
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if (hour < 24 and minute < 60) or (hour, minute) == (24, 0):
            return hour * 60 + minute
    raise ScheduleError(f"HELPLINE_OFFICE_HOURS: {rule!r}: {text!r} is not a time like 09:00 or 24:00")
