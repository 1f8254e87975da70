"""Round 28 (tuner A: conversations). Help that has arrived while the person is still in danger keeps an open
emergency's full answer. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# An open medical emergency answered in full, then the help that was called arrives and the danger is told after it:
# the emergency goes on at its full tier (the arrival cue alone had counted as a recovery).
ARRIVAL_THEN_DANGER = (
    (
        "paramedik dah sampai, dorang kata dia kena serangan jantung, terus angkut pi hospital",
        ("bapak aku pengsan lepas minum ketum dengan ubat batuk, tak sedar langsung", "dah call 999"),
    ),
    (
        "paramedics are here, they said its a heart attack and are loading him up now",
        ("my uncle passed out after kratom and pain pills, wont wake up", "called 911"),
    ),
    (
        "the ambulance is here, they say hes still not breathing on his own",
        ("my dad collapsed and hes not breathing right, lips going blue", "called 911"),
    ),
)


@pytest.mark.parametrize(("text", "earlier"), ARRIVAL_THEN_DANGER)
def test_help_arrived_with_the_danger_told_after_it_keeps_the_full_answer(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "full"


# The help arrives and the person is said to be well: the emergency ends, as before.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "the ambulance is here, hes awake and talking now",
            ("my dad collapsed and hes not breathing right, lips going blue", "called 911"),
        ),
        (
            "paramedics are here, he's breathing fine now",
            ("my dad collapsed and hes not breathing right, lips going blue", "called 911"),
        ),
    ],
)
def test_help_arrived_and_the_person_recovered_ends_it(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "none"


# Recoveries of the person in words the lists lacked (zh_Hans: "he is conscious again", "speaks normally"; fr: "the
# heart has calmed down"): they end the open emergency, as the lists' other recoveries do.
OVERDOSE_ZH = ("我弟弟吃了kratom和安眠药 叫不醒 嘴唇发紫", "打了120")
RACING_HEART_FR = ("j'ai pris 10g de kratom d'un coup, le coeur tape super fort, je vois flou", "je suis seule")


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("医生到了 他清醒了 说话正常", OVERDOSE_ZH),
        ("le médecin m'a rappelée, le coeur s'est calmé et je vois normal", RACING_HEART_FR),
    ],
)
def test_a_recovery_in_new_words_ends_the_emergency(knowledge: Knowledge, text: str, earlier: tuple[str, ...]) -> None:
    assert tier(knowledge, *earlier[:1]) == "full"
    assert tier(knowledge, text, *earlier) == "none"


# The same words negated, or with the danger told again after them, keep the emergency.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("他清醒了一下又晕过去了 叫不醒", OVERDOSE_ZH),
        ("他还是没清醒 呼吸很慢", OVERDOSE_ZH),
        ("说话不正常 一直在胡言乱语", OVERDOSE_ZH),
        ("le coeur s'est pas calmé, je vois toujours flou", RACING_HEART_FR),
        ("le coeur s'est toujours pas calmé", RACING_HEART_FR),
        ("le coeur s'est calmé mais je vois toujours flou et j'arrive plus à respirer", RACING_HEART_FR),
    ],
)
def test_the_new_recovery_words_negated_or_taken_back_keep_it(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "full"

