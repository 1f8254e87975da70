"""Bad input gets a clear, safe answer: never a 500, never lost data."""

from __future__ import annotations

import pytest
import redis

from helpline.channels import twilio as channel
from helpline.state import keys
from helpline.state.texters import fields as texter_fields
from tests.support import Texter, texter_ids


def _entries(client: redis.Redis) -> list[dict[str, str]]:
    (tid,) = texter_ids(client)
    return [fields for _, fields in client.xrange(keys.TRANSCRIPT.format(tid=tid))]


def test_empty_body_gets_the_menu(texter: Texter) -> None:
    replies = texter.replies("")
    assert "Kratom Helpline" in replies[0]


def test_missing_body_field_gets_the_menu(texter: Texter) -> None:
    assert "Kratom Helpline" in texter.replies(None)[0]


def test_ten_thousand_character_body_is_answered_and_kept_whole(texter: Texter, redis_client: redis.Redis) -> None:
    body = "SIGNS " + "a" * 9_994
    replies = texter.replies(body)
    assert "Call 911" in replies[0]
    assert _entries(redis_client)[0]["body"] == body


def test_emoji_only_body_gets_the_menu_and_is_stored_exactly(texter: Texter, redis_client: redis.Redis) -> None:
    replies = texter.replies("😀🙏🏽")
    assert "Kratom Helpline" in replies[0]
    assert _entries(redis_client)[0]["body"] == "😀🙏🏽"


def test_invalid_utf8_escapes_are_replaced_not_fatal(client, redis_client: redis.Redis) -> None:
    texter = Texter(client)
    form = texter.form("placeholder")
    raw_pairs = {key: value for key, value in form.items() if key != "Body"}
    # Werkzeug keeps undecodable percent-escapes as literal text; the signature covers what the app decodes.
    decoded = dict(raw_pairs, Body="SIGNS %FF%FE")
    signature = channel.sign(texter.token, "http://localhost/twilio/inbound", decoded)
    from urllib.parse import urlencode

    body = urlencode(raw_pairs) + "&Body=SIGNS+%FF%FE"
    response = client.post(
        "/twilio/inbound",
        data=body,
        content_type="application/x-www-form-urlencoded",
        headers={channel.SIGNATURE_HEADER: signature},
    )
    assert response.status_code == 200
    assert b"Call 911" in response.data
    assert _entries(redis_client)[0]["body"] == "SIGNS %FF%FE"


def test_media_only_message(texter: Texter, redis_client: redis.Redis) -> None:
    replies = texter.replies(
        None, NumMedia="1", MediaUrl0="https://api.twilio.com/x.jpg", MediaContentType0="image/jpeg"
    )
    assert "only read text" in replies[0]
    assert _entries(redis_client)[0]["body"] == ""


def test_missing_from_gets_an_empty_response_and_stores_nothing(texter: Texter, redis_client: redis.Redis) -> None:
    form = texter.form("SIGNS")
    del form["From"]
    response = texter.post(form)
    assert response.status_code == 200 and response.mimetype == "text/xml"
    assert channel.twiml([]) == response.get_data(as_text=True)
    assert list(redis_client.scan_iter("hl:*")) == []


def test_unknown_extra_fields_are_ignored(texter: Texter) -> None:
    replies = texter.replies("SIGNS", SomethingNew="1", AnotherField="", ApiVersion="2010-04-01")
    assert "Call 911" in replies[0]


def test_control_characters_are_dropped_from_the_body(texter: Texter, redis_client: redis.Redis) -> None:
    texter.replies("SIG\x00NS\x07")
    assert _entries(redis_client)[0]["body"] == "SIGNS"


def test_oversized_request_is_refused_before_parsing(texter: Texter, redis_client: redis.Redis) -> None:
    response = texter.send("x" * 200_000)
    assert response.status_code == 413
    assert list(redis_client.scan_iter("hl:*")) == []


@pytest.mark.parametrize("num_media", ["abc", "-3", ""])
def test_garbage_num_media_is_treated_as_none(texter: Texter, num_media: str) -> None:
    assert texter.replies("SIGNS", NumMedia=num_media)


def test_whatsapp_and_sms_from_the_same_number_are_different_texters(client, redis_client: redis.Redis) -> None:
    Texter(client, "+14155550123").replies("SIGNS")
    Texter(client, "whatsapp:+14155550123").replies("SIGNS")
    texters = texter_ids(redis_client)
    assert len(texters) == 2
    channels = sorted(texter_fields(redis_client.hgetall(keys.TEXTER.format(tid=t)))["channel"] for t in texters)
    assert channels == ["sms", "whatsapp"]


@pytest.mark.parametrize(
    "replies",
    [
        (),
        ("",),
        ("Call 911 & stay <here> > now", ""),
        ("\"quoted\" 'single' \r\n\ttabs ]]>",),
        ("emoji 😀 ไทย 中文 tiếng Việt",),
        ("\ud83d lone surrogate",),
    ],
)
def test_twiml_is_what_twilios_library_writes(replies: tuple[str, ...]) -> None:
    """The webhook writes its TwiML directly (speed); it must stay byte for byte the library's answer."""
    assert channel.twiml(replies) == channel.twiml_by_library(replies)


def test_twiml_of_every_catalog_text_is_what_twilios_library_writes(knowledge) -> None:  # type: ignore[no-untyped-def]
    catalogs = knowledge.catalogs
    for code in catalogs.codes:
        texts = [catalogs.translation(code, c) or m.text for c, m in catalogs.content.messages.items()]
        assert channel.twiml(texts) == channel.twiml_by_library(texts)
