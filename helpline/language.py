"""The one place that decides which language a reply is written in.

Order, first that applies wins:
1. an explicit switch: LANG then a choice, or a language's own name ("ESPAÑOL");
2. the language of the keyword or phrase the texter used; when the word exists
   in several languages ("INFO", "KRATOM", "overdose"), the stored one, else the
   detected one, else the country's language, else catalog order (so "overdose
   help" from +1 is answered in English, not in French, which lists "overdose").
   English keywords work in every language (carrier rules: STOP, HELP; and TALK,
   MENU), so an English-only match does not switch a texter whose language is
   stored to English, unless detection reads the message itself as English:
   a Spanish texter who sends TALK keeps getting Spanish;
3. detection on free text, only when it is confident;
4. the language stored for the texter;
5. for a first message, the official language of the number's country;
6. English.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from babel.languages import get_official_languages

from helpline.catalogs import SOURCE_LANGUAGE

# Babel's territory data names Filipino "fil"; our catalog folder is "tl".
_ALIASES = {"fil": "tl", "zh_Hans": "zh_Hans", "zh": "zh_Hans", "pt": "pt_BR"}


def choose(
    *,
    available: Sequence[str],
    switched_to: str | None = None,
    matched: Sequence[str] = (),
    detected: str | None = None,
    stored: str | None = None,
    country: str | None = None,
) -> str:
    if switched_to is not None and switched_to in available:
        return switched_to
    detected = _chinese_variant(detected, stored, country, available)
    if matched:
        english_only = all(code == SOURCE_LANGUAGE for code in matched)
        if english_only and stored is not None and stored in available and SOURCE_LANGUAGE not in (stored, detected):
            return stored
        for preferred in (stored, detected, country_language(country, available)):
            if preferred is not None and preferred in matched:
                return preferred
        return matched[0]
    if detected is not None and detected in available:
        return detected
    if stored is not None and stored in available:
        return stored
    hinted = country_language(country, available)
    if hinted:
        return hinted
    return SOURCE_LANGUAGE


def _chinese_variant(
    detected: str | None, stored: str | None, country: str | None, available: Sequence[str]
) -> str | None:
    """Han script is detected as Simplified Chinese; a texter who reads Traditional (their stored
    language, or a number from Taiwan, Hong Kong or Macau) keeps Traditional."""
    if detected != "zh_Hans" or "zh_Hant" not in available:
        return detected
    if stored in ("zh_Hans", "zh_Hant"):
        return stored
    if country_language(country, available) == "zh_Hant":
        return "zh_Hant"
    return detected


def country_language(country: str | None, available: Sequence[str]) -> str | None:
    """The first official language of a country that has a catalog (CLDR data via Babel)."""
    if not country:
        return None
    for official in _official_languages(country):
        code = _ALIASES.get(official, official)
        if code in available:
            return code
        base = official.split("_")[0]
        if _ALIASES.get(base, base) in available:
            return _ALIASES.get(base, base)
    return None


@lru_cache(maxsize=512)
def _official_languages(country: str) -> tuple[str, ...]:
    """CLDR's official languages of a country (Babel builds the list on every call; a country's never changes)."""
    return tuple(get_official_languages(country, de_facto=True))
