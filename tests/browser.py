"""Shared pieces of the dashboard browser tests: real headless Chromium against the app served on loopback.

Debian's chromium driven by Playwright (executable_path; never `playwright install`). Without chromium or
playwright the tests skip with a one-line reason, unless HELPLINE_REQUIRE_BROWSER=1 (CI), which turns that
into a failure. Fixtures are registered in conftest.py; screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from helpline.channels import twilio as channel
from tests.desk import OUR_NUMBER, PASSWORD, TWILIO_SID, parts
from tests.fake_twilio import FakeTwilio
from tests.processes import post_form
from tests.support import AUTH_TOKEN, Clock, make_app

CHROMIUM = Path(os.environ.get("HELPLINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TIMEOUT_MS = 10_000


def unavailable(reason: str) -> None:
    if os.environ.get("HELPLINE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (HELPLINE_REQUIRE_BROWSER=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install playwright; no browser download needed)")
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Error as error:
            unavailable(f"Chromium at {CHROMIUM} did not start: {str(error).splitlines()[0]}")
        yield launched
        launched.close()


def desk_config(app_config: dict[str, Any], fake_twilio: FakeTwilio, **extra: str) -> dict[str, Any]:
    return {
        **app_config,
        "TWILIO_ACCOUNT_SID": TWILIO_SID,
        "TWILIO_PHONE_NUMBER": OUR_NUMBER,
        "TWILIO_API_BASE_URL": fake_twilio.base_url,
        "HELPLINE_SSE_SECONDS": "4",  # short streams: the tests also prove reconnecting keeps pages live
        **extra,
    }


@pytest.fixture
def desk_clock() -> Clock:
    """The served app's clock: the tests move it (presence expiring, stale emergencies) instead of sleeping."""
    return Clock()


@pytest.fixture
def desk_app(app_config: dict[str, Any], fake_twilio: FakeTwilio, desk_clock: Clock) -> Flask:
    return make_app(desk_config(app_config, fake_twilio, HELPLINE_ENV="development"), clock=desk_clock)


def serve(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="helpline-test-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def desk_url(desk_app: Flask) -> Iterator[str]:
    yield from serve(desk_app)


class Browsers:
    """Opens pages (one browser context each: separate logins) and closes them all at the end."""

    def __init__(self, chromium: Any, base_url: str):
        self.chromium = chromium
        self.base_url = base_url
        self.contexts: list[Any] = []

    def page(self, width: int = 1280, height: int = 900, permissions: list[str] | None = None) -> Any:
        # bypass_csp: Playwright's waits evaluate strings, which our CSP forbids; tests/test_csp_in_browser.py
        # checks the pages under the real policy.
        context = self.chromium.new_context(
            base_url=self.base_url,
            viewport={"width": width, "height": height},
            permissions=permissions or [],
            bypass_csp=True,
        )
        self.contexts.append(context)
        tab = context.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        tab.dialogs = []
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        return tab

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsers(chromium: Any, desk_url: str) -> Iterator[Browsers]:
    opened = Browsers(chromium, desk_url)
    yield opened
    opened.close()


class Phone:
    """A texter: signed inbound messages posted over HTTP to the served webhook, as Twilio does."""

    def __init__(self, base_url: str, address: str):
        self.url = base_url + "/twilio/inbound"
        self.address = address
        self.count = 0

    def text(self, body: str) -> str:
        self.count += 1
        form = {
            "MessageSid": f"SM{abs(hash(self.address)) % 10**8:08d}{self.count:024d}",
            "From": self.address,
            "To": OUR_NUMBER,
            "Body": body,
        }
        status, answer = post_form(self.url, form, {channel.SIGNATURE_HEADER: channel.sign(AUTH_TOKEN, self.url, form)})
        assert status == 200, answer
        return answer


def shot(page: Any, folder: str, name: str) -> None:
    target = ARTIFACTS / folder
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / f"{name}.png"), full_page=True)


def log_in(
    page: Any,
    app: Flask,
    name: str,
    role: str = "counselor",
    available: bool = True,
    shot_as: tuple[str, str] | None = None,
) -> None:
    """Log NAME in (the account made if new), available unless told otherwise; `shot_as` (folder, name)
    screenshots the filled login form."""
    accounts = parts(app).counselors
    if accounts.get(name) is None:
        accounts.add(name, role, PASSWORD)
    page.goto("/dashboard")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    if shot_as:
        shot(page, *shot_as)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/dashboard")
    if available and page.query_selector(".status-away"):
        page.click("#availability-toggle")
        page.wait_for_selector(".status-available")
    wait_live(page)


def wait_live(page: Any) -> None:
    page.wait_for_function("document.body.dataset.live === '1'")


def claim(page: Any, tid: str | None = None) -> str:
    """Claim conversation TID (else the first in the queue) from the dashboard; returns it, its page live."""
    page.wait_for_selector("#queue tr[data-tid]")
    tid = tid or page.get_attribute("#queue tr[data-tid]", "data-tid")
    page.locator(f"#queue tr[data-tid='{tid}'] button.claim").click()
    page.wait_for_url(f"**/dashboard/c/{tid}")
    page.wait_for_selector("#transcript li.msg")
    wait_live(page)
    return str(tid)


# WCAG 2.1 contrast of every visible text against the background it is drawn on (the nearest ancestor with
# an opaque background colour). Text in images and disabled controls are exempt, as in WCAG.
CONTRAST_SCRIPT = """
() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = ({r, g, b}) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (node) => { for (let n = node; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor); if (c && c.a >= 0.99) return c; }
    return {r: 255, g: 255, b: 255, a: 1}; };
  const failures = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const node = t.parentElement;
    if (!t.textContent.trim() || !node || seen.has(node)) continue;
    seen.add(node);
    const style = getComputedStyle(node);
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || node.closest("[hidden]")) continue;
    if (node.closest(".visually-hidden, .skip") || node.disabled) continue;
    const fg = parse(style.color); const bg = background(node);
    const ratio = (Math.max(lum(fg), lum(bg)) + 0.05) / (Math.min(lum(fg), lum(bg)) + 0.05);
    const size = parseFloat(style.fontSize); const bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    const what = `"${t.textContent.trim().slice(0, 40)}" (${node.tagName.toLowerCase()}.${node.className})`;
    if (ratio < (large ? 3 : 4.5)) failures.push(`${ratio.toFixed(2)}:1 ${what}`);
  }
  return failures;
}
"""


def contrast_failures(page: Any) -> list[str]:
    """Texts on the page below WCAG AA contrast (4.5:1, or 3:1 for large text)."""
    return page.evaluate(CONTRAST_SCRIPT)
