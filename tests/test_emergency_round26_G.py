"""Round 26 (tuner G: cross-language collisions). Every catalog list is matched in every language, so a cue of one
language that is an ordinary word of another read where it has no business: Tagalog's question particle "ba" is
Vietnamese "ba" (dad), Portuguese "mas" (but) is Tagalog "mas" (more). In a message reliably in one language such
a cue of another language's list is set aside; English lists (code-switching) and the sibling language's (Malay in
Indonesian) are kept, and emergency phrases are never set aside. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.knowledge import Knowledge


def _set_aside(knowledge: Knowledge, text: str) -> list[str]:
    reading = emergency.read(text, knowledge.lexicon)
    return [note for note in reading.notes if "a word of the message's own language" in note]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # Vietnamese "ba" (dad) is not the Tagalog question particle
        ("ba em uống kratom với rượu xong ngất ở phòng khách, gọi không dậy", "'ba' (tl)"),
        ("tối nay ba đi làm về muộn, em ở nhà một mình với mẹ", "'ba' (tl)"),
        # Tagalog "mas" (more) is not Portuguese "mas" (but)
        ("ibinigay ko na sa kapatid ko yung cellphone ko, mas kailangan nya yun kaysa sa akin", "'mas' (pt_BR)"),
    ],
)
def test_a_word_of_the_message_s_language_is_not_another_language_s_cue(
    knowledge: Knowledge, text: str, phrase: str
) -> None:
    assert any(phrase in note for note in _set_aside(knowledge, text))


@pytest.mark.parametrize(
    "text",
    [
        # English mixed into Tagalog and Malay: code-switching, the English lists still read
        "wala na talaga, im done, goodbye na sa inyong lahat",
        "aku dah tak larat, goodbye semua, aku dah tulis surat",
        # Malay in an Indonesian message: siblings share their cues
        "tiba2 dia pengsan dan tak bernafas, tolong",
    ],
)
def test_english_and_sibling_cues_are_kept(knowledge: Knowledge, text: str) -> None:
    assert _set_aside(knowledge, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "ba em uống hết lọ thuốc ngủ rồi, gọi không dậy, thở rất yếu",
        "uminom si tatay ng maraming kratom at hindi na gumigising, mas lalo pang bumagal ang hinga nya",
    ],
)
def test_emergencies_with_such_a_word_stay_emergencies(knowledge: Knowledge, text: str) -> None:
    assert emergency.read(text, knowledge.lexicon).tier == "full"
