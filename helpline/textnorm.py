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
from functools import lru_cache

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


class _FoldTable(dict[int, str]):
    """str.translate table that folds one character at a time, filled on first sight of each character.

    Folding a character does not depend on its neighbours (a combining accent on a Latin letter is
    dropped, a Thai vowel mark kept), so the per-character result can be cached: after warm-up a
    message is folded by one C-speed `str.translate` instead of a Python loop over its characters.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


def _fold_char(char: str) -> str:
    out = []
    for part in unicodedata.normalize("NFKC", char).casefold().translate(_SPECIAL_LETTERS):
        decomposed = unicodedata.normalize("NFD", part)
        if _is_latin(decomposed[0]):
            decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
        for piece in unicodedata.normalize("NFC", decomposed):
            if piece in _APOSTROPHES:
                continue
            if 0x0300 <= ord(piece) <= 0x036F:  # a loose accent (the letter came decomposed): it sat on a Latin letter
                continue
            out.append(piece if unicodedata.category(piece)[0] in _WORD_CATEGORIES else " ")
    return "".join(out)


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Case-, width-, accent- and punctuation-insensitive form, words joined by one space.
    (Remembered for recent texts: one message is folded whole by the lexicon, the model and the echo check.
    As many as the engine's other per-text caches keep: with fewer, texts coming back in a larger cycle never
    found their fold, and the echo check folds every message.)"""
    return " ".join(text.translate(_FOLD_TABLE).split())


_ACCENT_MARK = "\x00"  # after a letter that lost an accent in folding
_VIETNAMESE_MARK = "\x01"  # after a letter only Vietnamese writes (ư, ơ, ă, đ, ạ, ế, ...)
# ă, đ, ơ, ư and the letters with Vietnamese tone marks (Latin Extended Additional); â, ê, ô are French too.
_VIETNAMESE_ONLY = frozenset("ăđơư") | frozenset(chr(c) for c in range(0x1EA0, 0x1F00))


class _MarkTable(dict[int, str]):
    """Like the fold table, but a Latin letter that folding strips of an accent ("ô", "ư", "đ") is followed by a
    mark: words come out aligned with fold()'s, and the marks say which had an accent, and which a Vietnamese one."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _FOLD_TABLE[code]
        accented = char.isalpha() and _is_latin(char) and folded != char.casefold() and folded.isascii()
        if accented and folded.strip():
            folded += _VIETNAMESE_MARK if char.casefold() in _VIETNAMESE_ONLY else _ACCENT_MARK
        self[code] = folded
        return folded


_MARK_TABLE = _MarkTable()


def accent_kinds(text: str) -> list[int]:
    """For each word of fold(text), in order: 0 without accents, 1 with an accent folding dropped ("não",
    "café"), 2 with a letter only Vietnamese writes ("sông" is not "song", "trên" is not "tren")."""
    kinds = []
    for word in text.translate(_MARK_TABLE).split():
        kinds.append(2 if _VIETNAMESE_MARK in word else 1 if _ACCENT_MARK in word else 0)
    return kinds


def tokens(text: str) -> list[str]:
    """Folded words of a text."""
    folded = fold(text)
    return folded.split(" ") if folded else []


_UNSPACED_LETTER = re.compile("[\u0e00-\u0fff\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def is_unspaced_script(text: str) -> bool:
    """True for scripts written without spaces between words (Thai, Lao, Khmer, Chinese, Japanese).
    (Asked for every word of every message: ASCII answers at once, the rest is one search in C.)"""
    return not text.isascii() and _UNSPACED_LETTER.search(text) is not None


def split_list(value: str) -> list[str]:
    """Split a catalog list ("SIGNS, OD, OVERDOSE") into its non-empty, stripped items.

    Full-width and ideographic commas count as commas, so translators can type
    the list with their own keyboard.
    """
    value = value.replace("\uff0c", ",").replace("\u3001", ",").replace("\u060c", ",")
    return [item.strip() for item in value.split(",") if item.strip()]
