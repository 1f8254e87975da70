"""Round 28 (tuner C: false alarms in Malay, Tagalog and Vietnamese). Vietnamese "dạo này làm" (lately ... makes) is
no razor blade ("dao lam"); Malay "tido lama" (sleep long) is a plan only as an intention ("nak tido lama"), not in
"x boleh tido berapa lama" (can't sleep, how long) nor a baby's long sleep; Malay hyperbole of work and concerts
("nazak aku kerja", "nak pengsan dengar live"). Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "sakau dah 4 hari, x boleh tido berapa lama lagi benda ni",  # ms: how long, not "sleep long"
        "anak aku tido lama tengah hari tadi, bangun terus minta susu",  # ms: a child's nap
        "nazak aku kerja overtime minggu ni",  # ms: worked to death, hyperbole
        "kerja sampai nazak, bos tak bagi cuti langsung",
        "tengok konsert tu semalam rasa nak pengsan dengar dia nyanyi",  # ms: a concert
        "letih gila, rasa nak pitam lepas shift 12 jam",
    ],
)
def test_collisions_and_hyperbole_are_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


def test_lately_is_no_razor_blade(knowledge: Knowledge) -> None:
    """vi "dạo này làm" read as "dao lam" (a razor blade), the means, which set the model's doubt aside: the full
    answer to work hyperbole. Without it the doubted phrase is only asked about."""
    text = (
        "công việc dạo này làm em muốn chết luôn, tăng ca hoài, sếp khó, lương thì trễ. à mà cho em hỏi kratom xanh "
        "uống buổi tối có khó ngủ ko mọi người?"
    )
    assert tier(knowledge, text) != "full"


@pytest.mark.parametrize(
    "text",
    [
        "em đang cầm dao lam, muốn rạch tay",
        "dang cam dao lam rach tay mau nhieu",
        "dao lam trên tay rồi, mệt lắm",
        "malam ni aku nak tido lama, ubat mak semua dah ada dengan aku",
        "aku nak pi tido lama. ubat semua aku dah makan",
        "aku dah simpan pil, malam ni tidur lama2 tak bangun dah",
        "ayah aku nazak lepas minum ketum dgn ubat, tak sedar",
        "member aku tiba2 pengsan, tak sedar langsung",
        "aku rasa nak pitam lepas minum ketum tadi, jantung laju",
    ],
)
def test_the_danger_beside_them_stays(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# ms: "kalau <someone> tiba2 ..." (if someone suddenly ...) asks in general, as "kalau org tiba2" did: "tiba2"
# (suddenly) inside the question is no urgency. Told as what happened, or with "if" after the danger, it stays.
@pytest.mark.parametrize(
    "text",
    [
        "nak tanya, kalau abah saya tiba2 tak bernafas apa yang patut buat? dia minum ketum dengan ubat batuk",
        "kalau anak aku tiba-tiba sawan lepas terminum air ketum, apa patut buat",
    ],
)
def test_if_someone_suddenly_is_a_question(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "abah saya tiba2 tak bernafas, tolong",
        "tolong, ayah saya tiba2 pengsan, kalau saya bagi air boleh ke?",
        "mak aku tiba-tiba tak sedar lepas makan ubat dengan ketum, kalau aku call 999 lambat ke",
    ],
)
def test_someone_suddenly_in_danger_stays(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
