"""The one composition of the answers that carry numbers: the emergency answer and the crisis-line answer.

The engine answers texters with these, the phrasebook offers them to
counselors, and the catalog check measures them against their SMS budgets:
all three call the functions here, so what is measured is what is sent. The
wording lives in the catalogs (messages/*.toml and the .po files); this module
only decides which entries go together, in which order, with which numbers.
"""

from __future__ import annotations

from helpline.catalogs import Catalogs
from helpline.directory import CountryLines


def emergency_number(catalogs: Catalogs, lang: str, lines: CountryLines) -> str:
    """What {emergency} becomes: the local number(s), or the sentence for unlisted countries."""
    if lines.is_fallback or not lines.emergency:
        return catalogs.text(lang, "system.fallback_emergency.text")
    return lines.emergency_display


def police_number(catalogs: Catalogs, lang: str, lines: CountryLines) -> str:
    """What {emergency} becomes in the answers to violence now: the police where the country's first emergency
    number does not reach them (Thailand's 1669 is an ambulance, its police 191), else the emergency number."""
    if lines.police and not lines.is_fallback:
        return lines.police_display
    return emergency_number(catalogs, lang, lines)


def crisis_line(lines: CountryLines) -> str | None:
    """The line a texter in crisis is given: the crisis line, else the drug line, else none."""
    return lines.crisis or lines.drugline or None


def emergency_reply(
    catalogs: Catalogs, lang: str, lines: CountryLines, kind: str, on_shift: bool, first_aid: bool = True
) -> str:
    """The emergency answer: the number first, then what to do, then who else can help. Without first aid
    for a short reply inside an emergency just answered ("ok", "hurry"): the steps were sent moments ago,
    and four SMS parts again would bury the number."""
    number = emergency_number(catalogs, lang, lines)
    if kind == "suicide":
        parts = [catalogs.text(lang, "emergency.suicide_reply.text", emergency=number)]
        parts.extend(_talk_now(catalogs, lang, lines))
    else:
        parts = [catalogs.text(lang, "emergency.call.text", emergency=number)]
        if first_aid:
            parts.append(catalogs.text(lang, "emergency.steps.text"))
        if lines.poison:
            parts.append(catalogs.text(lang, "emergency.poison.text", poison=lines.poison))
    if on_shift:
        parts.append(catalogs.text(lang, "emergency.alerted.text"))
    return " ".join(parts)


def threat_reply(catalogs: Catalogs, lang: str, lines: CountryLines, on_shift: bool) -> str:
    """Violence against the texter or their family now (a knife, a threat to kill, the door kicked in): the number
    first, then where to be while help comes. Not the first aid: CPR and naloxone are no answer to someone hiding
    from an attacker, and a wound or a collapse said in words is read as the medical emergency it is. The number
    is the police's where the emergency number is an ambulance's (`police_number`)."""
    parts = [catalogs.text(lang, "emergency.threat.text", emergency=police_number(catalogs, lang, lines))]
    if on_shift:
        parts.append(catalogs.text(lang, "emergency.alerted.text"))
    return " ".join(parts)


def arrived_reply(catalogs: Catalogs, lang: str, lines: CountryLines) -> str:
    """Inside an emergency, help has arrived and nothing is said yet of the person: the crew needs to know what was
    taken, and the number stays in the answer in case anything changes. Not the first aid again, nor "call now"."""
    return catalogs.text(lang, "emergency.arrived_reply.text", emergency=emergency_number(catalogs, lang, lines))


def line_reply(catalogs: Catalogs, lang: str, lines: CountryLines, with_line: str, without_line: str) -> str:
    """The local crisis (or drug) line when the texter's country has one, else just the emergency number."""
    number = emergency_number(catalogs, lang, lines)
    line = crisis_line(lines)
    if line:
        return catalogs.text(lang, with_line, line=line, emergency=number)
    return catalogs.text(lang, without_line, emergency=number)


def texter_values(catalogs: Catalogs, lang: str, lines: CountryLines) -> dict[str, str]:
    """Every number placeholder filled for one texter's country ("" where the country has none)."""
    return {
        "emergency": emergency_number(catalogs, lang, lines),
        "line": crisis_line(lines) or "",
        "poison": lines.poison or "",
    }


def possible_reply(catalogs: Catalogs, lang: str, lines: CountryLines, kind: str, violence: bool = False) -> str:
    """The possible-emergency answer: the number first and one question; for a possible suicide, the crisis
    line too (someone who may act on it now is given someone to talk to, not only a question). For possible
    violence the number is the police's, as in the threat answer."""
    number = police_number(catalogs, lang, lines) if violence else emergency_number(catalogs, lang, lines)
    parts = [catalogs.text(lang, "emergency.possible.text", emergency=number)]
    if kind == "suicide":
        parts.extend(_talk_now(catalogs, lang, lines))
    return " ".join(parts)


def _talk_now(catalogs: Catalogs, lang: str, lines: CountryLines) -> list[str]:
    """"To talk to someone now, call ...", when the country has a crisis (or drug) line."""
    line = crisis_line(lines)
    return [catalogs.text(lang, "emergency.suicide_line.text", line=line)] if line else []
