"""Fold texters' spelling so that matching compares meaning, not keyboards.

People text `SENALES`, `señales` and `Señales`; Vietnamese texters often drop
diacritics ("khong tho"); phones insert full-width or curly punctuation. Folding
both sides the same way lets a short phrase list in a catalog match all of them.
Accents are removed from Latin letters only: Thai vowel and tone marks are
combining characters too, but they carry meaning and Thai texters type them.
"""

from __future__ import annotations

import re
import unicodedata

_LATIN_MAX = 0x024F
_LATIN_EXTENDED_ADDITIONAL = range(0x1E00, 0x1F00)
_APOSTROPHES = "'\u2019\u02bc`\u00b4"
_SPECIAL_LETTERS = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i"})
_SPACES = re.compile(r"\s+")
_WORD_CATEGORIES = ("L", "M", "N")  # letters, marks (Thai vowels and tones), numbers


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code <= _LATIN_MAX or code in _LATIN_EXTENDED_ADDITIONAL


def strip_latin_accents(text: str) -> str:
    """Drop combining marks that sit on a Latin letter, keep all others."""
    kept: list[str] = []
    base_is_latin = False
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not base_is_latin:
                kept.append(char)
            continue
        base_is_latin = _is_latin(char)
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def fold(text: str) -> str:
    """Case-, width-, accent- and punctuation-insensitive form, words joined by one space."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL_LETTERS)
    text = strip_latin_accents(text)
    for apostrophe in _APOSTROPHES:
        text = text.replace(apostrophe, "")
    # Not the regex \W: it treats Thai vowel and tone marks as non-word characters and would split words.
    kept = "".join(ch if unicodedata.category(ch)[0] in _WORD_CATEGORIES else " " for ch in text)
    return _SPACES.sub(" ", kept).strip()


def tokens(text: str) -> list[str]:
    """Folded words of a text."""
    folded = fold(text)
    return folded.split(" ") if folded else []


def is_unspaced_script(text: str) -> bool:
    """True for scripts written without spaces between words (Thai, Lao, Khmer, Chinese, Japanese)."""
    for char in text:
        code = ord(char)
        if 0x0E00 <= code <= 0x0FFF or 0x1780 <= code <= 0x17FF:
            return True
        if 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
            return True
    return False


def split_list(value: str) -> list[str]:
    """Split a catalog list ("SIGNS, OD, OVERDOSE") into its non-empty, stripped items.

    Full-width and ideographic commas count as commas, so translators can type
    the list with their own keyboard.
    """
    value = value.replace("\uff0c", ",").replace("\u3001", ",").replace("\u060c", ",")
    return [item.strip() for item in value.split(",") if item.strip()]
