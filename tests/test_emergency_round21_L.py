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


# Not an emergency: a stomach pumped and the patient eating again, an overdose read about on a news site.
NOT_EMERGENCIES = (
    "bác sĩ rửa ruột cho bé xong rồi, giờ bé ăn cháo được rồi",
    "nabasa ko sa facebook na may nag od daw sa 7oh sa cebu, totoo ba?",
)


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_habits_passing_thoughts_recoveries_and_news_are_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Round 21, second pass (the other tunable batches): two signs where the lists knew one. "là mình đi" (then I go)
# after the kids leave for school, a high-floor window opened with "I'll just jump", savings transferred and the
# house papers put away, the motorbike and phone given away with "nobody will have to worry about me", the weedkiller
# "to end the suffering", "how many to not wake up" with "I've decided" (Chinese, Thai), "they'll find me" in the
# morning (Malay), regards to mum in Kelantanese with goodbye, sleeping "for ever" (Tagalog), tied to the beam with
# exhaustion, a letter left "mum will find it tomorrow", the motorbike and phone given away with "won't see me again",
# "all of this" with a goodbye.
MORE_PLAN_SIGNS = (
    "con đi học xong là mình đi, mình chuẩn bị hết rồi",
    "mở cửa sổ tầng 15 rồi, chắc nhảy thôi",
    "tiền tiết kiệm chuyển cho mẹ rồi, giấy tờ nhà để trong ngăn kéo. đừng tìm con",
    "đã đưa xe máy với điện thoại cho thằng em. mai ko ai phải lo cho tao nữa",
    "trong nhà có thuốc diệt cỏ, nghĩ uống luôn cho hết khổ",
    "吃多少片才能不醒 我已经想好了",
    "กินกระท่อมเท่าไหร่ถึงจะไม่ตื่น ตัดสินใจแล้ว",
    "semua dah settle. esok diorang jumpa aku",
    "ghoyak ko mak ambo sayang dio. selamat tinggal",
    "gusto ko na lang matulog habang buhay",
    "nakatali na sa biga yung kumot. pagod na ko",
    "เขียนจดหมายวางไว้ในห้องแล้ว พรุ่งนี้แม่คงเจอ",
    "ให้มอไซค์กับมือถือน้องไปแล้ว ต่อไปไม่เจอกูแล้ว",
    "กินหมดนี่แหละ บายทุกคน",
)


@pytest.mark.parametrize("text", MORE_PLAN_SIGNS)
def test_more_plan_signs_that_add_up_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# An intention cue is also a sign that a message with an animal in it is about a person (an animal is not suicidal):
# "uống thuốc rồi" (has taken the medicine) said of a cat the vet treats must not read as one.
def test_a_pet_given_its_medicine_stays_the_pets(knowledge: Knowledge) -> None:
    assert tier(knowledge, "con mèo nhà em co giật hôm qua, thú y cho uống thuốc rồi. em hỏi cho em thôi") == "none"


# "dạo này" (lately) and "nhiều lúc thấy" (sometimes I feel) were tried as negations and dropped: they silenced "lately
# I want to kill myself" (scripts/probe_cues.py). A statement of intent after them stays an emergency.
@pytest.mark.parametrize("text", ["dạo này tôi muốn tự tử", "nhiều lúc thấy muốn chết"])
def test_lately_or_sometimes_before_a_suicide_statement_does_not_cancel_it(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Framing in these languages' own words: writing a short story or reading a novel "now" (tengah: the writing is now,
# not the danger), "if a friend suddenly" stops breathing (a question), "just worrying ahead", a song about an
# overdose, what the professor said.
FRAMED = (
    "tengah tulis cerpen pasal budak yang overdose ketum, lepas tu dia pengsan. realistik tak?",
    "tgh baca novel, ada watak yang gantung diri",
    "kalau kawan tiba2 x bernafas kat rumah, apa patut buat sebelum ambulans sampai? nak tau je",
    "nếu anh ấy dùng quá liều thì em cần chuẩn bị gì sẵn? chỉ lo xa thôi",
    "ang ganda nung kantang tungkol sa nag overdose na lalaki",
    "sabi ng prof namin pwede daw huminto paghinga pag may benzo, totoo?",
)


@pytest.mark.parametrize("text", FRAMED)
def test_framed_in_the_texters_words_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# "giả vờ" (pretending) was tried as a negation and dropped: "đừng tưởng em giả vờ em muốn chết thật" (don't think
# I'm pretending, I really want to die) lost its answer.
def test_not_pretending_i_want_to_die_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "đừng tưởng em giả vờ em muốn chết thật") == "full"


# Giving things away and a last leave-taking in Thai and Vietnamese: the phone given away with thanks to all, asking
# forgiveness of everyone (ขออโหสิกรรม) with thanks, standing at a pier tired and "going first", a game account given
# to a younger sibling with a parent's or grandparent's medicine hidden away.
GIVING_AWAY = (
    "เอามือถือให้น้องแล้ว ขอบคุณทุกคน",
    "ขอบคุณทุกคนนะ ขออโหสิกรรมด้วย",
    "ยืนอยู่ที่ท่าเรือ เหนื่อยแล้ว ไปก่อนนะ",
    "ให้ไอดีเกมกับน้องแล้ว ยาของแม่อยู่ในกระเป๋าหนู ไม่มีใครรู้",
    "em cho em trai acc game rồi, thuốc của mẹ em cất trong cặp, ko ai biết",
)


@pytest.mark.parametrize("text", GIVING_AWAY)
def test_giving_things_away_with_a_second_sign_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# "kể từng thấy" (told of once seeing) was tried as a hypothetical and dropped: it silenced a seizure told after it.
def test_a_story_told_then_a_seizure_now_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "ông kể từng thấy người co giật, giờ thì bạn em co giật thật") == "full"


# "เอามอไซค์ไปให้" (took the motorbike to give to) was tried as a plan cue and dropped: in a conversation about debt it
# made "gave the motorbike to my brother, he'll use it better than me" an emergency a turn before the texter's plan
# (conversations cc, th-02, labelled no emergency there).
def test_a_motorbike_given_to_a_brother_in_a_talk_about_debt_is_not_yet_an_emergency(knowledge: Knowledge) -> None:
    earlier = ("ไม่ได้มีอะไรด่วนนะ แค่อยากคุยกับใครสักคน", "ตกงานมาหลายเดือน หนี้เยอะมาก กินกระท่อมทั้งวัน")
    assert tier(knowledge, "วันนี้เอามอไซค์ไปให้น้องชายแล้ว เขาใช้ได้ดีกว่าเรา", *earlier) == "none"
