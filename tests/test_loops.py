"""Loops with machines: our own words are never taken for a request, and repeats go quiet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from helpline import engine
from helpline.engine import Inbound, TexterState
from helpline.knowledge import Knowledge
from helpline.loops import REPEATS_ANSWERED, OwnWords, is_repeating

ADDRESSES = ("+14155550123", "+66812345678", "+8613812345678", "+84912345678", "+447700900123", "+5511987654321")
CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def own_words(knowledge: Knowledge) -> OwnWords:
    return OwnWords.of_catalogs(knowledge.catalogs)


def _every_reply(knowledge: Knowledge) -> list[str]:
    """What the helpline really sends: each keyword of each language, emergencies, unknown text, per country."""
    catalogs = knowledge.catalogs
    bodies = ["my friend wont wake up and his lips are blue", "i want to kill myself", "asdf qwer zxcv"]
    for code in catalogs.codes:
        for context in catalogs.content.messages:
            if context.endswith(".keywords"):
                bodies.extend(catalogs.items(code, context)[:1])
    replies = []
    for address in ADDRESSES:
        for body in bodies:
            for on_shift in (False, True):
                decision = engine.decide(Inbound("SM1", address, body), TexterState(), knowledge, time.time(), on_shift)
                replies.extend(decision.replies)
    return replies


def test_every_reply_we_send_is_recognised_as_our_own(knowledge: Knowledge, own_words: OwnWords) -> None:
    replies = _every_reply(knowledge)
    assert len(replies) > 500
    missed = [reply for reply in replies if own_words.echo_of(reply) is None]
    assert missed == []


def test_no_texter_message_of_the_corpora_is_taken_for_an_echo(own_words: OwnWords) -> None:
    texts = []
    for path in (CORPUS / "emergency.tsv", CORPUS / "languages.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.extend(field for field in line.split("\t") if len(field) > 15)
    assert len(texts) > 500
    assert [text for text in texts if own_words.echo_of(text)] == []


def test_an_echo_keeps_the_texters_own_words(own_words: OwnWords, knowledge: Knowledge) -> None:
    ours = knowledge.catalogs.text("en", "topics.signs.reply", emergency="911")
    assert own_words.echo_of(ours) is not None
    pasted = own_words.echo_of(ours + " my brother wont wake up")
    assert pasted is not None and "brother wont wake up" in pasted.residual


@pytest.mark.parametrize(
    ("body", "recent", "repeating"),
    [
        ("Talk to you later, I'm busy", (), False),
        ("Talk to you later, I'm busy", ("Talk to you later, I'm busy",), False),
        ("Talk to you later, I'm busy", ("Talk to you later, I'm busy",) * 2, True),
        ("Talk to you later, I'm busy 10:42", ("Talk to you later, I'm busy 10:41",) * 2, True),  # changing times
        ("SIGNS", ("MIX", "SAFER"), False),
        ("", ("", ""), False),
    ],
)
def test_repeats(body: str, recent: tuple[str, ...], repeating: bool) -> None:
    assert is_repeating(body, recent) is repeating


def test_answers_given_to_one_repeated_text_is_the_documented_number() -> None:
    recent: list[str] = []
    answered = 0
    for _ in range(10):
        if not is_repeating("I am away until Monday", recent):
            answered += 1
        recent.append("I am away until Monday")
    assert answered == REPEATS_ANSWERED
