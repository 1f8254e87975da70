"""Round 23 (tuner M: conversations): when an emergency opened earlier in a conversation stops carrying to the messages
after it. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

ROOMMATE = ("my roommate took a bunch of kratom and xanax and now he wont wake up", "hes breathing but really slow")
PRIMO = ("mi primo tomó kratom con pastillas y no despierta", "respira muy lento")
IRMA = ("minha irmã tomou kratom com remédio e não acorda", "ela tá respirando devagar")
PILLS = ("i have all my moms pills in front of me", "tonight is the night")
COLOC = ("mon coloc a pris du kratom avec des cachets et il se réveille pas", "il respire très lentement")


# A laugh in a message with no danger of its own is relief: the scene handled, in words no recovery list has. It closes
# the open emergency (_relieved), and what follows is aftercare, as after a recovery.
@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (ROOMMATE, "he just threw a pillow at me and said to let him sleep lol"),
        (ROOMMATE, "omg he just sat up and asked why im yelling lol. he had earplugs in"),
        (PRIMO, "me aventó la almohada y me dijo que lo deje dormir jajaja"),
        (IRMA, "ela jogou o travesseiro em mim e mandou eu deixar ela dormir kkkkk"),
        (COLOC, "il m'a balancé son oreiller et m'a dit de le laisser dormir mdr"),
    ],
)
def test_a_laugh_with_nothing_of_danger_closes_the_emergency(
    knowledge: Knowledge, earlier: tuple[str, ...], text: str
) -> None:
    assert tier(knowledge, earlier[-1], *earlier[:-1]) == "full"
    assert tier(knowledge, text, *earlier) == "none"


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        ((*ROOMMATE, "he just threw a pillow at me and said to let him sleep lol"), "should i check on him later?"),
        ((*PRIMO, "me aventó la almohada y me dijo que lo deje dormir jajaja"), "lo reviso al rato o ya no?"),
    ],
)
def test_the_message_after_the_laugh_is_not_the_emergency(
    knowledge: Knowledge, earlier: tuple[str, ...], text: str
) -> None:
    assert tier(knowledge, text, *earlier) == "none"


# Not relief: a laugh taken back by "but" and the danger after it, a laugh beside a danger phrase, a call for help,
# a laugh beside a plan.
@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        (ROOMMATE, "he mumbled something lol but his lips look kinda blue"),
        (ROOMMATE, "lol i cant tell, his lips look grey"),
        (ROOMMATE, "calling 911 now lol my hands are shaking"),
        (PILLS, "haha its fine, nobody would even notice"),
    ],
)
def test_a_laugh_beside_danger_is_still_the_emergency(
    knowledge: Knowledge, earlier: tuple[str, ...], text: str
) -> None:
    assert tier(knowledge, text, *earlier) == "full"


# Three messages after the emergency with nothing of danger in them: it has lapsed (OPEN_QUIET), and a thanks or an
# word of now in it ("im ok now") is not read as the emergency going on.
OVERDOSE = (
    "my brother took a ton of kratom with his xanax and hes not waking up, his lips are blue",
    "the paramedics took him with them, im driving behind",
    "they told me to wait in the lobby",
    "my mom is on her way too",
)


@pytest.mark.parametrize(
    "text", ["thank you so much, im gonna try to sleep now", "thanks, im ok now, gonna eat something"]
)
def test_an_emergency_lapses_after_three_quiet_messages(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text, *OVERDOSE) == "none"


# An address given in pieces is not quiet (_goes_on): the emergency is still open after it.
def test_an_address_in_pieces_does_not_lapse_the_emergency(knowledge: Knowledge) -> None:
    earlier = (
        "mi hermano tomó kratom con pastillas y no despierta, tiene los labios morados",
        "calle Reforma 230",
        "depto 4B",
        "edificio gris, 3er piso",
    )
    assert tier(knowledge, "sigue igual", *earlier) == "full"
