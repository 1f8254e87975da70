"""Round 28 (tuner D: English and Spanish false alarms, misses of the newest batches). Texts written for these
tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# Run-on texts typed in panic, the spaces left out: read as the words they are made of.
@pytest.mark.parametrize(
    "text",
    [
        "mybrotherisntbreathing helpme",
        "shesturningblue pleasehurry",
        "tolongdiabiru adikku",  # id
        "tímtáirồi khôngthở cứuvới",  # vi
        "ilrespireplus venezvite",  # fr
    ],
)
def test_run_on_emergencies_are_read_apart(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Long words that are words (or typos of the lists' words) are left whole; safe run-ons stay safe.
@pytest.mark.parametrize(
    "text",
    [
        "overthinking everything lately, is kratom good for anxiety",
        "thankyousomuch for the taper plan, feeling better",
        "goodmorning everyone, day 12 without kratom",
    ],
)
def test_safe_run_ons_stay_safe(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "my friend is unconcious and not breathin after kratom",  # typos, not run-ons
        "he is not breathing, his lips are blue",
    ],
)
def test_typos_and_spaced_emergencies_stay(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A long word that splits into short words of some language, but holds no danger phrase so split, is left whole.
@pytest.mark.parametrize(
    "text",
    [
        "me estuvo ofreciendome cosas por whatsapp pero no quise contestarle",
        "nagkaseizure ako nung bata, pwede ba kratom",  # tl: a seizure as a child ("nung bata"), asked about
    ],
)
def test_words_that_only_look_run_on_stay_whole(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
