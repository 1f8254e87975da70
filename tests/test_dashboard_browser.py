"""The dashboard in real headless Chromium, against the app served over loopback by a real server.

Debian's chromium driven by Playwright (executable_path; never `playwright
install`). Without chromium or playwright these tests skip with a one-line
reason, unless HELPLINE_REQUIRE_BROWSER=1 (CI), which turns that into a
failure. Screenshots of each step go to test-artifacts/dashboard/.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from helpline.channels import twilio as channel
from helpline.state.accounts import Counselors
from tests.desk import OUR_NUMBER, PASSWORD, TWILIO_SID, parts, work
from tests.fake_twilio import FakeTwilio
from tests.processes import post_form
from tests.support import AUTH_TOKEN, make_app

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "dashboard"
US = "+14155550123"
TIMEOUT_MS = 10_000
XSS_PAYLOADS = (
    "<script>window.__xss = 'script'; alert('script')</script>",
    "<img src=\"x\" onerror=\"window.__xss = 'img'; alert('img')\">",
    "</p><svg onload=\"window.__xss='svg'\"><p>",
)


@pytest.fixture
def app(app_config: dict[str, Any], fake_twilio: FakeTwilio) -> Flask:
    return make_app(
        {
            **app_config,
            "TWILIO_ACCOUNT_SID": TWILIO_SID,
            "TWILIO_PHONE_NUMBER": OUR_NUMBER,
            "TWILIO_API_BASE_URL": fake_twilio.base_url,
            "HELPLINE_SSE_SECONDS": "4",  # short streams: the flow also proves reconnecting keeps it live
        }
    )


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="helpline-test-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    # bypass_csp: Playwright's wait_for_function evaluates strings, which our CSP forbids (test_csp_in_browser
    # checks the pages themselves under the real policy)
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    yield tab
    context.close()


class Phone:
    """A texter: signed inbound messages posted over HTTP to the served webhook, as Twilio does."""

    def __init__(self, base_url: str, address: str = US):
        self.url = base_url + "/twilio/inbound"
        self.address = address
        self.count = 0

    def text(self, body: str) -> None:
        self.count += 1
        form = {"MessageSid": f"SMbrowser{self.count:024d}", "From": self.address, "To": OUR_NUMBER, "Body": body}
        status, answer = post_form(self.url, form, {channel.SIGNATURE_HEADER: channel.sign(AUTH_TOKEN, self.url, form)})
        assert status == 200, answer


def status_callback(base_url: str, sid: str, status: str) -> None:
    url = base_url + "/twilio/status"
    form = {"MessageSid": sid, "MessageStatus": status, "AccountSid": TWILIO_SID, "To": US, "From": OUR_NUMBER}
    code, answer = post_form(url, form, {channel.SIGNATURE_HEADER: channel.sign(AUTH_TOKEN, url, form)})
    assert code == 204, answer


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page: Any, app: Flask, name: str = "ana", role: str = "counselor", screenshot: str | None = None) -> None:
    accounts: Counselors = parts(app).counselors
    if accounts.get(name) is None:
        accounts.add(name, role, PASSWORD)
    page.goto("/dashboard")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    if screenshot:
        shot(page, screenshot)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/dashboard")


def go_available(page: Any) -> None:
    page.click("#availability-toggle")
    page.wait_for_selector(".status-available")


def wait_live(page: Any) -> None:
    page.wait_for_function("document.body.dataset.live === '1'")


def test_counselor_flow_from_queue_to_close(page: Any, app: Flask, base_url: str, fake_twilio: FakeTwilio) -> None:
    log_in(page, app, screenshot="01-login")
    go_available(page)
    wait_live(page)
    page.wait_for_selector("#queue-empty:not([hidden])")
    shot(page, "02-dashboard-empty")
    page.evaluate("window.__noReload = true")

    Phone(base_url).text("TALK")
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

    texter = Phone(base_url)
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
    log_in(page, app)
    go_available(page)
    phone = Phone(base_url)
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
    browser: Any, page: Any, app: Flask, base_url: str
) -> None:
    log_in(page, app, "sam", "supervisor")
    wait_live(page)
    ana_context = browser.new_context(base_url=base_url, bypass_csp=True)
    ana = ana_context.new_page()
    ana.set_default_timeout(TIMEOUT_MS)
    try:
        log_in(ana, app, "ana")
        go_available(ana)
        wait_live(ana)
        Phone(base_url).text("TALK")
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
    finally:
        ana_context.close()
    assert ("sam", "conversation.unmask") in [(e.actor, e.action) for e in parts(app).audit.recent(100)]


def test_english_writing_counselor_sends_the_reviewed_thai_warning_signs(
    page: Any, app: Flask, base_url: str, fake_twilio: FakeTwilio
) -> None:
    log_in(page, app)
    go_available(page)
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
