"""Round 25 (tuner B: Vietnamese and Thai). Texts written for these tests, not corpus lines.

Vietnamese accents: folding makes "giỗ" (a death anniversary) and "giờ" (now), "sưng" (swollen) and "súng" (a gun),
"từ từ" (slowly) and "tự tử" (suicide) the same letters. A texter who types the accents tells them apart, so a
Vietnamese phrase no longer matches words spelled as other words; a texter who types none still matches every
phrase, as before."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.knowledge import Knowledge
from helpline.textnorm import fold, spelled_apart, vietnamese_spellings
from tests.support import tier


def _phrases(knowledge: Knowledge, text: str) -> set[str]:
    """Every emergency phrase and context cue read in the text, as the catalog writes it."""
    reading = emergency.read(text, knowledge.lexicon)
    return {m.phrase for m in reading.matches} | {m.phrase for m in reading.cues.matches}


def test_spellings_are_aligned_with_the_folded_words() -> None:
    text = "Hôm nay GIỖ ba, giờ em ổn"
    assert len(vietnamese_spellings(text)) == len(fold(text).split(" "))
    assert vietnamese_spellings("gio no")[0] is None  # typed without accents: no spelling


@pytest.mark.parametrize(
    ("typed", "written", "apart"),
    [
        ("giỗ", "giờ", True),  # a death anniversary, now
        ("sưng", "súng", True),  # swollen, a gun
        ("cậu", "cầu", True),  # an uncle, a bridge
        ("đói", "đòi", True),  # hungry, to demand
        ("gio", "giờ", False),  # no accents typed: may be either
        ("hêt", "hết", False),  # a tone left out in haste
        ("khoẻ", "khỏe", False),  # the same tone, placed the old way
        ("ngưng", "ngừng", False),  # both spellings of "to stop"
    ],
)
def test_words_spelled_apart(typed: str, written: str, apart: bool) -> None:
    assert spelled_apart(vietnamese_spellings(typed)[0], vietnamese_spellings(written)[0]) is apart


# A death anniversary told with the death it remembers is not an emergency now: "giỗ" is not "giờ".
@pytest.mark.parametrize(
    "text",
    [
        "mai là giỗ anh trai em, ảnh mất vì sốc thuốc",
        "hôm nay giỗ ba, ba mất vì ngộ độc rượu năm 2019",
        "sắp tới giỗ anh hai, ảnh treo cổ hồi 2020",
    ],
)
def test_a_death_anniversary_is_not_now(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Words that fold like a phrase's are not read as it when spelled otherwise.
@pytest.mark.parametrize(
    ("text", "not_read"),
    [
        ("em muốn cai từ từ, giảm mỗi ngày một ít", "muốn tự tử"),
        ("mặt em hơi sưng sau khi uống thử loại mới", "súng"),
        ("đói chết mất, cai xong ăn gì cũng thèm", "đòi chết"),
        ("hôm nay giỗ anh hai em", "giờ ảnh"),
    ],
)
def test_a_word_spelled_otherwise_is_not_the_phrase(knowledge: Knowledge, text: str, not_read: str) -> None:
    assert not_read not in _phrases(knowledge, text)


# The emergencies stay: without accents, with a tone left out, in capitals, with a word between, with a typo.
@pytest.mark.parametrize(
    "text",
    [
        "gio no khong tho",
        "giờ nó không thở, môi tím",
        "em muon tu tu",
        "TỐI NAY TÔI TỰ TỬ, KHÔNG AI CẢN ĐƯỢC",
        "tối nay tôi sẽ uống hêt thuôc ngủ",
        "ba em nghẹt thở",
        "lúc nãy ba em ngất, bây giờ vẫn chưa tỉnh",
    ],
)
def test_vietnamese_emergencies_still_read(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# "N năm trước" (N years ago), "cách đây N năm": a death told that long ago frames the conversation as the past,
# the way "năm ngoái" (last year) does: the scene told next is a memory.
@pytest.mark.parametrize(
    "earlier",
    [
        "anh trai em mất 6 năm trước",
        "anh trai em mất sáu năm trước",
        "anh trai em mất cách đây 7 năm",
        "anh trai em mat 6 nam truoc",
    ],
)
def test_years_ago_frames_the_conversation(knowledge: Knowledge, earlier: str) -> None:
    told = "hồi đó ảnh uống kratom với thuốc ngủ, sáng ra ba em thấy ảnh tím tái"
    assert tier(knowledge, told, earlier) == "none"
    assert tier(knowledge, "giờ em vẫn nhớ tiếng ba khóc", earlier, told) == "none"


# The past told beside danger now is still danger now.
@pytest.mark.parametrize(
    "text",
    [
        "ba em bị đột quỵ 4 năm trước, giờ ba lại méo miệng, nói ngọng, tay yếu",
        "em cai được 5 năm trước rồi mà tối nay em uống lại cả vỉ thuốc, giờ khó thở lắm",
        "4 năm trước ba em mất, em không muốn sống nữa, tối nay em uống hết thuốc",
    ],
)
def test_years_ago_beside_danger_now(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Thai (and any language): a recovery told in the animal's sentence is the animal's, when the person named after it
# is the one in danger. In Thai a space ends a clause, so "the next words" are the next clause, not an owner's name.
@pytest.mark.parametrize(
    "text",
    [
        "แมวไม่เป็นไรครับ ที่แย่คือพ่อผม หายใจไม่ออก ปากเขียว",
        "วัวไม่เป็นไรค่ะ คนที่เจ็บคือตาหนู ล้มหัวฟาดพื้น เลือดออกเยอะมากไม่หยุด",
        "le chien va bien maintenant, c'est mon mari qui ne respire plus",
    ],
)
def test_the_animal_is_fine_the_person_is_not(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# The animal's owner named right after it ("the cow of my grandfather") leaves the animal the one in danger.
def test_the_owners_animal_in_danger(knowledge: Knowledge) -> None:
    assert "วัว" in _phrases(knowledge, "วัวของตาผมล้มลงไปนอนชักอยู่กลางทุ่ง")


# A sign of a plan told in the past's own clause is what the past dates; the signs told before it are now: "gave
# everything away, said goodbye to all, walked off; yesterday he asked about a rope" is a plan told now.
@pytest.mark.parametrize(
    "text",
    [
        "เพื่อนร่วมงานแจกของหมด บอกลาทุกคน แล้วเดินขึ้นดาดฟ้าไป เมื่อวานเขาถามเรื่องเชือก",
        "น้องชายแจกของหมด บอกลาทุกคนในกลุ่ม แล้วปิดโทรศัพท์ไป เมื่อวานเขาพูดถึงยานอนหลับ",
        "my sister gave her stuff away and said bye to everyone, then walked out to the bridge. yesterday she asked "
        "about rope",
    ],
)
def test_signs_before_a_dated_clause_are_now(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# The same signs dated in their own clause stay the past.
@pytest.mark.parametrize(
    "text",
    [
        "เมื่อวานเขาแจกของหมด บอกลาทุกคน ตอนนี้เขาสบายดีแล้ว",
        "last year i gave away my stuff and wrote goodbye letters, im doing better now",
    ],
)
def test_signs_dated_in_their_own_clause_stay_past(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Thai "not joking" (ไม่ได้ล้อเล่น), like English "not joking", says it is real now: a laugh before it does not make
# the danger a joke. A joke owned up to stays one.
def test_thai_not_joking_is_now(knowledge: Knowledge) -> None:
    assert tier(knowledge, "555 ไม่ได้ล้อเล่นแล้วนะ น้องไม่หายใจจริงๆ") == "full"
    assert tier(knowledge, "ล้อเล่นนะ 555 ไม่มีใครเป็นอะไร") == "none"
