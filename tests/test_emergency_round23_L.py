"""Round 23 (tuner L: false alarms on single texts, the catalogs' cue lists). Texts written for these tests, not
corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A passive wish told with the promise not to act on it ("but I won't do anything, I just needed to say it"): the
# resolved lists now hold "I won't do anything" in each language, as Malay's "takkan buat apa2" already did. These
# were the batches' most common single-text false alarm across languages (fr, th, tl, vi in batches ac, bz, dm, do).
WONT_ACT = [
    "pagod na ako sa buhay, minsan gusto ko na lang mawala, pero wala akong gagawin, gusto ko lang may makausap",
    "บางครั้งก็อยากหายไปจากโลก แต่จะไม่ทำอะไรหรอก แค่อยากระบาย",
    "đôi khi thấy sống chẳng để làm gì, nhưng em ko làm gì đâu, chỉ muốn tâm sự",
    "des fois j'ai plus envie de vivre mais je ferai rien, c'etait juste pour en parler",
    "a veces ya no quiero vivir, pero no voy a hacer nada, solo queria desahogarme",
    "às vezes não quero mais viver, mas não vou fazer nada, só precisava falar",
    "capek hidup, rasanya pengen ngilang aja dari dunia, tapi ga akan ngelakuin apa2, cuma butuh temen ngobrol",
    "有时候真的不想活了，但我不会做傻事的，就是想找人说说",
]


@pytest.mark.parametrize("text", WONT_ACT)
def test_a_passive_wish_with_a_promise_not_to_act_is_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Danger of its own (a swallowing, the means in hand), with no promise, is still the emergency.
@pytest.mark.parametrize(
    "text",
    [
        "nuốt hết vỉ thuốc ngủ rồi, giờ khó thở quá, cứu em",
        "cai kratom muốn chết, tối nay em uống hết lọ thuốc ngủ",
        "tengo las pastillas en la mano y me las voy a tomar todas ahora",
    ],
)
def test_danger_without_the_promise_is_still_read(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# General ways of texting that a danger phrase is not live, found on batch do (never tuned on before this round):
# an idiom ("morir de amor"), a video seen online, a joke said to be one, a friend who exaggerates, the
# Malay shorthand for "last year" (lps), "but it's fine".
@pytest.mark.parametrize(
    "text",
    [
        "ay me voy a morir de amor, mi crush me saludo hoy en la prepa",
        "vi un tiktok donde una chava toma kratom con energetica y le da un infarto, eso pasa de verdad?",
        "si mon chum me parle encore de crypto je vais me jeter du pont, blague hein, il est juste relou",
        "adek gue bilang dia hampir mati pas pertama minum kratom, cuma pusing doang, lebay banget",
        "bulan lps kawan aku hampir mati sbb campur ketum dgn ubat batuk, skrg dia dah berhenti ketum",
        "gian ketum ni buat aku rasa nak mati, badan sakit semua, tapi ok je",
        "mấy đứa đăng clip giả vờ sùi bọt mép sau khi uống kratom để câu view, có bị phạt không",
    ],
)
def test_a_frame_that_says_the_danger_is_not_live_is_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# An online shop is not a video: "bought on tiktok" beside real danger keeps the emergency (the Thai "tiktok"
# cues were dropped for this: two tunable misses).
def test_a_purchase_on_tiktok_beside_danger_is_still_the_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "ปากบวม หายใจไม่ออก หลังกินท่อมที่สั่งในติ๊กต็อก") == "full"


# Withdrawal told as dying ("cai kratom muốn chết", "gian ketum rasa nak mati"): an idiom that holds the danger
# phrase takes it back, as "mamamatay sa withdrawal" already did in Tagalog.
@pytest.mark.parametrize(
    "text",
    [
        "cai kratom muốn chết luôn, người đau ê ẩm, ngủ không được, mấy ngày thì hết vậy",
        "aku nak mampus dah ni, gian ketum hari ke 4, badan sakit semua, bila nak habis",
    ],
)
def test_withdrawal_told_as_dying_is_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A breakup's goodbye quoted, then the one who said it still posting stories, or the texter saying they will get
# through it: the goodbye is the partner's, not a plan (batch bt's breakup texts, in four languages).
@pytest.mark.parametrize(
    "text",
    [
        "bồ nhắn 'tạm biệt, đừng tìm anh nữa', vậy là chia tay hả? mà ảnh vẫn đăng story đi nhậu",
        "người yêu nói tạm biệt rồi, 3 năm coi như hết. buồn nhưng em sẽ vượt qua",
        "sabi ng ex ko 'paalam na, wag mo na ko hanapin'. masakit pero kakayanin ko to",
        "gf aku hantar 'ni msg terakhir, jgn cari aku lagi'. maksud putus je kan? dia tgh upload story makan",
        "แฟนพิมพ์มาว่า 'ลาก่อน อย่าตามหา' แปลว่าเลิกใช่ไหม แต่เขายังลงสตอรี่เที่ยวกับเพื่อน",
    ],
)
def test_a_partners_goodbye_after_a_breakup_is_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A story of years ago, then how well things go now ("ngayon may anak na ako", "人家现在过得很好"): the "now" tells
# of a life that goes on, so it no longer outweighs the past (tunable ao, az, cb: full alarms in tl and zh_Hans).
# A joke said to be one ("开玩笑的"), failing an exam ("bumagsak sa exam"): no danger either.
@pytest.mark.parametrize(
    "text",
    [
        "last year nag-message ako sa inyo nung gusto ko na mamatay. ngayon may anak na ako, salamat po",
        "5 years ago sinubukan kong magpakamatay, uminom ako ng pills. ngayon malinis na ako at may trabaho",
        "翻到前女友2015年的说说'活着没意思' 人家现在孩子都上学了",
        "老板再让我通宵我就跳楼了（开玩笑的）",
        "bumagsak ako sa exam kanina, nakakainis. ok lang ba mag kratom para makatulog?",
    ],
)
def test_a_story_told_with_how_things_are_now_is_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# "Not joking" keeps the danger ("开玩笑的" negated), and "bumagsak" on the floor is still a collapse.
@pytest.mark.parametrize(
    "text",
    ["我不是开玩笑的，我现在就要跳楼", "bumagsak siya sa sahig, di humihinga"],
)
def test_a_joke_denied_or_a_fall_is_still_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Malay venting that ends "I'm fine, just letting it out" ("tp aku ok je, nak luah je"), withdrawal's restless legs
# ("kaki resah", no longer one typo from "rebah", collapsed), and "the boss won't let me go home" ("x bagi balik",
# not "x balik", won't come back).
@pytest.mark.parametrize(
    "text",
    [
        "penat hidup camni, hutang keliling pinggang, mak mertua membebel. tp aku ok je, nak luah je",
        "hari ke 5 tak minum ketum, kaki resah, menguap je, tapi boleh tahan lagi",
        "penat nak mampus shift hari ni, supervisor x bagi balik awal",
    ],
)
def test_malay_venting_and_withdrawal_are_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# A team's loss told with a dying wish ("quando o time perdeu", "pas timnas kalah"): football, not danger.
@pytest.mark.parametrize(
    "text",
    [
        "meu tio disse 'vou me matar' quando o palmeiras perdeu a final kkk",
        "el america perdio la final, me quiero morir, no puede ser",
        "adik gw bilang 'mau mati aja' pas timnas kalah semalem wkwk, lebay dia",
    ],
)
def test_a_team_losing_told_with_a_dying_wish_is_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Someone said to be dramatic ("ela é dramática", "es bien exagerada"), a song on repeat ("en boucle"), a TikTok
# sound ("sound tiktok"): the dying words are theirs, or a song's.
@pytest.mark.parametrize(
    "text",
    [
        "minha mãe fala que 'vai morrer' se eu não ligar todo dia, ela é dramática kkk",
        "mi hermana dice que se va a morir si no va al concierto, es bien exagerada",
        "j'ai 'je veux mourir ce soir' en boucle depuis ce matin, ce refrain est trop fort",
        "lagi rame sound tiktok 'aku mau mati aja' buat video ketiduran di kelas wkwk",
    ],
)
def test_someone_dramatic_or_a_song_is_no_alarm(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# Dying in a game ("thua trận", lost the match): a game, as Thai's "ท้ายเกม" and "แพ้เกม".
def test_a_lost_match_told_as_dying_is_no_alarm(knowledge: Knowledge) -> None:
    assert tier(knowledge, "thua trận rank cuối mùa, muốn chết quá") == "none"
