"""The counselor desk in real Chromium: composer, alerts, shortcuts, screen readers, small screens, contrast.

Each test drives the served app through real pages; screenshots go to test-artifacts/desk/ and were looked at.
"""

from __future__ import annotations

import pytest
from flask import Flask

from helpline.segments import count_segments
from tests.browser import Browsers, Phone, claim, contrast_failures, log_in, shot, wait_live

pytestmark = pytest.mark.browser

US = "+14155550123"
US_2 = "+14155550124"
SPAIN = "+34612345678"
SPY_SCRIPT = """
window.__played = [];
HTMLMediaElement.prototype.play = function () { window.__played.push(this.src); return Promise.resolve(); };
window.__notified = [];
const RealNotification = window.Notification;
window.Notification = class extends RealNotification {
  constructor(title, options) { super(title, options); window.__notified.push([title, options && options.body]); }
};
window.Notification.requestPermission = RealNotification.requestPermission.bind(RealNotification);
Object.defineProperty(window.Notification, "permission", { get: () => RealNotification.permission });
"""


def test_composer_counts_segments_live_and_switches_to_ucs2_on_an_emoji(
    browsers: Browsers, desk_app: Flask, desk_url: str
) -> None:
    page = browsers.page()
    log_in(page, desk_app, "ana")
    Phone(desk_url, US).text("TALK")
    claim(page)
    counter = "#reply-count"

    page.fill("#reply-body", "a" * 160)
    assert page.get_attribute(counter, "data-encoding") == "GSM-7"
    assert "GSM-7 · 1 SMS segment · 160 / 1600" in page.inner_text(counter)
    page.type("#reply-body", "b")  # typed, not filled: the counter follows each key
    assert "GSM-7 · 2 SMS segments · 161 / 1600" in page.inner_text(counter)

    page.fill("#reply-body", "Are you safe right now? ")
    page.type("#reply-body", "\U0001f600")
    assert page.get_attribute(counter, "data-encoding") == "UCS-2"
    assert "UCS-2 because of: \U0001f600 (U+1F600)" in page.inner_text(counter)
    shot(page, "desk", "01-composer-ucs2-emoji")

    typographic = "It\u2019s okay \u2014 you\u2019re not alone. \u201cTALK\u201d anytime\u2026 " * 3
    page.fill("#reply-body", typographic)
    before = count_segments(typographic)
    assert page.get_attribute(counter, "data-segments") == str(before.segments) and before.encoding == "UCS-2"
    assert page.is_visible("#reply-body-plain")
    page.click("#reply-body-plain")
    fixed = page.input_value("#reply-body")
    assert fixed == typographic.replace("\u2019", "'").replace("\u2014", "-").replace("\u201c", '"').replace(
        "\u201d", '"'
    ).replace("\u2026", "...")
    assert page.get_attribute(counter, "data-encoding") == "GSM-7"
    assert page.get_attribute(counter, "data-segments") == str(count_segments(fixed).segments)
    assert not page.is_visible("#reply-body-plain")

    long_text = "x" * 1700
    page.fill("#reply-body", long_text)
    assert page.input_value("#reply-body") == long_text  # not cut silently
    assert "Too long by 100 characters" in page.inner_text(counter)
    assert page.evaluate("document.getElementById('reply-body').validity.valid") is False
    shot(page, "desk", "02-composer-too-long")
    page.click("#send-reply")  # refused by the browser: the reply is still there and nothing was sent
    assert page.input_value("#reply-body") == long_text
    assert page.locator("#transcript li.author-counselor").count() == 0


SEGMENT_CASES = [
    "",
    "a" * 160,
    "a" * 161,
    "€" * 80,
    "€" * 81,
    "[" * 77 + "a",
    "é à ù ì ò Ç Ø å Æ ß É Ñ ü ¿ ¡ £ ¥ § Δ Φ",
    "\u00e7",  # ç is not in GSM-7 (Ç is)
    "x" * 66 + "\U0001f600" * 3,
    "\U0001f600" * 35,
    "\U0001f600" * 36,
    "Thai: โทร 1669 ทันที",
    "tab\there and form\ffeed",
    "e\u0301 decomposed",
]


def test_the_browser_counts_segments_exactly_as_python(browsers: Browsers, desk_app: Flask, desk_url: str) -> None:
    page = browsers.page()
    page.goto("/simulator")
    counted = page.evaluate("(texts) => texts.map((text) => SmsSegments.count(text))", SEGMENT_CASES)
    for text, got in zip(SEGMENT_CASES, counted, strict=True):
        expected = count_segments(text)
        assert (got["encoding"], got["units"], got["segments"], tuple(got["nonGsm"])) == (
            expected.encoding,
            expected.units,
            expected.segments,
            expected.non_gsm,
        ), text


def test_whatsapp_conversation_says_whatsapp(browsers: Browsers, desk_app: Flask, desk_url: str) -> None:
    page = browsers.page()
    log_in(page, desk_app, "ana")
    Phone(desk_url, "whatsapp:" + US).text("TALK")
    claim(page)
    assert "on WhatsApp" in page.inner_text("label[for=reply-body]")
    assert page.inner_text("#texter-channel") == "WhatsApp"
    page.fill("#reply-body", "Hola \U0001f600")
    assert "WhatsApp: no SMS segments" in page.inner_text("#reply-count")


def test_new_emergency_rings_on_a_conversation_page_unless_muted(
    browsers: Browsers, desk_app: Flask, desk_url: str
) -> None:
    page = browsers.page(permissions=["notifications"])
    page.add_init_script(SPY_SCRIPT)
    log_in(page, desk_app, "ana")
    Phone(desk_url, US).text("TALK")
    claim(page)
    assert page.evaluate("window.__played") == []
    assert not page.title().startswith("(")

    Phone(desk_url, US_2).text("my friend is not breathing and his lips are blue")
    page.wait_for_function("window.__played.length === 1")
    assert page.evaluate("window.__played")[0].endswith("/static/alert.wav")
    [[title, body]] = page.evaluate("window.__notified")
    assert title == "Helpline: new emergency" and "+1 •••• •• 0124" in body and "4155550124" not in body
    assert page.title().startswith("(1) Emergency · Conversation")
    assert page.get_attribute("#favicon", "href").startswith("data:image/png")
    assert page.is_visible("#alert-banner") and "New emergency" in page.inner_text("#alert-banner")
    shot(page, "desk", "03-emergency-alert-on-conversation-page")

    page.click("#mute-toggle")
    assert page.get_attribute("#mute-toggle", "aria-pressed") == "true"
    page.reload()
    wait_live(page)
    assert page.inner_text("#mute-toggle") == "Sound off"  # kept in this browser
    Phone(desk_url, "+14155550125").text("overdose, he won't wake up")
    page.wait_for_function("document.title.startsWith('(2) Emergency')")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__played") == [] and page.evaluate("window.__notified") == []


def test_transcript_announces_only_new_messages_and_keeps_its_nodes(
    browsers: Browsers, desk_app: Flask, desk_url: str
) -> None:
    page = browsers.page()
    log_in(page, desk_app, "ana")
    phone = Phone(desk_url, US)
    phone.text("TALK")
    claim(page)
    shown = page.locator("#transcript li.msg").count()
    assert page.get_attribute("#transcript", "aria-live") is None
    page.evaluate("document.querySelector('#transcript li').dataset.marker = 'kept'")
    page.evaluate(
        "window.__said = []; new MutationObserver(() => window.__said.push(document.getElementById('announcer')"
        ".textContent)).observe(document.getElementById('announcer'), {childList: true, characterData: true,"
        " subtree: true})"
    )
    phone.text("I took too much yesterday, feeling better now")
    page.wait_for_function(f"document.querySelectorAll('#transcript li.msg').length > {shown}")
    page.wait_for_function("window.__said.some((t) => t.includes('feeling better now'))")
    assert page.get_attribute("#transcript li", "data-marker") == "kept"  # not rebuilt
    said = [t for t in page.evaluate("window.__said") if t]
    assert said == ["New message from the texter: I took too much yesterday, feeling better now"]


def test_planned_reconnects_do_not_flicker_the_connection_indicator(
    browsers: Browsers, desk_app: Flask, desk_url: str
) -> None:
    page = browsers.page()
    log_in(page, desk_app, "ana")
    page.evaluate(
        "window.__live = []; window.__hellos = 0; new MutationObserver(() => window.__live.push("
        "document.getElementById('live').textContent)).observe(document.getElementById('live'),"
        " {childList: true, characterData: true, subtree: true})"
    )
    page.evaluate("new EventSource('/dashboard/events').addEventListener('hello', () => window.__hellos++)")
    page.wait_for_function("window.__hellos >= 3", timeout=15_000)  # the 4 s streams ended and came back twice
    assert page.evaluate("window.__live") == []
    assert page.inner_text("#live") == "Live"


def test_keyboard_shortcuts_and_their_help(browsers: Browsers, desk_app: Flask, desk_url: str) -> None:
    page = browsers.page()
    log_in(page, desk_app, "ana")
    Phone(desk_url, US).text("TALK")
    page.wait_for_selector("#queue tr[data-tid]")
    page.keyboard.press("?")
    page.wait_for_selector("#shortcuts[open]")
    help_text = page.inner_text("#shortcuts")
    for words in ("Next conversation", "Claim", "Sound on or off", "Send the reply"):
        assert words in help_text
    shot(page, "desk", "04-shortcut-help")
    page.keyboard.press("Escape")
    page.wait_for_selector("#shortcuts:not([open])", state="attached")
    page.keyboard.press("j")
    assert page.get_attribute("#queue tr.selected", "data-tid")
    page.keyboard.press("c")
    page.wait_for_url("**/dashboard/c/*")
    page.wait_for_selector("#reply-form:not([hidden])")
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.id") == "reply-body"
    page.keyboard.type("Hello, I'm here.")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#transcript li.author-counselor >> text=Hello, I'm here.")


def test_overview_fits_a_390_px_phone(browsers: Browsers, desk_app: Flask, desk_url: str) -> None:
    ana = browsers.page()
    log_in(ana, desk_app, "ana")
    page = browsers.page(width=390, height=844)
    log_in(page, desk_app, "sam", "supervisor")
    Phone(desk_url, US).text("TALK")
    Phone(desk_url, SPAIN).text("no respira, se puso morado")
    Phone(desk_url, "+66812345678").text("คุย")
    page.wait_for_function("document.querySelectorAll('#all tr[data-tid]').length === 3")
    ana.wait_for_selector("#queue tr[data-tid]")
    claim(ana)
    page.wait_for_selector("#all tr[data-tid] >> text=held by ana")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for selector in ("button", ".badge"):
        tall = page.evaluate(
            "(s) => [...document.querySelectorAll(s)].filter((n) => n.offsetParent && n.getBoundingClientRect()"
            ".height > 2.2 * parseFloat(getComputedStyle(n).lineHeight || 20)).map((n) => n.textContent)",
            selector,
        )
        assert tall == [], f"{selector} wrapped: {tall}"
    shot(page, "desk", "05-overview-390px")
    assert contrast_failures(page) == []


def test_every_page_meets_aa_contrast(browsers: Browsers, desk_app: Flask, desk_url: str) -> None:
    page = browsers.page()
    page.goto("/login")
    assert contrast_failures(page) == []
    log_in(page, desk_app, "sam", "supervisor")
    Phone(desk_url, US).text("TALK")
    Phone(desk_url, US_2).text("he is not breathing")
    page.wait_for_function("document.querySelectorAll('#all tr[data-tid]').length === 2")
    assert contrast_failures(page) == [], "overview"
    page.click("#queue tr[data-tid] a.number")
    page.wait_for_selector("#transcript li.msg")
    page.click("#claim")
    page.wait_for_selector("#reply-form:not([hidden])")
    page.fill("#reply-body", "It\u2019s okay \U0001f600")
    page.wait_for_selector("#phrase-preview:not([hidden])")
    assert contrast_failures(page) == [], "conversation"
    page.keyboard.press("?")
    assert contrast_failures(page) == [], "shortcut help"
    page.keyboard.press("Escape")
    page.goto("/audit")
    assert contrast_failures(page) == [], "audit"
    page.goto("/simulator")
    page.fill("#body", "MENU")
    page.click("#compose button")
    page.wait_for_selector("#thread li.out")
    assert contrast_failures(page) == [], "simulator"


def test_simulator_keeps_a_thread_per_number_with_segments_and_state(
    browsers: Browsers, desk_app: Flask, desk_url: str
) -> None:
    page = browsers.page(width=480, height=900)
    page.goto("/simulator")
    page.fill("#from", US)
    page.dispatch_event("#from", "change")
    page.fill("#body", "SIGNS")
    page.click("#compose button")
    page.wait_for_selector("#thread li.out")
    meta = page.inner_text("#thread li.out .meta")
    reply = page.inner_text("#thread li.out .text")
    expected = count_segments(reply)
    assert f"{expected.encoding}, {expected.segments} segment" in meta and "automatic reply" in meta
    assert "delivered to the helpline" in page.inner_text("#thread li.in .meta")
    replies = page.locator("#thread li").count()

    page.reload()
    page.wait_for_selector("#thread li.out")
    assert page.input_value("#from") == US and page.locator("#thread li").count() == replies

    page.fill("#from", SPAIN)
    page.dispatch_event("#from", "change")
    assert page.locator("#thread li").count() == 0  # another number, another thread
    page.fill("#body", "HOLA")
    page.click("#compose button")
    page.wait_for_selector("#thread li.out")
    page.fill("#from", US)
    page.dispatch_event("#from", "change")
    assert page.locator("#thread li").count() == replies
    shot(page, "desk", "06-simulator-thread")
