"""Round 18's conversation rules (code, not lists): fewer false alarms after a scare was resolved, without losing an
emergency told after a recovery."""

from __future__ import annotations

from helpline.knowledge import Knowledge
from tests.support import tier

SCARE = ("my brother took a lot of kratom and now he wont wake up", "ok i shook him hard and he opened his eyes")


def test_now_inside_a_recovery_cue_is_not_urgency(knowledge: Knowledge) -> None:
    """"talking now" is how he is: the "now" inside the recovery is not the danger coming back between the recovery
    and "took too much" (batch db: "shes sitting up now talking, says she just took too much")."""
    text = "hes talking now, says he took too much on an empty stomach. he feels embarrassed"
    assert tier(knowledge, text, *SCARE) == "none"


def test_now_between_a_recovery_and_a_danger_is_still_urgency(knowledge: Knowledge) -> None:
    """The relapse rule this narrows: a recovery, then an urgency of its own, then the danger."""
    assert tier(knowledge, "he was talking but now hes not breathing again", *SCARE) == "full"
    assert tier(knowledge, "hes talking, and right now hes turning blue", *SCARE) == "full"


FAINT = (
    "tolong bapak aku pingsan abis minum kratom sama obat, ga bangun",
    "eh dia udah bangun, bisa ngomong, tau dia dimana",
)
CHECKED = "ambulans udah nyampe, dicek gula darahnya normal"


def test_the_service_named_on_its_own_is_a_phrase(knowledge: Knowledge) -> None:
    """The premise: alone, the message names the service in words the emergency list reads."""
    assert tier(knowledge, CHECKED) != "none"


def test_the_help_arriving_after_a_recovery_is_no_emergency(knowledge: Knowledge) -> None:
    """After he woke up and talks, the ambulance arriving and checking him is talk about the help (batch dh), and the
    thanks after it is not inside a reopened emergency either."""
    assert tier(knowledge, CHECKED, *FAINT) == "none"
    assert tier(knowledge, "makasih ya, besok aku marahin dia", *FAINT, CHECKED) == "none"


def test_the_service_after_a_recovery_with_danger_or_urgency_is_still_read(knowledge: Knowledge) -> None:
    """An urgency cue, or a danger phrase of its own, after the recovery is still an emergency."""
    assert tier(knowledge, "ambulans udah nyampe, dia pingsan lagi ga napas", *FAINT) == "full"
    assert tier(knowledge, "dia gak napas lagi, panggil ambulans sekarang", *FAINT) == "full"
    assert tier(knowledge, CHECKED, FAINT[0]) != "none"  # no recovery told: the emergency goes on


SEIZURE_VI = ("cứu với, chồng tôi ngất sau khi uống kratom, gọi không dậy",)
SWALLOWED_ZH = ("救命 我女儿好像吞了几颗卡痛胶囊 一直在吐", "已经打120了")


def test_opened_his_eyes_closes_the_emergency_in_vietnamese(knowledge: Knowledge) -> None:
    """"mở mắt rồi" (he has opened his eyes), accents or not, is a recovery (batch dh)."""
    assert tier(knowledge, "chồng tôi mở mắt rồi, đang nhìn tôi", *SEIZURE_VI) == "none"
    assert tier(knowledge, "chong toi mo mat roi, dang nhin toi", *SEIZURE_VI) == "none"


def test_opened_his_eyes_then_slumped_again_is_a_relapse(knowledge: Knowledge) -> None:
    """"rồi" is "then" too: eyes opened, then slumped again ("lại gục") is the danger back (batch b)."""
    assert tier(knowledge, "lay mãi mới mở mắt rồi lại gục xuống, thở yếu", *SEIZURE_VI) == "full"
    assert tier(knowledge, "lay mãi mới mở mắt rồi lại gục", *SEIZURE_VI) == "full"


def test_the_doctor_checked_her_closes_the_emergency_in_chinese(knowledge: Knowledge) -> None:
    """"医生检查了" (the doctor examined her) is the all-clear that "checked her" is in English (batch db)."""
    assert tier(knowledge, "医生检查了 说问题不大 回家观察", *SWALLOWED_ZH) == "none"
