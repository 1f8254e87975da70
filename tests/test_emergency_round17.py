"""Round 17's conversation rules (code, not lists): fewer questions asked again in conversations where nobody is in
danger, without losing an emergency."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.danger.words import another_word, known_words
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
# The despair lines are the model's alone (round 19's model reads "ya no puedo mas con todo esto, estoy harto" at
# 0.68, under the question: the batches since label such passive lines none).
AFFAIRS_AFTER_DESPAIR = (
    ("ya no aguanto mas esta vida, estoy cansado de todo", "ya hice mi testamento, la moto es pa mi primo"),
    ("ya no aguanto mas esta vida, estoy cansado de todo", "cuiden a mis hijos por mi"),
    ("j'en peux plus de cette vie, je suis fatigué de tout", "j'ai fait mon testament ce matin"),
    ("j'en peux plus de cette vie, je suis fatigué de tout", "occupez vous de mon chat svp"),
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
AFTERCARE = "je le mets sur le côté et je le laisse dormir ?"  # the model alone reads it at 0.84 (round 19)


def test_the_model_alone_asks_about_aftercare_without_a_recovery(knowledge: Knowledge) -> None:
    """The premise: alone, the model asks about the message."""
    assert tier(knowledge, AFTERCARE) == "possible"


def test_the_model_alone_does_not_ask_after_a_recovery(knowledge: Knowledge) -> None:
    """Once a recovery closed the conversation's emergency, the model alone asks only from 0.9: aftercare ("je le
    laisse dormir sur le côté ?", "ya guarde todo arriba en el closet con llave") reads like the danger it follows."""
    assert tier(knowledge, AFTERCARE, *RECOVERED) == "none"


def test_danger_after_a_recovery_is_still_read(knowledge: Knowledge) -> None:
    assert tier(knowledge, "il respire plus, il est tout bleu", *RECOVERED) == "full"


# Real-word typos: a word the language has is not a typo of a phrase's word one first letter away.


def test_a_word_of_its_own_is_not_a_typo_of_a_suicide_phrase(knowledge: Knowledge) -> None:
    """ "im putting" is not "im cutting": the parent locking capsules away got the full suicide answer (the model
    alone still asks the question here, 0.96); the nurse "mostly putting together" a binder got the question
    (batch bi)."""
    assert tier(knowledge, "im putting all his capsules away in a locked drawer") != "full"
    assert (
        tier(knowledge, "He did fine btw, discharged this morning. I'm mostly putting together our unit's binder")
        == "none"
    )


def test_triage_says_which_word_was_taken_as_written(knowledge: Knowledge) -> None:
    assessment = emergency.assess("im putting all his capsules away in a locked drawer", knowledge.lexicon)
    assert "'putting' is a word of its own (en), not a typo of 'im cutting'" in assessment.why


def test_a_word_of_its_own_does_not_cancel_as_a_negation_typo(knowledge: Knowledge) -> None:
    """Malay "ladang" (a field, a plantation) is not the negation "kadang" ("sometimes"): the worker who collapsed in
    the heat got only the question (batch at)."""
    text = "pekerja kat ladang sawit rebah tengah panas terik, badan panas, tak sedar, dia kunyah daun ketum dari pagi"
    assert tier(knowledge, text) == "full"


def test_a_texters_typos_still_match(knowledge: Knowledge) -> None:
    """Typos that are no word of their own: a letter dropped, changed further in, or a first letter on a word the
    list does not hold."""
    for text in ("im cuting myself again", "cuttin again rn", "im cuttng again", "im xutting myself"):
        assert tier(knowledge, text) == "full", text


def test_an_elided_pronoun_is_not_another_word() -> None:
    """French "j'arrive" and "n'arrive" fold to "jarrive" and "narrive": the same verb after an elided pronoun,
    so the typo rule still reads one as the other."""
    words = known_words()["fr"]
    assert "jarrive" in words
    assert not another_word("jarrive", "narrive", words, frozenset({"arrive"}))
    assert another_word("putting", "cutting", known_words()["en"], frozenset())


# The model alone, later in a conversation: when it must be sure (MODEL_OVER_NEGATION) to ask.

LONELY = ("gising pa po ba kayo", "pagod na ako sa lahat. ofw si mama, wala akong makausap")  # batch bc
DESPAIR_LATER = "di ko na kaya mag-isa"  # the model alone reads it at 0.82


def test_despair_alone_is_asked_about_as_a_first_message(knowledge: Knowledge) -> None:
    """The premise: alone, the model asks about it."""
    assert tier(knowledge, DESPAIR_LATER) == "possible"


def test_despair_alone_later_in_a_conversation_is_not_asked_by_the_model_alone(knowledge: Knowledge) -> None:
    """Despair with nothing of a plan, the means, an intent or an urgency, in a conversation with no plan sign: the
    model alone asks only from 0.9 (batches au, bc, bl, bo, m, db labelled these no emergency yet)."""
    assessment = emergency.assess(DESPAIR_LATER, knowledge.lexicon, LONELY)
    assert assessment.tier == "none"
    assert any("despair alone" in line for line in assessment.why)


def test_despair_with_a_plan_earlier_is_still_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, DESPAIR_LATER, *LONELY, "gave away my guitar to my cousin") != "none"


CALM_DENIAL = (  # batch q: "se murio" (died), told as a year ago
    "hace un año se murio mi marido y los domingos se me hacen eternos",
    "tomo kratom para el dolor de la rodilla y a veces pienso si me estoy enganchando",
)
AFTER_DENIAL = "mi hija vive en Bilbao, la llamo mañana"  # the model alone reads it at 0.75


def test_after_a_danger_cancelled_in_a_calm_conversation_the_model_alone_must_be_sure(knowledge: Knowledge) -> None:
    """A danger told earlier and cancelled (denied, or set in the past), nothing since an emergency: the model alone
    asks only from 0.9."""
    # The premise: alone, the model asks. (Round 23: after the calm message only, it no longer does either, as a guess
    # of suicide in a calm conversation; see test_emergency_round23_N.py.)
    assert tier(knowledge, AFTER_DENIAL) == "possible"
    assessment = emergency.assess(AFTER_DENIAL, knowledge.lexicon, CALM_DENIAL)
    assert assessment.tier == "none"
    assert any("denied or set in the past" in line for line in assessment.why)


def test_a_cancelled_danger_after_an_emergency_does_not_hold_the_model_back(knowledge: Knowledge) -> None:
    """Not after an emergency: "não quero morrer" after a cut arm, then "tá, tô apertando com a toalha" (batch bu)."""
    earlier = ("tô com a lâmina do apontador aqui e já cortei o braço, tá sangrando bastante", "não quero morrer")
    assert tier(knowledge, "tá, tô apertando com a toalha", *earlier) != "none"


def test_urgency_after_a_recovery_does_not_let_the_model_alone_ask(knowledge: Knowledge) -> None:
    """Aftercare said with "agora" (now) after the doctor said he is fine (batch bw): the model alone (0.82) must be
    sure to ask, as for any aftercare."""
    recovered = (
        "meu filho de 2 anos engoliu umas capsulas de kratom, ta muito sonolento e nao acorda direito",
        "ja liguei pro ceatox e pro samu",
        "ta acordado no meu colo, chorando",
        "ja tamo no hospital, o medico viu e disse que ele ta bem, vai ficar em observacao umas horas. obrigada",
    )
    assert tier(knowledge, "vou guardar tudo trancado agora", *recovered) == "none"
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


# A relapse after a recovery: the recovery told first does not close the emergency.

OVERDOSE = "my friend took a lot of 7oh and wont wake up, lips blue"


@pytest.mark.parametrize(
    "relapse",
    [
        "he woke up for a second and is out again",
        "he sat up and then passed out again",
        "ele acordou e desmaiou de novo",
        "udah bangun terus pingsan lagi",
        "醒过来了一下又昏过去了",
        "tỉnh lại được một chút rồi lại ngất",
    ],
)
def test_a_relapse_after_a_recovery_keeps_the_emergency(knowledge: Knowledge, relapse: str) -> None:
    """The recovery lists read "he woke up" and closed the emergency, so the texter whose friend went out again got
    no emergency answer (found by tune-D, round 17): a relapse cue after the recovery takes it back."""
    assert tier(knowledge, relapse, OVERDOSE) == "full"


def test_a_recovery_with_no_relapse_still_closes_it(knowledge: Knowledge) -> None:
    assert tier(knowledge, "he woke up, hes talking now", OVERDOSE) == "none"
    assert tier(knowledge, "ele acordou, ta conversando", OVERDOSE) == "none"


def test_a_relapse_phrase_does_not_hide_a_typo_of_a_danger_word(knowledge: Knowledge) -> None:
    """The relapse list's "convulsiona otra vez" made "convulsiona" a known word, so it no longer read as a typo of
    "convulsion": "ayuda convulsiona" fell to the possible tier. The relapse list is matched as written, like the
    other lists that never shadow a typo (emergency._QUIET)."""
    assert tier(knowledge, "ayuda convulsiona") == "full"
    assert tier(knowledge, "convulsiona que hago") == "full"
