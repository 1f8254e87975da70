"""Violence now is answered with the police number where the country's emergency number is an ambulance's.

The threat answer ("Call {emergency} now. If you can do it safely, get out. ...") named the country's first
emergency number, which in Thailand (1669), Brazil (192), China (120), Taiwan (119), Vietnam (115) and others is
the ambulance only: someone hiding from a knife was sent to the medical line. messages/crisis-lines.toml now has
an optional `police` field, filled only where the first emergency number does not reach the police, and the
threat answer (and the possible-tier question asked about violence) fills {emergency} with it; every other answer
keeps the emergency number. The translated texts are unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpline import catalog_check, replies, triage
from helpline.catalog_check import check
from helpline.catalogs import LOCALE_DIR
from helpline.content import MESSAGES_DIR
from helpline.directory import DEFAULT_PATH, Directory, DirectoryError
from helpline.engine import TexterState
from helpline.knowledge import Knowledge
from helpline.segments import count_segments
from tests.support import decided

THAI = "+66812345678"
BRAZILIAN = "+5511987654321"
AMERICAN = "+14155550123"
THREAT = "he has a knife and says he's gonna kill me, im locked in the bathroom"
US_ANSWER = (
    "Call 911 now. If you can do it safely, get out. "
    "Stay away from the kitchen and anything that could be used as a weapon."
)


# ---------------------------------------------------------------- the answers


@pytest.mark.parametrize(
    ("texter", "body", "start", "ambulance"),
    [
        (THAI, THREAT, "Call 191 now. If you can do it safely, get out.", "1669"),
        (THAI, "ผัวถือมีดขู่จะฆ่า หลบอยู่ในห้องน้ำ", "โทร 191 ทันที", "1669"),
        (
            BRAZILIAN,
            "o meu marido pegou uma faca e diz que vai me matar, me tranquei no banheiro",
            "Ligue para o 190 agora.",
            "192",
        ),
    ],
)
def test_a_threat_is_answered_with_the_police_not_the_ambulance(
    knowledge: Knowledge, texter: str, body: str, start: str, ambulance: str
) -> None:
    decision = decided(knowledge, body, TexterState(), texter=texter)
    assert decision.topic == "emergency.violence"
    assert decision.replies[0].startswith(start), decision.replies
    assert ambulance not in decision.replies[0]


def test_an_american_threat_keeps_911_which_is_the_police_too(knowledge: Knowledge) -> None:
    """No police field where the emergency number reaches the police: the answer is the one it always was."""
    assert knowledge.directory.for_address(AMERICAN).police == ()
    assert decided(knowledge, THREAT, TexterState(), texter=AMERICAN).replies == (US_ANSWER,)


def test_only_violence_gets_the_police_number(knowledge: Knowledge) -> None:
    """A Thai texter's overdose still names 1669, the ambulance; the possible-tier question about violence (a threat
    told after a story) names the police like the full answer."""
    medical = decided(knowledge, "my boyfriend took too much and hes not breathing", TexterState(), texter=THAI)
    assert medical.topic == "emergency.medical"
    assert "1669" in medical.replies[0] and "191" not in medical.replies[0]
    framed = decided(
        knowledge,
        "my dad has a gun and says hes going to kill us all",
        TexterState(known=True, language="en", recent_texts=("i'm writing a story",)),
        texter=THAI,
    )
    assert framed.topic == "emergency.possible"
    assert framed.replies == ("Call 191 if someone is in danger. Is someone in danger right now? Reply YES.",)


def test_triage_shows_the_police_number(knowledge: Knowledge) -> None:
    report = triage.explain(THREAT, THAI, knowledge)
    assert "emergency 1669, police 191 (the threat answer), poison 1367" in report
    assert "Call 191 now." in report
    assert "police" not in triage.explain(THREAT, AMERICAN, knowledge).split("numbers:")[1].split("\n")[0]


# ---------------------------------------------------------------- the shipped file


@pytest.mark.parametrize(
    ("iso", "police"),
    [
        ("TH", ("191",)),
        ("BR", ("190",)),
        ("CN", ("110",)),
        ("TW", ("110",)),
        ("VN", ("113",)),
        ("CH", ("117",)),
        ("CL", ("133",)),
        ("PE", ("105",)),
        ("BN", ("993",)),
        ("SG", ("999",)),
        ("ID", ("110",)),
        ("ZA", ("10111", "112")),
        ("DE", ("110",)),
        ("FR", ("17",)),
        # the first emergency number reaches the police: nothing to add
        ("US", ()),
        ("GB", ()),
        ("MY", ()),
        ("PH", ()),
        ("IN", ()),
        ("BE", ()),
        ("CO", ()),
        # not confirmed in every province: withheld, 107 still answers
        ("AR", ()),
    ],
)
def test_shipped_police_numbers(iso: str, police: tuple[str, ...]) -> None:
    assert Directory.load(DEFAULT_PATH).for_country(iso).police == police


def test_argentinas_candidates_are_withheld() -> None:
    withheld = {line.number: line.confidence for line in Directory.load(DEFAULT_PATH).for_country("AR").withheld}
    assert withheld == {"911": "M", "101": "M"}


# ---------------------------------------------------------------- the loader

FALLBACK = """[fallback]
emergency = ["112"]
confidence = "H"
sources = ["EU 112"]
checked = 2026-12-02
"""


def thailand(**fields: str) -> str:
    body = {
        "name": '"Thailand"',
        "emergency": '["1669"]',
        "police": '["191"]',
        "confidence": '"H"',
        "sources": '["royalthaipolice.example (191)"]',
        "checked": "2026-12-02",
    }
    body.update(fields)
    return FALLBACK + "[countries.TH]\n" + "".join(f"{k} = {v}\n" for k, v in body.items() if v != "")


def test_a_police_field_loads(tmp_path: Path) -> None:
    path = tmp_path / "lines.toml"
    path.write_text(thailand(), encoding="utf-8")
    lines = Directory.load(path).for_country("TH")
    assert lines.police == ("191",) and lines.police_display == "191" and lines.emergency == ("1669",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (thailand(police='"191"'), r"countries\.TH: police must be a non-empty list"),
        (thailand(police="[]"), r"countries\.TH: police must be a non-empty list"),
        (thailand(police='["call the police"]'), r"countries\.TH: police 'call the police' is not a phone number"),
        (thailand(police="[191]"), r"countries\.TH: police 191 is not a phone number"),
        (thailand(police='["1386"]'), r"countries\.TH: police '1386' is a line that also takes drug-crime tip-offs"),
        (thailand(police='["1669"]'), r"countries\.TH: police '1669' is the first emergency number already"),
        (thailand(sources='["bangkokpost.com"]'), r"countries\.TH: police '191' is named by none of the sources"),
        (thailand(sources='["hotline 1191"]'), r"countries\.TH: police '191' is named by none of the sources"),
        (
            thailand(police='["191", "1155"]'),
            r"countries\.TH: police '1155' is named by none of the sources",
        ),
    ],
)
def test_a_malformed_police_field_is_refused_with_one_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "lines.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DirectoryError, match=expected) as error:
        Directory.load(path)
    assert "\n" not in str(error.value)


def test_the_fallback_never_names_a_police_number(knowledge: Knowledge, tmp_path: Path) -> None:
    """A police number is right in its own country only: the entry for every other country may not have one, and
    an unlisted country's threat answer names what every other answer names."""
    lines = knowledge.directory.for_country(None)
    assert lines.police == ()
    fallback_answer = replies.police_number(knowledge.catalogs, "en", lines)
    assert fallback_answer == replies.emergency_number(knowledge.catalogs, "en", lines)
    path = tmp_path / "lines.toml"
    path.write_text(FALLBACK + 'police = ["110"]\n', encoding="utf-8")
    with pytest.raises(DirectoryError, match=r"^fallback: field 'police' is not allowed here$"):
        Directory.load(path)


# ---------------------------------------------------------------- SMS budgets


def test_the_longest_police_number_fits_the_budget_in_every_language(knowledge: Knowledge) -> None:
    """The threat answer (with "a counselor has been alerted") and the question about possible violence, with the
    longest police number of the file, in every language: as sent, and as the catalog check measures them."""
    directory = knowledge.directory
    longest = max((directory.for_country(iso) for iso in directory.countries), key=lambda c: len(c.police_display))
    assert longest.police_display == "10111/112"
    catalogs = knowledge.catalogs
    for code in catalogs.codes:
        threat = catalog_check.threat_reply(catalogs, code, longest)
        question = catalog_check.possible_violence_reply(catalogs, code, longest)
        for answer in (threat, question):
            assert "10111/112" in answer and "10177" not in answer, (code, answer)
            assert count_segments(answer).segments <= 2, (code, answer)
    assert not [p for p in check().problems if p.context in ("emergency.threat", "emergency.possible")]


def test_the_catalog_check_measures_the_threat_answer_with_the_police_number(tmp_path: Path) -> None:
    """A police number long enough to push the Thai threat answer over its 2 parts is reported, by language,
    answer and country: the check measures what a Thai texter would be sent, not the emergency number."""
    lines = tmp_path / "lines.toml"
    long_police = " ".join(["191"] * 12)
    police = f'["{long_police}"]'
    lines.write_text(thailand(police=police, sources=f'["royalthaipolice.example ({long_police})"]'), encoding="utf-8")
    problems = [str(p) for p in check(MESSAGES_DIR, LOCALE_DIR, directory_path=lines).problems]
    assert any(p.startswith("th: emergency.threat: 3 SMS segments, budget 2") and "TH" in p for p in problems), problems
    assert not any("emergency.medical" in p for p in problems), problems
