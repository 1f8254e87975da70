"""Round 28 (tuner B: French and Thai, recall first). French delirium, heat and wheezing as texters tell them, Quebec
French and SMS ways of saying suicide ("m'enlever la vie", "me crisser en l'air", "jvx mourir"); Thai signs in chat
words (no answer at all, a body burning like fire, poison drunk) and ways of saying goodbye to the world. Texts written
for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


@pytest.mark.parametrize(
    "text",
    [
        "mon père a bossé dehors tout l'après-midi en plein cagnard, là il délire et il vomit",
        "ma soeur a pris du kratom avec ses cachets, elle divague et elle est bouillante",
        "mon pote il dit n'importe quoi et il tient à peine assis, il a pris du 7oh avec de l'alcool",
        "j'ai pris du kratom et là je siffle quand je respire",
        "mon grand-père a bu son thé de kratom au soleil tout l'après-midi, il est bouillant",
        "chu pu capable, je vais m'enlever la vie ce soir",
        "mon chum parle de s'enlever la vie, y'a ses pilules à côté de lui",
        "jvx mourir ce soir",
        "ce soir je vais me crisser en l'air",
        "เรียกไม่หือไม่อือเลย กินน้ำท่อมไปเยอะมาก",
        "อยากลาโลกแล้ว เหนื่อยมาก",
        "ปิดห้องเผาถ่านแล้ว ลาก่อน",
    ],
)
def test_french_and_thai_ways_of_telling_danger(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


def test_a_body_burning_like_fire_after_a_day_in_the_sun_is_asked_about(knowledge: Knowledge) -> None:
    assert tier(knowledge, "พ่อตัวร้อนเหมือนไฟ ทำนากลางแดดทั้งวัน") != "none"


# The new phrases in idioms, films, the past, a denial, an animal: no emergency.
@pytest.mark.parametrize(
    "text",
    [
        "le prof dit n'importe quoi en cours mdr",
        "il délire complet ce mec avec ses prix mdr",
        "c'est du délire les prix du kratom cette année",
        "dans le film il parle de s'enlever la vie, c'était trop triste",
        "j'ai jamais pensé à m'enlever la vie, je veux juste arrêter le kratom",
        "mon chien délire depuis qu'il a mangé une capsule",
        "ละครเมื่อคืนพระเอกกินยาฆ่าแมลง ดราม่ามาก",
        "เมื่อก่อนเคยอยากลาโลก ตอนนี้ดีขึ้นแล้ว",
    ],
)
def test_the_new_phrases_in_idioms_stories_and_the_past(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) in ("none", "pet")
