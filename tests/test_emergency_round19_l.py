"""Round 19, tuner L (ms, tl, vi, th, zh_Hans; batch di): signs of danger in each language's own words that the lists
did not count (the message got only the "is someone in danger?" question, or nothing), and two danger phrases that
the model's doubt no longer turns into a question. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# Medical states: breathing only after a long while, lips gone bluish ("biru2"), slurred speech after pills, blood
# that won't stop, wheezing like choking on vomit.
MEDICAL_STATES = (
    "pakcik aku terbaring je, lama baru tarik nafas",
    "muka kawan aku dah biru2 weh",
    "abang aku telan banyak pil tadi, skrg ckp dah pelat",
    "nahiwa ni kuya yung kamay nya, di tumitigil yung dugo",
    "uminom si tito ng maraming pills, bulol na siya magsalita",
    "anh ấy uống kratom với rượu, giờ nói lắp",
    "nó nằm ngửa ói ra, nghe như sặc",
    "พ่อกินยาไปเยอะมาก ตอนนี้พูดไม่ชัดแล้ว",
    "他吃了一大把药 现在说话都大舌头了",
)


@pytest.mark.parametrize("text", MEDICAL_STATES)
def test_medical_states_in_own_words_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Signs of a plan: gone tomorrow ("xde"), a final decision before "it's all over", a rope round the neck on a chair,
# "I'm going now" after an apology or with the means, charcoal burning in a sealed room, "decided ... it all ends".
PLAN_SIGNS = (
    "jgn cari aku. esok aku dah xde",
    "final na desisyon ko, tapos na lahat bukas",
    "may lubid sa leeg si kuya, nakatayo sa upuan",
    "mẹ ơi con xin lỗi, con đi đây",
    "cả nhà ở lại mạnh giỏi, ba ra bờ sông đây",
    "phòng tôi đóng kín rồi, than đang cháy",
    "我决定了 明天早上一切结束",
)


@pytest.mark.parametrize("text", PLAN_SIGNS)
def test_plan_signs_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Violence now: chased with a machete or a cleaver, and hiding.
THREATS = (
    "hinahabol si mama ng itak ni tito, nagtatago kami sa kwarto",
    "我爸喝醉了拿菜刀 追着砍我哥",
)


@pytest.mark.parametrize("text", THREATS)
def test_violence_now_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_withdrawal_like_dying_is_no_emergency(knowledge: Knowledge) -> None:
    """The simile "như sắp chết" (like about to die) is how withdrawal feels, not a danger: no question either."""
    assert tier(knowledge, "bỏ kratom ngày thứ 2, mệt như sắp chết, vậy có sao ko mọi người") == "none"


def test_two_danger_phrases_apart_are_not_doubted(knowledge: Knowledge) -> None:
    """Two danger phrases, each in a clause of its own, in a long message the model doubts: the full answer, not the
    question (round 19, batch di)."""
    text = "mình hỏi xíu, có bình thường ko khi mắt nó mở mà ko chớp, ko cử động gì cả sau khi uống siro ho"
    assert tier(knowledge, text) == "full"


def test_two_danger_phrases_under_a_frame_are_still_asked_about(knowledge: Knowledge) -> None:
    """The past outweighed by an urgency cue ("depuis") leaves the question, even with two phrases."""
    text = (
        "Bonjour. Mon mari a fait une overdose il y a un an, kratom et des cachets. Depuis je dors mal, je le revois "
        "tout gris sur le carrelage du salon."
    )
    assert tier(knowledge, text) == "possible"


def test_one_danger_phrase_doubted_is_still_asked_about(knowledge: Knowledge) -> None:
    text = "mình hỏi xíu, có bình thường ko khi nó ko cử động gì cả sau khi uống siro ho với kratom tối nay"
    assert tier(knowledge, text) == "possible"


def test_two_danger_phrases_in_a_long_message_the_model_dismisses_are_no_emergency(knowledge: Knowledge) -> None:
    """Under MODEL_DISMISSES, a long update of how withdrawal went stays no emergency, two phrases or one."""
    text = (
        "week two without kratom update for the group, sleep is back to six hours and appetite is back. first nights "
        "my chest was tight. my heart is pounding all night. so proud of myself today honestly"
    )
    assert tier(knowledge, text) == "none"


# Second pass over the tunable batches: blood everywhere and cutting without stopping (th), a comparison with
# yesterday that is no past frame (vi: "deeper than yesterday" is now).
SECOND_PASS = (
    "พ่อล้มในห้องครัว เลือดเต็มพื้นเลย",
    "กรีดไม่หยุดแล้ว ห้ามตัวเองไม่ได้",
    "em đang cầm dao lam, muốn rạch nhiều hơn hôm qua",
)


@pytest.mark.parametrize("text", SECOND_PASS)
def test_second_pass_signs_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_a_goodbye_before_rehab_is_an_ordinary_departure(knowledge: Knowledge) -> None:
    """Going into a rehab centre (戒毒所, 康复中心) is a departure like a move: the goodbye with it is not a plan."""
    assert tier(knowledge, "拜拜大家 下周一去康复中心了 谢谢你们") == "none"


def test_taken_then_a_message_for_mum_is_the_full_answer(knowledge: Knowledge) -> None:
    """Taken ("吃了") is an intention done, as "喝了" already was: with a message for mum, a plan and its act."""
    assert tier(knowledge, "刚吃了 好困 替我跟我妈说我爱她") == "full"
