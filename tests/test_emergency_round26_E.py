"""Round 26 (tuner E: misses on single texts, French first, and the negation gap).

- A bare negator with a few light words between it and the danger (emergency.negator_gap: articles, "really", "at
  all", "thought about") denies it as one right before it does: "je n'ai jamais vraiment pensé au suicide" got the
  full answer. A pronoun between, an inability ("pas à la garder éveillée"), "never had ... like this", a negative
  state and urgency after the negator keep the danger (so does "j'ai jamais eu de convulsions": "had" is left out).
- French list gaps English did not have: a child who drank bleach, a partner threatening to swallow his whole stash
  with the blister packs in hand, how much it takes "pour ne plus se réveiller"; the same threat in Spanish,
  Portuguese and English; Isan shaking all over, unaccented Vietnamese swollen lips and a throat "like squeezed",
  Chinese "breathing seems to have stopped"; bleach drunk and the threat to swallow everything in the other
  languages too.

Texts written for these tests, not corpus lines.
"""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "non non, j'ai jamais vraiment pensé au suicide, je voulais juste des infos sur le sevrage",
        "je suis pas du tout suicidaire, juste crevé",
        "honestly i'm not really suicidal, just tired of withdrawal",
        "i have never really thought about suicide, i just want to cut down",
        "nunca he pensado en el suicidio, solo quiero dejar el kratom",
        "não tô nada suicida, só cansado do trampo",
        "我没想过自杀，只是想问问戒断的事",
    ],
)
def test_a_negator_a_few_light_words_before_the_danger_denies_it(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "je sais pas il a les lèvres bleues et il bouge plus",  # a pronoun between: a new sentence
        "elle vomit et je n'arrive pas à la garder éveillée",  # "à": an inability, not a denial
        "i've never had chest pain like this before, its crushing",  # "had" is no gap word
        "il a jamais fait de convulsions avant et là il tremble de partout",
        "i never felt so suicidal in my life",
    ],
)
def test_the_gap_does_not_take_back_a_danger(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    "text",
    [
        "ma fille de 3 ans a bu de l'eau de javel dans un verre, elle tousse et pleure",
        "mon copain menace d'avaler toutes ses plaquettes si je le quitte, il les a dans la main là",
        "combien de kratom faut-il pour ne plus se réveiller ? c'est prêt dans la tasse",
        "meu irmão ameaça engolir tudo que sobrou",
        "my sister is threatening to overdose",
        "แม่สั่นไปหมดทั้งโต",
        "vo minh moi day len, hong nhu bi bop",
        "朋友吃了卡痛 呼吸好像停了 怎么办",
        "yung anak ko nakainom ng zonrox, umiiyak at nagsusuka",
        "我儿子喝了漂白水，一直咳嗽",
        "ลูกกินน้ำยาฟอกขาว ไอไม่หยุด",
    ],
)
def test_described_dangers_the_lists_lacked_get_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
