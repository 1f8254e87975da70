"""The first scores of every batch stay on record.

A batch's first score, taken before anyone tuned on it, is the only honest figure for unseen text
(README, Emergencies). Each SCORES.md is appended to, never rewritten; round 20 once replaced a
whole file with its newest entry, and only the history in git still held the older ones. These
checks catch that: every batch has its own heading with a first score, and every sealed file is
named in the sealed record.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
BATCHES = CORPUS / "batches"
SEALED = CORPUS / "sealed"


def _sections(scores: Path) -> list[tuple[str, str]]:
    """Each `## <heading>` of a SCORES.md with the text under it, in the file's order."""
    found = []
    for part in re.split(r"^## ", scores.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
        heading, _, body = part.partition("\n")
        found.append((heading, body))
    return found


@pytest.mark.parametrize("batch", sorted(path.name for path in BATCHES.glob("*.tsv")))
def test_every_batch_keeps_its_first_score(batch: str) -> None:
    """The first section headed with the batch's name is its arrival: a table and the word for it."""
    sections = [body for heading, body in _sections(BATCHES / "SCORES.md") if heading.startswith(batch)]
    assert sections, f"{batch} has no section in SCORES.md"
    arrival = sections[0]
    assert "| **all** |" in arrival, f"{batch}: its first section has no table"
    assert "arrival" in arrival or "First score" in arrival, f"{batch}: its first section is not the first score"


@pytest.mark.parametrize("sealed", sorted(path.name for path in SEALED.glob("*.tsv")))
def test_every_sealed_set_is_on_record(sealed: str) -> None:
    record = (SEALED / "SCORES.md").read_text(encoding="utf-8")
    assert sealed in record, f"{sealed} is not named in sealed/SCORES.md"


def test_the_sealed_record_keeps_a_section_per_set() -> None:
    """Each sealed set was scored at its arrival in a section of its own (some sets share one, and later rounds add
    sections), so a record with fewer sections than sets has lost its history."""
    sets = {
        path.name.removesuffix(".tsv").removesuffix("-texts").removesuffix("-conversations")
        for path in SEALED.glob("*.tsv")
    }
    assert len(_sections(SEALED / "SCORES.md")) >= len(sets)
