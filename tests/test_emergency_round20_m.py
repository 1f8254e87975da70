"""Round 20 (tuner M: how a conversation's context raises or lowers a tier). Texts written for these tests, not
corpus lines.

A sign of a plan or the means told inside an open emergency (an empty pill bottle beside him) is danger told now:
a frame in the same message (the bottle was "his old" pills, from "before") does not close the emergency, and the
messages after it go on with it."""

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
