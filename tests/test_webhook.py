"""The inbound webhook, end to end through Flask, signed like Twilio, on a real Redis."""

from __future__ import annotations

import threading

import pytest
import redis

from helpline.state import keys
from tests.support import Texter, make_app, texter_ids


def test_menu_answers_with_program_name_and_opt_out(texter: Texter) -> None:
    replies = texter.replies("MENU")
    assert "Kratom Helpline" in replies[0]
    assert "STOP" in replies[0]


@pytest.mark.parametrize("signature", ["", "bogus", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="])
def test_bad_or_missing_signature_is_403_and_stores_nothing(
    texter: Texter, redis_client: redis.Redis, signature: str
) -> None:
    response = texter.post(texter.form("MENU"), signature=signature)
    assert response.status_code == 403
    assert list(redis_client.scan_iter("hl:*")) == []


def test_signature_over_a_different_token_is_rejected(client, redis_client: redis.Redis) -> None:
    forger = Texter(client, token="not-the-token")
    assert forger.send("MENU").status_code == 403


def test_signature_covers_blank_parameters(texter: Texter) -> None:
    form = texter.form("SIGNS", ToCity="", ToState="")
    assert texter.post(form).status_code == 200


def test_tampered_body_fails_signature(texter: Texter) -> None:
    form = texter.form("SIGNS")
    from helpline.channels import twilio as channel

    signature = channel.sign(texter.token, "http://localhost/twilio/inbound", form)
    form["Body"] = "STOP"
    assert texter.post(form, signature=signature).status_code == 403


def test_public_url_is_what_gets_signed(app_config, redis_client) -> None:
    from helpline.channels import twilio as channel

    app = make_app({**app_config, "HELPLINE_PUBLIC_URL": "https://help.example.org"})
    client = app.test_client()
    texter = Texter(client)
    form = texter.form("MENU")
    good = channel.sign(texter.token, "https://help.example.org/twilio/inbound", form)
    assert texter.post(form, signature=good).status_code == 200
    as_seen = channel.sign(texter.token, "http://localhost/twilio/inbound", form)
    assert texter.post(texter.form("MENU"), signature=as_seen).status_code == 403


def test_same_message_sid_twice_is_processed_once(texter: Texter, redis_client: redis.Redis) -> None:
    form = texter.form("SIGNS")
    first = texter.post(form)
    second = texter.post(form)
    assert first.get_data() == second.get_data()
    tid = _only_texter(redis_client)
    entries = redis_client.xrange(keys.TRANSCRIPT.format(tid=tid))
    assert [e[1]["direction"] for e in entries].count("in") == 1


def test_concurrent_duplicate_deliveries_are_processed_once(app, redis_client: redis.Redis) -> None:
    form = Texter(app.test_client()).form("KRATOM")
    answers: list[bytes] = []

    def deliver() -> None:
        answers.append(Texter(app.test_client()).post(form).get_data())

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(answers)) == 1 and b"<Message>" in answers[0]
    tid = _only_texter(redis_client)
    entries = redis_client.xrange(keys.TRANSCRIPT.format(tid=tid))
    assert [e[1]["direction"] for e in entries].count("in") == 1


def test_transcript_records_both_directions_with_language_and_topic(texter: Texter, redis_client) -> None:
    texter.replies("SIGNS")
    tid = _only_texter(redis_client)
    entries = [fields for _, fields in redis_client.xrange(keys.TRANSCRIPT.format(tid=tid))]
    assert entries[0]["direction"] == "in" and entries[0]["body"] == "SIGNS"
    assert entries[1]["direction"] == "out" and entries[1]["topic"].startswith("topics.signs")
    assert all(e["language"] == "en" and float(e["at"]) > 0 for e in entries)


def test_phone_number_is_not_in_any_key_name(texter: Texter, redis_client) -> None:
    texter.replies("HI")
    assert not [key for key in redis_client.scan_iter("*") if "4155550123" in key]


def _only_texter(client: redis.Redis) -> str:
    texters = texter_ids(client)
    assert len(texters) == 1
    return texters[0]
