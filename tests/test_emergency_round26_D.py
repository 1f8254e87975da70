"""Round 26 (tuner D: false alarms in vi, tl, ms, en): a danger phrase said as hyperbole, with a laugh after it (a joke
about the boss, an exam) or beside withdrawal named ("this withdrawal makes me wanna die"), which the model reads as
nothing like danger and which has no other sign (means, intention, urgency, threat, a "but"), is no emergency. The
same phrase with the means at hand, or a laugh taken back before the danger, still is. Malay threats written
colloquially ("bawak parang", "nk bunuh") are violence now. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        # withdrawal misery: the death wish is how withdrawal feels
        "day 3 off kratom and this withdrawal makes me wanna die, runny nose, yawning nonstop",
        "cai kratom ngày thứ 4 mà em muốn chết, chảy nước mũi, ngáp liên tục",
        "bro withdrawal hari ke 4 ni buat aku nak mati, sendi sakit, hidung meleleh",
        "ang sakit ng withdrawal, parang mamamatay na ako, apat na araw na akong di makatulog",
        # a joke with a laugh after the danger
        "kalau result SPM teruk aku terjun bangunan la, mak mesti bising hahaha",
        "pag pinag-overtime ulit kami sa sabado tatalon na ako sa bubong ng opisina hahaha",
        # someone else's joke, where one word ("tatalon") is both the plan cue and the intention cue
        "sabi ng kasama ko pag pinag-duty ulit kami sa pasko tatalon daw siya sa bintana HAHA. may kratom ba",
    ],
)
def test_hyperbole_the_model_dismisses_is_no_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "lol i want to die, the pills are right here",  # the means at hand
        "day 3 withdrawal, i want to die, i have saved up my pills",  # withdrawal, and the means
        "HAHAHA no seriously he is not breathing",  # the laugh only before the danger
        "haha ok seriously now, he took all the pills and is not waking up",
    ],
)
def test_danger_with_a_sign_or_a_laugh_taken_back_stays(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_a_colloquial_malay_threat_is_violence_now(knowledge: Knowledge) -> None:
    assert tier(knowledge, "dia balik bawak parang, jerit nk bunuh kami") == "full"


def test_withdrawal_named_in_another_language_is_not_withdrawal(knowledge: Knowledge) -> None:
    """Malay "gian" (craving) is the end of Vietnamese "thời gian" (time): "all this time I only want to die" names no
    withdrawal, and keeps its answer (the coordinator's review of tuner D's rule found it silenced)."""
    assert tier(knowledge, "cả thời gian qua em chỉ muốn chết") == "full"
