"""Translated catalogs: what the bot says in each language, read from .po files.

A language exists when `locale/<code>/LC_MESSAGES/messages.po` exists: adding
a language is adding that file, with no code change. The .po files are parsed
with Babel at start-up (the same parse `pybabel compile` does), so a fresh
clone needs no compiled .mo files. Fuzzy and empty entries count as missing,
as gettext treats them; a missing reply falls back to English, because an
English answer is safer than none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po

from helpline.content import Content
from helpline.textnorm import split_list

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"


class CatalogError(ValueError):
    """A catalog cannot be read or names an unknown language."""


@dataclass(frozen=True)
class Language:
    code: str  # catalog folder name: "es", "pt_BR", "zh_Hans"
    own_name: str  # the language's name in itself, from Babel's locale data
    english_name: str


def language_info(code: str) -> Language:
    """Names of a language from CLDR via Babel, so translators never have to supply them."""
    try:
        locale = Locale.parse(code)
    except (ValueError, TypeError) as error:
        raise CatalogError(f"{code}: not a language Babel knows ({error})") from error
    # The language alone ("Português", "中文"), not "Português (Brasil)": shorter in an SMS list.
    own = locale.get_language_name(locale) or code
    english = locale.get_language_name("en") or code
    return Language(code=code, own_name=own[:1].upper() + own[1:], english_name=english)


def _distinct_names(languages: tuple[Language, ...]) -> tuple[Language, ...]:
    """Two catalogs of one language ("中文" Simplified and Traditional) are told apart by script
    ("中文 (简体)", "中文 (繁體)"): the LANG list must not offer the same name twice."""
    names = [language.own_name for language in languages]
    distinct = []
    for language in languages:
        if names.count(language.own_name) > 1:
            locale = Locale.parse(language.code)
            own = locale.get_display_name(locale) or language.own_name
            english = locale.get_display_name("en") or language.english_name
            language = Language(code=language.code, own_name=own, english_name=english)
        distinct.append(language)
    return tuple(distinct)


LIST_SUFFIXES = (".keywords", ".phrases")


def read_translations(po_path: Path) -> dict[str, str]:
    """Context -> translation for every usable entry of a .po file.

    A fuzzy reply is not used (gettext's rule: the English changed, the translation may now say
    something else). A fuzzy keyword or phrase list still is: it is the language's own list, and
    dropping it when someone edits the English list would silently switch off that language's
    emergency phrases. `helpline catalog check` still reports it for review.
    """
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    translations: dict[str, str] = {}
    for message in catalog:
        if not message.id or not message.context:
            continue
        if message.fuzzy and not message.context.endswith(LIST_SUFFIXES):
            continue
        if isinstance(message.string, str) and message.string.strip():
            translations[message.context] = message.string
    return translations


def discover(locale_dir: Path = LOCALE_DIR) -> dict[str, Path]:
    """Language code -> .po path for every catalog in the locale folder."""
    found: dict[str, Path] = {}
    if locale_dir.is_dir():
        for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            found[po_path.parent.parent.name] = po_path
    return found


class Catalogs:
    """Every language's strings, English first, with English as the fallback."""

    def __init__(self, content: Content, translations: dict[str, dict[str, str]]):
        self.content = content
        english = {context: message.text for context, message in content.messages.items()}
        self._strings: dict[str, dict[str, str]] = {SOURCE_LANGUAGE: english}
        for code, strings in sorted(translations.items()):
            if code != SOURCE_LANGUAGE:
                self._strings[code] = {k: v for k, v in strings.items() if k in english}
        self.languages: tuple[Language, ...] = _distinct_names(tuple(language_info(code) for code in self._strings))
        # Asked several times per message: built once.
        self.codes: tuple[str, ...] = tuple(language.code for language in self.languages)

    @classmethod
    def load(cls, content: Content, locale_dir: Path = LOCALE_DIR) -> Catalogs:
        translations = {code: read_translations(path) for code, path in discover(locale_dir).items()}
        return cls(content, translations)

    def language(self, code: str) -> Language:
        for language in self.languages:
            if language.code == code:
                return language
        raise CatalogError(f"{code}: no catalog")

    def language_list(self) -> str:
        """Every language by its own name, as the LANG answer lists them."""
        return ", ".join(language.own_name for language in self.languages)

    def translation(self, code: str, context: str) -> str | None:
        """The language's own string, or None when it has none (no English fallback)."""
        return self._strings.get(code, {}).get(context)

    def text(self, code: str, context: str, **values: str) -> str:
        """A reply in a language, placeholders filled; English when the translation is missing or broken."""
        english = self._strings[SOURCE_LANGUAGE][context]
        own = self.translation(code, context)
        if own is not None:
            try:
                return own.format(**values)
            except (KeyError, IndexError, ValueError):
                pass  # a broken placeholder must not silence a reply: `catalog check` reports it
        return english.format(**values)

    def items(self, code: str, context: str) -> list[str]:
        """A list entry (keywords, phrases) of one language; [] when the language lacks it."""
        value = self.translation(code, context)
        return split_list(value) if value else []
