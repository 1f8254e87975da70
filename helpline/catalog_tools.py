"""Catalog tools for operators and reviewers: `helpline catalog optout-texts` and `helpline catalog review LANG`.

optout-texts: Twilio's Advanced Opt-Out sends its own confirmation for STOP, START and HELP on
long codes and toll-free numbers, and after STOP it blocks every message of ours (error 21610).
So the texts Twilio sends must carry what ours would: the emergency number, how to come back,
how to get help quitting. They are printed from the catalogs, per language, to paste into the
Messaging Service's Opt-Out Management page; {emergency} is filled for one sender country, or
with the unlisted-country wording ("your local emergency number") when the service is
international.

review: every reply of one language beside its English source, with the SMS segments each takes,
so a native speaker can review a language in one sitting.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from helpline import replies
from helpline.catalog_check import placeholder_values
from helpline.catalogs import SOURCE_LANGUAGE, Catalogs
from helpline.directory import Directory
from helpline.segments import count_segments

# Twilio's Advanced Opt-Out message types, with the catalog entries of their text and keywords.
OPT_OUT_ENTRIES = (
    ("Opt-out confirmation (STOP)", "system.optout.text", "system.optout.keywords"),
    ("Opt-in confirmation (START)", "system.optin.text", "system.optin.keywords"),
    ("Help (HELP)", "system.menu.text", "system.menu.keywords"),
)


@dataclass(frozen=True)
class OptOutText:
    language: str
    kind: str
    text: str
    segments: int
    encoding: str
    keywords: tuple[str, ...] = ()


def optout_texts(catalogs: Catalogs, directory: Directory, country: str | None = None) -> Iterator[OptOutText]:
    """The opt-out, opt-in and help texts of every language, filled for one sender country."""
    lines = directory.for_country(country)
    for code in catalogs.codes:
        values = {"emergency": replies.emergency_number(catalogs, code, lines)}
        for kind, context, keywords in OPT_OUT_ENTRIES:
            text = catalogs.text(code, context, **values)
            sms = count_segments(text)
            words = tuple(catalogs.items(code, keywords))
            yield OptOutText(code, kind, text, sms.segments, sms.encoding, words)


def format_optout_texts(texts: Iterator[OptOutText], country: str | None) -> list[str]:
    where = f"texters in {country}" if country else "texters in any country (unlisted-country wording)"
    out = [
        f"Twilio Advanced Opt-Out texts, from the catalogs, for {where}.",
        "Paste each into Console > Messaging > Services > (service) > Opt-Out Management, per language.",
    ]
    language = None
    for item in texts:
        if item.language != language:
            language = item.language
            out.append("")
            out.append(f"[{language}]")
        out.append(f"{item.kind} ({item.segments} SMS, {item.encoding}):")
        out.append(f"  {item.text}")
        if item.keywords:
            out.append(f"  keywords: {', '.join(item.keywords)}")
    return out


@dataclass(frozen=True)
class ReviewRow:
    context: str
    english: str
    translation: str | None
    segments: int | None
    budget: int | None
    sources: tuple[str, ...]


def review_rows(catalogs: Catalogs, directory: Directory, code: str, country: str | None = None) -> list[ReviewRow]:
    """Every reply and list of a language beside the English, replies measured as a texter in `country`
    (default: an unlisted one) gets them; `helpline catalog check` measures every place."""
    lines = directory.for_country(country)
    values = placeholder_values(catalogs, code, lines, catalogs.language_list())
    rows = []
    for context, message in catalogs.content.messages.items():
        own = catalogs.translation(code, context) if code != SOURCE_LANGUAGE else message.text
        segments = None
        if own is not None and message.kind == "reply":
            try:
                segments = count_segments(own.format(**values)).segments
            except (KeyError, IndexError, ValueError):
                segments = None  # not sent in this place (no such line), or a broken placeholder
        rows.append(ReviewRow(context, message.text, own, segments, message.budget, message.sources))
    return rows


def format_review(rows: list[ReviewRow], code: str, review: str | None) -> list[str]:
    out = [f"Review of {code} (status: {review or 'not stated'}). Each entry: English, then {code}."]
    for row in rows:
        size = ""
        if row.segments is not None:
            flag = "" if row.budget is None or row.segments <= row.budget else "  OVER BUDGET"
            size = f"  [{row.segments} SMS, budget {row.budget}{flag}]"
        sources = f"  sources: {', '.join(row.sources)}" if row.sources else ""
        out.append("")
        out.append(f"== {row.context}{size}{sources}")
        out.append(f"en: {row.english}")
        out.append(f"{code}: {row.translation if row.translation is not None else '(MISSING: English is sent)'}")
    return out


# ---------------------------------------------------------------- zh_Hant lists from zh_Hans

# Drug names Taiwan and Hong Kong write differently from the mainland, added beside the conversion.
HANT_SWAPS = (("阿片", "鴉片"), ("芬太尼", "吩坦尼"), ("冰毒", "安非他命"), ("可卡因", "古柯鹼"))
# zh_Hant-only phrases that no zh_Hans phrase converts to, always part of the rebuilt lists. Hong Kong
# texters often write Cantonese: "佢冇呼吸" (he isn't breathing), "叫極都唔醒" (won't wake however hard
# you call), "唔想再生存" (don't want to live any more); "笑到我想死" is laughter.
HANT_EXTRAS: dict[str, tuple[str, ...]] = {
    "emergency.medical.phrases": (
        *("倒下去", "倒在地上", "打999", "打995", "打119"),
        *("冇呼吸", "唔呼吸", "停咗呼吸", "叫唔醒", "叫極都唔醒", "拍唔醒", "暈咗", "昏咗", "昏迷咗", "佢冇反應"),
        *("冇晒反應", "食咗好多藥", "食咗成樽藥", "食過量", "食多咗", "口吐白泡", "心口好痛", "佢唔郁", "一啲都唔郁"),
    ),
    "emergency.suicide.phrases": ("唔想生存", "唔想再生存", "唔想活", "唔想再醒", "唔想醒返", "想死咗佢", "想了結自己"),
    "emergency.negations.phrases": ("笑到", "手機冇反應", "部機冇反應", "冇電"),
}
# The two zh_Hant replies of the detector's possible tier and of a pet in danger, as written (not converted).
HANT_REPLIES = {
    "emergency.possible.text": "如果有人有危險，請撥打{emergency}。現在有人有危險嗎？請回覆 是。",
    "emergency.pet.text": "如果是動物：請馬上聯絡獸醫，說明牠吞了什麼。如果有人有危險，請撥打{emergency}。",
}


def hant_items(context: str, hans_items: list[str]) -> list[str]:
    """zh_Hant's version of one emergency phrase list: each zh_Hans phrase through OpenCC's s2twp
    (Traditional characters with Taiwan phrasing), the local drug names beside them, and the
    zh_Hant-only extras (HANT_EXTRAS). A character-by-character mapping is not enough (不 is
    not 果); OpenCC's dictionaries are. opencc is a development dependency, imported here only."""
    import opencc  # noqa: PLC0415 - development tool, not needed at run time

    convert = opencc.OpenCC("s2twp").convert
    converted = [convert(item) for item in hans_items]
    local = [item.replace(a, b) for item in converted for a, b in HANT_SWAPS if a in item]
    return list(dict.fromkeys([*converted, *local, *HANT_EXTRAS.get(context, ())]))
