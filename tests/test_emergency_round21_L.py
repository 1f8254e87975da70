"""Round 21 (tuner L: ms, tl, vi, th, zh_Hans single texts): signs of a present danger in these languages' own words
that the phrase lists did not count, and cues that read a habit, passing thoughts, a finished treatment or something
read in the news as an emergency. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# Body signs: no chest movement while asleep, a towel pressed on a wound that does not stop the bleeding, an old
# man no longer answering.
BODY_SIGNS = (
    ("con bé ngủ say mà ko thấy ngực phập phồng gì cả", "full"),
    ("vết cắt ở chân, đè khăn mãi ko cầm được", "possible"),
    ("antok na antok si lolo tapos di na nakakasagot", "full"),
)


@pytest.mark.parametrize(("text", "expected"), BODY_SIGNS)
def test_body_signs_in_the_texters_words(knowledge: Knowledge, text: str, expected: str) -> None:
    assert tier(knowledge, text) == expected


# Signs of a plan that add up: the rope tied and waiting for dark, the rest of the stash injected "enough this
# time", stones tied on at the lake's edge, a cable round the neck on a chair, the medicine in the house swallowed
# with regards to mum (standard Malay and Kelantanese), a whole insulin pen "so I'll just sleep", strips of
# sleeping pills and "they'll find me", the dog handed over with the door code.
PLAN_SIGNS = (
    "dây buộc rồi. đợi trời tối",
    "tao chích hết hàng rồi, lần này đủ liều rồi",
    "mình ngồi mép hồ rồi, buộc đá vào người rồi",
    "live cuối nha mn, cả lọ thuốc đây",
    "may kable sa leeg ko na, nakatayo na ko sa upuan",
    "kirim salam kat mak. ubat yang ada dalam rumah dah habis aku makan",
    "ubat hok ado dale rumoh ni ambo doh makan, kirim salam ko mak",
    "ฉีดอินซูลินไปหมดปากกาแล้ว จะได้หลับไปเลย",
    "买了三板安眠药 明天他们会发现我的",
    "我的狗以后就拜托你了 门锁密码是1234",
)


@pytest.mark.parametrize("text", PLAN_SIGNS)
def test_plan_signs_that_add_up_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Not an emergency: a habit "lately" (dạo này), passing thoughts "sometimes" with no plan, a stomach pumped and the
# patient eating again, an overdose read about on a news site.
NOT_EMERGENCIES = (
    "dạo này dùng nhiều quá, ngủ ko ngon",
    "có lúc thấy sống chẳng để làm gì, nhưng em ko định làm gì đâu",
    "bác sĩ rửa ruột cho bé xong rồi, giờ bé ăn cháo được rồi",
    "nabasa ko sa facebook na may nag od daw sa 7oh sa cebu, totoo ba?",
)


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_habits_passing_thoughts_recoveries_and_news_are_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
