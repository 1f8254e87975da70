"""Round 20 (tuner Q: ms, tl, vi, th, zh_Hans lists): a person telling where they stand to die, in their own words.

Thai "jump from the rooftop" (โดดจากดาดฟ้า / กระโดดจากดาดฟ้า) is a suicide phrase as "jump off a building" (โดดตึก)
already is; Chinese "I'm on the bridge" (我在桥上) is a plan sign and the phrase itself, as English "i'm on the
bridge" is. Waiting for someone on a bridge (桥上等你) and a film scene are not (guards: they pass before
the change too). Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

FULL = (
    "เที่ยงคืนจะขึ้นไปโดดจากดาดฟ้าหอ",
    "พรุ่งนี้ขึ้นไปกระโดดจากดาดฟ้าโรงพยาบาล",
    "我在桥上",
    "现在我在桥上，风很大",
    "我在桥上，最后说一句谢谢",
)

@pytest.mark.parametrize("text", FULL)
def test_where_they_stand_to_die_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


NONE = (
    "我在桥上等你，你快点过来吃饭",
    "เมื่อคืนดูหนัง ฉากพระเอกกระโดดจากดาดฟ้าน่ากลัวมาก",
)


@pytest.mark.parametrize("text", NONE)
def test_waiting_on_a_bridge_or_a_film_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
