"""Round 27 (tuner A: false alarms in calm conversations): a danger phrase the model doubts (the possible tier of a
long message's phrase under MODEL_DOUBTS), told inside a frame an earlier message set (a film, a story, the past, a
hypothetical) and with no urgency or plan of its own, is read in that frame as a full reading is: the model alone must
read danger to ask. Until now only the full tier was read in the frame, and the doubted phrase, weaker, kept its
question. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

FILM_PT = "ontem vi um filme em que a personagem toma kratom com remédio"
SCENE_PT = "ela ficou toda roxa e o namorado fez massagem cardiaca no chão da sala, que cena pesada"


# The doubted phrase alone is asked; inside the film's frame it is the film.
def test_a_doubted_phrase_inside_an_earlier_frame_is_read_in_it(knowledge: Knowledge) -> None:
    assert tier(knowledge, SCENE_PT) == "possible"
    assert tier(knowledge, SCENE_PT, FILM_PT) == "none"


# An urgency of its own, a plan sign, or no frame at all: the doubted phrase keeps its question (or more).
@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("agora de verdade ela ficou toda roxa e o namorado fez massagem cardiaca no chão da sala", (FILM_PT,)),
        (SCENE_PT, ("oi, tudo bem? queria tirar uma dúvida sobre kratom",)),
    ],
)
def test_a_doubted_phrase_with_urgency_or_without_a_frame_is_still_asked(
    knowledge: Knowledge, text: str, earlier: tuple[str, ...]
) -> None:
    assert tier(knowledge, text, *earlier) in ("possible", "full")


# A clear emergency after the film is still the full answer.
def test_a_clear_emergency_after_a_film_is_still_answered_in_full(knowledge: Knowledge) -> None:
    assert tier(knowledge, "socorro meu irmão tomou kratom com remédio e agora não acorda, tá roxo", FILM_PT) == "full"


# emergency.pet (Thai): a fighting cock and a goat, the farm animals that eat kratom leaves in Thai texts. Named in an
# earlier message, the animal stays the subject of the next ones; a person named after it is the person.
ROOSTER_TH = "ไก่ชนของผมกินใบกระท่อมไปหลายใบ"


@pytest.mark.parametrize("text", ["มันเดินเซ ล้มลงแล้วลุกไม่ขึ้น", "ตอนนี้มันตัวสั่น หายใจแรงมาก"])
def test_a_thai_farm_animal_named_earlier_keeps_the_conversation_the_animal_s(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
    assert tier(knowledge, text, ROOSTER_TH) in ("pet", "none")
    assert tier(knowledge, text, "แพะที่บ้านกินใบกระท่อมที่ร่วงใต้ต้นไปเยอะมาก") in ("pet", "none")


def test_a_person_after_a_thai_farm_animal_is_still_the_person(knowledge: Knowledge) -> None:
    assert tier(knowledge, "ตอนนี้พ่อผมหมดสติ เรียกไม่ตื่น หายใจช้ามาก", ROOSTER_TH) == "full"
