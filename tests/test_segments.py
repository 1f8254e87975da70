"""Boundary tests for helpline.segments (GSM 03.38 / Twilio segment method)."""

import dataclasses

import pytest

from helpline.segments import SegmentCount, count_segments, is_gsm7

# Built independently of the module's table: printable ASCII minus the backtick
# (not in GSM-7) and the eight extension-table characters, plus LF, CR and the
# 39 non-ASCII characters of the GSM 03.38 basic table. 127 characters; the
# 128th code, 0x1B, is the escape to the extension table.
EXTENSION = "^{}\\[~]|€\f"
NON_ASCII_BASIC = "£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà"
BASIC = (
    "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in "`" + EXTENSION)
    + "\n\r"
    + NON_ASCII_BASIC
)

EURO = "€"
ACCENTED = "ệ"  # U+1EC7, in the BMP, not GSM-7: 1 UCS-2 unit
EMOJI = "😀"  # U+1F600, outside the BMP: a surrogate pair, 2 UCS-2 units


def test_basic_alphabet_is_127_distinct_characters() -> None:
    assert len(BASIC) == len(set(BASIC)) == 127


def test_whole_basic_alphabet_is_gsm7_at_one_septet_each() -> None:
    assert count_segments(BASIC) == SegmentCount("GSM-7", 127, 1, ())
    assert is_gsm7(BASIC)


@pytest.mark.parametrize("char", list(EXTENSION))
def test_extension_character_costs_two_septets(char: str) -> None:
    assert count_segments("a" + char) == SegmentCount("GSM-7", 3, 1, ())


@pytest.mark.parametrize(
    "char",
    [
        "`",  # ASCII but not GSM-7
        "\t",
        "\x1b",  # the escape code itself is not a character
        "ç",  # only capital Ç is in the table
        "á",
        "ê",
        "\u00a0",  # no-break space
        "’",
        "“",
        "–",
        "…",
        "e\u0301",  # decomposed é: the combining accent is not GSM-7
    ],
)
def test_lookalikes_outside_gsm7_force_ucs2(char: str) -> None:
    assert not is_gsm7(char)
    assert count_segments(char).encoding == "UCS-2"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),
        ("Hello, world!", True),
        ("{[~]}|\\^€", True),
        ("Zoë", False),
        (EMOJI, False),
    ],
)
def test_is_gsm7(text: str, expected: bool) -> None:
    assert is_gsm7(text) is expected


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        # GSM-7: 160 in one segment, then 153 per segment.
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        # The euro sign is ESC + e: two septets.
        (EURO * 80, "GSM-7", 160, 1),
        (EURO * 81, "GSM-7", 162, 2),
        # 76 euros (152 septets) fill a 153-septet part; naive 306/153 says 2.
        (EURO * 152, "GSM-7", 304, 2),
        (EURO * 153, "GSM-7", 306, 3),
        # UCS-2: 70 units in one segment, then 67 per segment.
        (ACCENTED * 70, "UCS-2", 70, 1),
        (ACCENTED * 71, "UCS-2", 71, 2),
        (ACCENTED * 134, "UCS-2", 134, 2),
        (ACCENTED * 135, "UCS-2", 135, 3),
        # Emoji are two units each: 35 fit in one, 33 per part after that,
        # so 67 emoji (134 units, naive 134/67 = 2) need 3.
        (EMOJI * 35, "UCS-2", 70, 1),
        (EMOJI * 36, "UCS-2", 72, 2),
        (EMOJI * 66, "UCS-2", 132, 2),
        (EMOJI * 67, "UCS-2", 134, 3),
    ],
)
def test_segment_boundaries(
    text: str, encoding: str, units: int, segments: int
) -> None:
    result = count_segments(text)
    assert (result.encoding, result.units, result.segments) == (
        encoding,
        units,
        segments,
    )


@pytest.mark.parametrize(
    ("text", "units", "segments"),
    [
        # Part 1 holds 152 'a'; the euro's 2 septets would make 154 > 153, so
        # it moves to part 2, which then holds it + 151 'a' = 153 septets.
        ("a" * 152 + EURO + "a" * 151, 305, 2),
        # One more 'a' spills into part 3, although 306 septets / 153 = 2.
        ("a" * 152 + EURO + "a" * 152, 306, 3),
    ],
)
def test_extension_character_is_not_split_across_segments(
    text: str, units: int, segments: int
) -> None:
    assert count_segments(text) == SegmentCount("GSM-7", units, segments, ())


@pytest.mark.parametrize(
    ("text", "units", "segments"),
    [
        # Part 1 holds 66 units; the emoji's surrogate pair would make 68 > 67,
        # so it moves whole to part 2, which holds it + 65 'ệ' = 67 units.
        (ACCENTED * 66 + EMOJI + ACCENTED * 65, 133, 2),
        # One more 'ệ' spills into part 3, although 134 units / 67 = 2.
        (ACCENTED * 66 + EMOJI + ACCENTED * 66, 134, 3),
    ],
)
def test_surrogate_pair_is_not_split_across_segments(
    text: str, units: int, segments: int
) -> None:
    assert count_segments(text) == SegmentCount(
        "UCS-2", units, segments, (ACCENTED, EMOJI)
    )


def test_typographic_apostrophe_forces_ucs2_and_is_reported() -> None:
    assert count_segments("It’s") == SegmentCount("UCS-2", 4, 1, ("’",))
    assert count_segments("It's") == SegmentCount("GSM-7", 4, 1, ())


def test_one_non_gsm_character_turns_the_whole_message_ucs2() -> None:
    # 159 'a' + '’' is 160 units of UCS-2: 67 + 67 + 26.
    assert count_segments("a" * 159 + "’") == SegmentCount("UCS-2", 160, 3, ("’",))


def test_non_gsm_is_distinct_in_order_of_first_appearance() -> None:
    result = count_segments("“Hi” it’s “me” 😀😀")
    assert result.non_gsm == ("“", "”", "’", EMOJI)
    assert result.units == 19  # 17 BMP characters + 1 emoji counted twice


def test_thai_is_ucs2() -> None:
    text = "สวัสดีครับ"  # 10 code points, all in the BMP
    result = count_segments(text)
    assert result.encoding == "UCS-2"
    assert (result.units, result.segments) == (10, 1)
    assert result.non_gsm == tuple(dict.fromkeys(text))


@pytest.mark.parametrize(
    ("text", "units"), [("a\nb", 3), ("\n" * 160, 160), ("a\r\nb", 4)]
)
def test_newline_counts_one_septet(text: str, units: int) -> None:
    assert count_segments(text) == SegmentCount("GSM-7", units, 1, ())


def test_newlines_past_160_need_two_segments() -> None:
    assert count_segments("\n" * 161).segments == 2


def test_empty_message_is_one_segment_of_zero_units() -> None:
    assert count_segments("") == SegmentCount("GSM-7", 0, 1, ())


def test_result_is_frozen() -> None:
    result = count_segments("hi")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.segments = 5  # type: ignore[misc]
