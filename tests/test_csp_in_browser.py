"""The dashboard, the login and the simulator work under the real Content-Security-Policy, in Chromium.

tests/test_dashboard_browser.py drives the pages with bypass_csp (Playwright's waits evaluate strings, which the
policy forbids); here the policy is on, and the browser's own `securitypolicyviolation` events are collected by a
script the browser injects before the page's own: any inline script, style or foreign connection shows up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from helpline.app import create_app
from helpline.knowledge import Knowledge
from tests.browser import serve
from tests.desk import PASSWORD, Desk, ask_for_counselor

pytestmark = pytest.mark.browser
COLLECT = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"
)


@pytest.fixture
def served(app_config: dict[str, Any], knowledge: Knowledge) -> Iterator[tuple[Flask, str]]:
    app = create_app(app_config, knowledge=knowledge)
    for url in serve(app):
        yield app, url


def test_pages_run_under_the_policy_without_violations(chromium: Any, served: tuple[Flask, str]) -> None:
    app, base = served
    Desk(app, "ana", role="supervisor")  # the account, available so TALK queues
    tid = ask_for_counselor(app, "+14155550123")
    context = chromium.new_context(base_url=base)
    context.add_init_script(COLLECT)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/login")
        page.fill("input[name=name]", "ana")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/dashboard")
        page.wait_for_selector(f"a[href$='/dashboard/c/{tid}']")  # the queue came from dashboard.js over fetch
        violations = page.evaluate("window.__csp")
        page.goto(f"/dashboard/c/{tid}")
        page.wait_for_selector("#transcript li")  # rendered by dashboard.js
        violations += page.evaluate("window.__csp")
    finally:
        context.close()
    assert violations == []
