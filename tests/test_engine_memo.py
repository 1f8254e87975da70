"""What the engine remembers per text (round 12's speed work) answers exactly as working it out again would.

The lexicon keeps each text's reading and the lists asked of it, the engine keeps each text's assessment and
language and each country's lines per minute. These tests compare the remembered answers with fresh ones, so a
cache that returned another text's answer, or lines from the wrong minute, fails here.
"""

from __future__ import annotations

import phonenumbers

from helpline import emergency, engine
from helpline.knowledge import Knowledge, Lexicon

TEXTS = (
    "HELP",
    "help",
    "STOP",
    "1",
    "kratom",
    "kratom and gabapentin",
    "what are the signs of an overdose",
    "my friend is not breathing",
    "ayuda por favor",
    "ESPAÑOL",
    "ช่วยด้วย",
    "我朋友吸毒过量了",
    "",
)


def test_a_texts_remembered_hits_are_a_fresh_lexicons(knowledge: Knowledge) -> None:
    """Asked twice (the second answer remembered) and asked of a lexicon that never saw the text: the same hits,
    for every list, keywords whole and as the first words, and phrases."""
    remembered = knowledge.lexicon
    lists = [c for c, m in knowledge.catalogs.content.messages.items() if m.kind == "list"]
    contexts = [c for c in lists if not c.startswith("emergency.")] + ["emergency.negators.phrases"]  # those scan
    fresh = Lexicon(knowledge.catalogs)  # reads each text (all different) for the first time
    for text in TEXTS:
        message = fresh.read(text)
        for _ in range(2):
            reading = remembered.reading(text)
            for context in contexts:
                assert reading.keyword_hits(context, whole_only=True) == fresh.keyword_hits(message, context, True)
                assert reading.keyword_hits(context) == fresh.keyword_hits(message, context)
                assert reading.phrase_hits(context) == fresh.phrase_hits(message, context)
        assert remembered.reading(text) is remembered.reading(text)
        assert remembered.read(text) is remembered.reading(text).message


def test_a_message_made_elsewhere_is_not_taken_for_a_remembered_one(knowledge: Knowledge) -> None:
    """keyword_hits with a Message the lexicon did not read (an equal one, made again) reads that message."""
    lexicon = knowledge.lexicon
    lexicon.read("STOP")
    other = lexicon.read("kratom")
    assert lexicon.keyword_hits(other, "system.optout.keywords", whole_only=True) == []
    assert lexicon.keyword_hits(lexicon.read("STOP"), "system.optout.keywords", whole_only=True)


def test_lines_are_those_of_the_moment_at_every_minute(knowledge: Knowledge) -> None:
    """The lines worked out once per country and minute are for_address's at any second of that minute, over a
    week in steps that fall on every second of the minute, for every country with lines of limited hours."""
    directory = knowledge.directory
    countries = [iso for iso in directory.countries if directory.for_country(iso).hours] or list(directory.countries)
    start = 1_767_225_600  # 2026-01-01 00:00 UTC
    for iso in countries:
        address = _address_in(iso, knowledge)
        if address is None:
            continue
        for step in range(0, 7 * 24 * 3600, 7 * 60 + 13):
            now = start + step
            assert engine._lines_at(directory, address, now) == directory.for_address(address, at=now), (iso, now)


def test_an_assessment_remembered_is_a_fresh_one(knowledge: Knowledge) -> None:
    recent = ("my friend took too many pills", "ok")
    for text in TEXTS:
        for earlier in ((), recent):
            assert engine._assessed(text, knowledge.lexicon, earlier) == emergency.assess(
                text, knowledge.lexicon, earlier
            )


def _address_in(iso: str, knowledge: Knowledge) -> str | None:
    """A phone number of that country, from phonenumbers' example numbers."""
    example = phonenumbers.example_number_for_type(iso, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        return None
    address = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    return address if knowledge.directory.country_of(address) == iso else None
