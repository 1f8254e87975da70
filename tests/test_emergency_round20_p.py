"""Round 20 (tuner P: en, es, fr, pt_BR, id, conversations): phrase-list changes for the remaining errors of the
conversation batches. In Portuguese, "ficava melhor sem mim" said alone is despair, not a plan; a recovery told as
"update: he's ok" or "I'm ok for tonight", or in Indonesian "udah bisa duduk", closes the conversation's emergency; in
French, "plus simple de disparaître" is despair and paracetamol bought in several pharmacies is a sign of a plan; in
Indonesian, an overdose the person says was on purpose ("ngaku sengaja") is a sign of a plan. Texts written for these
tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# Portuguese: "melhor sem mim" alone, with nothing of a plan, is despair, not the full suicide answer.
def test_melhor_sem_mim_alone_is_despair_not_a_plan(knowledge: Knowledge) -> None:
    assert tier(knowledge, "acho que minha família ficava melhor sem mim, tô muito pra baixo") != "full"


# A recovery after the emergency: the texter safe for the night with someone beside them, an update that the person
# is well after a seizure, a brother who can sit up again after fitting.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "my sister came over and took the pills home with her, shes sleeping on my couch. im ok for tonight",
            ("lost everything this year", "ive got all my pills out on the desk, im going to take them all tonight"),
        ),
        (
            "update: she's ok. the hospital said it was the kratom and not eating. they let her go home",
            ("my girlfriend is having a seizure on the bathroom floor", "calling 911, shes still fitting"),
        ),
        (
            "alhamdulillah adikku udah bisa duduk, minta makan roti",
            ("kak adikku kejang2 di kasur, matanya ke atas", "udah berhenti kejangnya tp dia ga respon"),
        ),
    ],
)
def test_a_recovery_closes_the_conversations_emergency(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "none"


# French: despair in the words "plus simple de disparaître", then paracetamol gathered from several pharmacies.
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "aujourd'hui j'ai fait trois pharmacies pour le paracétamol",
            ("je tiens plus, ce serait plus simple de disparaître",),
        ),
        (
            "j'ai pris des boîtes de doliprane dans des pharmacies différentes cette semaine",
            ("ma femme est partie, je suis un poids pour tout le monde", "ce serait plus simple de disparaître"),
        ),
    ],
)
def test_paracetamol_gathered_from_pharmacies_after_despair_is_the_full_answer(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "full"


# Indonesian: the texter's brother has come round and says he took it on purpose, tired of life: a plan with despair
# (without it, the recovery above would leave the suicide that follows it unanswered).
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("kakakku baru sadar, tapi dia ngaku sengaja, katanya udah capek hidup", ()),
        (
            "tapi dia ngaku sengaja, katanya udah capek hidup",
            ("kak kakakku pingsan di kamar, ada strip obat kosong", "alhamdulillah dia udah bisa duduk"),
        ),
    ],
)
def test_an_overdose_said_to_be_on_purpose_is_the_full_answer(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) == "full"
