"""The November 2026 content review, pinned: first aid, the menu's emergency number, the opt-out
confirmation, Traditional Chinese routing, keyword capture and limited-hours lines, as texters get them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from helpline.cli import main
from helpline.engine import Inbound, TexterState, decide
from helpline.knowledge import Knowledge
from helpline.segments import count_segments

US, UK, IE, TH, PH, CN, TW, HK, MO, MY, MX = (
    "+14155550100",
    "+447700900123",
    "+353871234567",
    "+66812345678",
    "+639171234567",
    "+8613812345678",
    "+886912345678",
    "+85291234567",
    "+85366123456",
    "+60123456789",
    "+5215512345678",
)
NOON_UTC = datetime(2026, 11, 30, 12, 0, tzinfo=ZoneInfo("UTC")).timestamp()


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge.load()


def reply(knowledge: Knowledge, texter: str, body: str, now: float = NOON_UTC, state: TexterState | None = None):
    return decide(Inbound("SMtest", texter, body), state or TexterState(), knowledge, now=now, on_shift=False)


FIRST_AID = (
    "CPR/rescue breaths",
    "call-taker guides",
    "naloxone (Narcan), again after 2-3 min if no response",
    "Don't leave them",
    "Breathing but won't wake: on their side",
    "Don't make them vomit",
    "Tell responders what was taken",
    "Seizure: don't hold down, nothing in mouth, move hard things away, on side after",
)


def test_emergency_answer_carries_first_aid(knowledge: Knowledge) -> None:
    decision = reply(knowledge, US, "my friend is not breathing")
    assert decision.topic == "emergency.medical"
    text = decision.replies[0]
    assert text.startswith("Call 911 now.")
    for step in FIRST_AID:
        assert step in text


@pytest.mark.parametrize(
    ("code", "needles"),
    [
        ("es", ("RCP", "naloxona", "2-3 min", "No lo dejes solo", "de lado", "vomitar", "Convulsion")),
        ("fr", ("bouche-à-bouche", "Nyxoid", "2-3 min", "seul", "PLS", "vomir", "Convulsions")),
        ("pt_BR", ("RCP", "naloxona", "2-3 min", "sozinha", "de lado", "vomito", "Convulsao")),
        ("vi", ("CPR", "naloxone", "2-3 phut", "Dung de ho mot minh", "nam nghieng", "non", "Co giat")),
        ("th", ("CPR", "นาลอกโซน", "2-3", "อย่าทิ้งไว้ลำพัง", "ตะแคง", "ห้ามล้วงคอ", "ชัก")),
        ("id", ("CPR", "nalokson", "2-3 menit", "Jangan tinggalkan", "miring", "muntah", "Kejang")),
        ("ms", ("CPR", "nalokson", "2-3 minit", "Jangan tinggalkan", "mengiring", "muntah", "Sawan")),
        ("tl", ("CPR", "naloxone", "2-3 min", "Huwag siyang iwan", "patagilid", "pasukahin", "Kombulsyon")),
        ("zh_Hans", ("心肺复苏", "纳洛酮", "2-3分钟", "不要离开", "侧卧位", "不要催吐", "抽搐")),
        ("zh_Hant", ("CPR", "納洛酮", "2-3分鐘", "不要留對方一個人", "側躺", "不要催吐", "抽搐")),
    ],
)
def test_every_language_has_the_first_aid_steps(knowledge: Knowledge, code: str, needles: tuple[str, ...]) -> None:
    steps = knowledge.catalogs.translation(code, "emergency.steps.text")
    assert steps is not None, f"{code}: emergency steps missing (English would be sent)"
    for needle in needles:
        assert needle in steps, (code, needle)


def test_suicide_answer_covers_someone_who_already_took_something(knowledge: Knowledge) -> None:
    decision = reply(knowledge, US, "i want to kill myself")
    assert decision.topic == "emergency.suicide"
    assert "If you've taken something or might act on this now, call 911" in decision.replies[0]
    assert "988" in decision.replies[0]


@pytest.mark.parametrize(
    ("texter", "body", "number"),
    [
        (US, "HELP", "911"),
        (MX, "AYUDA", "911"),
        (PH, "TULONG", "911"),
        (TH, "ช่วยเหลือ", "1669"),
        (CN, "帮助", "120"),
        (TW, "幫助", "119"),
        (MY, "BANTUAN", "999"),
        (UK, "MENU", "999/112"),
    ],
)
def test_menu_carries_the_local_emergency_number(knowledge: Knowledge, texter: str, body: str, number: str) -> None:
    decision = reply(knowledge, texter, body)
    # "TULONG" alone may be read as a possible emergency (issue 8's model): that answer carries the number too.
    assert decision.topic in {"menu", "emergency.possible"}
    assert number in decision.replies[0]


def test_menu_for_an_unlisted_country_names_the_local_number(knowledge: Knowledge) -> None:
    decision = reply(knowledge, "+298201234", "MENU")  # Faroe Islands: not listed
    assert "your local emergency number (112 from most mobiles)" in decision.replies[0]


def test_opt_out_confirmation_carries_emergency_number_and_the_way_back(knowledge: Knowledge) -> None:
    decision = reply(knowledge, US, "QUIT")
    assert decision.topic == "optout"
    (text,) = decision.replies
    assert "call 911" in text and "START" in text and "TALK for help quitting" in text
    assert count_segments(text).segments == 1


@pytest.mark.parametrize("code", ["en", "es", "fr", "pt_BR", "id", "ms", "tl", "vi", "th", "zh_Hans", "zh_Hant"])
def test_opt_out_confirmation_in_every_language(knowledge: Knowledge, code: str) -> None:
    """The last text Twilio lets through after STOP: emergency number and START in every language."""
    for iso in knowledge.directory.countries:
        lines = knowledge.directory.for_country(iso)
        text = knowledge.catalogs.text(code, "system.optout.text", emergency=lines.emergency_display)
        assert lines.emergency_display in text and "START" in text
        assert count_segments(text).segments <= 2
    english_gsm = count_segments(knowledge.catalogs.text(code, "system.optout.text", emergency="10177/112"))
    if code in {"en", "es", "fr", "pt_BR", "id", "ms", "tl", "vi"}:
        assert english_gsm.segments == 1, code


@pytest.mark.parametrize(("texter", "expected"), [(TW, "zh_Hant"), (HK, "zh_Hant"), (MO, "zh_Hant"), (CN, "zh_Hans")])
def test_chinese_texters_get_their_script(knowledge: Knowledge, texter: str, expected: str) -> None:
    decision = reply(knowledge, texter, "你好")
    assert decision.language == expected


def test_traditional_emergency_from_taiwan(knowledge: Knowledge) -> None:
    decision = reply(knowledge, TW, "他沒有呼吸了")
    assert decision.topic == "emergency.medical"
    assert decision.language == "zh_Hant"
    assert decision.replies[0].startswith("立即撥打119")
    assert "側躺" in decision.replies[0] and "1925" not in decision.replies[0]


def test_stored_language_wins_over_script_detection(knowledge: Knowledge) -> None:
    state = TexterState(known=True, language="zh_Hant")
    assert reply(knowledge, CN, "我想了解卡痛", state=state).language == "zh_Hant"


@pytest.mark.parametrize(
    ("body", "topic"),
    [
        ("kratom and gabapentin", "topics.mix"),
        ("kratom with adderall", "topics.mix"),
        ("ketum dengan pil kuda", "topics.mix"),
        ("kratom withdrawal is the worst", "topics.withdrawal"),
        ("can kratom help me quit fentanyl", "topics.quit_opioids"),
        ("kratom to get off oxy", "topics.quit_opioids"),
        ("KRATOM", "topics.kratom"),
        ("kratom", "topics.kratom"),
    ],
)
def test_first_word_keyword_yields_to_a_phrase(knowledge: Knowledge, body: str, topic: str) -> None:
    assert reply(knowledge, US, body).topic == topic


def test_uk_emergency_answer_never_offers_111(knowledge: Knowledge) -> None:
    text = reply(knowledge, UK, "he is not breathing").replies[0]
    assert text.startswith("Call 999/112 now.")
    assert "111" not in text.replace("999/112", "")


def test_irish_poison_line_only_in_its_hours(knowledge: Knowledge) -> None:
    dublin = ZoneInfo("Europe/Dublin")
    day = datetime(2026, 11, 30, 14, 0, tzinfo=dublin).timestamp()
    night = datetime(2026, 11, 30, 23, 30, tzinfo=dublin).timestamp()
    assert "01 809 2166" in reply(knowledge, IE, "she is not breathing", now=day).replies[0]
    assert "01 809 2166" not in reply(knowledge, IE, "she is not breathing", now=night).replies[0]


@pytest.mark.parametrize(
    ("texter", "number", "absent"),
    [(TH, "1165", "1413"), (PH, "0917 899 8727", "1553"), (CN, "12356", None), (TW, "1925", None)],
)
def test_the_reviewed_lines(knowledge: Knowledge, texter: str, number: str, absent: str | None) -> None:
    lines = knowledge.directory.for_address(texter)
    assert number in {lines.crisis, lines.drugline}
    if absent:
        assert absent not in {lines.crisis, lines.drugline, lines.poison}


def test_optout_texts_command_prints_every_language() -> None:
    result = CliRunner().invoke(main, ["catalog", "optout-texts", "--country", "US"])
    assert result.exit_code == 0, result.output
    for code in ("[en]", "[es]", "[zh_Hant]"):
        assert code in result.output
    assert "Kratom Helpline: no more texts. Emergency: call 911." in result.output
    assert "keywords: STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT" in result.output
    assert result.output.count("Opt-out confirmation (STOP)") == result.output.count("Help (HELP)") >= 11


def test_optout_texts_command_refuses_unknown_country() -> None:
    result = CliRunner().invoke(main, ["catalog", "optout-texts", "--country", "ZZ"])
    assert result.exit_code != 0 and "not in messages/crisis-lines.toml" in result.output


def test_review_command_prints_english_beside_the_language() -> None:
    result = CliRunner().invoke(main, ["catalog", "review", "vi"])
    assert result.exit_code == 0, result.output
    assert "status: unreviewed machine draft" in result.output
    assert "== emergency.steps.text  [" in result.output
    assert "en: Not breathing: CPR/rescue breaths" in result.output
    assert "vi: Khong tho: lam CPR" in result.output
    assert "OVER BUDGET" not in result.output


def test_review_command_refuses_unknown_language() -> None:
    result = CliRunner().invoke(main, ["catalog", "review", "xx"])
    assert result.exit_code != 0 and "no catalog" in result.output


# The review's per-language fixes, pinned so a stale copy of a catalog cannot quietly bring back the old text.
REVIEW_TRANSLATION_FIXES = [
    ("vi", "emergency.suicide_reply.text", "Nếu bạn đã uống thứ gì, hoặc sắp làm hại bản thân", "co the lam dieu do"),
    ("vi", "emergency.steps.text", "Tu xit/tiem naloxone (Narcan) cho ho", "hãy cho họ dùng"),
    ("vi", "emergency.steps.text", "Dung de ho mot minh", "Ở bên họ"),
    ("vi", "emergency.steps.text", "xe cap cuu", "cứu hộ"),
    ("vi", "topics.kratom.reply", "Kratom khong phai thuoc duoc duyet de cai nghien", "Chưa sản phẩm"),
    ("th", "emergency.suicide_reply.text", "คุณไม่ได้โดดเดี่ยวนะ", "คุณไม่ได้อยู่คนเดียว"),
    ("tl", "topics.seven_oh.reply", "maaaring huminto ang paghinga", "magpahinto"),
    ("tl", "topics.dose.reply", "walang dami na tiyak na ligtas", "alam na ligtas"),
    ("tl", "topics.signs.reply", "Huwag siyang iwan", "Samahan siya"),
    ("pt_BR", "topics.signs.reply", "labios roxos", "azuis"),
    ("pt_BR", "topics.mix.reply", "calmantes (tipo Rivotril)", "benzodiazepinicos"),
    ("zh_Hans", "topics.signs.reply", "把对方翻成侧卧位", None),
    ("zh_Hans", "topics.naloxone.reply", "立即给对方用纳洛酮（喷鼻或注射）", None),
    ("fr", "topics.naloxone.reply", "Nyxoid, Prenoxad", "Narcan"),
    ("fr", "emergency.steps.text", "Nyxoid, Prenoxad", "Narcan"),
]


@pytest.mark.parametrize(("code", "context", "present", "absent"), REVIEW_TRANSLATION_FIXES)
def test_review_translation_fixes(
    knowledge: Knowledge, code: str, context: str, present: str, absent: str | None
) -> None:
    text = knowledge.catalogs.translation(code, context)
    assert text is not None and present in text, (code, context, text)
    if absent:
        assert absent not in text, (code, context, text)


@pytest.mark.parametrize("code", ["es", "fr", "pt_BR"])
def test_short_confirmations_stay_gsm(knowledge: Knowledge, code: str) -> None:
    """One stray á/ê/ç turns a whole confirmation into UCS-2 and two SMS instead of one."""
    for context in ("system.optin.text", "system.closed.text", "system.optout.text"):
        text = knowledge.catalogs.text(code, context, emergency="911")
        assert count_segments(text).encoding == "GSM-7", (code, context, text)
