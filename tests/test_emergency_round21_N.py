"""Round 21 (tuner N: false alarms in conversations from the phrase lists). Texts written for these tests, not corpus
lines.

Passive burdensomeness ("everyone would be better off without me") on its own is a warning sign to ask about: the
possible tier (the emergency number, the YES question, a counselor flagged), not the full emergency answer. Its
phrases left the suicide phrase lists (the full answer alone) for the plan lists, where one cue alone asks; a plan,
the means said as a plan, or an intention beside it is the full answer, as before."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# One per language whose suicide list held the phrase. Not pt_BR: its distress list holds "melhor sem mim", inside
# every "vão ficar melhor sem mim", so a plan cue and distress together still give the full answer there (moving
# that distress entry made a labelled slow disclosure a false alarm).
BURDEN_ALONE = (
    "my family would be better off without me",
    "mis hijos van a estar mejor sin mi",
    "ma famille serait mieux sans moi",
    "keluargaku lebih baik tanpa aku",
    "mak ayah aku lagi bagus tanpa aku",
    "mas okay kung wala na ko dito",
    "không có mình thì tốt hơn cho cả nhà",
    "ครอบครัวคงดีกว่าถ้าไม่มีเรา",
    "爸妈没有我会更好",
    "爸媽沒有我會更好",
)


@pytest.mark.parametrize("text", BURDEN_ALONE)
def test_passive_burdensomeness_alone_is_asked_about(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "possible"


# With a plan or an intention it stays the full answer.
BURDEN_WITH_A_PLAN = (
    "my family would be better off without me. the rope is ready in the garage",
    "ma famille serait mieux sans moi, ce soir je prends tout",
    "keluargaku lebih baik tanpa aku, malam ini aku minum semua obatnya",
    "todos van a estar mejor sin mi. ya me encargue de eso",
)


@pytest.mark.parametrize("text", BURDEN_WITH_A_PLAN)
def test_burdensomeness_with_a_plan_is_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# "ya me encargué de todo / de eso" (I have taken care of it all), as English "made sure of it": a plan cue, so with
# despair it is the full answer. It kept "mañana todos van a estar mejor sin mí. ya me encargué de eso" full when
# "van a estar mejor sin mi" left the suicide list.
def test_taken_care_of_it_is_a_plan_in_spanish(knowledge: Knowledge) -> None:
    assert tier(knowledge, "ya no aguanto mas. ya me encargue de todo") == "full"


# Tagalog "parang kape" (like coffee) was a medical phrase for vomit like coffee grounds, and it matched kratom drunk
# every day "like coffee" (batch dn). Now only vomit or a dark colour told with it.
def test_kratom_drunk_like_coffee_is_no_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "tinitimpla nya yung kratom tuwing umaga parang kape") == "none"


def test_vomit_like_coffee_grounds_stays_the_full_answer(knowledge: Knowledge) -> None:
    assert tier(knowledge, "si lolo nagsusuka ng parang kape, ang putla na nya") == "full"


# Malay "nak ikut dia" (I want to follow him / her) is a longing for someone who died, despair to ask about, not a
# plan; "aku nak ikut" is also "I want to come along". The plan cue is following the dead: "ikut arwah".
def test_longing_to_follow_the_dead_is_despair_not_a_plan(knowledge: Knowledge) -> None:
    earlier = ("suami sy meninggal bulan lepas, sy dah x larat",)
    assert tier(knowledge, "tiap malam sy rasa nak ikut dia je", *earlier) == "none"
    assert tier(knowledge, "esok aku nak ikut abang pergi kenduri kat kampung") == "none"


# Javanese recoveries: "wis sadar" (conscious again), "wis iso ngomong" (can talk now) end the emergency as
# Indonesian "udah sadar" does.
def test_a_javanese_recovery_closes_the_emergency(knowledge: Knowledge) -> None:
    earlier = ("tulung mas bojoku kejang2 terus gak sadar", "ambulane wis teko")
    assert tier(knowledge, "alhamdulillah bojoku wis sadar, wis iso ngomong", *earlier) == "none"
