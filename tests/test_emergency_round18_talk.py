"""Round 18's conversation talk in Indonesian, Malay, Vietnamese and French: a plan made in the past for a day
ahead, a past overdose told with the word that says "once"."""

from __future__ import annotations

from helpline.knowledge import Knowledge
from tests.support import tier


def test_a_rope_bought_yesterday_for_the_weekend_is_a_plan(knowledge: Knowledge) -> None:
    """ "Yesterday" says when the means was got; the intention told after it is ahead (batch dd): the past does not
    take the plan back."""
    assert tier(knowledge, "j'ai acheté une corde hier et j'ai écrit une lettre. je vais le faire samedi") == "full"
    text = "bought a rope yesterday and wrote my letters. im going to do it when my wife is at work"
    assert tier(knowledge, text) == "full"


def test_a_rope_bought_long_ago_with_nothing_ahead_stays_past(knowledge: Knowledge) -> None:
    """With one plan cue and a bare "je vais" (I'm doing better), the past still reads as the past."""
    assert tier(knowledge, "l'an dernier j'avais acheté une corde, aujourd'hui je vais mieux") == "none"


def test_once_overdosed_is_the_past_in_indonesian_and_malay(knowledge: Knowledge) -> None:
    """ "pernah" (once, ever) is the extra word inside "aku od": it tells a past overdose (batch dh), not one now."""
    assert tier(knowledge, "aku pernah OD waktu kuliah, makanya sekarang hati2 banget") == "none"
    assert tier(knowledge, "aku pernah OD dulu masa muda, skrg dah insaf") == "none"


def test_an_overdose_now_is_still_read(knowledge: Knowledge) -> None:
    """Without "pernah", or with urgency and a danger after it, the overdose is now."""
    assert tier(knowledge, "tolong aku OD, dada sakit") == "full"
    assert tier(knowledge, "temanku pernah OD, sekarang dia ga napas") == "full"


def test_thinking_of_doing_it_is_an_intention_in_french(knowledge: Knowledge) -> None:
    """ "je pense le faire" (I'm thinking of doing it) is an intention of its own: after the rope bought and a letter
    written yesterday, it is what is ahead (batch dd)."""
    text = "hier j'ai acheté une corde et j'ai écrit une lettre. je pense le faire dimanche"
    assert tier(knowledge, text) == "full"


def test_i_wont_hurt_myself_is_a_denial_in_indonesian(knowledge: Knowledge) -> None:
    """ "ga bakal nyakitin diri" (I won't hurt myself) denies self-harm (batch dd); wanting to still reads."""
    assert tier(knowledge, "tenang aja kak, aku ga bakal nyakitin diri sendiri") == "none"
    assert tier(knowledge, "aku pengen nyakitin diri sendiri malam ini") == "full"
