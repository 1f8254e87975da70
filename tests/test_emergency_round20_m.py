"""Round 20 (tuner M: how a conversation's context raises or lowers a tier). Texts written for these tests, not
corpus lines.

- A sign of a plan or the means told inside an open emergency (an empty pill bottle beside him) is danger told now:
  a frame in the same message (the bottle was "his old" pills, from "before") does not close the emergency, and the
  messages after it go on with it.
- A danger phrase the model reads as nothing like danger, in a long message later in a calm conversation (no
  emergency, no question, no despair before it), is talk ("feels like im dying but i know im not"): not asked.
- The past told, then a message of today ("tonight he took both again"): the danger told after it is the present."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

MEANS_BESIDE_THE_PAST = (
    ("我室友躺在地上叫不醒 脸色发灰", "呼吸好慢 旁边有个空药瓶 是他以前的药"),
    ("我室友躺在地上叫不醒 脸色发灰", "呼吸好慢 好几秒才一下 地上有个空药瓶 以前医生开的"),
)


@pytest.mark.parametrize(("earlier", "text"), MEANS_BESIDE_THE_PAST)
def test_the_means_beside_the_past_do_not_close_an_open_emergency(
    knowledge: Knowledge, earlier: str, text: str
) -> None:
    assert tier(knowledge, text, earlier) == "full"


# A phrase the model reads as nothing like danger, in a long message, later in a calm conversation (no emergency, no
# question, no despair in any earlier message): the talk so far outweighs the phrase, and no question is asked.
WITHDRAWAL = "hey quick question about kratom withdrawal, im on day 3 of quitting"
TALK_IN_A_CALM_CONVERSATION = (
    (WITHDRAWAL, "honestly feels like im dying but i know im not, just the sweats and the restless legs all night"),
    (WITHDRAWAL, "gonna go pass out on the sofa and watch the footy, been a long week at the shop"),
)


@pytest.mark.parametrize(("earlier", "text"), TALK_IN_A_CALM_CONVERSATION)
def test_a_doubted_phrase_in_a_calm_conversation_is_not_asked(knowledge: Knowledge, earlier: str, text: str) -> None:
    assert tier(knowledge, text, earlier) == "none"
    # Alone (nothing before it to read), or after despair (a suicide risk told in pieces), it is still asked.
    assert tier(knowledge, text) == "possible"
    assert tier(knowledge, text, "i lost my job and i cant do this anymore") == "possible"


# The past told, then a message of today or of what comes next (an intention cue: "tonight", "hoje"): the story is
# over, and the danger told after it is the present, not read inside the past.
THE_PAST_THEN_TODAY = (
    (
        "last month my brother passed out after mixing kratom and xanax",
        "tonight he took both again, says it was only a little",
        "hes snoring really loud and i cant wake him, his lips look grey",
    ),
    (
        "mes passado meu pai desmaiou depois de misturar kratom com rivotril",
        "hoje ele tomou os dois de novo, disse que foi pouco",
        "ele tá roncando alto e não acorda, a boca tá roxa",
    ),
)


@pytest.mark.parametrize("conversation", THE_PAST_THEN_TODAY)
def test_a_message_of_today_lifts_the_past_told_before_it(knowledge: Knowledge, conversation: tuple[str, ...]) -> None:
    *earlier, text = conversation
    assert tier(knowledge, text, *earlier) == "full"
    assert tier(knowledge, text, earlier[0]) == "possible"  # right after the past, it is still read inside it
