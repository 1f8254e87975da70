"""Round 25 (tuner C: Malay, Tagalog, Indonesian): a memory ("hanggang ngayon naaalala ko", until now I remember;
"masih terbayang", still see it; "sampe sekarang keinget", still remember) holds an urgency word ("ngayon", "masih",
"sekarang") that outweighed the past it looks back at. Inside a memory told after the danger, that word is the
memory's own; a danger told after the memory, a suicide wish, or urgency outside the memory keep their answer.
Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# An overdose or a collapse told as the past, then remembered "until now": grief, not an emergency.
@pytest.mark.parametrize(
    "text",
    [
        "noong 2020 nag overdose si kuya, hanggang ngayon naaalala ko pa yung itsura niya",
        "nung isang taon nahimatay si papa sa banyo, hanggang ngayon nakikita ko pa yung mukha niya",
        "3 taon na since nag overdose si ate, hanggang ngayon naririnig ko pa sigaw ni mama",
        "tahun 2019 adik aku pengsan lepas telan pil, sampai sekarang teringat muka dia",
    ],
)
def test_a_memory_of_a_past_danger_is_not_the_danger_now(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# "N years since" sets the past for the conversation: the scene told next, with a memory after it, is not the full
# answer (the model, sure of the scene's words, may still have it asked about).
def test_years_since_frames_the_scene_told_next(knowledge: Knowledge) -> None:
    opening = "2 years na since namatay si kuya, overdose sa kratom"
    scene = "nakita namin siya sa banyo, di na humihinga. hanggang ngayon naririnig ko pa iyak ni mama"
    assert tier(knowledge, opening) == "none"
    assert tier(knowledge, scene, opening) != "full"


# A suicide wish before the memory, a danger after it, or urgency outside it: the answer stays.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ayoko na mabuhay, hanggang ngayon naririnig ko pa boses niya", "full"),
        ("aku pengen mati aja, masih kebayang terus omongan dia", "full"),
        ("nung 2019 nag overdose ako, hanggang ngayon naaalala ko, pero ngayon hindi na humihinga kapatid ko", "full"),
        ("hanggang ngayon naaalala ko yung nangyari kay kuya, si bunso hindi na humihinga", "full"),
        ("aku masih terbayang waktu ayah meninggal, dan adik aku tak bernafas", "full"),
        ("sampe sekarang keinget kakak overdosis, adikku bibirnya biru gak bangun2", "full"),
    ],
)
def test_a_danger_beside_a_memory_keeps_its_answer(knowledge: Knowledge, text: str, expected: str) -> None:
    assert tier(knowledge, text) == expected


# Without a danger phrase the model's reading is still asked about: the memory does not frame it.
def test_a_memory_without_a_danger_phrase_leaves_the_model_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, "hanggang ngayon nakikita ko pa siya, naka-ilang tableta ako, nahihilo na ko") == "possible"


# A wish the model doubts, then a memory: "now" told only after the wish is not urgency, and the memory read as the
# past must not set the wish aside; it is still asked about at least.
def test_a_memory_after_a_doubted_wish_does_not_set_it_aside(knowledge: Knowledge) -> None:
    assert tier(knowledge, "aku nak mati, masih teringat apa dia buat kat aku") in ("possible", "full")
