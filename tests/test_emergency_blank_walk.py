"""The conversation's walk skipped when every earlier message is blank (Reading.blank) changes no assessment.

Why this test: `_in_conversation` skips walking the earlier messages when none of them has anything its rules read
(a speed-up: half of a surge's messages). That is right only if a walk over blank messages always ends in the state
it starts in. This reads every conversation of the corpus (the hand-written one and every batch) turn by turn, as
the engine does (the last six messages), twice: with the skip, and with Reading.blank made always false so that
every walk runs; each assessment, every field of it, must be the same. It also checks that the skip happens: the
corpus has turns whose earlier messages are all blank, and a reading with a cue, a tier or a sure model is not."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from helpline import emergency
from helpline.knowledge import Knowledge

CORPUS = Path(__file__).parent / "corpus"
RECENT = 6  # the engine reads a message with the texter's last six (engine.TexterState.recent_texts)


def _conversations() -> list[list[str]]:
    found: list[list[str]] = []
    for path in [CORPUS / "conversations.tsv", *sorted((CORPUS / "batches").glob("conversations-*.tsv"))]:
        turns: dict[str, list[tuple[int, str]]] = defaultdict(list)
        with path.open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE):
                turns[row["conversation"]].append((int(row["turn"]), row["text"]))
        found.extend([text for _, text in sorted(messages)] for messages in turns.values())
    return found


def _every_field(assessment: emergency.Assessment) -> tuple[Any, ...]:
    return tuple(getattr(assessment, f.name) for f in fields(assessment))


def _assess_all(knowledge: Knowledge) -> list[tuple[Any, ...]]:
    results = []
    for messages in _conversations():
        for position, text in enumerate(messages):
            recent = tuple(messages[max(0, position - RECENT) : position])
            results.append(_every_field(emergency.assess(text, knowledge.lexicon, recent)))
    return results


def test_skipping_the_walk_over_blank_messages_changes_no_assessment(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    skipped = _assess_all(knowledge)
    monkeypatch.setattr(emergency.Reading, "blank", property(lambda reading: False))
    walked = _assess_all(knowledge)
    assert len(skipped) == len(walked) > 10_000
    different = [position for position, (a, b) in enumerate(zip(skipped, walked, strict=True)) if a != b]
    assert different == []


def test_the_skip_happens_on_ordinary_talk_and_not_on_a_sign(knowledge: Knowledge) -> None:
    lexicon = knowledge.lexicon
    assert emergency.read("how long does kratom withdrawal last", lexicon).blank
    assert emergency.read("thanks, see you", lexicon).blank
    assert not emergency.read("he is not breathing", lexicon).blank  # a phrase
    assert not emergency.read("yes", lexicon).blank  # an answer the rules read after the question
    assert not emergency.read("my dog ate some", lexicon).blank  # a cue (an animal)
    blank_turns = sum(
        all(emergency.read(text, lexicon).blank for text in messages[max(0, position - RECENT) : position])
        for messages in _conversations()
        for position in range(1, len(messages))
    )
    assert blank_turns > 1_000
