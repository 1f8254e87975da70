import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

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
    # added with the November 2026 content review
    "CN",
    "TW",
    "HK",
    "SG",
    "BN",
    "CO",
    "AR",
    "CL",
    "PE",
    "BE",
    "CH",
    "PT",
    "ZA",
)
TIP_OFF_LINES = ("1933", "184", "1386")


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


def test_thirty_countries_or_more(directory: Directory) -> None:
    assert len(directory.countries) >= 30


# Every number the November 2026 review changed or added, pinned: (country, field, value).
REVIEWED_NUMBERS = [
    ("TH", "drugline", "1165"),  # 1413 is the alcohol "Stop Drink" line
    ("PH", "crisis", "0917 899 8727"),  # 1553 works from landlines only
    ("ID", "crisis", None),  # 119 is ambulance dispatch, not a crisis line
    ("ID", "emergency", ("119", "112")),
    ("GB", "poison", None),  # NHS 111 is not an emergency line
    ("CA", "drugline", None),  # NORS is an overdose spotting line, not a drug helpline
    ("BR", "poison", None),  # outages reported in 2025
    ("PH", "poison", None),  # medium confidence only
    ("MY", "poison", None),  # limited hours, not verified
    ("IN", "emergency", ("112", "108")),
    ("NZ", "drugline", "0800 787 797"),
    ("CN", "emergency", ("120",)),
    ("CN", "crisis", "12356"),
    ("TW", "emergency", ("119",)),
    ("TW", "crisis", "1925"),
    ("HK", "emergency", ("999",)),
    ("HK", "crisis", "2896 0000"),
    ("SG", "emergency", ("995",)),
    ("SG", "crisis", "1767"),
    ("BN", "emergency", ("991",)),
    ("BN", "crisis", None),  # Talian Harapan 145 is medium confidence: withheld
    ("CO", "emergency", ("123",)),
    ("CO", "crisis", "192"),
    ("AR", "emergency", ("107",)),
    ("AR", "drugline", "141"),
    ("CL", "emergency", ("131",)),
    ("CL", "crisis", "*4141"),
    ("PE", "emergency", ("106",)),
    ("PE", "crisis", None),  # 113 option 5 is medium confidence: withheld
    ("BE", "emergency", ("112",)),
    ("BE", "poison", "070 245 245"),
    ("BE", "crisis", "1813"),
    ("CH", "emergency", ("144",)),
    ("CH", "poison", "145"),
    ("CH", "crisis", "143"),
    ("PT", "emergency", ("112",)),
    ("PT", "poison", "800 250 250"),
    ("ZA", "emergency", ("10177", "112")),
    ("ZA", "crisis", None),  # SADAG is medium confidence: withheld
]


@pytest.mark.parametrize(("iso", "field", "value"), REVIEWED_NUMBERS)
def test_reviewed_numbers(directory: Directory, iso: str, field: str, value: object) -> None:
    assert getattr(directory.for_country(iso), field) == value


@pytest.mark.parametrize(
    ("iso", "number"),
    [
        ("US", "1-800-484-3731"),
        ("GB", "111"),
        ("MY", "03-7627 2929"),
        ("BN", "145"),
        ("PE", "113"),
        ("ZA", "0800 567 567"),
        ("VN", "096 306 1414"),
        ("MX", "800 009 2800"),
        ("ES", "900 16 15 15"),
        ("IN", "1800 116 117"),
    ],
)
def test_doubtful_numbers_are_withheld_never_texted(directory: Directory, iso: str, number: str) -> None:
    lines = directory.for_country(iso)
    withheld = {line.number: line for line in lines.withheld}
    assert number in withheld
    assert withheld[number].why and withheld[number].sources
    texted = {*lines.emergency, lines.poison, lines.crisis, lines.crisis_text_number, lines.drugline}
    assert number not in texted


def test_every_shipped_entry_is_high_confidence(directory: Directory) -> None:
    for lines in all_entries(directory):
        assert lines.confidence == "H", lines.country
        assert lines.checked is not None and lines.checked.isoformat() >= "2026-11-25", lines.country


def test_limited_hours_lines_are_offered_only_while_open(directory: Directory) -> None:
    ireland = directory.for_country("IE")
    assert ireland.poison == "01 809 2166"  # any hour: the budget check measures every line
    dublin = ZoneInfo("Europe/Dublin")
    assert ireland.open_at(datetime(2026, 11, 30, 12, 0, tzinfo=dublin)).poison == "01 809 2166"
    assert ireland.open_at(datetime(2026, 11, 30, 23, 0, tzinfo=dublin)).poison is None
    assert ireland.open_at(datetime(2026, 11, 30, 7, 59, tzinfo=dublin)).poison is None
    assert ireland.open_at(datetime(2026, 11, 30, 23, 0, tzinfo=dublin)).crisis == "116 123"  # 24h line stays
    kl = ZoneInfo("Asia/Kuala_Lumpur")
    malaysia = directory.for_country("MY")
    assert malaysia.open_at(datetime(2026, 11, 30, 23, 30, tzinfo=kl)).crisis == "15555"
    assert malaysia.open_at(datetime(2026, 11, 30, 3, 0, tzinfo=kl)).crisis is None
    # Unix time works too, as the engine passes it: 2026-11-30 02:00 UTC is 02:00 in Dublin.
    night = datetime(2026, 11, 30, 2, 0, tzinfo=ZoneInfo("UTC")).timestamp()
    assert directory.for_address("+353871234567", at=night).poison is None
    assert directory.for_address("+353871234567", at=night + 12 * 3600).poison == "01 809 2166"


WITHHELD = """
[[countries.US.withheld]]
number = "1-800-484-3731"
what = "Never Use Alone"
confidence = "M"
sources = ["review"]
why = "medium confidence"
"""


def test_withheld_lines_load(tmp_path: Path) -> None:
    path = tmp_path / "lines.toml"
    path.write_text(us() + WITHHELD, encoding="utf-8")
    lines = Directory.load(path).for_country("US")
    assert [(w.number, w.confidence) for w in lines.withheld] == [("1-800-484-3731", "M")]
    assert lines.crisis is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (us(confidence='"M"'), r"countries\.US: confidence 'M': numbers texted .* high"),
        (us(drugline='"1386"'), r"countries\.US: drugline .*tip-offs"),
        (us(poison='"1-800-222-1222"', hours='{ poison = "mon-sun 08:00-22:00" }'), r"countries\.US: hours need"),
        (
            us(poison='"11"', hours='{ poison = "daily 8-22" }', timezone='"America/Chicago"'),
            r"countries\.US: hours\.poison:",
        ),
        (us(hours='{ crisis = "mon 09:00-17:00" }', timezone='"UTC"'), r"hours for 'crisis', which is not a line"),
        (us(timezone='"UTC"'), r"timezone is only needed with hours"),
        (us() + WITHHELD.replace('why = "medium confidence"\n', ""), r"withheld\[0\]: needs what"),
        (us() + WITHHELD.replace('"M"', '"maybe"'), r"withheld\[0\]: confidence"),
        (us() + WITHHELD.replace('"1-800-484-3731"', '"1933"'), r"withheld\[0\]: number .*tip-offs"),
    ],
)
def test_malformed_new_fields_are_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "lines.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DirectoryError, match=expected):
        Directory.load(path)


def test_star_codes_are_numbers(tmp_path: Path) -> None:
    path = tmp_path / "lines.toml"
    path.write_text(us(crisis='"*4141"'), encoding="utf-8")
    assert Directory.load(path).for_country("US").crisis == "*4141"
