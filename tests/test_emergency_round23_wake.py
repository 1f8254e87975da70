"""Round 23 (coordinator): Spanish "para no despertar" is a plan to die in one's sleep ("tomármelas todas para no
despertar"), but "para no despertar a <someone>" is only being quiet (tuner R's note). Texts written for these tests."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "tomo el kratom en silencio de noche para no despertar a mi hija",
        "lo preparo en la cocina despacito para no despertar a los vecinos",
    ],
)
def test_not_waking_someone_else_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "me voy a tomar todas para no despertar",
        "quiero dormirme para no despertar nunca",
        "me tome todo el frasco para no despertar a nadie nunca mas",
    ],
)
def test_not_waking_up_oneself_is_still_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
