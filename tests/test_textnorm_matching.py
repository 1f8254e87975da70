"""Folding and matching: the small rules translators rely on."""

from __future__ import annotations

import pytest

from helpline.matching import Message, Pattern, TypoIndex, typo_index, words_match
from helpline.textnorm import fold, is_unspaced_script, split_list, strip_latin_accents


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("SEÑALES", "senales"),
        ("señales", "senales"),
        ("Señales!!", "senales"),
        ("ＳＩＧＮＳ", "signs"),  # full-width letters from some phone keyboards
        ("Không thở", "khong tho"),
        ("ĐỪNG", "dung"),
        ("can't   wake", "cant wake"),
        ("can’t wake", "cant wake"),  # curly apostrophe
        ("7-OH", "7 oh"),
        ("Straße", "strasse"),
        ("   ", ""),
        ("😀", ""),
    ],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_thai_marks_are_kept_because_they_carry_meaning() -> None:
    assert strip_latin_accents("หายใจไม่ออก") == "หายใจไม่ออก"
    assert fold("หายใจไม่ออก") == "หายใจไม่ออก"


def test_unspaced_scripts() -> None:
    assert is_unspaced_script("ภาษาไทย") and is_unspaced_script("中文")
    assert not is_unspaced_script("tiếng việt") and not is_unspaced_script("hello")


def test_split_list_accepts_full_width_and_ideographic_commas() -> None:
    assert split_list("中文，汉语、 普通话, ") == ["中文", "汉语", "普通话"]


@pytest.mark.parametrize(
    ("typed", "expected", "match"),
    [
        ("signs", "signs", True),
        ("sings", "signs", True),  # swapped letters, 5 letters
        ("withdrawl", "withdrawal", True),  # one missing
        ("withdrwl", "withdrawal", False),  # two missing
        ("mx", "mix", False),  # short words must be exact
        ("1", "2", False),
        ("12345", "12346", False),  # numbers are never "typos"
    ],
)
def test_one_typo_in_words_of_five_letters_or_more(typed: str, expected: str, match: bool) -> None:
    assert words_match(typed, expected) is match


def test_keyword_is_whole_message_or_first_words() -> None:
    pattern = Pattern.of("NO MAS")
    assert Message.of("no más").is_keyword(pattern, whole_only=True)
    assert not Message.of("no mas por favor").is_keyword(pattern, whole_only=True)
    assert Message.of("no mas por favor").is_keyword(pattern)
    assert not Message.of("por favor no mas").is_keyword(pattern)


def test_phrase_words_in_order_with_one_word_of_slack() -> None:
    pattern = Pattern.of("cant wake up")
    assert Message.of("I cant wake him up!!").find(pattern) == 1
    assert Message.of("up cant wake").find(pattern) is None
    assert Message.of("cant really ever wake up").find(pattern) is None


def test_unspaced_phrases_match_as_substrings() -> None:
    pattern = Pattern.of("หายใจไม่ออก")
    assert Message.of("เพื่อนหายใจไม่ออก ช่วยด้วย").find(pattern) is not None
    assert Message.of("中文").is_keyword(Pattern.of("中文"), whole_only=True)


def test_vocabulary_prepared_message_matches_like_the_plain_one() -> None:
    patterns = [Pattern.of(p) for p in ("cant wake up", "withdrawal", "mix with", "signs")]
    vocabulary = {word for p in patterns for word in p.words}
    for text in ("I cant wake him up", "withdrawl help", "mix it with beer", "sings", "nothing here"):
        plain, prepared = Message.of(text), Message.of(text, vocabulary)
        for pattern in patterns:
            assert plain.find(pattern) == prepared.find(pattern), (text, pattern.text)


def test_a_stretched_word_matches_the_word_it_stretches_but_a_real_triple_letter_stays() -> None:
    index = TypoIndex(["maaaring", "morado", "kkk", "breathing"])
    assert index.near("moradoooo") == {"morado"}
    assert index.near("breathinggggg") == {"breathing"}
    assert index.near("kkkkkkkkk") == {"kkk"}
    assert index.near("maaaring") == {"maaaring"}  # Tagalog writes three a's: taken as written
    assert index.near("1000") == frozenset()  # digits are never squeezed


def test_a_quiet_word_is_found_as_written_but_never_hides_a_typo() -> None:
    """The person list's "chong" (husband) must not stop "chong" being read as a typo of "khong" (not)."""
    index = TypoIndex(["khong", "breathing"], exact=["chong"])
    assert index.near("chong") == {"chong", "khong"}
    assert "chong" not in index.near("khong")


def test_the_typo_index_cache_keeps_the_words_read_as_written_apart() -> None:
    vocabulary = frozenset(["khong"])
    assert typo_index(vocabulary).near("chong") == {"khong"}
    assert typo_index(vocabulary, frozenset(["chong"])).near("chong") == {"chong", "khong"}
