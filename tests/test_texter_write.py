"""The write script's texter hash (`Texters.finish`): the fields every message writes (address, channel, last seen)
are named in the script's source, the decision's own changes sent as pairs; what is stored is the same as when all
of them were sent as pairs: field names, values, first seen kept from the first message."""

from __future__ import annotations

import redis

from helpline.engine import Decision, Inbound, MarkAutoMenu, SetLanguage, SetOptedOut
from helpline.state import keys
from helpline.state.texters import Texters

TID = "d" * 20


def test_the_texter_hash_holds_what_every_message_and_its_decision_write(redis_client: redis.Redis) -> None:
    texters = Texters(redis_client, id_key="k")
    key = keys.TEXTER.format(tid=TID)
    plain = Decision(replies=("hello",), language="en", topic="greeting")
    texters.record_turn(TID, Inbound("SM1", "+14155550123", "hi"), plain, 1000.25)
    assert redis_client.hgetall(key) == {"a": "+14155550123", "c": "sms", "s": "1000.25", "f": "1000.25"}

    actions = (SetLanguage("fr"), SetOptedOut(True), MarkAutoMenu(1001.5))
    changed = Decision(replies=(), language="fr", topic="stop", actions=actions)
    whatsapp = Inbound("SM2", "whatsapp:+14155550123", "STOP", channel="whatsapp")
    texters.record_turn(TID, whatsapp, changed, 1001.5)
    assert redis_client.hgetall(key) == {
        "a": "whatsapp:+14155550123",
        "c": "whatsapp",
        "s": "1001.5",
        "f": "1000.25",  # the first message's, kept
        "l": "fr",
        "o": "1",
        "m": "1001.5",
    }
    texters.record_turn(
        TID, Inbound("SM3", "+14155550123", "START"), Decision((), "fr", "t", (SetOptedOut(False),)), 1002.0
    )
    stored = redis_client.hgetall(key)
    assert (stored["o"], stored["s"], stored["c"], stored["l"], stored["m"]) == ("0", "1002.0", "sms", "fr", "1001.5")
    state = texters.load_state(TID)
    assert state.known and state.language == "fr" and not state.opted_out and state.last_auto_menu_at == 1001.5
