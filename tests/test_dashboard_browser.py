"""The dashboard in real headless Chromium, against the app served over loopback by a real server.

The browser, the served app and the logins are tests/browser.py's (the skip rules are there). Screenshots of
each step go to test-artifacts/dashboard/.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from helpline.channels import twilio as channel
from helpline.state import events as state_events
from helpline.state.events import EventKind
from tests import browser
from tests.browser import Browsers, Phone, desk_config, log_in, wait_live
from tests.desk import OUR_NUMBER, TWILIO_SID, parts, work
from tests.fake_twilio import FakeTwilio
from tests.processes import post_form
from tests.support import AUTH_TOKEN, make_app

pytestmark = pytest.mark.browser

US = "+14155550123"
XSS_PAYLOADS = (
    "<script>window.__xss = 'script'; alert('script')</script>",
    "<img src=\"x\" onerror=\"window.__xss = 'img'; alert('img')\">",
    "</p><svg onload=\"window.__xss='svg'\"><p>",
)


@pytest.fixture
def app(app_config: dict[str, Any], fake_twilio: FakeTwilio) -> Flask:
    """Started as production starts (not development, unlike the desk's own app); served by tests/browser.py."""
    return make_app(desk_config(app_config, fake_twilio))


@pytest.fixture
def desk_app(app: Flask) -> Flask:
    return app  # tests/browser.py serves and opens pages on this module's app


@pytest.fixture
def base_url(desk_url: str) -> str:
    return desk_url


@pytest.fixture
def page(browsers: Browsers) -> Any:
    return browsers.page()


def status_callback(base_url: str, sid: str, status: str) -> None:
    url = base_url + "/twilio/status"
    form = {"MessageSid": sid, "MessageStatus": status, "AccountSid": TWILIO_SID, "To": US, "From": OUR_NUMBER}
    code, answer = post_form(url, form, {channel.SIGNATURE_HEADER: channel.sign(AUTH_TOKEN, url, form)})
    assert code == 204, answer


def shot(page: Any, name: str) -> None:
    browser.shot(page, "dashboard", name)


def test_counselor_flow_from_queue_to_close(page: Any, app: Flask, base_url: str, fake_twilio: FakeTwilio) -> None:
    log_in(page, app, "ana", shot_as=("dashboard", "01-login"))
    page.wait_for_selector("#queue-empty:not([hidden])")
    shot(page, "02-dashboard-empty")
    page.evaluate("window.__noReload = true")

    Phone(base_url, US).text("TALK")
    page.wait_for_selector("#queue tr[data-tid]")
    assert page.evaluate("window.__noReload") is True  # it appeared without a reload
    row = page.inner_text("#queue tr[data-tid]")
    assert "+1 •••• •• 0123" in row and "4155550123" not in page.content()
    assert "United States" in row and "English" in row
    shot(page, "03-queue-new-talk")

    page.locator("#queue tr[data-tid] button.claim").click()
    page.wait_for_url("**/dashboard/c/*")
    page.wait_for_selector("#transcript li.msg.in")
    transcript = page.inner_text("#transcript")
    assert "TALK" in transcript and "A counselor will text you back" in transcript
    assert not page.is_visible("#badge-emergency") and not page.is_visible("#badge-overdue")
    assert not page.is_visible("#claim") and page.is_visible("#reply-form")
    wait_live(page)
    shot(page, "04-claimed-transcript")

    page.fill("#reply-body", "Hi, I'm Ana from the helpline. Are you safe right now?")
    page.click("#send-reply")
    page.wait_for_selector("#transcript li.author-counselor .delivery")
    assert page.inner_text("#transcript li.author-counselor .delivery .state") == "waiting to send"
    wait_live(page)
    page.evaluate("window.__noReload = true")

    work(app, fork=False)
    [sent] = fake_twilio.messages
    assert sent.form["To"] == US and sent.form["Body"] == "Hi, I'm Ana from the helpline. Are you safe right now?"
    page.wait_for_selector("#transcript li.author-counselor .delivery.status-queued")
    status_callback(base_url, sent.sid, "sent")
    status_callback(base_url, sent.sid, "delivered")
    page.wait_for_selector("#transcript li.author-counselor .delivery.status-delivered")
    assert page.evaluate("window.__noReload") is True
    shot(page, "05-reply-delivered")

    texter = Phone(base_url, US)
    texter.count = 10
    texter.text("yes. thank you for answering")
    page.wait_for_selector("#transcript li.msg.in >> text=thank you for answering")

    page.select_option("#phrase-key", "topics.signs")
    page.wait_for_function("document.getElementById('phrase-text').value.includes('Call 911 now')")
    assert "1 SMS segment" in page.inner_text("#phrase-segments") or "2 SMS segments" in page.inner_text(
        "#phrase-segments"
    )
    shot(page, "06-phrasebook-preview")

    page.fill("textarea[name=body][aria-label=Note]", "Texter safe; mentioned mixing with alcohol.")
    page.click("#add-note")
    page.wait_for_selector("#notes li >> text=mixing with alcohol")

    page.select_option("#outcome", "resolved")
    page.click("#close")  # the first click asks for confirmation in the page, the second closes
    assert "Confirm" in page.inner_text("#close") and page.url.endswith(page.url.split("/dashboard")[-1])
    page.click("#close")
    page.wait_for_url("**/dashboard")
    assert "closed: resolved" in page.inner_text(".flash")
    page.wait_for_selector("#queue-empty:not([hidden])")
    shot(page, "07-closed")
    work(app, fork=False)
    assert fake_twilio.messages[-1].form["Body"].startswith("This conversation is closed.")
    assert page.dialogs == []

    actions = [(e.actor, e.action) for e in parts(app).audit.recent(100)]
    for action in ("conversation.view", "conversation.claim", "conversation.reply", "conversation.close"):
        assert ("ana", action) in actions


def test_texter_text_is_never_interpreted_as_html(page: Any, app: Flask, base_url: str) -> None:
    log_in(page, app, "ana")
    phone = Phone(base_url, US)
    phone.text("TALK")
    phone.text(XSS_PAYLOADS[0])  # before the page loads: the first render
    page.goto("/dashboard")
    page.click("#queue tr[data-tid] button.claim")
    page.wait_for_url("**/dashboard/c/*")
    page.wait_for_selector("#transcript li.msg.in >> nth=1")
    wait_live(page)
    for payload in XSS_PAYLOADS[1:]:  # while it is open: the live updates
        phone.text(payload)
    page.wait_for_function(
        "(n) => document.querySelectorAll('#transcript li.msg.in').length >= n", arg=len(XSS_PAYLOADS) + 1
    )
    page.fill("textarea[name=body][aria-label=Note]", XSS_PAYLOADS[1])
    page.click("#add-note")
    page.wait_for_selector("#notes li")
    page.wait_for_timeout(300)  # give any injected handler the chance to run
    shot(page, "08-xss-payloads-shown-as-text")

    bodies = page.eval_on_selector_all("#transcript li.msg.in .body", "nodes => nodes.map(n => n.textContent)")
    for payload in XSS_PAYLOADS:
        assert payload in bodies  # shown exactly as sent
    assert page.eval_on_selector_all("#notes .body", "nodes => nodes.map(n => n.textContent)") == [XSS_PAYLOADS[1]]
    assert page.evaluate("window.__xss") is None
    assert page.query_selector_all("#transcript img, #transcript script, #transcript svg, #notes img") == []
    assert page.dialogs == []


def test_supervisor_sees_everyone_reassigns_live_and_unmasks(
    browsers: Browsers, page: Any, app: Flask, base_url: str
) -> None:
    log_in(page, app, "sam", "supervisor", available=False)
    ana = browsers.page()
    log_in(ana, app, "ana")
    Phone(base_url, US).text("TALK")
    page.wait_for_selector("#all tr[data-tid]")
    ana.wait_for_selector("#queue tr[data-tid]")
    page.locator("#all tr[data-tid] select[name=to]").select_option("ana")
    page.locator("#all tr[data-tid] button").click()
    page.wait_for_selector("#all tr[data-tid] >> text=held by ana")
    ana.wait_for_selector("#mine tr[data-tid]")  # the other counselor's page updated by itself
    ana.wait_for_selector("#queue-empty:not([hidden])")
    shot(page, "09-supervisor-overview")
    page.click("#all tr[data-tid] a.number")
    page.click("#unmask")
    page.wait_for_selector(f"#texter-number >> text={US}")
    shot(page, "10-supervisor-unmasked")
    assert ("sam", "conversation.unmask") in [(e.actor, e.action) for e in parts(app).audit.recent(100)]


def test_english_writing_counselor_sends_the_reviewed_thai_warning_signs(
    page: Any, app: Flask, base_url: str, fake_twilio: FakeTwilio
) -> None:
    log_in(page, app, "ana")
    Phone(base_url, "+66812345678").text("คุย")  # Thai for TALK
    page.goto("/dashboard")
    page.wait_for_selector("#queue tr[data-tid]")
    assert "Thailand\tThai" in page.inner_text("#queue tr[data-tid]")
    page.locator("#queue tr[data-tid] button.claim").click()
    page.wait_for_url("**/dashboard/c/*")
    page.select_option("#phrase-key", "topics.signs")
    page.wait_for_function("document.getElementById('phrase-text').value.includes('โทร 1669 ทันที')")
    assert page.inner_text("#phrase-language") == "Thai"
    assert "UCS-2" in page.inner_text("#phrase-segments")
    assert not page.is_visible("#phrase-untranslated")
    page.click("#phrase-preview summary")
    assert page.inner_text("#phrase-english").startswith("Call 1669 now")
    shot(page, "11-thai-phrasebook-preview")
    thai = page.input_value("#phrase-text")
    page.click("#send-phrase")
    page.wait_for_selector("#transcript li.author-counselor >> text=โทร 1669 ทันที")
    work(app, fork=False)
    assert fake_twilio.messages[-1].form["Body"] == thai
    page.wait_for_selector("#transcript li.author-counselor .delivery.status-queued")


def test_a_surge_reaches_the_open_dashboard_as_one_refresh(page: Any, app: Flask, base_url: str) -> None:
    """More events than MANY_EVENTS in one batch come to the page as one "many" (helpline.state.events): the page
    re-reads its queue, so the conversation asked for in the middle of the surge appears, without a reload."""
    log_in(page, app, "ana")
    page.wait_for_selector("#queue-empty:not([hidden])")
    wait_live(page)
    page.evaluate("window.__noReload = true; window.__kinds = []; Desk.onEvent((e) => window.__kinds.push(e.type))")
    events = parts(app).events
    for number in range(state_events.MANY_EVENTS + 10):
        events.publish(EventKind.MESSAGE, f"surge{number}")
    Phone(base_url, US).text("TALK")
    page.wait_for_selector("#queue tr[data-tid]")
    # The stream's first batch may hold only the surge's first event (sent at once); the rest come as one "many".
    page.wait_for_function("window.__kinds.includes('many')")
    assert page.evaluate("window.__noReload") is True
    shot(page, "08-queue-after-a-surge")
