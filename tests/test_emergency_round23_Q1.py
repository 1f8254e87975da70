"""Round 23 (tuner Q1: resolved lists of en, es, fr, pt_BR, id): the message that says an emergency is over, in the
words other people use (slang, no accents), closes it; a relapse after it is still the emergency. Texts written for
these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

EMERGENCY = {
    "en": "my brother took kratom with his pills and passed out, he wont wake up",
    "es": "mi hermano tomo kratom con pastillas y se desmayo, no despierta",
    "fr": "mon frere a pris du kratom avec des cachets et il s'est effondre, il se reveille pas",
    "pt_BR": "meu irmao tomou kratom com remedio e desmaiou, nao acorda",
    "id": "adikku minum kratom campur obat terus pingsan, ga bangun2",
}


@pytest.mark.parametrize(
    ("lang", "recovery"),
    [
        ("en", "ok the ems guys said his vitals look good, hes back to his old self"),
        ("en", "he opened his eyes, hes such a heavy sleeper omg"),
        ("es", "ya reacciono, dice que le duele la cabeza nomas"),
        ("es", "los paramedicos dijeron que no era nada grave, ya quiere comer"),
        ("es", "ya agarro color y ya esta caminando"),
        ("fr", "ils disent quil est tire daffaire, il pete la forme"),
        ("fr", "il a repris des couleurs, il remange un peu"),
        ("fr", "bon finalement cetait rien de grave, tout est rentre dans lordre"),
        ("pt_BR", "ufa deu tudo certo, ja voltou ao normal"),
        ("pt_BR", "o samu examinou e disseram que vai ficar bem"),
        ("id", "alhamdulillah napasnya udah lancar, udah mau makan"),
        ("id", "udah diperiksa, kata paramedis dia baik baik aja"),
    ],
)
def test_a_recovery_in_other_words_closes_the_emergency(knowledge: Knowledge, lang: str, recovery: str) -> None:
    assert tier(knowledge, EMERGENCY[lang]) == "full"
    assert tier(knowledge, recovery, EMERGENCY[lang]) == "none"


# The same recovery, then the danger back: the emergency again.
@pytest.mark.parametrize(
    ("lang", "recovery", "relapse"),
    [
        ("en", "vitals look good", "he passed out again and hes not breathing"),
        ("es", "ya reacciono", "se volvio a desmayar y no respira"),
        ("fr", "il a repris des couleurs", "il s'est encore effondre et il respire plus"),
        ("pt_BR", "deu tudo certo, ja voltou ao normal", "desmaiou de novo e nao ta respirando"),
        ("id", "napasnya udah lancar", "dia pingsan lagi dan ga napas"),
    ],
)
def test_a_relapse_after_the_recovery_is_still_the_emergency(
    knowledge: Knowledge, lang: str, recovery: str, relapse: str
) -> None:
    assert tier(knowledge, relapse, recovery, EMERGENCY[lang]) == "full"
