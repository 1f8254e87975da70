import re
import tomllib
from datetime import date
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from helpline.directory import DEFAULT_PATH, CountryLines, Directory, DirectoryError

REQUIRED = (
    "US",
    "CA",
    "MX",
    "GB",
    "IE",
    "DE",
    "FR",
    "ES",
    "TH",
    "MY",
    "ID",
    "PH",
    "VN",
    "AU",
    "NZ",
    "IN",
    "BR",
)
TIP_OFF_LINES = ("1933", "184")


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory.load(DEFAULT_PATH)


def mobile(region: str) -> str:
    example = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    return phonenumbers.format_number(example, PhoneNumberFormat.E164)


def test_shipped_file_covers_required_countries(directory: Directory) -> None:
    assert set(REQUIRED) <= set(directory.countries)
    assert list(directory.countries) == sorted(directory.countries)


@pytest.mark.parametrize("region", REQUIRED)
def test_mobile_number_resolves_to_its_country(
    directory: Directory, region: str
) -> None:
    lines = directory.for_address(mobile(region))
    assert lines.country == region
    assert not lines.is_fallback
    assert lines.emergency and all(lines.emergency)


@pytest.mark.parametrize("region", REQUIRED)
def test_whatsapp_prefix_is_ignored(directory: Directory, region: str) -> None:
    assert directory.country_of(f"whatsapp:{mobile(region)}") == region
    assert directory.for_address(f"whatsapp:{mobile(region)}").country == region


@pytest.mark.parametrize(
    ("address", "region"),
    [
        ("+14155550100", "US"),
        ("+14165550100", "CA"),  # Toronto shares +1 with the US
        (
            "whatsapp:+447700900123",
            "GB",
        ),  # drama range: unknown to phonenumbers, still +44
        (" +33 6 12 34 56 78 ", "FR"),
    ],
)
def test_addresses_as_twilio_sends_them(
    directory: Directory, address: str, region: str
) -> None:
    assert directory.country_of(address) == region
    assert directory.for_address(address).country == region


def test_known_emergency_numbers(directory: Directory) -> None:
    assert directory.for_country("US").emergency == ("911",)
    assert directory.for_country("FR").emergency_display == "15/112"
    assert directory.for_country("GB").emergency_display == "999/112"
    assert directory.for_country("TH").emergency == ("1669",)
    assert directory.for_country("gb").country == "GB"


def test_text_line_keyword_is_a_field_not_prose(directory: Directory) -> None:
    gb = directory.for_country("GB")
    assert (gb.crisis_text_number, gb.crisis_text_keyword) == ("85258", "SHOUT")
    assert directory.for_country("US").crisis_text_keyword is None


@pytest.mark.parametrize(
    "address",
    [
        "",
        "abc",
        "+",
        "whatsapp:",
        "whatsapp:abc",
        "+999123",
        "+" + "1" * 300,
        "messenger:1234567",
        "+80012345678",
        "\x00",
        "١٢٣",
    ],
)
def test_garbage_gets_the_fallback(directory: Directory, address: str) -> None:
    assert directory.country_of(address) is None
    lines = directory.for_address(address)
    assert lines.is_fallback and lines.country is None
    assert lines.emergency == ("112",)


def test_unlisted_country_gets_the_fallback(directory: Directory) -> None:
    faroe = mobile("FO")
    assert faroe.startswith("+298")
    assert directory.country_of(faroe) == "FO"
    lines = directory.for_address(faroe)
    assert lines.is_fallback
    assert lines.emergency_display == "112"
    assert (lines.poison, lines.crisis, lines.crisis_text_number, lines.drugline) == (
        None,
    ) * 4


@pytest.mark.parametrize("iso", [None, "", "ZZ", "FO", "EU"])
def test_for_country_unknown_is_fallback(directory: Directory, iso: str | None) -> None:
    assert directory.for_country(iso).is_fallback


def all_entries(directory: Directory) -> list[CountryLines]:
    return [directory.for_country(iso) for iso in directory.countries] + [
        directory.for_country(None)
    ]


def test_every_entry_has_sources_and_checked_date(directory: Directory) -> None:
    for lines in all_entries(directory):
        assert lines.sources and all(s.strip() for s in lines.sources), lines.country
        assert isinstance(lines.checked, date), lines.country
        assert lines.confidence in {"H", "M", "L"}, lines.country


def test_no_tip_off_line_anywhere(directory: Directory) -> None:
    raw = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))

    def strings(value: object) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    for text in strings(raw):
        for run in re.findall(r"\d[\d \-()]*\d|\d", text):
            assert re.sub(r"\D", "", run) not in TIP_OFF_LINES, text
    for lines in all_entries(directory):
        numbers = [
            *lines.emergency,
            lines.poison,
            lines.crisis,
            lines.crisis_text_number,
            lines.drugline,
        ]
        assert not {re.sub(r"\D", "", n) for n in numbers if n} & set(TIP_OFF_LINES)


GOOD_FALLBACK = """
[fallback]
emergency = ["112"]
confidence = "H"
sources = ["EU"]
checked = 2026-11-25
"""


def country(iso: str, **fields: str) -> str:
    body = {
        "name": '"Testland"',
        "emergency": '["911"]',
        "confidence": '"H"',
        "sources": '["example.org"]',
        "checked": "2026-11-25",
    }
    body.update(fields)
    lines = [f"{k} = {v}" for k, v in body.items() if v != ""]
    return f"[countries.{iso}]\n" + "\n".join(lines) + "\n"


def test_minimal_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "lines.toml"
    path.write_text(GOOD_FALLBACK + country("US"), encoding="utf-8")
    loaded = Directory.load(path)
    assert loaded.countries == ("US",)
    assert loaded.for_address("+12015550123").emergency == ("911",)


def us(**fields: str) -> str:
    return GOOD_FALLBACK + country("US", **fields)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (us(emergency=""), r"countries\.US: missing emergency"),
        (us(emergency='"911"'), r"countries\.US: emergency must be"),
        (us(emergency="[]"), r"countries\.US: emergency must be"),
        (us(emergency="[911]"), r"countries\.US: emergency 911"),
        (GOOD_FALLBACK + country("USA"), r"countries\.USA: 'USA' is not an ISO"),
        (GOOD_FALLBACK + country("us"), r"countries\.us: 'us' is not an ISO"),
        (GOOD_FALLBACK + country("XX"), r"countries\.XX: 'XX' is not an ISO"),
        (us(crisis='"1933"'), r"countries\.US: crisis .*tip-offs"),
        (us(drugline='"1-8-4"'), r"countries\.US: drugline .*tip-offs"),
        (us(poison='"call 911"'), r"countries\.US: poison .*not a phone"),
        (us(sources=""), r"countries\.US: sources"),
        (us(sources="[]"), r"countries\.US: sources"),
        (us(checked='"2026-11-25"'), r"countries\.US: checked"),
        (us(confidence='"high"'), r"countries\.US: confidence"),
        (us(name=""), r"countries\.US: missing name"),
        (us(crisis_txt='"988"'), r"countries\.US: field 'crisis_txt'"),
        (us(crisis_text_keyword='"SHOUT"'), r"countries\.US: crisis_text_keyword"),
        (GOOD_FALLBACK.replace('"112"', "") + country("US"), r"fallback: emergency"),
        (
            GOOD_FALLBACK + 'poison = "111"\n' + country("US"),
            r"fallback: field 'poison'",
        ),
        (country("US"), r"missing \[fallback\]"),
        ("[countries.US\n", r"not valid TOML"),
    ],
)
def test_malformed_file_is_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "lines.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DirectoryError, match=expected) as error:
        Directory.load(path)
    assert "\n" not in str(error.value)


def test_missing_file_is_a_directory_error(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match="cannot read"):
        Directory.load(tmp_path / "absent.toml")
