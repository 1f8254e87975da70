"""Emergency, poison and crisis numbers by country (messages/crisis-lines.toml).

The numbers live in a data file so an operator can add or correct a country
without a code change, and they are loaded into memory once so the emergency
reply can be built even when Redis is down. The loader is strict: a wrong
number is a safety problem, so a malformed file stops the start-up with a
one-line reason instead of surfacing while a texter waits.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import phonenumbers

from helpline import address as address_module
from helpline.schedule import OfficeHours, ScheduleError

__all__ = ["DEFAULT_PATH", "CountryLines", "Directory", "DirectoryError", "WithheldLine"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "messages" / "crisis-lines.toml"

# Lines that also take tip-offs about drug crimes (India's MANAS, Indonesia's
# BNN). Calling one could put a texter at legal risk, so the loader refuses
# them even if someone adds them to the file in good faith.
# Thailand's narcotics tip line (1386) is refused for the same reason.
TIP_OFF_LINES = frozenset({"1933", "184", "1386"})
# A number shipped to texters must be confirmed to high confidence; anything
# less stays in the file under `withheld`, for a reviewer, and is never texted.
SHIPPED_CONFIDENCE = "H"

_NUMBER_FIELDS = ("poison", "crisis", "crisis_text_number", "drugline")
_COUNTRY_FIELDS = frozenset(
    {
        "name",
        "emergency",
        "police",
        *_NUMBER_FIELDS,
        "crisis_text_keyword",
        "notes",
        "confidence",
        "sources",
        "checked",
        "hours",
        "timezone",
        "withheld",
    }
)
_WITHHELD_FIELDS = frozenset({"number", "what", "confidence", "sources", "why"})
# A poison or crisis line is only right in its own country, so the entry that
# answers every other country may name nothing but the emergency number.
_FALLBACK_FIELDS = frozenset({"emergency", "notes", "confidence", "sources", "checked"})
_CONFIDENCE = frozenset({"H", "M", "L"})
_ISO_CODE = re.compile(r"[A-Z]{2}")
# As dialled locally: digits, with spaces, hyphens or brackets for reading;
# a leading * for short codes dialled that way (Chile's *4141).
_NUMBER = re.compile(r"\*?\(?\d[\d ()\-]*\d")


class DirectoryError(ValueError):
    """The crisis-lines file cannot be trusted; the message names where and why."""


@dataclass(frozen=True)
class WithheldLine:
    """A candidate number kept in the file for a reviewer and never texted: why, and how sure we are."""

    number: str
    what: str
    confidence: str
    sources: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class CountryLines:
    """The numbers one texter should be given, already resolved for their country."""

    country: str | None
    emergency: tuple[str, ...]
    poison: str | None
    crisis: str | None
    crisis_text_number: str | None
    crisis_text_keyword: str | None
    drugline: str | None
    is_fallback: bool
    # For operators (dashboard, start-up checks); never texted.
    name: str | None = None
    notes: str | None = None
    confidence: str | None = None
    sources: tuple[str, ...] = ()
    checked: date | None = None
    # Lines open only part of the day: field name ("poison") -> its opening hours, local to the country.
    hours: dict[str, OfficeHours] = field(default_factory=dict, compare=False)
    withheld: tuple[WithheldLine, ...] = ()
    # The police, only where the first emergency number does not reach them (Thailand's 1669 is an ambulance):
    # the number for violence now. Empty where the emergency number is the police's too (911, 999, 112).
    police: tuple[str, ...] = ()

    @property
    def emergency_display(self) -> str:
        """A slash needs no translation, so every catalog can drop this into a reply."""
        return "/".join(self.emergency)

    @property
    def police_display(self) -> str:
        """The police number(s) as texted, like `emergency_display`; "" where the country lists none."""
        return "/".join(self.police)

    def open_at(self, at: datetime | float | None) -> CountryLines:
        """These lines as they can be offered at `at` (aware datetime or Unix time): a line with
        limited hours is left out while it is closed, so nobody is told to call a line that will
        not answer. None means "at any hour": every line, as the budget check measures them."""
        if at is None or not self.hours:
            return self
        moment = datetime.fromtimestamp(at, UTC) if isinstance(at, int | float) else at
        closed = {name for name, hours in self.hours.items() if not hours.is_open(moment)}
        if not closed:
            return self
        texts_closed = "crisis_text_number" in closed
        return replace(
            self,
            poison=None if "poison" in closed else self.poison,
            crisis=None if "crisis" in closed else self.crisis,
            crisis_text_number=None if texts_closed else self.crisis_text_number,
            crisis_text_keyword=None if texts_closed else self.crisis_text_keyword,
            drugline=None if "drugline" in closed else self.drugline,
        )


class Directory:
    """Finds a texter's lines; anything unknown gets the fallback, never an error."""

    def __init__(self, entries: dict[str, CountryLines], fallback: CountryLines) -> None:
        self._entries = dict(entries)
        self._fallback = fallback

    @classmethod
    def load(cls, path: Path) -> Directory:
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except OSError as e:
            raise DirectoryError(f"{path}: cannot read ({e.strerror})") from e
        except tomllib.TOMLDecodeError as e:
            raise DirectoryError(f"{path}: not valid TOML ({e})") from e

        unknown = sorted(set(data) - {"countries", "fallback"})
        if unknown:
            raise DirectoryError(f"{path}: unknown top-level key {unknown[0]!r}")
        if not isinstance(data.get("fallback"), dict):
            raise DirectoryError(f"{path}: missing [fallback] table")
        countries = data.get("countries", {})
        if not isinstance(countries, dict):
            raise DirectoryError(f"{path}: 'countries' must be tables like [countries.US]")

        fallback = _parse_entry("fallback", data["fallback"], None)
        entries = {}
        for iso, table in countries.items():
            where = f"countries.{iso}"
            if not _ISO_CODE.fullmatch(iso) or iso not in phonenumbers.SUPPORTED_REGIONS:
                raise DirectoryError(f"{where}: {iso!r} is not an ISO 3166 alpha-2 country code")
            if not isinstance(table, dict):
                raise DirectoryError(f"{where}: must be a table")
            entries[iso] = _parse_entry(where, table, iso)
        return cls(entries, fallback)

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted(self._entries))

    def for_country(self, iso: str | None) -> CountryLines:
        if not isinstance(iso, str):
            return self._fallback
        return self._entries.get(iso.upper(), self._fallback)

    def for_address(self, address: str, at: datetime | float | None = None) -> CountryLines:
        """The texter's lines; with `at`, only those open at that moment (see `CountryLines.open_at`)."""
        return self.for_country(self.country_of(address)).open_at(at)

    def country_of(self, address: str) -> str | None:
        """Country of a Twilio address ("+1...", "whatsapp:+1..."); helpline.address is the one parser."""
        return address_module.country_of(address) if isinstance(address, str) else None


def _parse_entry(where: str, table: dict[str, Any], iso: str | None) -> CountryLines:
    allowed = _FALLBACK_FIELDS if iso is None else _COUNTRY_FIELDS
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise DirectoryError(f"{where}: field {unknown[0]!r} is not allowed here")

    emergency = table.get("emergency")
    if emergency is None:
        raise DirectoryError(f"{where}: missing emergency")
    if not isinstance(emergency, list) or not emergency:
        raise DirectoryError(f"{where}: emergency must be a non-empty list of numbers")
    emergency_numbers = tuple(_number(where, "emergency", n) for n in emergency)

    numbers = {field: _optional_number(where, field, table.get(field)) for field in _NUMBER_FIELDS}
    keyword = _optional_text(where, "crisis_text_keyword", table.get("crisis_text_keyword"))
    if keyword is not None and (numbers["crisis_text_number"] is None or len(keyword.split()) != 1):
        raise DirectoryError(f"{where}: crisis_text_keyword must be one word, with crisis_text_number")

    confidence = _confidence(where, table.get("confidence"))
    if confidence != SHIPPED_CONFIDENCE:
        raise DirectoryError(
            f"{where}: confidence {confidence!r}: numbers texted to people must be confirmed to high"
            " confidence (H); move doubtful ones to [[{where}.withheld]]"
        )
    sources = _sources(where, table.get("sources"))
    police = _police(where, table.get("police"), emergency_numbers, sources)
    checked = table.get("checked")
    if not isinstance(checked, date) or isinstance(checked, datetime):
        raise DirectoryError(f"{where}: checked must be a date such as 2026-11-25")

    name = _optional_text(where, "name", table.get("name"))
    if iso is not None and name is None:
        raise DirectoryError(f"{where}: missing name")
    hours = _hours(where, table.get("hours"), table.get("timezone"), numbers)
    withheld = table.get("withheld", [])
    if not isinstance(withheld, list):
        raise DirectoryError(f"{where}: withheld must be tables like [[{where}.withheld]]")
    withheld_lines = tuple(_withheld(f"{where}.withheld[{i}]", entry) for i, entry in enumerate(withheld))

    return CountryLines(
        country=iso,
        emergency=emergency_numbers,
        poison=numbers["poison"],
        crisis=numbers["crisis"],
        crisis_text_number=numbers["crisis_text_number"],
        crisis_text_keyword=keyword,
        drugline=numbers["drugline"],
        is_fallback=iso is None,
        name=name,
        notes=_optional_text(where, "notes", table.get("notes")),
        confidence=confidence,
        sources=tuple(sources),
        checked=checked,
        hours=hours,
        withheld=withheld_lines,
        police=police,
    )


def _confidence(where: str, value: object) -> str:
    if value not in _CONFIDENCE:
        raise DirectoryError(f"{where}: confidence must be one of H, M, L")
    return str(value)


def _sources(where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(s, str) and s.strip() for s in value):
        raise DirectoryError(f"{where}: sources must be a non-empty list of strings")
    return tuple(value)


def _police(where: str, value: object, emergency: tuple[str, ...], sources: tuple[str, ...]) -> tuple[str, ...]:
    """The police numbers for violence now. Only where the first emergency number does not reach the police, so a
    copy of it is refused; and each number must be named by one of the sources, because the threat answer gives
    nothing else to someone hiding from an attacker."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise DirectoryError(f"{where}: police must be a non-empty list of numbers, or left out")
    numbers = tuple(_number(where, "police", n) for n in value)
    if _digits(numbers[0]) == _digits(emergency[0]):
        raise DirectoryError(f"{where}: police {numbers[0]!r} is the first emergency number already; leave police out")
    for number in numbers:
        named = re.compile(rf"(?<!\d){re.escape(number)}(?!\d)")
        if not any(named.search(source) for source in sources):
            raise DirectoryError(
                f"{where}: police {number!r} is named by none of the sources; say which supports it,"
                f' e.g. "site.example ({number})"'
            )
    return numbers


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _hours(
    where: str, value: object, timezone: object, numbers: dict[str, str | None]
) -> dict[str, OfficeHours]:
    """Opening hours of the lines that are not always open, e.g. {poison = "mon-sun 08:00-22:00"}."""
    if value is None:
        if timezone is not None:
            raise DirectoryError(f"{where}: timezone is only needed with hours")
        return {}
    if not isinstance(value, dict) or not value:
        raise DirectoryError(f"{where}: hours must be a table like {{ poison = \"mon-sun 08:00-22:00\" }}")
    if not isinstance(timezone, str):
        raise DirectoryError(f"{where}: hours need the country's timezone, e.g. timezone = \"Europe/Dublin\"")
    parsed = {}
    for name, spec in value.items():
        if name not in numbers or numbers[name] is None:
            raise DirectoryError(f"{where}: hours for {name!r}, which is not a line of this country")
        if not isinstance(spec, str) or not spec.strip():
            raise DirectoryError(f"{where}: hours.{name} must be text like \"mon-fri 09:00-17:00\"")
        try:
            parsed[name] = OfficeHours.parse(spec, "", timezone)
        except ScheduleError as error:
            reason = str(error).split(": ", 1)[-1]
            raise DirectoryError(f"{where}: hours.{name}: {reason}") from error
    return parsed


def _withheld(where: str, entry: object) -> WithheldLine:
    if not isinstance(entry, dict):
        raise DirectoryError(f"{where}: must be a table")
    unknown = sorted(set(entry) - _WITHHELD_FIELDS)
    if unknown:
        raise DirectoryError(f"{where}: field {unknown[0]!r} is not allowed here")
    number = _number(where, "number", entry.get("number"))
    what = _optional_text(where, "what", entry.get("what"))
    why = _optional_text(where, "why", entry.get("why"))
    if what is None or why is None:
        raise DirectoryError(f"{where}: needs what the line is and why it is withheld")
    return WithheldLine(
        number=number,
        what=what,
        confidence=_confidence(where, entry.get("confidence")),
        sources=_sources(where, entry.get("sources")),
        why=why,
    )


def _number(where: str, field: str, value: object) -> str:
    if not isinstance(value, str) or not _NUMBER.fullmatch(value.strip()):
        raise DirectoryError(f"{where}: {field} {value!r} is not a phone number (digits and spaces)")
    if _digits(value) in TIP_OFF_LINES:
        raise DirectoryError(f"{where}: {field} {value!r} is a line that also takes drug-crime tip-offs")
    return value.strip()


def _optional_number(where: str, field: str, value: object) -> str | None:
    return None if value is None else _number(where, field, value)


def _optional_text(where: str, field: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DirectoryError(f"{where}: {field} must be a non-empty string")
    return value.strip()
