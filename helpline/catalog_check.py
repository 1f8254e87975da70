"""`helpline catalog check`: every language complete, intact and within its SMS budget.

Translators work in .po files, away from the code, and most of what can go
wrong there is silent at run time: a missing entry falls back to English, a
broken placeholder falls back to English, a reply one segment too long is
simply billed (and split) by the carrier, a curly quote turns a whole Spanish
reply into UCS-2 and halves what fits in an SMS, and a keyword shared by two
topics sends texters to the wrong answer. This check makes all of that loud,
in CI, before a texter meets it.

`check` is pure (files in, `Report` out); `run` prints it for the CLI.
Replies are measured as texters get them: placeholders filled with the values
of every place in messages/crisis-lines.toml (and of the unlisted-country
fallback), the emergency and suicide answers composed as the engine composes
them, with a counselor on shift (the longest case).
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import click
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import PoFileError, read_po

from helpline import content as content_module
from helpline import replies
from helpline.catalogs import (
    LOCALE_DIR,
    SOURCE_LANGUAGE,
    CatalogError,
    Catalogs,
    discover,
    language_info,
    read_translations,
)
from helpline.content import Content, ContentError, SourceMessage
from helpline.directory import CountryLines, Directory, DirectoryError
from helpline.extract import PLACEHOLDER
from helpline.matching import TYPO_MIN_LENGTH, Message, Pattern
from helpline.segments import SegmentCount, count_segments

__all__ = [
    "EXTRACT_COMMAND",
    "LanguageRow",
    "Measure",
    "Problem",
    "Report",
    "check",
    "emergency_reply",
    "format_table",
    "review_status",
    "run",
]

POT_NAME = "messages.pot"
POT_LABEL = "messages.pot"
REVIEW_COMMENT = re.compile(r"^#\s*Review status:\s*([^.\n]*)", re.IGNORECASE)
# What a stale template needs, quoted in its problem lines.
EXTRACT_COMMAND = (
    "run `pybabel extract -F babel.cfg -o locale/messages.pot --no-wrap --sort-by-file .` "
    "then `pybabel update -i locale/messages.pot -d locale --no-wrap`"
)
# The emergency and suicide answers, all parts together. The medical answer carries first aid
# (CPR, naloxone twice, recovery position, seizures): one SMS of 4 parts arrives whole, where two
# separate SMS could arrive in the wrong order and put the first aid before "call {emergency}".
COMPOSED_BUDGETS = {
    "emergency.medical": 4,
    "emergency.suicide": 3,
    "emergency.possible_suicide": 3,
    "emergency.threat": 2,  # someone hiding from an attacker: the number and where to be, with "a counselor alerted"
}
WHATSAPP_MAX_CHARS = 4096
# Languages whose replies can be sent in GSM-7 if written with plain punctuation.
GSM_LANGUAGES = frozenset({"en", "es", "fr", "pt_BR", "id", "ms", "tl"})
# Typographic characters editors insert on their own, with what to type instead.
TYPOGRAPHIC = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u00a0": "a plain space",
}
# Worst-case values for placeholders the helpline fills; see `_values`.
FILLED_PLACEHOLDERS = frozenset({"emergency", "line", "poison", "languages"})
# Keyword lists matched only as the whole message (engine rules 3, 4 and 7); topic keywords also match a first word.
WHOLE_MESSAGE_LISTS = frozenset(
    {
        "system.menu.keywords",
        "system.optout.keywords",
        "system.optin.keywords",
        "system.language.keywords",
        "system.language_set.keywords",
    }
)
UNLISTED = "an unlisted country"


@dataclass(frozen=True)
class Problem:
    """One thing a translator or editor must fix, printed as `<lang>: <context>: <what is wrong>`."""

    language: str
    context: str
    what: str

    def __str__(self) -> str:
        return f"{self.language}: {self.context}: {self.what}"


@dataclass(frozen=True)
class Measure:
    """One reply as sent to a texter in one place: what SMS and WhatsApp make of it."""

    context: str  # "topics.signs.reply", or "emergency.medical" for a composed answer
    place: str | None  # country code, UNLISTED, or None when the text is the same everywhere
    chars: int
    sms: SegmentCount

    @property
    def size(self) -> tuple[int, int]:
        return (self.sms.segments, self.sms.units)


@dataclass(frozen=True)
class LanguageRow:
    code: str
    own_name: str
    translated: int
    total: int
    longest_sms: Measure | None
    longest_whatsapp: Measure | None
    review: str


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    rows: tuple[LanguageRow, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _PoFile:
    """What the check needs from one .po file, beyond the runtime's own view of it."""

    msgids: dict[str, str]  # context -> English msgid the entry was translated from
    fuzzy: frozenset[str]
    review: str | None


# ---------------------------------------------------------------- entry points


def check(
    messages_dir: Path = content_module.MESSAGES_DIR,
    locale_dir: Path = LOCALE_DIR,
    directory_path: Path | None = None,
    babel_cfg: Path | None = None,
) -> Report:
    """Check English and every catalog against messages/, without printing anything.

    `directory_path` defaults to messages/crisis-lines.toml and `babel_cfg` to
    the babel.cfg next to messages/: the project root, where translators run
    `pybabel extract .`, so a copy of messages/, locale/ and babel.cfg checks
    exactly like the project.
    """
    try:
        content = content_module.load(messages_dir)
        directory = Directory.load(directory_path or messages_dir / "crisis-lines.toml")
    except (ContentError, DirectoryError, tomllib.TOMLDecodeError, OSError) as error:
        return Report((Problem(SOURCE_LANGUAGE, "messages", str(error)),), ())
    problems: list[Problem] = []
    problems += _pot_problems(messages_dir, locale_dir, babel_cfg or messages_dir.parent / "babel.cfg")
    translations, po_files = _read_catalogs(locale_dir, problems)
    catalogs = Catalogs(content, translations)
    places = _places(directory)
    rows = []
    for language in catalogs.languages:
        code = language.code
        if code == SOURCE_LANGUAGE:
            problems += _source_problems(content)
        else:
            problems += _entry_problems(content, code, translations[code], po_files[code])
        problems += _typography_problems(content, catalogs, code)
        measures = list(_measures(catalogs, places, code))
        problems += _budget_problems(measures, _budgets(content), code)
        translated = len(content.messages) if code == SOURCE_LANGUAGE else len(translations[code])
        review = "source" if code == SOURCE_LANGUAGE else po_files[code].review or "not reviewed"
        rows.append(_row(code, language.own_name, translated, len(content.messages), measures, review))
    problems += _collision_problems(content, catalogs)
    order = {label: index for index, label in enumerate((POT_LABEL, *catalogs.codes))}
    problems.sort(key=lambda problem: order.get(problem.language, -1))  # stable: grouped by language, file order
    return Report(tuple(problems), tuple(rows))


def run(
    messages_dir: Path = content_module.MESSAGES_DIR,
    locale_dir: Path = LOCALE_DIR,
    out: Callable[[str], Any] = click.echo,
) -> int:
    """Print one line per problem and return 1, or the per-language table and return 0 (the exit code)."""
    report = check(messages_dir, locale_dir)
    if report.problems:
        for problem in report.problems:
            out(str(problem))
        out(f"catalog check: {len(report.problems)} problem(s); see locale/README.md")
        return 1
    for line in format_table(report.rows):
        out(line)
    return 0


# ---------------------------------------------------------------- reading


def _read_catalogs(locale_dir: Path, problems: list[Problem]) -> tuple[dict[str, dict[str, str]], dict[str, _PoFile]]:
    """Every readable .po file: the runtime's translations and the check's extra facts.

    Translations come from `catalogs.read_translations`, so the check sees
    exactly what the running helpline will use.
    """
    translations: dict[str, dict[str, str]] = {}
    po_files: dict[str, _PoFile] = {}
    for code, path in discover(locale_dir).items():
        if code == SOURCE_LANGUAGE:
            continue  # English is messages/, never a .po file
        try:
            language_info(code)
            translations[code] = read_translations(path)
            po_files[code] = _read_po_file(path)
        except (CatalogError, PoFileError, ValueError, OSError) as error:
            problems.append(Problem(code, "messages.po", f"cannot be read: {error}"))
            translations.pop(code, None)
    return translations, po_files


def _read_po_file(path: Path) -> _PoFile:
    # abort_invalid: a line Babel cannot parse (a merge's conflict markers, a broken quote) is a problem to fix,
    # not a warning; read leniently, the entries around it would be silently skipped (round 11 shipped three).
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    msgids = {m.context: m.id for m in catalog if m.id and m.context and isinstance(m.id, str)}
    fuzzy = frozenset(m.context for m in catalog if m.id and m.context and m.fuzzy)
    return _PoFile(msgids=msgids, fuzzy=fuzzy, review=review_status(path))


def review_status(po_path: Path) -> str | None:
    """The review status a translator wrote in the file's top comment: `# Review status: ...`.

    A comment, not a header field, because `pybabel update` keeps the top comment but drops
    header fields Babel does not know.
    """
    with po_path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.startswith("#"):
                return None  # past the top comment
            found = REVIEW_COMMENT.match(line)
            if found:
                return found.group(1).strip().rstrip(".") or None
    return None


# ---------------------------------------------------------------- the .pot


def _pot_problems(messages_dir: Path, locale_dir: Path, babel_cfg: Path) -> list[Problem]:
    """Re-extract messages/ in memory as `pybabel extract -F babel.cfg` would, and compare with the .pot."""
    pot_path = locale_dir / POT_NAME
    if not babel_cfg.is_file():
        return [Problem(POT_LABEL, "babel.cfg", f"{babel_cfg} is missing, so the template cannot be checked")]
    if not pot_path.is_file():
        return [Problem(POT_LABEL, POT_NAME, f"{pot_path} is missing; {EXTRACT_COMMAND}")]
    with babel_cfg.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(babel_cfg))
    fresh = {
        context: msgid
        for _file, _line, msgid, _comments, context in extract_from_dir(messages_dir.parent, method_map, options_map)
        if context and isinstance(msgid, str)
    }
    with pot_path.open("rb") as handle:
        shipped = {m.context: m.id for m in read_po(handle) if m.id and m.context and isinstance(m.id, str)}
    problems = []
    for context in sorted(fresh.keys() | shipped.keys()):
        if context not in shipped:
            what = "in messages/ but not in the template (stale .pot)"
        elif context not in fresh:
            what = "in the template but no longer in messages/ (stale .pot)"
        elif fresh[context] != shipped[context]:
            what = "the English text changed since the template was extracted (stale .pot)"
        else:
            continue
        problems.append(Problem(POT_LABEL, context, f"{what}; {EXTRACT_COMMAND}"))
    return problems


# ---------------------------------------------------------------- entries


def _source_problems(content: Content) -> list[Problem]:
    """English placeholders must be ones the helpline knows how to fill."""
    problems = []
    for context, message in content.messages.items():
        unknown = sorted(set(PLACEHOLDER.findall(message.text)) - FILLED_PLACEHOLDERS)
        if unknown:
            names = ", ".join("{" + name + "}" for name in unknown)
            problems.append(Problem(SOURCE_LANGUAGE, context, f"placeholder {names} is not one the helpline fills"))
    return problems


def _entry_problems(content: Content, code: str, translations: dict[str, str], po_file: _PoFile) -> list[Problem]:
    """Missing, stale, unknown entries and broken placeholders of one translated language."""
    problems = []
    for context, message in content.messages.items():
        translation = translations.get(context)
        if translation is None:
            problems.append(Problem(code, context, _why_missing(context, po_file)))
            continue
        if po_file.msgids.get(context) != message.text:
            problems.append(
                Problem(code, context, "translated from an older English text; run `pybabel update`, then review it")
            )
        placeholder = _placeholder_problem(message, translation)
        if placeholder:
            problems.append(Problem(code, context, placeholder))
        if context.endswith(_LIST_SUFFIXES) and '"' in translation:
            # Babel reads a broken line such as `msgstr msgstr "a, b"` without complaint, as the list
            # 'sgstr "a', 'b': the first phrase silently lost. No phrase or keyword needs a quotation mark.
            problems.append(Problem(code, context, _QUOTED_LIST))
    for context in sorted(po_file.msgids.keys() - content.messages.keys()):
        problems.append(Problem(code, context, "not in messages/ any more; run `pybabel update`"))
    return problems


_LIST_SUFFIXES = (".phrases", ".keywords")  # comma-separated lists, read by the matcher
_QUOTED_LIST = "a quotation mark inside the list: is a msgstr line broken in the .po?"


def _why_missing(context: str, po_file: _PoFile) -> str:
    if context not in po_file.msgids:
        return "missing translation (no entry; run `pybabel update`)"
    if context in po_file.fuzzy:
        return "missing translation (marked fuzzy: review it, then remove the fuzzy flag)"
    return "missing translation (empty msgstr)"


def _placeholder_problem(message: SourceMessage, translation: str) -> str | None:
    """Placeholders must keep the English names and counts; a broken one makes the helpline answer in English."""
    want = Counter(PLACEHOLDER.findall(message.text))
    got = Counter(PLACEHOLDER.findall(translation))
    if want != got:
        return f"placeholders differ from the English: expected {_render(want)}, found {_render(got)}"
    try:
        translation.format(**dict.fromkeys(want, "x"))
    except (KeyError, IndexError, ValueError) as error:
        return f"braces do not parse as placeholders ({error}); write placeholders exactly as {_render(want)}"
    return None


def _render(placeholders: Counter[str]) -> str:
    if not placeholders:
        return "none"
    return " ".join(
        "{" + name + "}" + (f" x{count}" if count > 1 else "") for name, count in sorted(placeholders.items())
    )


def _typography_problems(content: Content, catalogs: Catalogs, code: str) -> list[Problem]:
    """Curly quotes, long dashes, ellipses and no-break spaces turn a GSM-7 SMS into UCS-2."""
    if code not in GSM_LANGUAGES:
        return []
    problems = []
    for context, message in content.messages.items():
        text = catalogs.translation(code, context) if code != SOURCE_LANGUAGE else message.text
        if message.kind != "reply" or not text:
            continue
        found = [char for char in dict.fromkeys(text) if char in TYPOGRAPHIC]
        if found:
            fixes = ", ".join(f"{_label(char)} -> {TYPOGRAPHIC[char]}" for char in found)
            problems.append(
                Problem(code, context, f"typographic characters force UCS-2 (fewer characters per SMS): {fixes}")
            )
    return problems


def _label(char: str) -> str:
    name = unicodedata.name(char, "").lower()
    return f"{char} (U+{ord(char):04X})" if char.isprintable() and not char.isspace() else f"U+{ord(char):04X} {name}"


# ---------------------------------------------------------------- keywords


@dataclass(frozen=True)
class _Keyword:
    language: str
    context: str
    pattern: Pattern
    message: Message  # the keyword sent on its own, folded once: pairs are many

    @classmethod
    def of(cls, language: str, context: str, text: str) -> _Keyword:
        return cls(language, context, Pattern.of(text), Message.of(text))

    @property
    def whole_only(self) -> bool:
        return self.context in WHOLE_MESSAGE_LISTS

    def claims(self, other: _Keyword) -> bool:
        """Would this keyword take a message that is exactly the other keyword, as the engine matches it?"""
        return other.message.is_keyword(self.pattern, whole_only=self.whole_only)

    def collides(self, other: _Keyword) -> bool:
        """Would a texter who sends one of the two keywords get the other's answer?

        The whole-message lists (menu, opt-out, opt-in, language) run before
        topics, so such a list steals a topic keyword only when it takes it
        whole (equal after folding, or one typo away); a topic's own prefix of
        a whole-message keyword ("QUIT" before "QUIT NOW") does not misroute.
        Two topics, or two whole-message lists, collide when either takes the
        other's keyword.
        """
        if self.whole_only != other.whole_only:
            system, topic = (self, other) if self.whole_only else (other, self)
            return system.claims(topic)
        return self.claims(other) or other.claims(self)


def _keywords(content: Content, catalogs: Catalogs) -> list[_Keyword]:
    """Every keyword of every language, including the language names the Lexicon adds."""
    contexts = [c for c in content.messages if c.endswith(".keywords")]
    found = []
    for language in catalogs.languages:
        for context in contexts:
            items = catalogs.items(language.code, context)
            if context == "system.language_set.keywords":
                items = [*items, language.own_name] + ([language.english_name] if language.code == "en" else [])
            found += [_Keyword.of(language.code, context, item) for item in dict.fromkeys(items)]
    return [keyword for keyword in found if keyword.pattern.words]


def _candidate_pairs(keywords: list[_Keyword]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of keywords that might match; every other pair certainly does not.

    Comparing every keyword of every language with every other is slow enough
    to matter in CI, so pairs are found through two indexes that cover all the
    ways `Message.is_keyword` can match: first words one edit apart share a
    "one letter deleted" form (substitution, insertion, deletion and swap
    alike), and a Thai or Chinese keyword can only take a message that starts
    with its first character.
    """
    by_form: dict[str, list[int]] = defaultdict(list)
    by_initial: dict[str, list[int]] = defaultdict(list)
    for index, keyword in enumerate(keywords):
        for form in _one_deleted(keyword.message.words[0]):
            by_form[form].append(index)
        if keyword.pattern.unspaced:
            by_initial[keyword.message.squashed[0]].append(index)
    pairs = {(i, j) for bucket in by_form.values() for i, j in combinations(sorted(set(bucket)), 2)}
    for index, keyword in enumerate(keywords):
        for other in by_initial.get(keyword.message.squashed[0], ()):
            if other != index:
                pairs.add((min(index, other), max(index, other)))
    return pairs


def _one_deleted(word: str) -> set[str]:
    """The word and, when long enough for a typo to count, each form of it with one letter deleted."""
    forms = {word}
    if len(word) >= TYPO_MIN_LENGTH - 1:
        forms |= {word[:i] + word[i + 1 :] for i in range(len(word))}
    return forms


def _collision_problems(content: Content, catalogs: Catalogs) -> list[Problem]:
    """Keywords of two lists that claim the same message, as typed or with one typo.

    The engine tries every language's keywords on every message, so a
    collision across languages misroutes texters as surely as one within a
    language; both are reported, under the later keyword (English comes first,
    so the translator of the newer catalog hears of it).
    """
    keywords = _keywords(content, catalogs)
    problems = []
    for i, j in sorted(_candidate_pairs(keywords)):
        first, second = keywords[i], keywords[j]
        if first.context != second.context and first.collides(second):
            other = first.context if first.language == second.language else f"{first.language} {first.context}"
            what = f"keyword '{second.pattern.text}' collides with '{first.pattern.text}' of {other}"
            problems.append(Problem(second.language, second.context, what))
    return problems


# ---------------------------------------------------------------- budgets


def _places(directory: Directory) -> list[tuple[str, CountryLines]]:
    """Every place a texter can be: each listed country and the unlisted-country fallback."""
    return [(UNLISTED, directory.for_country(None))] + [
        (iso, directory.for_country(iso)) for iso in directory.countries
    ]


def _budgets(content: Content) -> dict[str, int]:
    budgets = {c: m.budget for c, m in content.messages.items() if m.kind == "reply" and m.budget is not None}
    budgets.update(COMPOSED_BUDGETS)
    return budgets


def _measures(catalogs: Catalogs, places: Iterable[tuple[str, CountryLines]], code: str) -> Iterator[Measure]:
    """Every reply of a language as texters in each place would get it."""
    languages = catalogs.language_list()
    replies = [m for m in catalogs.content.messages.values() if m.kind == "reply"]
    for number, (place, lines) in enumerate(places):
        values = placeholder_values(catalogs, code, lines, languages)
        for message in replies:
            if code != SOURCE_LANGUAGE and catalogs.translation(code, message.context) is None:
                continue  # reported as missing; its English stand-in is measured under en
            needed = set(PLACEHOLDER.findall(message.text))
            if not needed and number == 0:
                yield _measure(message.context, None, catalogs.text(code, message.context))
            elif needed and needed <= values.keys():
                yield _measure(message.context, place, catalogs.text(code, message.context, **values))
        yield _measure("emergency.medical", place, emergency_reply(catalogs, code, lines, "medical"))
        yield _measure("emergency.suicide", place, emergency_reply(catalogs, code, lines, "suicide"))
        yield _measure("emergency.possible_suicide", place, possible_suicide_reply(catalogs, code, lines))
        yield _measure("emergency.threat", place, threat_reply(catalogs, code, lines))
        yield _measure("emergency.possible", place, possible_violence_reply(catalogs, code, lines))


def placeholder_values(catalogs: Catalogs, code: str, lines: CountryLines, languages: str) -> dict[str, str]:
    """The placeholder values a texter in this place gets; absent ones mean the reply is not sent there."""
    values = {"emergency": replies.emergency_number(catalogs, code, lines), "languages": languages}
    line = replies.crisis_line(lines)
    if line:
        values["line"] = line
    if lines.poison:
        values["poison"] = lines.poison
    return values


def _measure(context: str, place: str | None, text: str) -> Measure:
    return Measure(context=context, place=place, chars=len(text), sms=_count_segments(text))


# Most replies read the same in every place; counting each text once keeps the check quick.
_count_segments = functools.lru_cache(maxsize=8192)(count_segments)


def emergency_reply(catalogs: Catalogs, code: str, lines: CountryLines, kind: str, on_shift: bool = True) -> str:
    """The emergency answer, composed by helpline.replies exactly as the engine sends it."""
    return replies.emergency_reply(catalogs, code, lines, kind, on_shift)


def threat_reply(catalogs: Catalogs, code: str, lines: CountryLines) -> str:
    """The answer to violence now, with "a counselor has been alerted" (its longest form) and the police number
    where the country has one, as sent."""
    return replies.threat_reply(catalogs, code, lines, on_shift=True)


def possible_violence_reply(catalogs: Catalogs, code: str, lines: CountryLines) -> str:
    """The possible-emergency answer to possible violence, with the police number where the country has one."""
    return replies.possible_reply(catalogs, code, lines, "medical", violence=True)


def possible_suicide_reply(catalogs: Catalogs, code: str, lines: CountryLines) -> str:
    """The possible-emergency answer to a possible suicide (the question and the crisis line), as sent."""
    return replies.possible_reply(catalogs, code, lines, "suicide")


def _budget_problems(measures: list[Measure], budgets: dict[str, int], code: str) -> list[Problem]:
    """The worst place of each reply, against its SMS budget and WhatsApp's length limit."""
    worst_sms: dict[str, Measure] = {}
    worst_chars: dict[str, Measure] = {}
    for measure in measures:
        if measure.context not in worst_sms or measure.size > worst_sms[measure.context].size:
            worst_sms[measure.context] = measure
        if measure.context not in worst_chars or measure.chars > worst_chars[measure.context].chars:
            worst_chars[measure.context] = measure
    problems = []
    for context, measure in worst_sms.items():
        budget = budgets.get(context)
        if budget is not None and measure.sms.segments > budget:
            problems.append(Problem(code, context, _over_budget(measure, budget, code)))
    for context, measure in worst_chars.items():
        if measure.chars > WHATSAPP_MAX_CHARS:
            what = f"{measure.chars} characters{_where(measure)}; WhatsApp allows {WHATSAPP_MAX_CHARS}"
            problems.append(Problem(code, context, what))
    return problems


def _where(measure: Measure) -> str:
    return f", texter in {measure.place}" if measure.place else ""


def _over_budget(measure: Measure, budget: int, code: str) -> str:
    sms = measure.sms
    what = f"{sms.segments} SMS segments, budget {budget} ({sms.encoding}, {sms.units} units{_where(measure)})"
    if sms.encoding == "UCS-2" and code in GSM_LANGUAGES:
        what += "; UCS-2 because of " + " ".join(_label(char) for char in sms.non_gsm[:8])
    return what + "; shorten it"


# ---------------------------------------------------------------- the table


def _row(code: str, own_name: str, translated: int, total: int, measures: list[Measure], review: str) -> LanguageRow:
    longest_sms = max(measures, key=lambda m: m.size, default=None)
    longest_whatsapp = max(measures, key=lambda m: m.chars, default=None)
    return LanguageRow(code, own_name, translated, total, longest_sms, longest_whatsapp, review)


def format_table(rows: Iterable[LanguageRow]) -> list[str]:
    """The per-language summary, aligned for a terminal (wide and combining characters counted as they show)."""
    header = ("language", "name", "translated", "longest SMS", "longest WhatsApp", "review")
    lines = [header] + [_cells(row) for row in rows]
    widths = [max(_width(line[i]) for line in lines) for i in range(len(header))]
    return ["  ".join(_pad(cell, width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]


def _cells(row: LanguageRow) -> tuple[str, ...]:
    sms = row.longest_sms
    whatsapp = row.longest_whatsapp
    sms_cell = f"{sms.sms.segments} seg {sms.sms.encoding} ({sms.context})" if sms else "-"
    whatsapp_cell = f"{whatsapp.chars} chars ({whatsapp.context})" if whatsapp else "-"
    return (row.code, row.own_name, f"{row.translated}/{row.total}", sms_cell, whatsapp_cell, row.review)


def _width(text: str) -> int:
    return sum(
        0 if unicodedata.category(char) in {"Mn", "Me"} else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
