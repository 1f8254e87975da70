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


# Vietnamese marks, as NFD writes them: the tone of a syllable (one per syllable, wherever it sits: "khoẻ" and
# "khỏe" are one word) and the marks that make another vowel (â ê ô ă ơ ư) or another consonant (đ).
_VIETNAMESE_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_VIETNAMESE_QUALITIES = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_TONE_MARK = "\x02"  # before a tone, in _SpellingTable's output
_QUALITY_MARK = "\x03"  # before a vowel or consonant mark


class _SpellingTable(dict[int, str]):
    """Like the fold table, but a Latin letter keeps its Vietnamese marks, written after it as plain characters
    behind a _TONE_MARK or _QUALITY_MARK: words come out aligned with fold()'s, and the marks say how each was
    spelled."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _FOLD_TABLE[code]
        if char.isalpha() and _is_latin(char) and folded.isascii() and len(folded) == 1 and folded.strip():
            lowered = char.casefold()
            marks = [c for c in unicodedata.normalize("NFD", lowered) if unicodedata.combining(c)]
            if lowered == "đ":
                folded += _QUALITY_MARK + "-"
            folded += "".join(_QUALITY_MARK + c for c in marks if c in _VIETNAMESE_QUALITIES)
            folded += "".join(_TONE_MARK + c for c in marks if c in _VIETNAMESE_TONES)
        self[code] = folded
        return folded


_SPELLING_TABLE = _SpellingTable()


def vietnamese_spellings(text: str) -> list[tuple[str, str] | None]:
    """For each word of fold(text), in order: how it was spelled in Vietnamese, or None for a word typed without
    any accent (texters often type none, and then "gio" may be "giờ", now, or "giỗ", a death anniversary).
    A spelling is the word's letters with their vowel and consonant marks in place, and its tone, wherever on the
    syllable it sits ("khoẻ" and "khỏe" are one word): "" for a word without a tone mark."""
    spellings: list[tuple[str, str] | None] = []
    for word in text.translate(_SPELLING_TABLE).split():
        if _TONE_MARK not in word and _QUALITY_MARK not in word:
            spellings.append(None)
            continue
        parts = word.split(_TONE_MARK)
        letters = parts[0] + "".join(part[1:] for part in parts[1:])
        spellings.append((letters, "".join(sorted(part[:1] for part in parts[1:]))))
    return spellings


def spelled_apart(typed: tuple[str, str] | None, written: tuple[str, str] | None) -> bool:
    """Whether two words that fold alike were spelled as two Vietnamese words: both written with accents, and
    with other vowel or consonant marks ("giỗ", a death anniversary, is not "giờ", now; "sưng", swollen, is not
    "súng", a gun), or with two different tones ("cậu", an uncle, is not "cầu", a bridge). A tone left out is not
    a difference: texters in a hurry type "hêt" for "hết", and "ngưng" and "ngừng" (to stop) are both written."""
    if typed is None or written is None:
        return False
    (typed_letters, typed_tone), (written_letters, written_tone) = typed, written
    return typed_letters != written_letters or bool(typed_tone and written_tone and typed_tone != written_tone)


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
