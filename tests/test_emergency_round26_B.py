"""Round 26 (tuner B: misses in conversations). A suicide risk told slowly, over several messages and in calm words:
a wish to vanish so that the others are better off, affairs put in order, the car or the animal given away, a letter
to a mother, after a loss (the partner gone, no job) told earlier. Also first messages that describe a state in
words the medical lists lacked (a face swelling and a throat closing, drowsy and not answering). Texts written for
these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# A sign of a plan in the words of each language, after despair or a loss told earlier: the full answer.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "ya le he dado el gato a mi prima y escribi una carta a mi mama",
            ("hace meses que no puedo dejar el kratom", "ya no le veo sentido a nada"),
        ),
        (
            "j'ai mis de l'ordre dans mes affaires pis j'ai donne ma voiture a ma soeur",
            ("je prends du kratom depuis deux ans", "je dors presque pu le soir"),
        ),
        (
            "chắc mình nên biến mất cho xong, ai cũng nhẹ người",
            ("mình dùng kratom gần 2 năm rồi", "vợ con về quê ngoại hết rồi"),
        ),
        ("ถ้าเราหายไปทุกคนคงสบายกว่านี้", ("เลิกกระท่อมไม่เคยสำเร็จเลย", "แฟนก็ทิ้ง งานก็ไม่มี")),
        (
            "kalau aku takde mesti dorang lagi senang, duit insurans boleh langsai hutang",
            ("aku dah lama minum ketum", "aku rasa aku menyusahkan semua orang"),
        ),
    ],
)
def test_a_plan_told_slowly_after_a_loss_is_the_full_answer(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "full"


# One sign of a plan with nothing before it is asked about, not answered in full; an ordinary move stays nothing.
def test_a_wish_to_vanish_alone_is_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, "ma femme est partie l'an dernier. y a plus rien qui me retient honnêtement") == "possible"
    assert tier(knowledge, "ortu kecewa sama aku. mending aku ilang aja kali ya") == "possible"
    assert tier(knowledge, "je déménage à Montréal le mois prochain, plus rien ne me retient à Paris") == "none"


@pytest.mark.parametrize(
    "text",
    [
        "mon chum a pris du kratom pis la son visage gonfle et sa gorge serre",
        "em trai tôi uống mấy viên 7oh, giờ lơ mơ ko trả lời",
        "abang aku terjatuh kat bilik air, tak jawab bila aku panggil",
        "bạn cùng phòng tự nhiên té xuống, kêu hổng dậy luôn",
    ],
)
def test_a_state_in_the_medical_lists_words_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
