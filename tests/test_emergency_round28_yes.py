"""Round 28 (coordinator, from tuner C: a yes with a laugh). A yes with a laugh ("có =))", "oo haha") answers
the possible emergency's question as a yes, and inside an open emergency it does not close it as relief would. Texts
written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A danger the detector asks about (the possible tier) and one it answers in full.
ASKED = "chán đời muốn chết quá mà sếp còn dí deadline"
OPEN = "ông xã em uống kratom với thuốc ngủ giờ nằm im gọi không dậy"


def test_the_asked_text_is_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, ASKED) == "possible"


@pytest.mark.parametrize("answer", ["có =))", "có :)))", "dạ có =))", "có 😂", "=)) có"])
def test_a_yes_with_a_laugh_escalates_the_question(knowledge: Knowledge, answer: str) -> None:
    assert tier(knowledge, answer, ASKED) == "full"


@pytest.mark.parametrize(
    ("answer", "earlier"),
    [
        ("oo hahaha", "binigay ko na yung gitara ko kay bunso"),
        ("ya hahaha", "aku dah tak larat dengan semua benda ni"),
    ],
)
def test_a_yes_with_a_laugh_in_other_languages(knowledge: Knowledge, answer: str, earlier: str) -> None:
    assert tier(knowledge, earlier) == "possible"
    assert tier(knowledge, answer, earlier) == "full"


@pytest.mark.parametrize("answer", ["có =))", "dạ có :)))"])
def test_a_yes_with_a_laugh_keeps_an_open_emergency(knowledge: Knowledge, answer: str) -> None:
    assert tier(knowledge, answer, OPEN) == "full"


# A no or a laugh alone are not a yes: the question's no still ends it, and relief still closes an emergency.
@pytest.mark.parametrize("answer", ["ko =))", "không :)))", "=))"])
def test_a_no_or_a_laugh_alone_is_no_yes(knowledge: Knowledge, answer: str) -> None:
    assert tier(knowledge, answer, ASKED) == "none"


def test_a_laugh_with_other_words_still_closes(knowledge: Knowledge) -> None:
    assert tier(knowledge, "nó dậy rồi, đang chửi em =))", OPEN) == "none"
