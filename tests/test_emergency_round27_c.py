"""Round 27 (tuner C: false alarms in Malay, Tagalog and Vietnamese). A laughing emoticon ("=))", ":)))") is the laugh
marker of every language's negations; idioms and word collisions that hold a danger phrase (Vietnamese "chết dở rồi",
in a fix; Malay "kawan baik aku mati", a good friend died; an OFW abroad who no longer answers); a vlog watched; and
recoveries told in SMS shorthand or by the means taken away end an emergency. Texts written for these tests, not
corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# A danger phrase with a laughing emoticon after it, in a message the model reads as nothing like danger: a joke.
@pytest.mark.parametrize(
    "text",
    [
        "thằng đồng nghiệp bảo nếu mai phải trực nữa thì nó nhảy lầu =)) kratom có giúp tỉnh ngủ ko",
        "con em nó bảo nếu rớt môn lần nữa là nó nhảy cầu :)) mà kratom có bị cấm ko",
    ],
)
def test_a_laughing_emoticon_after_hyperbole_is_a_laugh(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# The emoticon does not take back a danger told after it, nor one the model reads as danger; one bracket is a smile.
@pytest.mark.parametrize(
    "text",
    [
        "=)) nó uống hết chai thuốc ngủ rồi, giờ gọi ko dậy",
        "thằng bạn em uống hết vỉ thuốc ngủ =)) giờ gọi không dậy, thở khò khè",
        "em muốn chết :)",
    ],
)
def test_a_laughing_emoticon_keeps_a_real_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Idioms and collisions that hold a danger phrase, and a video watched: no emergency.
@pytest.mark.parametrize(
    "text",
    [
        "chết dở rồi, quên ví ở nhà mà xe hết xăng",  # vi: in a fix, not "dead already"
        "dulu kawan baik aku mati accident motor",  # ms: a good friend died, not "better I die"
        "yung asawa kong ofw hindi na sumasagot",  # tl: a spouse working abroad does not answer
        "napanood ko vlog na nag collapse daw",  # tl: a vlog watched
    ],
)
def test_idioms_collisions_and_videos_are_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "bạn em nằm im không thở, chết rồi hả ad",
        "chết dở rồi tôi muốn tự tử",  # the idiom takes back its own phrase, not the wish after it
        "aku rasa baik aku mati",
        "si kuya hindi na sumasagot, nakahiga lang sa sahig at asul ang labi",
        "nahimatay yung kasama ko after kratom, di magising",
    ],
)
def test_the_danger_without_the_idiom_stays(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A recovery told in shorthand, an antidote given, the texter brought down, the means taken: the emergency ends.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "xe cấp cứu tới r, chị em tỉnh lại r, đang nói chuyện với bác sĩ",
            "chị em uống kratom với thuốc an thần giờ gọi ko tỉnh, môi tím",
        ),
        ("bs cho thuốc giải r, giờ bé khóc to", "con tôi 3 tuổi nuốt mấy viên 7oh, giờ lơ mơ thở chậm"),
        (
            "bảo vệ lên r, họ đưa tôi xuống phòng trực rồi",
            "tôi đang đứng trên sân thượng tầng 20, muốn nhảy xuống cho xong",
        ),
        ("bumaba na kami ni kuya, nasa kwarto na ko", "nasa bubong ako ng building namin, tatalon na ako"),
    ],
)
def test_a_recovery_in_shorthand_ends_the_emergency(knowledge: Knowledge, text: str, earlier: str) -> None:
    assert tier(knowledge, earlier) == "full"
    assert tier(knowledge, text, earlier) == "none"


def test_help_arrived_but_the_danger_goes_on(knowledge: Knowledge) -> None:
    earlier = "chị em uống kratom với thuốc an thần giờ gọi ko tỉnh, môi tím"
    assert tier(knowledge, "xe cấp cứu tới r, mà nó vẫn ko thở", earlier) == "full"


# Questions asked to be prepared, hearsay, a habit told, and reassurance: no emergency.
@pytest.mark.parametrize(
    "text",
    [
        "naloxone có tác dụng với quá liều kratom ko ạ, định mua 1 ống",  # vi: does it work for an overdose
        "chồng em dạo này uống kratom nhiều quá, em nên nói sao với ảnh",  # vi: lately uses too much, a habit
        "nó uống kratom nhiều quá, giờ vẫn bình thường",  # vi: still normal
        "kalau kawan tak sedar lepas minum ketum, patut buat CPR dulu ke call 999",  # ms: whether to call, asked
    ],
)
def test_questions_habits_and_reassurance_are_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "dạo này uống nhiều quá, giờ nó nằm ko tỉnh, môi tím",
        "mẹ em uống kratom với thuốc ngủ, lúc đầu vẫn bình thường, giờ gọi ko dậy",
        "kawan aku tak sedar, tak bernafas, nak buat CPR ke call 999??",
        "naloxone có tác dụng với quá liều ko? giờ nó không thở nữa, môi tím",
        "tolong, abang aku pengsan lepas minum ketum, tak sedar",
    ],
)
def test_the_danger_told_beside_them_stays(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Behind a locked door, the person opening it themselves is the emergency's end; a danger told after it is not.
def test_the_door_opened_by_them_ends_the_emergency(knowledge: Knowledge) -> None:
    earlier = "anh em nhốt mình trong phòng nói muốn chết, gõ cửa ko trả lời"
    assert tier(knowledge, earlier) == "full"
    assert tier(knowledge, "trời ơi ảnh mở cửa rồi, đang ngồi khóc, ko sao", earlier) == "none"
    assert tier(knowledge, "nó mở cửa rồi nhưng nằm gục dưới sàn, ko thở", earlier) == "full"


# Body aches "to death" (vi) and a goodbye told as a likeness (ms "rasa macam ucap selamat tinggal"): no emergency.
@pytest.mark.parametrize(
    "text",
    [
        "cai kratom ngày 3 đau người muốn chết luôn mà ko sao",
        "nhức người muốn chết, tuần đầu cai mà",
        "jual rumah lama hari ni, rasa macam ucap selamat tinggal kali terakhir",
        "hari terakhir kat sekolah lama, mcm ucap selamat tinggal kat kawan2",
    ],
)
def test_aches_and_a_goodbye_likened_are_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text", ["rasa macam nak ucap selamat tinggal je kat semua, dah penat sangat", "em muốn chết, đau người quá"]
)
def test_a_wish_beside_them_stays(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
