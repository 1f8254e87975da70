"""Round 24 (tuner A: the messages after an emergency in a conversation): a message that thanks and says nothing of
danger (emergency.thanks) ends an open medical emergency, the way a recovery does; inside a suicide emergency thanks
for listening is still a goodbye, and follow-up details with a thanks still go on with the emergency. Texts written
for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

MEDICAL = "my brother took a bunch of pills with kratom and he wont wake up, his lips are blue"


# Thanks alone, or with a feeling or a plan for later, after a medical emergency: the texter's own voice back.
@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("thank you so much", MEDICAL),
        ("ok thanks, i really needed that", MEDICAL),
        ("muchas gracias de verdad", "mi tio tomo kratom con pastillas y no despierta, tiene los labios morados"),
        ("obrigada viu, nunca passei tanto medo", "meu irmao tomou kratom com remedio e nao acorda, ta roxo"),
        ("cảm ơn nhiều nha", "anh em uống kratom với thuốc ngủ giờ không tỉnh, môi tím"),
        ("好的 太谢谢了", "我弟弟吃了很多药 叫不醒 嘴唇发紫"),
    ],
)
def test_thanks_after_a_medical_emergency_is_not_the_emergency(knowledge: Knowledge, text: str, opening: str) -> None:
    assert tier(knowledge, opening) == "full"
    assert tier(knowledge, text, opening) == "none"


# After the thanks, a message with nothing of danger does not inherit the emergency either.
def test_the_emergency_stays_closed_after_the_thanks(knowledge: Knowledge) -> None:
    assert tier(knowledge, "ok", MEDICAL, "thank you so much") == "none"


# Thanks beside the danger, an address, a question or the emergency number: the emergency goes on.
@pytest.mark.parametrize(
    "text",
    [
        "thanks, hes still not breathing right",
        "thank you, we are at 52 pine street apt 4",
        "thanks, what do i do now?",
        "ok thanks calling 911",
    ],
)
def test_thanks_with_a_detail_of_the_emergency_goes_on(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text, MEDICAL) == "full"


# Inside a suicide emergency, thanks for listening is a goodbye: never a closing.
def test_thanks_inside_a_suicide_emergency_goes_on(knowledge: Knowledge) -> None:
    opening = "i have the rope ready in the garage, tonight is the night"
    assert tier(knowledge, opening) == "full"
    assert tier(knowledge, "thanks for listening", opening) == "full"
