"""Round 17's conversation rules (code, not lists): fewer questions asked again in conversations where nobody is in
danger, without losing an emergency."""

from __future__ import annotations

import pytest

from helpline.engine import POSSIBLE_TOPIC, TexterState
from helpline.knowledge import Knowledge
from tests.support import decided, tier

DESPAIR = "the quarterly report is due on friday and my boss keeps calling, i want to die"  # asked about, no plan
SAFE = "anyway my shift ends at six and then i am going home"


def test_despair_is_asked_about(knowledge: Knowledge) -> None:
    """The premise of the next tests: without it, they would test nothing."""
    assert tier(knowledge, DESPAIR) == "possible"


def test_a_safe_message_after_despair_without_a_plan_is_not_asked_again(knowledge: Knowledge) -> None:
    """Asked the question about despair alone, a message with no danger of its own is not asked it again (batch dd:
    "Nghỉ học 2 tuần rồi, ở phòng trọ suốt" after "Dạo này em thấy mệt mỏi lắm"); the texter still gets the crisis
    line and the emergency number, as unrecognised text near an emergency."""
    assert tier(knowledge, SAFE, DESPAIR) == "none"
    decision = decided(knowledge, SAFE, TexterState(known=True, language="en", recent_texts=(DESPAIR,)))
    assert decision.topic != POSSIBLE_TOPIC
    text = " ".join(decision.replies)
    assert "988" in text and "911" in text


def test_a_plan_told_in_pieces_still_goes_on(knowledge: Knowledge) -> None:
    """A sign of a plan anywhere in the conversation keeps the open possible suicide going (batch ci: the dog given
    away, then a necklace given to mom)."""
    assert tier(knowledge, SAFE, DESPAIR, "gave away my guitar to my cousin") != "none"


def test_danger_after_despair_is_still_read(knowledge: Knowledge) -> None:
    assert tier(knowledge, "i cant do this anymore", DESPAIR) != "none"


# Settling affairs after despair, told with no means: a plan sign of its own (the lists, round 17), so the conversation
# goes on being asked about ("gave my brother my fishing gear and the boat today" had no sign before).
AFFAIRS_AFTER_DESPAIR = (
    ("ya no puedo mas con todo esto, estoy harto", "ya hice mi testamento, la moto es pa mi primo"),
    ("ya no puedo mas con todo esto, estoy harto", "cuiden a mis hijos por mi"),
    ("j'en peux plus de tout ça, je suis épuisé", "j'ai fait mon testament ce matin"),
    ("j'en peux plus de tout ça, je suis épuisé", "occupez vous de mon chat svp"),
)


@pytest.mark.parametrize(("despair", "affairs"), AFFAIRS_AFTER_DESPAIR)
def test_settling_affairs_after_despair_is_still_asked(knowledge: Knowledge, despair: str, affairs: str) -> None:
    assert tier(knowledge, despair) == "possible"  # the premise: despair alone is asked about
    assert tier(knowledge, affairs, despair) != "none"


def test_giving_things_away_after_despair_is_the_full_answer(knowledge: Knowledge) -> None:
    """A plan sign after despair: the full answer, not only the question ("you can have my stuff" was none)."""
    assert tier(knowledge, "you can have my stuff, my sister knows where it all is", DESPAIR) == "full"


RECOVERED = (  # batch cz: an emergency, then a recovery that closes it
    "coucou, mon copain a pris du kratom ce soir avec des bières",
    "il répond plus, je le secoue et il bouge pas, il respire super lentement",
    "ok j'appelle le 15",
    "attends il vient de se réveiller, il m'engueule parce que je le secoue 😅 il parle normalement",
    "les pompiers sont passés quand même, ils disent que c'est bon, juste l'alcool + le kratom",
)
AFTERCARE = "je le laisse dormir sur le côté du coup ?"  # the model alone reads it at 0.72


def test_the_model_alone_asks_about_aftercare_without_a_recovery(knowledge: Knowledge) -> None:
    """The premise: alone, the model asks about the message."""
    assert tier(knowledge, AFTERCARE) == "possible"


def test_the_model_alone_does_not_ask_after_a_recovery(knowledge: Knowledge) -> None:
    """Once a recovery closed the conversation's emergency, the model alone asks only from 0.9: aftercare ("je le
    laisse dormir sur le côté ?", "ya guarde todo arriba en el closet con llave") reads like the danger it follows."""
    assert tier(knowledge, AFTERCARE, *RECOVERED) == "none"


def test_danger_after_a_recovery_is_still_read(knowledge: Knowledge) -> None:
    assert tier(knowledge, "il respire plus, il est tout bleu", *RECOVERED) == "full"


CLOSED_BY_A_RECOVERY = (  # (danger, a recovery in words the lists did not have before, an ordinary message after)
    (
        "my brother took a bunch of kratom and xanax and he wont wake up",
        "ok hes back to normal, talking normally again",
        "should i hide the rest of his kratom?",
    ),
    (
        "mi hermano tomo kratom con pastillas y no despierta",
        "falsa alarma, estaba dormido nomas",
        "como le hablo manana de esto?",
    ),
    (
        "mon copain a pris du kratom et il se réveille pas",
        "fausse alarme, il faisait juste la sieste",
        "je lui en parle comment demain ?",
    ),
    (
        "adik aku minum kratom sama obat tidur, gak bangun2",
        "udah siuman kak, bisa diajak ngomong",
        "besok aku ngomong apa ke dia ya?",
    ),
)


@pytest.mark.parametrize(("danger", "recovery", "after"), CLOSED_BY_A_RECOVERY)
def test_a_recovery_closes_the_emergency(knowledge: Knowledge, danger: str, recovery: str, after: str) -> None:
    """Told that the danger is over ("back to normal", "falsa alarma", "il faisait juste la sieste", "udah siuman"),
    the conversation's emergency closes: neither the recovery nor the ordinary message after it gets the emergency
    answer again."""
    assert tier(knowledge, danger) == "full"
    assert tier(knowledge, recovery, danger) == "none"
    assert tier(knowledge, after, danger, recovery) == "none"


NOT_RECOVERED = (  # a recovery phrase's words with a negation, or a recovery with the danger still going on
    (
        "my brother took a bunch of kratom and xanax and he wont wake up",
        "he isnt back to normal, hes still not responding",
    ),
    ("my brother took a bunch of kratom and xanax and he wont wake up", "shes breathing but wont wake up"),
    ("mi hermano tomo kratom con pastillas y no despierta", "no respira normal, sigue morado"),
    ("meu irmao tomou kratom com remedio e nao acorda", "ele nao ta respirando normal"),
    ("พี่ชายกินกระท่อมกับยานอนหลับ ปลุกไม่ตื่น", "หายใจไม่ปกติ ปลุกไม่ตื่น"),
    ("我哥吃了卡痛和安眠药，叫不醒", "呼吸不正常，还是叫不醒"),
)


@pytest.mark.parametrize(("danger", "partial"), NOT_RECOVERED)
def test_a_partial_or_negated_recovery_does_not_close_it(knowledge: Knowledge, danger: str, partial: str) -> None:
    assert tier(knowledge, partial, danger) == "full"
