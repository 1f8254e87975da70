"""Round 23 (tuner Q2: the resolved lists of ms, tl, vi, th, zh_Hans): the message that says an emergency is over,
in the words other texters use (Manglish, Taglish, Vietnamese without diacritics, Thai without spaces, colloquial
Chinese), closes it; danger told after it is still read. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

MS = "tolong, kawan aku pengsan lepas minum air ketum, tak sedar langsung"
TL = "tulong po, kuya ko nahimatay after mag kratom, hindi magising"
VI = "cuu voi, ban em uong kratom xong bat tinh, goi ko day"
TH = "ช่วยด้วยค่ะ พี่ชายกินท่อมแล้วหมดสติ ปลุกไม่ตื่น"
ZH = "救命 我朋友喝了卡痛晕倒了 叫不醒"


@pytest.mark.parametrize(
    ("emergency", "recovery"),
    [
        (MS, "paramedik cek dia ok, nafas macam biasa dah"),
        (MS, "dia dh boleh ckp, siap gelak lagi, tak serius pun"),
        (TL, "awake na sya, normal na paghinga, sabi ng paramedics ok"),
        (TL, "hindi naman malala, tumatawa na nga sya"),
        (VI, "ok roi, nó ngồi dậy được rồi, tỉnh táo rồi"),
        (VI, "no ngoi day dc r, an uong duoc roi, k sao r"),
        (TH, "กู้ภัยตรวจแล้ว ลืมตาได้ ตอบชื่อตัวเองได้ ขอบคุณค่ะ"),
        (TH, "ตอนนี้หัวเราะได้แล้ว หายใจสะดวกแล้ว"),
        (ZH, "缓过来了 跟平时一样了 没啥事了"),
        (ZH, "急救人员说没事 生命体征正常"),
        (MS, "dia dah gelak2 dah"),
        (VI, "hoa ra no ngu say qua thoi"),
        (VI, "no cuoi noi binh thuong roi"),
        (TH, "ตื่นมาแล้ว บ่นหิวข้าว"),
        (ZH, "他醒了 在喝水"),
        (ZH, "急救的看了说没事"),
        (ZH, "他都能开玩笑了"),
        (MS, "doktor dah cuci perut, dia ok"),
        (TL, "nagmulat na sya ng mata"),
        (VI, "ba em dậy rồi, đòi về nhà"),
        (TH, "กู้ภัยมาเช็คแล้ว ไม่ต้องไปโรงบาล"),
        (ZH, "醒了 吵着要回家"),
        (ZH, "醒了 要水喝 自己能走去厕所"),
        (VI, "xin loi, no ngu say qua, lay manh la day"),
        (TH, "ขอโทษค่ะ เขาหลับลึกมาก เขย่าแรงๆก็ตื่น"),
        (ZH, "不好意思 他就是睡太死了 使劲摇就醒了"),
    ],
)
def test_a_recovery_in_other_words_closes_the_emergency(knowledge: Knowledge, emergency: str, recovery: str) -> None:
    assert tier(knowledge, emergency) == "full"
    assert tier(knowledge, recovery, emergency) == "none"


# The recovery said, then the person relapses: the new danger is read, not closed by what was said before.
@pytest.mark.parametrize(
    ("emergency", "recovery", "relapse"),
    [
        (MS, "paramedik cek dia ok, nafas macam biasa dah", "eh dia pengsan balik, tak bernafas!!"),
        (VI, "ok roi, nó ngồi dậy được rồi, tỉnh táo rồi", "troi oi no lai xiu nua, ko tho"),
        (ZH, "医生说没大碍 人已经坐起来了 能吃饭了", "他又晕倒了 没有呼吸了"),
        (TH, "กู้ภัยมาเช็คแล้ว ไม่ต้องไปโรงบาล", "เขาหมดสติอีกแล้ว ไม่หายใจ ช่วยด้วย"),
        (TL, "nagmulat na sya ng mata", "nawalan ulit sya ng malay, hindi humihinga"),
    ],
)
def test_a_relapse_after_the_recovery_is_still_full(
    knowledge: Knowledge, emergency: str, recovery: str, relapse: str
) -> None:
    assert tier(knowledge, relapse, recovery, emergency) == "full"


# A threat to jump talked down: the texter says the person came down or is with family now.
JUMP_MS = "tolong, adik aku kata nak terjun dari bangunan sekarang, dia kat atas bumbung"
JUMP_VI = "cuu voi, em gai em noi se nhay cau ngay bay gio, no dang o tren cau"
JUMP_ZH = "救命 我妹妹说现在要跳楼 她在天台上"


@pytest.mark.parametrize(
    ("emergency", "over"),
    [
        (JUMP_MS, "dah pujuk dia turun, kami kat rumah"),
        (JUMP_VI, "da khuyen duoc no xuong, ve nha roi"),
        (JUMP_ZH, "劝下来了 已经回家了"),
        (JUMP_ZH, "她现在跟我妈在一起"),
    ],
)
def test_a_threat_talked_down_closes_the_emergency(knowledge: Knowledge, emergency: str, over: str) -> None:
    assert tier(knowledge, emergency) == "full"
    assert tier(knowledge, over, emergency) == "none"


# A sleeper who cannot be shaken awake is the emergency: the "shook him and he woke" entries do not read it as over.
@pytest.mark.parametrize(
    "text",
    ["他吃了很多药 怎么摇都摇不醒 呼吸很弱", "เขย่าแรงๆก็ไม่ตื่น หายใจแผ่วมาก"],
)
def test_a_sleeper_who_cannot_be_woken_is_still_full(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
