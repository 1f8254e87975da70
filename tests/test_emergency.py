"""The emergency detector: real-looking messages per language, then its rules one at a time.

The first table runs on the shipped catalogs, so it also guards the phrase
lists translators edit. The rule tests build a small lexicon of their own, so
they show the method (windows, markers, sentences) without depending on data.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from helpline import emergency
from helpline.catalogs import Catalogs
from helpline.content import load as load_content
from helpline.danger.index import Prepared
from helpline.danger.scripts import clause_end
from helpline.knowledge import Knowledge, Lexicon
from helpline.matching import Message, Pattern
from helpline.textnorm import split_list, tokens

MEDICAL, SUICIDE, NONE = "medical", "suicide", None

ROWS = [
    # English: the ways people text it
    ("en", "my friend is not breathing", MEDICAL),
    ("en", "HE ISNT BREATHING!!!", MEDICAL),
    ("en", "cant wake him up", MEDICAL),
    ("en", "she won't wake up, took 7oh", MEDICAL),
    ("en", "his lips are blue", MEDICAL),
    ("en", "shes having a seizure", MEDICAL),
    ("en", "my chest hurts so bad", MEDICAL),
    ("en", "he collapsed in the bathroom", MEDICAL),
    ("en", "bf od'd on kratom and xanax", MEDICAL),
    ("en", "I think she OD’d", MEDICAL),
    ("en", "he's ODing", MEDICAL),
    ("en", "I took too much, what do I do?", MEDICAL),
    ("en", "i want to kill myself", SUICIDE),
    ("en", "dont want to live anymore", SUICIDE),
    # English typos and shorthand
    ("en", "my frend isnt breathng", MEDICAL),
    ("en", "hes unresponsve", MEDICAL),
    ("en", "she had a siezure", MEDICAL),
    ("en", "he overdosd", MEDICAL),
    ("en", "i wanna die", SUICIDE),
    ("en", "kms", SUICIDE),
    # English questions, denials, the past, and "odd"
    ("en", "what are the signs of overdose?", NONE),
    ("en", "what if someone stops breathing?", NONE),
    ("en", "can kratom cause seizures", NONE),
    ("en", "I'm not suicidal", NONE),
    ("en", "i overdosed on heroin years ago", NONE),
    ("en", "that's odd", NONE),
    ("en", "thats odd, my kratom tastes weird", NONE),
    ("en", "OVERDOSE", NONE),
    ("en", "what are the signs of overdose? my friend is not breathing", MEDICAL),
    ("en", "is this an overdose? he won't wake up", MEDICAL),
    # Spanish, with and without accents
    ("es", "mi amigo no respira", MEDICAL),
    ("es", "no está respirando", MEDICAL),
    ("es", "no se despierta", MEDICAL),
    ("es", "tiene los labios morados", MEDICAL),
    ("es", "le duele el pecho", MEDICAL),
    ("es", "me tome demasiado kratom", MEDICAL),
    ("es", "me quiero morir", SUICIDE),
    ("es", "kiero morirme", SUICIDE),
    ("es", "¿cuáles son los síntomas de una sobredosis?", NONE),
    ("es", "no soy suicida", NONE),
    ("es", "que raro", NONE),
    # French
    ("fr", "il respire plus", MEDICAL),
    ("fr", "j'arrive pas à le réveiller", MEDICAL),
    ("fr", "je veux mourir", SUICIDE),
    ("fr", "quels sont les signes d'une overdose ?", NONE),
    ("fr", "je ne suis pas suicidaire", NONE),
    # Portuguese (Brazil)
    ("pt_BR", "ele não tá respirando", MEDICAL),
    ("pt_BR", "nao consigo acordar ela", MEDICAL),
    ("pt_BR", "quero morrer", SUICIDE),
    ("pt_BR", "quais são os sinais de overdose?", NONE),
    # Vietnamese, with and without diacritics
    ("vi", "bạn tôi không thở", MEDICAL),
    ("vi", "ban toi khong tho", MEDICAL),
    ("vi", "tôi muốn chết", SUICIDE),
    ("vi", "dấu hiệu quá liều là gì?", NONE),
    ("vi", "em muốn cai từ từ", NONE),  # "từ từ" (slowly) folds like "tự tử" (suicide)
    # Thai, no spaces between words
    ("th", "หายใจไม่ออก", MEDICAL),
    ("th", "เพื่อนไม่หายใจ", MEDICAL),
    ("th", "ปลุกไม่ตื่นเลย", MEDICAL),
    ("th", "อยากตาย", SUICIDE),
    ("th", "ถ้ามีคนหยุดหายใจต้องทำยังไง", NONE),
    ("th", "ไม่ได้คิดฆ่าตัวตาย", NONE),
    # Indonesian and Malay
    ("id", "temen gw gak napas", MEDICAL),
    ("id", "aku mau bunuh diri", SUICIDE),
    ("id", "apa tanda tanda overdosis?", NONE),
    ("ms", "kawan aku tak bernafas", MEDICAL),
    ("ms", "aku nak mati je", SUICIDE),
    ("ms", "apa tanda tanda terlebih dos?", NONE),
    # Tagalog
    ("tl", "hindi humihinga yung kaibigan ko", MEDICAL),
    ("tl", "ayaw magising", MEDICAL),
    ("tl", "gusto ko nang mamatay", SUICIDE),
    ("tl", "hindi ako magpapakamatay", NONE),
    # Chinese, no spaces between words
    ("zh_Hans", "我朋友不呼吸了", MEDICAL),
    ("zh_Hans", "他叫不醒", MEDICAL),
    ("zh_Hans", "我想自杀", SUICIDE),
    ("zh_Hans", "如果有人停止呼吸怎么办？", NONE),
    ("zh_Hans", "想死你了！", NONE),
]


@pytest.mark.parametrize(("language", "text", "expected"), ROWS, ids=[f"{r[0]}:{r[1][:30]}" for r in ROWS])
def test_shipped_catalogs_read_real_messages(knowledge: Knowledge, language: str, text: str, expected: str) -> None:
    verdict = emergency.detect(text, knowledge.lexicon)
    assert (verdict.kind if verdict else None) == expected, emergency.assess(text, knowledge.lexicon)
    if verdict is not None:
        assert language in verdict.languages
        assert verdict.phrase


def test_verdict_ranks_the_language_that_reads_most_of_the_message_first(knowledge: Knowledge) -> None:
    verdict = emergency.detect("il fait une overdose, il respire plus", knowledge.lexicon)
    assert verdict is not None and verdict.languages[0] == "fr"


def test_no_catalog_negation_is_a_short_everyday_word(knowledge: Knowledge) -> None:
    """A one-word negation like "no" or "si" would cancel real emergencies in every language."""
    for language in knowledge.catalogs.codes:
        for phrase in split_list(knowledge.catalogs.translation(language, emergency.NEGATIONS) or ""):
            words = tokens(phrase)
            if len(words) == 1 and not Pattern.of(phrase).unspaced:
                # A marker ("... lol") counts only within a few words; a plain negation anywhere before.
                shortest = 3 if phrase.lstrip().startswith("...") else 4
                assert len(words[0]) >= shortest, f"{language}: negation {phrase!r} is too short to be safe"


# The rules, on a lexicon of their own.


def lexicon_of(medical: str, suicide: str = "kill myself", negations: str = "signs of", **others: dict) -> Lexicon:
    content = load_content()
    english = {
        "emergency.medical.phrases": medical,
        "emergency.suicide.phrases": suicide,
        "emergency.negations.phrases": negations,
    }
    messages = {
        context: replace(message, text=english.get(context, message.text))
        for context, message in content.messages.items()
    }
    translations = {code: {f"emergency.{k}.phrases": v for k, v in lists.items()} for code, lists in others.items()}
    return Lexicon(Catalogs(replace(content, messages=messages), translations))


def kind(text: str, lexicon: Lexicon) -> str | None:
    verdict = emergency.detect(text, lexicon)
    return verdict.kind if verdict else None


@pytest.fixture(scope="module")
def rules() -> Lexicon:
    return lexicon_of(
        medical="not breathing, overdosed, seizure, having a seizure, od'd",
        negations="signs of, what if, if someone, not suicidal, ... years ago",
        th={"medical": "หยุดหายใจ", "negations": "ถ้ามีคน, ... มีอะไรบ้าง"},
        zh_Hans={"medical": "不呼吸", "suicide": "想死", "negations": "如果, 想死你"},
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("signs of overdosed", None),  # negation right before
        ("signs of an overdosed", None),  # one word between: within WINDOW
        ("signs of what an overdosed", MEDICAL),  # two words between: out of the window
        ("what if he is not breathing", MEDICAL),
        ("what if someone not breathing", None),
        ("what are the signs of it. my friend is not breathing", MEDICAL),  # another sentence
        ("signs of? not breathing", MEDICAL),
        ("signs of, overdosed", MEDICAL),  # a comma ends the clause too
        ("signs of... not breathing", None),  # an ellipsis does not
        ("if maybe someone not breathing", MEDICAL),  # a negation must appear as written
        ("i'm not suicidal", None),  # no suicide phrase at all
        ("i want to kill myself", SUICIDE),
        ("i overdosed years ago", None),  # "... years ago" counts after the phrase
        ("i overdosed on heroin 5 years ago", None),  # within MARKER_WINDOW
        ("years ago i overdosed", None),  # and before it
        ("i overdosed and then a lot happened many years ago", None),  # too far for the marker; past context
        ("if someone is having a seizure", None),  # "seizure" goes with the cancelled "having a seizure"
        ("he od'd", MEDICAL),
        ("he od’d", MEDICAL),
        ("that's odd", None),
        ("odd", None),
    ],
)
def test_rules(rules: Lexicon, text: str, expected: str | None) -> None:
    assert kind(text, rules) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("แฟนหยุดหายใจ", MEDICAL),
        ("แฟน หยุด หายใจ", MEDICAL),  # spaces do not matter to Thai phrases
        ("ถ้ามีคนหยุดหายใจ", None),
        ("ถ้ามีคน หยุดหายใจ", MEDICAL),  # but Thai has no commas: a space ends the clause
        ("ถ้ามีคนรู้ว่าแฟนหยุดหายใจ", MEDICAL),  # negation too far before
        ("หยุดหายใจมีอะไรบ้าง", None),  # "... " marker after
        ("他不呼吸了", MEDICAL),
        ("如果他不呼吸了", None),
        ("我想死", SUICIDE),
        ("想死你了", None),  # "miss you to death" covers "want to die"
    ],
)
def test_unspaced_scripts(rules: Lexicon, text: str, expected: str | None) -> None:
    assert kind(text, rules) == expected


@pytest.mark.parametrize(
    ("phrase", "text"),
    [
        ("cant wake up", "cant wake him up"),
        ("cant wake up", "cant wake him please up"),
        ("not breathing", "not breathng"),
        ("not breathing", "nto breathing"),
        ("overdosed", "he overdosd"),
        ("overdosed", "overdosing"),
        ("stopped breathing", "breathing stopped"),
        ("call 911", "call 912"),
        ("seizure", "seizures right now"),
    ],
)
def test_phrases_match_exactly_like_topic_phrases(phrase: str, text: str) -> None:
    """The detector's fast word index gives the same answer as matching.Message.find."""
    lexicon = lexicon_of(medical=phrase, suicide="zzzz", negations="zzzz")
    expected = Message.of(text).find(Pattern.of(phrase)) is not None
    assert (emergency.detect(text, lexicon) is not None) is expected


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("he od'd", "he overdosed"),
        ("she OD'ed", "she overdosed"),
        ("o.d.'d", "overdosed"),
        ("he ODed", "he overdosed"),
        ("hes ODing", "hes overdosing"),
        ("od-ing", "overdosing"),
        ("that's odd", "that's odd"),
        ("code oddly nod", "code oddly nod"),
    ],
)
def test_shorthand_is_spelled_out_before_folding(text: str, spelled: str) -> None:
    assert emergency.spell_out(text) == spelled


def test_a_signs_keyword_alone_asks_for_the_topic(rules: Lexicon, knowledge: Knowledge) -> None:
    assessment = emergency.assess("OD", knowledge.lexicon)
    assert assessment.verdict is None and assessment.keyword == "OD"
    assert emergency.detect("overdosed", knowledge.lexicon) is not None


def test_assessment_names_the_negation_that_cancelled(rules: Lexicon) -> None:
    assessment = emergency.assess("if someone not breathing", rules)
    assert assessment.verdict is None
    [(match, negation)] = assessment.cancelled
    assert (match.phrase, negation.phrase) == ("not breathing", "if someone")


def test_suicide_comes_before_medical(rules: Lexicon) -> None:
    verdict = emergency.detect("he is not breathing and i want to kill myself", rules)
    assert verdict is not None and (verdict.kind, verdict.phrase) == (SUICIDE, "kill myself")


def test_empty_and_punctuation_only_messages(rules: Lexicon) -> None:
    assert emergency.detect("", rules) is None
    assert emergency.detect("?!...", rules) is None


def test_a_laughing_emoji_reads_as_lol(knowledge: Knowledge) -> None:
    """Folding drops emoji; a laughing or eye-rolling one stands for "lol", the negation marker of a joke."""
    joke = "stairs at work again, feels like im dying 🙄"
    assert emergency.assess(joke.replace(" 🙄", ""), knowledge.lexicon).tier != "none"
    assessment = emergency.assess(joke, knowledge.lexicon)
    assert assessment.tier == "none"
    assert any(negation.phrase.endswith("lol") for _, negation in assessment.cancelled)
    # Crying is not laughing: panic keeps its answer.
    assert emergency.assess("he wont wake up 😭", knowledge.lexicon).tier == "full"


def test_a_phrase_of_a_language_without_accents_does_not_match_accented_words(knowledge: Knowledge) -> None:
    """Folding makes Vietnamese "sông" (river) the English fiction cue "song", and "trên" (on) a Tagalog word:
    a phrase of English, Indonesian, Malay or Tagalog only matches words written without accents."""
    book = emergency._book(knowledge.lexicon)
    river = Prepared("tối qua ngồi bên sông uống bia", book.index, clause_end())
    assert not [m for m in river.find() if m.phrase == "song" and m.language == "en"]
    tune = Prepared("that song makes me cry", book.index, clause_end())
    assert [m for m in tune.find() if m.phrase == "song" and m.language == "en"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hes not blue", NONE),  # "not" is the extra word inside "hes blue"
        ("he's not breathing", MEDICAL),  # the negator is the phrase's own word
        ("no chest pain, no fainting, heart a bit fast", NONE),
        ("no me duele el pecho ni nada", NONE),
        ("nó không thở nữa", MEDICAL),  # Vietnamese "nó" folds to "no", which is not a Vietnamese negator
        ("tim hơi nhanh chút thôi, ko đau ngực, ko chóng mặt", NONE),
        ("hindi ko sya magising", MEDICAL),  # Tagalog: "hindi" + a state is the danger itself, no negator
        ("ไม่เจ็บอก ไม่เวียนหัว แค่ใจเต้นเร็ว", NONE),
        ("他没有晕倒，只是有点头晕", NONE),
        ("他晕倒了", MEDICAL),
    ],
)
def test_a_bare_negator_of_the_phrase_language_negates_it(knowledge: Knowledge, text: str, expected: str) -> None:
    """Rule 2b (emergency.negators): right before the phrase in its clause, or the extra word inside it."""
    verdict = emergency.detect(text, knowledge.lexicon)
    assert (verdict.kind if verdict else None) == expected, emergency.assess(text, knowledge.lexicon)


def test_the_negator_is_named_in_the_assessment(knowledge: Knowledge) -> None:
    assessment = emergency.assess("no me duele el pecho ni nada", knowledge.lexicon)
    assert [(m.phrase, by.phrase, by.context) for m, by in assessment.cancelled] == [
        ("me duele el pecho", "no", emergency.NEGATORS)
    ]


def test_an_emergency_phrase_stays_in_one_clause(knowledge: Knowledge) -> None:
    """"not blue, breathing fine" holds "not" and "breathing" one word apart, across a comma: not "not breathing"."""
    book = emergency._book(knowledge.lexicon)
    across = Prepared("not blue, breathing", book.index, clause_end())
    assert not [m for m in across.find() if m.phrase == "not breathing"]
    within = Prepared("not really breathing", book.index, clause_end())
    assert [m for m in within.find() if m.phrase == "not breathing"]
