"""Human words for what the dashboard shows: topics, reasons and times, never internal keys.

The engine and the state layer speak in keys ("topics.talk (TALK)", "emergency.medical",
"phrase:topics.withdrawal"); a counselor reads "asked for a person (TALK)", "medical
emergency", "phrasebook: withdrawal". Times are dates and times in the helpline's time zone
(HELPLINE_TIMEZONE) with the zone shown, because a bare "22:40" in UTC misleads a night shift.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

TOPIC_WORDS = {
    "kratom": "what kratom is",
    "signs": "overdose warning signs",
    "mix": "dangerous combinations",
    "withdrawal": "withdrawal",
    "safer": "safer-use tips",
    "talk": "asked for a person",
    "talk.offline": "asked for a person (none on shift: given the crisis line)",
    "dose": "dose question (no dose advice given)",
    "seven_oh": "7-OH products",
    "naloxone": "naloxone",
    "meds": "medicines and kratom",
    "liver": "liver",
    "pregnancy": "pregnancy",
    "quit_opioids": "quitting opioids",
}
EMERGENCY_WORDS = {
    "medical": "medical emergency",
    "suicide": "suicide risk",
    "violence": "violence now (threatened or attacked)",
    "possible": "possible emergency (asked to confirm)",
}
OTHER_WORDS = {
    "menu": "menu",
    "menu.auto": "menu (unrecognised message)",
    "language": "language list",
    "language_set": "language switched",
    "optout": "opted out",
    "optin": "opted back in",
    "silenced.opted_out": "not answered: the texter opted out",
    "counselor": "",
    "closed": "goodbye after closing",
    "overdue": "still-waiting notice",
    "media_only": "picture without text",
    "unknown": "not understood",
    "near_miss": "unclear: asked to rephrase",
    "pet": "about a pet",
    "crisis_line": "the texter's crisis line",
    "emergency": "emergency steps",
}
_MATCHED = re.compile(r"^(?P<key>\S+)(?: \((?P<matched>.*)\))?$")


def topic_words(topic: str) -> str:
    """A transcript entry's topic ("topics.talk (TALK)") as words ("asked for a person (TALK)")."""
    found = _MATCHED.match(topic.strip())
    if not found:
        return topic
    key, matched = found["key"], found["matched"]
    words = key_words(key)
    if matched and words:
        return f"{words} ({matched})"
    return words


def key_words(key: str) -> str:
    if key.startswith("phrase:"):
        inner = key_words(key.removeprefix("phrase:"))
        return f"phrasebook: {inner}" if inner else "phrasebook"
    if key.startswith("topics."):
        name = key.removeprefix("topics.")
        return TOPIC_WORDS.get(name, name.replace("_", " "))
    if key.startswith("emergency."):
        kind = key.removeprefix("emergency.")
        return EMERGENCY_WORDS.get(kind, f"{kind.replace('_', ' ')} emergency")
    if key in OTHER_WORDS:
        return OTHER_WORDS[key]
    if key in TOPIC_WORDS:
        return TOPIC_WORDS[key]
    if key in EMERGENCY_WORDS:
        return EMERGENCY_WORDS[key]
    return key.replace("_", " ").replace(".", ": ")


def reason_words(reason: str, emergency: bool) -> str:
    """Why a conversation is in the queue: "asked for a person", "medical emergency"."""
    if emergency and reason in EMERGENCY_WORDS:
        return EMERGENCY_WORDS[reason]
    if emergency:
        return f"{reason.replace('_', ' ')} emergency" if reason and reason != "talk" else "emergency"
    return TOPIC_WORDS.get(reason, reason.replace("_", " "))


class Times:
    """Dates and times in the helpline's zone: "Sun 29 Nov 23:40 ICT"; the zone's name for headings."""

    def __init__(self, timezone: str):
        try:
            self.zone = ZoneInfo(timezone)
            self.name = timezone
        except (ZoneInfoNotFoundError, ValueError):
            self.zone = ZoneInfo("UTC")
            self.name = "UTC"

    def at(self, timestamp: float) -> str:
        if not timestamp:
            return ""
        moment = datetime.fromtimestamp(timestamp, self.zone)
        return f"{moment:%a} {moment.day} {moment:%b %Y %H:%M} {self.abbreviation(moment)}"

    def span(self, start: float, end: float) -> str:
        """"Sun 29 Nov 2026 23:10 to 23:40 UTC": the end's date only when it is another day."""
        if self.day(start) == self.day(end):
            moment = datetime.fromtimestamp(end, self.zone)
            return f"{self.at(start).rsplit(' ', 1)[0]} to {moment:%H:%M} {self.abbreviation(moment)}"
        return f"{self.at(start)} to {self.at(end)}"

    def iso(self, timestamp: float) -> str:
        return datetime.fromtimestamp(timestamp, self.zone).isoformat(timespec="seconds") if timestamp else ""

    def day(self, timestamp: float) -> str:
        return datetime.fromtimestamp(timestamp, self.zone).strftime("%Y-%m-%d") if timestamp else ""

    def day_range(self, day: str) -> tuple[float, float] | None:
        """The start and end (timestamps) of a YYYY-MM-DD day in the helpline's zone; None for a bad date."""
        try:
            start = datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=self.zone)
        except ValueError:
            return None
        return start.timestamp(), start.timestamp() + 24 * 3600

    @staticmethod
    def abbreviation(moment: datetime) -> str:
        """The zone as people say it: "UTC", "CET", "ICT"; an offset ("+07") when the zone has no letters."""
        name = moment.tzname() or ""
        if name and name[0] in "+-":
            return f"UTC{name}"
        return name

    @property
    def label(self) -> str:
        """For headings: "Asia/Bangkok (UTC+07)" or "UTC"."""
        if self.name == "UTC":
            return "UTC"
        return f"{self.name} ({self.abbreviation(datetime.now(self.zone))})"
