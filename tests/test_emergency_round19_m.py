"""Round 19 (tuner M): the second opinion retrained on every scored batch through dj, held-out ones aside.

The texts are written for this test in the style of the round's new batches (not copied from any): danger told
without any phrase the lists hold, which only the model can ask about. The model through cs read each under the
question's threshold (0.46 to 0.70), so these tests fail with it."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.knowledge import Knowledge
from tests.support import tier

MODEL_ALONE = [
    "嘴唇有点发青 我好怕",  # lips turning blue, the texter frightened (0.79; 0.46 before)
    "猫已经交给朋友了 谢谢你陪我这么久",  # the cat handed over, thanks that sound final (0.73; 0.51 before)
    "deixei um áudio pra minha mãe no whatsapp. obrigada por me ouvir",  # a recorded goodbye (0.82; 0.70 before)
    "ya llamaron, vienen en camino",  # help on its way: someone is in danger now (0.79; 0.62 before)
]


@pytest.mark.parametrize("text", MODEL_ALONE)
def test_the_retrained_model_asks_what_the_rules_cannot_read(knowledge: Knowledge, text: str) -> None:
    assert emergency.read(text, knowledge.lexicon).tier == "none"  # no phrase of the lists
    assert tier(knowledge, text) == "possible"


@pytest.mark.xfail(strict=True, reason="a known loss of the round-19 model: it reads this farewell at 0.47")
def test_a_farewell_after_the_past_stays_asked(knowledge: Knowledge) -> None:
    """The past told first ("last month") and then a farewell: the past does not cancel it from MODEL_AGAIN (0.5);
    the model through cs read it at 0.53, the retrained one at 0.47, so it is no longer asked. Kept here so that a
    later change that brings it back says so."""
    text = "thank you for listening to me last month. this is my last message, take care of yourselves"
    assert tier(knowledge, text) == "possible"
