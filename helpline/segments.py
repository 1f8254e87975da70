"""Count the SMS segments a message body will be billed as.

Why our own: no well-kept library counts segments correctly today; the small
PyPI packages are old and one of them miscounts emoji. The rules are short, so
we keep them here, with tests on every boundary.

Method (GSM 03.38 / 3GPP TS 23.038, as in Twilio's published segment
calculator, github.com/TwilioDevEd/message-segment-calculator):

* If every character is in the GSM-7 default alphabet, the message is GSM-7:
  a basic-table character costs one 7-bit septet, an extension-table
  character (``^ { } \\ [ ~ ] | €`` and form feed) costs two (ESC + char).
* Otherwise the whole message is UCS-2: every UTF-16 code unit costs 16 bits,
  so a character outside the BMP (most emoji) costs two units.
* One segment carries 1120 bits (160 septets / 70 UCS-2 units). A message that
  needs more than one segment loses 48 bits per segment to the concatenation
  header (UDH), leaving 153 septets / 67 units.
* A character is never split across segments: an escape pair or a surrogate
  pair that does not fit moves whole to the next segment. We therefore fill
  segments greedily, character by character, instead of dividing totals.

The empty string counts as one segment of 0 units, since an empty message is
still sent and billed as one.

Characters are counted per Unicode code point, with no normalisation: a
decomposed "é" (e + U+0301) is not GSM-7. (Twilio's calculator also keeps
multi-code-point graphemes such as ZWJ emoji in one segment; we do not.)
"""

from dataclasses import dataclass
from typing import Literal

__all__ = ["SegmentCount", "count_segments", "gsm7_alphabet", "is_gsm7"]

# The 128 entries of the GSM 03.38 default alphabet in code order, 0x00-0x7F.
# 0x1B is the escape to the extension table, not a character of its own.
_GSM7_TABLE = (
    "@£$¥èéùìòÇ\nØø\rÅå"
    "Δ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ"
    " !\"#¤%&'()*+,-./"
    "0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNO"
    "PQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmno"
    "pqrstuvwxyzäöñüà"
)
_GSM7_BASIC: frozenset[str] = frozenset(_GSM7_TABLE) - {"\x1b"}
_GSM7_EXTENSION: frozenset[str] = frozenset("\f^{}\\[~]|€")

_SEGMENT_BITS = 1120  # 140 octets of user data
_UDH_BITS = 48  # concatenation header in each part of a multi-part message
_SEPTET_BITS = 7
_UCS2_UNIT_BITS = 16


@dataclass(frozen=True)
class SegmentCount:
    encoding: Literal["GSM-7", "UCS-2"]
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int
    # The distinct characters that forced UCS-2, in order of first appearance
    # (empty for GSM-7).
    non_gsm: tuple[str, ...]


def _is_gsm7_char(char: str) -> bool:
    return char in _GSM7_BASIC or char in _GSM7_EXTENSION


def is_gsm7(text: str) -> bool:
    """Return True if ``text`` can be sent in GSM-7 (basic + extension)."""
    return all(_is_gsm7_char(char) for char in text)


def _units(char: str, encoding: Literal["GSM-7", "UCS-2"]) -> int:
    if encoding == "GSM-7":
        return 2 if char in _GSM7_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def count_segments(text: str) -> SegmentCount:
    """Count encoding, units and segments for an SMS body (see module doc)."""
    non_gsm = tuple(dict.fromkeys(c for c in text if not _is_gsm7_char(c)))
    encoding: Literal["GSM-7", "UCS-2"] = "UCS-2" if non_gsm else "GSM-7"
    unit_bits = _UCS2_UNIT_BITS if non_gsm else _SEPTET_BITS
    costs = [_units(char, encoding) for char in text]
    units = sum(costs)

    if units * unit_bits <= _SEGMENT_BITS:
        return SegmentCount(encoding, units, 1, non_gsm)

    capacity = (_SEGMENT_BITS - _UDH_BITS) // unit_bits  # 153 septets / 67 units
    segments, used = 1, 0
    for cost in costs:
        if used + cost > capacity:
            segments, used = segments + 1, 0
        used += cost
    return SegmentCount(encoding, units, segments, non_gsm)


def gsm7_alphabet() -> dict[str, str]:
    """The GSM-7 tables for the browser's live counter (static/segments.js), so both count the same way."""
    return {
        "basic": "".join(sorted(_GSM7_BASIC)),
        "extension": "".join(sorted(_GSM7_EXTENSION)),
    }
