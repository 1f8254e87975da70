"""Round 21 (tuner P): two safety defects. An ordinary departure took back a conversation where someone else had
left (the wife and children gone, then the cat handed over and nobody left to look after); a Vietnamese negation
written as texters type it ("... la j", là gì) cancelled the means and a plan in French ("là j'ai ..."). Texts
written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# Loved ones gone (a leaving cue told after the person who left), then an animal handed over or "nobody left":
# a warning sign, not a farewell. Malay, Indonesian, English, Vietnamese.
OTHERS_LEFT = (
    ("bini aku dah angkut budak2 balik kampung", "kucing aku aku bagi kat abang aku. lepas ni dah takde sapa nak jaga"),
    (
        "istri saya bawa anak-anak pulang kampung",
        "kucing saya udah saya titipin ke adik. abis ini gak ada yang ngurus dia",
    ),
    (
        "my wife is moving out this weekend, shes taking the kids to her moms",
        "so the dogs going to my brothers tomorrow. after that theres nobody left for me to look after",
    ),
    (
        "vợ em dọn nhà về ngoại rồi, mang theo hai đứa nhỏ",
        "em gửi con mèo cho anh trai rồi. từ giờ chẳng còn ai cần em chăm nữa",
    ),
)


@pytest.mark.parametrize(("earlier", "text"), OTHERS_LEFT)
def test_someone_elses_departure_does_not_make_a_goodbye_ordinary(
    knowledge: Knowledge, earlier: str, text: str
) -> None:
    assert tier(knowledge, text, earlier) != "none"


# The texter's own move, with a person named after the leaving cue, is still an ordinary farewell.
OWN_DEPARTURE = (
    ("moving to portland next week with my wife, new number", "so this is goodbye! take care"),
    ("bulan depan aku sambung belajar kat Melbourne dengan bini aku", "terima kasih semua, jaga diri. bye!"),
)


@pytest.mark.parametrize(("earlier", "text"), OWN_DEPARTURE)
def test_the_texters_own_departure_is_still_a_farewell(knowledge: Knowledge, earlier: str, text: str) -> None:
    assert tier(knowledge, text, earlier) == "none"


# French "là j'ai ..." typed without accents or apostrophes reads as the Vietnamese negation "... la j" (là gì,
# "what is"): in a message that is plainly French it is not that negation, and the means or the plan before it stand.
FRENCH_LA_J = (
    "j ai avale toute la boite la j ai la tete qui tourne",
    "j ai pris toutes mes pilules la j ai super froid",
    "j ai achete la corde, j attends juste la nuit",
)


@pytest.mark.parametrize("text", FRENCH_LA_J)
def test_a_vietnamese_negation_does_not_cancel_danger_in_french(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# In Vietnamese, accented or not, it is still the question "what is ...?".
VIETNAMESE_QUESTIONS = ("sốc thuốc là j vậy ad", "soc thuoc la j vay ad", "qua lieu la j")


@pytest.mark.parametrize("text", VIETNAMESE_QUESTIONS)
def test_the_vietnamese_question_stays_a_question(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"
