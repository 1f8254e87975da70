"""Round 18, single texts: signs a real emergency carries that the lists did not count as clear (they got only the
"is someone in danger?" question, or nothing). Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# Self-harm told with the intent to die: cutting "until it stops hurting for good", cutting deep this time.
SELF_HARM_WITH_INTENT = (
    "im going to keep cutting until it all stops hurting for good",
    "ya me voy a cortar, quiero que deje de doler para siempre",
    "aku nak kelar dalam2, biar habis semua",
    "aku nyayat terus sampe semuanya hilang",
    "ngayon malalim na hiwa sa braso ko",
    "คืนนี้ฉันจะกรีดให้ลึกเลย",
    "今晚我要割深一点",
)


@pytest.mark.parametrize("text", SELF_HARM_WITH_INTENT)
def test_self_harm_with_intent_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Intent in the words of the language: "me quito la vida" (the present for the near future).
def test_spanish_present_tense_intent_is_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "ya no aguanto, hoy me quito la vida") == "full"


# Signs of a plan: a goodbye to a sister, taking them all (feminine), a stockpile put aside, telling someone before
# going, debts paid and not waking tomorrow.
PLAN_SIGNS = (
    "dites a ma soeur que je suis désolée. je les prends toutes",
    "cest decidé, dimanche. j'ai mis de côté assez de cachets",
    "saya cuma nak bagitau seseorang, saya dah penat sangat dengan hidup",
    "ใช้หนี้หมดแล้ว พรุ่งนี้คงไม่ได้ตื่นแล้ว",
)


@pytest.mark.parametrize("text", PLAN_SIGNS)
def test_plan_signs_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# States described in the language's own words: breathing that goes, cold and clammy, a weak pulse, bluish-grey lips,
# breathing only once in a long while.
MEDICAL_STATES = (
    "mi hermano tomó pastillas y dice que se le va la respiración",
    "mi papá está frio y sudado y muy pálido",
    "ma blonde est froide et moite pis elle bouge pu",
    "si kuya mahina ang pulso, ano gagawin ko",
    "muka adek gw biru keabuan abis minum obat",
    "his lips r kinda grey and hes so quiet",
    "พ่อกินยาแล้ว นานๆ ถึงจะหายใจทีนึง",
)


@pytest.mark.parametrize("text", MEDICAL_STATES)
def test_medical_states_in_own_words_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_a_longer_plan_phrase_does_not_hide_two_shorter_ones(knowledge: Knowledge) -> None:
    """A letter written to the children reads as two signs of a plan in Thai ("เขียนจดหมายถึง", "จดหมายถึงลูก"): a
    longer phrase covering both would count one, and the message would only be asked about."""
    assert tier(knowledge, "เขียนจดหมายถึงลูกไว้แล้ว เหนื่อยกับทุกอย่าง") == "full"


# Second pass over batches dc, da and cy: states, swallowed poisons, "let me die", burning, settling affairs, ending
# everything, being a burden with a time, each in the language's own words.
SECOND_PASS = (
    "tolong la, adik aku asul na sya",
    "mẹ ơi nó tím rồi kìa",
    "kakak aku barusan minum pembersih lantai",
    "妈妈叫他也没什么反应 怎么办",
    "我弟刚才喝了84消毒液",
    "tối qua không sao, giờ em muốn rạch sâu hơn nữa",
    "anh đóng cửa hét để tôi chết đi",
    "không có tao thì ai cũng nhẹ nhõm hơn. đêm nay là lúc",
    "ไม่มีกูใครๆก็สบาย คืนนี้แหละ",
    "เมียตะโกนว่าปล่อยให้ตายไปเถอะ",
    "dah panjat tingkap, aku dah tak larat",
    "全摆桌上了 我真的撑不下去了",
    "malam ini aku mau ngakhirin semuanya",
    "llevo rato quemándome el brazo",
    "sumisigaw siya hayaan nyo na akong mamatay",
)


@pytest.mark.parametrize("text", SECOND_PASS)
def test_second_pass_signs_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_caring_for_a_mother_is_not_a_plan(knowledge: Knowledge) -> None:
    """Only the request ("tolong jaga mak aku", take care of my mother for me) is a goodbye; a caregiver saying "saya
    jaga mak saya" (I look after my mother) is not."""
    assert tier(knowledge, "salam, saya jaga mak saya yang dah tua, dia minum air ketum") == "none"


def test_a_cigarette_burn_stays_the_full_answer(knowledge: Knowledge) -> None:
    """Spanish burning phrases must not take the Portuguese 'me queimando' away from a Spanish text by becoming known
    words (the typo index)."""
    assert tier(knowledge, "me estoy quemando con el cigarro otra vez y quiero que duela") == "full"


def test_a_suicide_phrase_with_the_means_is_not_doubted_by_the_model(knowledge: Knowledge) -> None:
    """A suicide phrase and the means in words of their own are two signs that agree: the model's doubt (it scores
    this under 0.3) does not make them only a question."""
    assert tier(knowledge, "mezclo el kratom con todas las clonas para dormirme para siempre") == "full"


def test_a_plan_cue_read_across_a_clause_does_not_outweigh_the_doubt(knowledge: Knowledge) -> None:
    """Withdrawal "like dying", then "tak boleh tido. berapa lama lagi": the "tido lama" (sleep long) read across the
    full stop is no plan, and the doubted phrase stays a question, not the full answer."""
    assert tier(knowledge, "withdrawal buat aku rasa nak mati, tak boleh tido. berapa lama lagi macam ni") != "full"


# Third pass (batches cn, cw, cu): a lethal mix prepared ("crushed all my ...", "dissous tout mon ..."), hoping never
# to wake again (zh "别再醒了"), what is left of the jar (pt "o que sobrou do pote").
THIRD_PASS = (
    "crushed all my oxys into my coffee, drinking it when my wife goes to bed",
    "j'ai dissous tout mon xanax dans un verre, je le bois cette nuit",
    "希望睡着了就别再醒了",
    "cansei de tudo isso, hoje eu tomo o que sobrou do pote e durmo pra sempre",
)


@pytest.mark.parametrize("text", THIRD_PASS)
def test_third_pass_signs_are_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_asking_how_much_it_takes_to_never_wake_for_oneself_is_the_full_answer(knowledge: Knowledge) -> None:
    """"c'est pour moi" after asking what it takes not to wake up is the texter's own intention, not a question about
    someone else: with the plan sign, the full answer (the English "asking for me" already read so)."""
    assert tier(knowledge, "combien de gélules de kratom pour ne plus se réveiller ? c'est pour moi") == "full"


# Giving a pet away and letters for everyone, "just want it to stop" (es), as English "gave my cat to" reads.
GIVING_AWAY_ES = (
    "le di mi perro a mi tía y he escrito cartas para todos",
    "ya le he dado mi gato a mi prima. solo quiero que pare",
)


@pytest.mark.parametrize("text", GIVING_AWAY_ES)
def test_giving_a_pet_away_with_letters_or_despair_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_giving_a_pet_away_before_a_move_is_not_a_plan(knowledge: Knowledge) -> None:
    assert tier(knowledge, "le di mi perro a mi hermano porque me mudo a madrid") == "none"


def test_breathing_only_once_in_a_while_in_tagalog_is_the_full_answer(knowledge: Knowledge) -> None:
    """"isang hinga lang" (only one breath [every so often]), even asked as a question."""
    assert tier(knowledge, "si tita isang hinga lang tapos matagal ulit") == "full"
    assert tier(knowledge, "isang hinga lang every 10 seconds si papa, normal ba yun?") == "full"

