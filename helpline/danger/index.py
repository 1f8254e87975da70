"""Find the catalog phrases of the danger lists in a message, fast, in every language at once.

Every phrase of every language is filed once, when the lexicon loads: spaced
phrases under their first word, Thai and Chinese ones under their first two
letters. A message then costs a lookup per word (and per letter in Thai or
Chinese), plus the typo lookups of matching.TypoIndex, whatever the number of
languages and phrases. The matching rules are those of helpline/emergency.py:

- spaced scripts: the phrase words in order, at most `slack` extra message
  words between two of them, one typo allowed in words of five letters or more;
- Thai and Chinese: a substring of the message with its spaces removed.

Overdose shorthand ("od'd", "ODing") is spelled out on both sides first,
because folding drops apostrophes and "od'd" would become the word "odd".
The message is cut into clauses at , . ? ! ; : and line breaks (not at "..."),
and in Thai, which has no commas, at a space between two Thai words; the
clause-ending characters come from the data file messages/scripts.toml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from helpline.danger.words import another_word, known_words
from helpline.knowledge import Lexicon
from helpline.matching import Pattern, typo_index
from helpline.textnorm import accent_kinds, fold, is_unspaced_script, spelled_apart, vietnamese_spellings

KEY_LETTERS = 3  # unspaced phrases are filed under this many first letters
SLACK = 1  # extra words allowed between two words of a phrase (negations: none, markers: SLACK)
MARKER = ("...", "\u2026")  # a negation written "... years ago" marks time or context

_APOSTROPHE = "['\u2019\u02bc`\u00b4-]"
SHORTHAND: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\bo\.?d\.?\s?{_APOSTROPHE}\s?e?d\b", re.IGNORECASE), "overdosed"),  # od'd, OD'ed, o.d.'d
    (re.compile(r"\boded\b", re.IGNORECASE), "overdosed"),  # ODed; "odd" stays odd
    (re.compile(rf"\bo\.?d\.?{_APOSTROPHE}?ing\b", re.IGNORECASE), "overdosing"),  # ODing, od'ing, od-ing
)

_MAYBE_SHORTHAND = re.compile(r"o\.?d", re.IGNORECASE)  # every SHORTHAND pattern has this in it


# Laughing, eye-rolling and huffing emoji: in the corpus they mark hyperbole ("nak pitam tengok bil 😩" aside,
# 36 of the 37 texts with one of these are safe). Folding drops emoji, so they are read as "lol" instead.
JOKING_EMOJI = re.compile("[\U0001f602\U0001f923\U0001f606\U0001f605\U0001f644\U0001f624\U0001f480\U0001f639]")
# A laugh drawn as an emoticon with two or more closing brackets ("=))", ":)))"), Vietnamese texters' "haha" above all:
# folding drops punctuation, so it read as nothing. Written out as "lol", padded to the emoticon's length (so every
# offset into the text still holds), it is the laugh marker of every language's negations ("... lol"), with that
# marker's rules: it cancels a danger told just before it, not one after it, nor one the model reads as danger after
# a leading laugh. Round 27 (tuner C). One bracket (":)") is a smile, not a laugh, and is left alone.
EMOTICON_LAUGH = re.compile(r"(?<!\w)[=:]\)\)+(?!\w)")


# French elision of the negator "ne" before a vowel: "n'arrive", "n'ouvre", "n'a". Folding drops the apostrophe, so
# "je n'arrive plus à respirer" read the word "narrive", and the danger lists, written as texters speak ("arrive plus
# a respirer", "ouvre plus les yeux": the "ne" dropped, "plus" or "pas" saying the negation), did not match it. A word
# written so may also stand for the word after the apostrophe (see Prepared.elided). The "n" alone before the
# apostrophe, then a word: "rock n' roll" and "don't" are not it.
ELIDED_NE = re.compile(r"(?<![^\W\d_])[nN]['\u2019\u02bc`\u00b4][^\W\d_]+")
# The same for French "que" elided before a vowel, alone or ending a word ("qu'il", "qu'elle", "lorsqu'il"): "je crois
# qu'il est mort" read the word "quil", and the phrases that start with the subject ("il est mort", "elle bouge pas")
# did not match it (round 27, tuner B). The word after the apostrophe is what it also stands for.
ELIDED_QUE = re.compile(r"(?<![^\W\d_])[^\W\d_]*[qQ][uU]['\u2019\u02bc`\u00b4]([^\W\d_]+)")
_ELISION_APOSTROPHES = "'\u2019\u02bc`\u00b4"
# French SMS spelling glues "je" to the next word with no apostrophe at all: "jme sens partir", "jveux plus vivre",
# "jrespire pu". A folded word of a "j" then a consonant (never a French word's start) whose rest is a
# word of the phrase lists also stands for that rest (round 27, tuner B): the lists spell "me sens partir", "respire
# pu". Words of four letters or more only ("jme" and "jte" aside): "jg", "jd" are Indonesian shorthand.
SMS_JE = re.compile(r"j[bcdfgklmnpqrstvwxz][a-z]+")
SMS_JE_SHORT = frozenset({"jme", "jte"})
# Thai as texters spell it in chats: "ม่าย" for ไม่ (not), "จัย" for ใจ (the heart, in หายใจ breathe, ใจสั่น
# palpitations). "เพื่อนม่ายหายใจ", "หายจัยไม่ออก" matched no phrase (round 27, tuner B): each is read as the word it
# spells, before the phrases are looked up. Not "หม่าย" (a widow) nor "วิจัย" (research), words of their own.
THAI_RESPELLINGS = (
    (re.compile("(?<!\u0e2b)\u0e21\u0e48\u0e32\u0e22"), "\u0e44\u0e21\u0e48"),
    (re.compile("(?<!\u0e27\u0e34)\u0e08\u0e31\u0e22"), "\u0e43\u0e08"),
)
_THAI_RESPELLED = ("\u0e21\u0e48\u0e32\u0e22", "\u0e08\u0e31\u0e22")

# The accents each language's phrases may meet in a message's words (textnorm.accent_kinds): 0 none, 1 common
# Latin accents, 2 also Vietnamese letters. Languages not named here (Vietnamese, Thai, Chinese) meet any.
ACCENTS_WRITTEN = {"en": 0, "id": 0, "ms": 0, "tl": 0, "es": 1, "fr": 1, "pt_BR": 1}
VIETNAMESE = "vi"


def _spelled_as_its_language(match: Match, accents: list[int]) -> bool:
    """Whether the matched words carry only accents the phrase's language writes: none for English,
    Indonesian, Malay and Tagalog; no Vietnamese-only letters for the others but Vietnamese."""
    allowed = ACCENTS_WRITTEN.get(match.language, 2)
    return all(kind <= allowed for kind in accents[match.words[0] : match.words[1]])


def _spellings_of(language: str, text: str, pattern: Pattern) -> tuple[tuple[str, str] | None, ...]:
    """A Vietnamese phrase's words as spelled with their accents (empty when none has any, or for another
    language)."""
    if language != VIETNAMESE or pattern.unspaced or text.isascii():
        return ()
    spellings = tuple(vietnamese_spellings(text))
    return spellings if len(spellings) == len(pattern.words) else ()


def _accented_across_a_gap(phrase: Phrase, match: Match, spellings: list[tuple[str, str] | None]) -> bool:
    """A Vietnamese phrase the catalog writes without accents ("dao lam", a razor blade), matched across a word the
    texter put between its words, with its first or last word written with accents: "dạo này làm" (lately ... makes)
    is "dạo" and "làm", two other words, with "này" between them. Round 28 (tuner C): "công việc dạo này làm em muốn
    chết luôn" read the means of a suicide in it, which set the model's doubt aside. Those phrases match texts typed
    without accents, as written; a word skipped between accented words that are not theirs makes them other words."""
    first, end = match.words
    if end - first <= len(phrase.pattern.words):
        return False
    return spellings[first] is not None or spellings[end - 1] is not None


def spell_out(text: str) -> str:
    """Expand overdose shorthand that folding would turn into other words."""
    if _MAYBE_SHORTHAND.search(text) is None:  # one search instead of three substitutions, for most texts
        return text
    for pattern, replacement in SHORTHAND:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True)
class Phrase:
    language: str
    context: str
    text: str  # as written in the catalog
    pattern: Pattern  # folded, shorthand spelled out
    slack: int
    typos: bool = True  # False: every word as written (context cues: "cuanto" must not read as "cuento")
    # Vietnamese phrases: each word's spelling with its accents (textnorm.vietnamese_spellings), None when the
    # catalog writes it without; empty for the other languages.
    spellings: tuple[tuple[str, str] | None, ...] = ()

    @property
    def danger(self) -> bool:
        """An emergency phrase: its words stay in one clause ("not blue, breathing fine" is not "not breathing"),
        where a context cue may span a comma ("sadar, bisa ngomong")."""
        return self.context in _KINDS

    @property
    def is_marker(self) -> bool:
        return self.text.lstrip().startswith(MARKER)


@dataclass(frozen=True)
class Match:
    """One place where a catalog phrase occurs in the message."""

    context: str
    language: str
    phrase: str  # as written in the catalog
    words: tuple[int, int]  # span of message words, end excluded
    chars: tuple[int, int]  # span in the message with its spaces removed
    unspaced: bool
    exact: bool  # no typo

    @property
    def is_marker(self) -> bool:
        return self.phrase.lstrip().startswith(MARKER)

    @property
    def kind(self) -> str | None:
        """ "medical" or "suicide" for an emergency phrase, None for negations and cues."""
        return _KINDS.get(self.context)


_KINDS = {"emergency.medical.phrases": "medical", "emergency.suicide.phrases": "suicide"}


class PhraseIndex:
    """The phrases of some catalog lists, of every language, filed for lookup."""

    def __init__(
        self,
        lexicon: Lexicon,
        contexts: Iterable[str],
        negation_contexts: Iterable[str] = (),
        no_typo_contexts: Iterable[str] = (),
        quiet_contexts: Iterable[str] = (),
    ):
        exact_only = set(negation_contexts)
        no_typos = set(no_typo_contexts) | set(quiet_contexts)
        quiet = set(quiet_contexts)
        phrases: list[Phrase] = []
        for language in lexicon.languages:
            for context in (*contexts, *exact_only):
                for pattern in lexicon.patterns(language, context):
                    if not pattern.words:
                        continue
                    spelled = Pattern.of(spell_out(pattern.text))
                    marker = pattern.text.lstrip().startswith(MARKER)
                    slack = 0 if context in exact_only and not marker else SLACK
                    spellings = _spellings_of(language, spell_out(pattern.text), spelled)
                    phrases.append(
                        Phrase(language, context, pattern.text, spelled, slack, context not in no_typos, spellings)
                    )
        self.phrases = tuple(dict.fromkeys(phrases))
        self.by_text = {(p.language, p.context, p.text): p for p in self.phrases}
        # Spaced phrases under their first word (one-word phrases) or first two words (the others, so that a
        # common first word such as "not" or "no" does not make every message try hundreds of phrases);
        # unspaced ones under their first KEY_LETTERS letters (all of them when shorter).
        self.by_first_word: dict[str, list[Phrase]] = {}
        self.by_first_two: dict[tuple[str, str], list[Phrase]] = {}
        self.by_first_letters: dict[str, list[Phrase]] = {}
        for phrase in self.phrases:
            words = phrase.pattern.words
            if phrase.pattern.unspaced:
                self.by_first_letters.setdefault(phrase.pattern.squashed[:KEY_LETTERS], []).append(phrase)
            elif len(words) == 1:
                self.by_first_word.setdefault(words[0], []).append(phrase)
            else:
                self.by_first_two.setdefault((words[0], words[1]), []).append(phrase)
        # Second words by first word: most message words begin no phrase of two words or more, and for those
        # that do, a set says at once which later words could go on with them.
        seconds: dict[str, set[str]] = {}
        for first, second in self.by_first_two:
            seconds.setdefault(first, set()).add(second)
        self.seconds_of: dict[str, frozenset[str]] = {first: frozenset(found) for first, found in seconds.items()}
        self.max_slack = max((p.slack for p in self.phrases), default=0)
        # Every list's words shadow typos ("overdoses" is not a typo of "overdosed"), except the quiet lists', which
        # are only read as written and must not change how the others' words are read.
        spaced = [p for p in self.phrases if not p.pattern.unspaced]
        vocabulary = {w for p in spaced if p.context not in quiet for w in p.pattern.words}
        self.typos = typo_index(frozenset(vocabulary), frozenset(w for p in spaced for w in p.pattern.words))
        self.vocabulary = frozenset(vocabulary)
        self.known_words = known_words()  # language -> words it has, never read as typos of another first letter
        self.unspaced_lengths = sorted({len(key) for key in self.by_first_letters})
        self.unspaced_starts = frozenset(key[0] for key in self.by_first_letters)  # letters a phrase begins with


@lru_cache(maxsize=16)
def index_for(
    lexicon: Lexicon,
    contexts: tuple[str, ...],
    negation_contexts: tuple[str, ...],
    no_typos: tuple[str, ...] = (),
    quiet: tuple[str, ...] = (),
) -> PhraseIndex:
    return PhraseIndex(lexicon, contexts, negation_contexts, no_typos, quiet)


class Prepared:
    """A message as folded words, each with its clause, and the same without spaces."""

    def __init__(self, text: str, index: PhraseIndex, clause_end: re.Pattern[str]):
        words: list[str] = []
        clause: list[int] = []  # each word's clause number
        if ")" in text:  # read as the laugh they draw, at the same length
            text = EMOTICON_LAUGH.sub(lambda laugh: "lol".ljust(len(laugh.group())), text)
        plain = text.isascii()
        if not plain:  # read as the word they stand for: the "... lol" negation marker
            text = JOKING_EMOJI.sub(" lol ", text)
        spelled = spell_out(text)
        self.spelled = "" if plain else spelled  # as read (non-ASCII only): its accents, when a match needs them
        # Clauses that end in a question mark: "itu beneran?" ("is that real?") asks, it does not urge.
        # (A clause end is never empty, so without a question mark no clause asks: most messages skip the walk.)
        self.asks = "?" in spelled or "\uff1f" in spelled  # an ASCII or full-width question mark anywhere
        self.asking = (
            frozenset(n for n, end in enumerate(clause_end.finditer(spelled)) if end.group() in "?\uff1f")
            if self.asks
            else frozenset()
        )
        # A word written with an elided "n'" ("n'arrive"), by place: the word it also stands for ("arrive").
        self.elided: dict[int, str] = {}
        for number, part in enumerate(clause_end.split(spelled)):
            folded = fold(part)
            if folded and any(chat in folded for chat in _THAI_RESPELLED):
                for respelled, standard in THAI_RESPELLINGS:
                    folded = respelled.sub(standard, folded)
            if folded:
                in_clause = folded.split(" ")
                if any(apostrophe in part for apostrophe in _ELISION_APOSTROPHES):
                    elided = {word: word[1:] for word in (fold(found.group()) for found in ELIDED_NE.finditer(part))}
                    elided |= {fold(found.group()): fold(found.group(1)) for found in ELIDED_QUE.finditer(part)}
                    for offset, word in enumerate(in_clause):
                        if elided.get(word):
                            self.elided[len(words) + offset] = elided[word]
                for offset, word in enumerate(in_clause) if "j" in folded else ():
                    if (
                        (len(word) >= 4 or word in SMS_JE_SHORT)
                        and SMS_JE.fullmatch(word)
                        and word[1:] in index.vocabulary
                        and len(words) + offset not in self.elided
                    ):
                        self.elided[len(words) + offset] = word[1:]
                words += in_clause
                clause += [number] * len(in_clause)
        self.words = tuple(words)
        self.clause = tuple(clause)
        # Where each word starts in the message without spaces: the lengths of the words before it, summed.
        self.offsets = tuple(accumulate(map(len, words[:-1]), initial=0)) if words else ()
        self.squashed = "".join(words)
        self.near = index.typos.near_each(words)
        if self.elided:
            self.near = [
                near | index.typos.near(self.elided[place]) if place in self.elided else near
                for place, near in enumerate(self.near)
            ]
        # The same near words in a fixed order, so matches come out the same whatever Python's hash seed
        # (a set's order varies by run, and it decides which of two equal matches names the decision).
        self.ordered = [near if len(near) < 2 else sorted(near) for near in self.near]
        self.index = index
        self.own_words: list[tuple[str, str, str]] = []  # (word, phrase, language): a typo match not taken

    def find(self) -> list[Match]:
        """Every phrase occurrence, in message order."""
        found: list[Match] = []
        words, near = self.words, self.ordered
        count = len(words)
        index = self.index
        by_first_word, by_first_two, seconds_of = index.by_first_word, index.by_first_two, index.seconds_of
        reach = 2 + index.max_slack
        # Phrases by identity: each is one object in the index (deduplicated when filed), and a frozen dataclass
        # hashes all its fields, with its pattern's, on every use.
        taken: set[tuple[int, int]] = set()
        for start in range(count):
            firsts = near[start]
            if not firsts:
                continue
            typed = words[start]
            stop = min(start + reach, count)
            elided = self.elided.get(start) if self.elided else None
            for first in firsts:
                typo = typed != first and elided != first
                for phrase in by_first_word.get(first, ()):
                    if not (typo and not phrase.typos) and not (typo and self._another_word(phrase, start, start + 1)):
                        found.append(self._match(phrase, start, start + 1, not typo))
                seconds = seconds_of.get(first)
                if seconds is None:
                    continue
                for second_at in range(start + 1, stop):
                    skipped = second_at - start - 1
                    for second in near[second_at]:
                        if second not in seconds:
                            continue
                        candidates = by_first_two[(first, second)]
                        exact = not typo and self._as_written(second_at, second)
                        for phrase in candidates:
                            if skipped > phrase.slack or not (exact or phrase.typos) or (id(phrase), start) in taken:
                                continue
                            end = self._rest(phrase, second_at + 1)
                            if end is not None and (self.clause[start] == self.clause[end - 1] or not phrase.danger):
                                whole = exact and self._exact(phrase, end)
                                if whole or (phrase.typos and not self._another_word(phrase, start, end)):
                                    taken.add((id(phrase), start))  # the nearest second word, as a scan would take
                                    found.append(self._match(phrase, start, end, whole))
        if self.index.by_first_letters and is_unspaced_script(self.squashed):
            found.extend(self._unspaced_matches())
        if self.spelled and any(match.language in ACCENTS_WRITTEN for match in found):
            # Words with accents a phrase's language does not write are not that phrase's words (English "song"
            # is not Vietnamese "sông", Tagalog "tren" not "trên"): folding made them look alike.
            accents = accent_kinds(self.spelled)  # aligned with self.words: folding is per character
            if len(accents) == len(self.words):
                found = [match for match in found if _spelled_as_its_language(match, accents)]
        if self.spelled and any(match.language == VIETNAMESE and not match.unspaced for match in found):
            found = self._without_other_vietnamese_words(found)
        return found

    def _without_other_vietnamese_words(self, found: list[Match]) -> list[Match]:
        """Drop the Vietnamese matches whose words the texter spelled as other words: folding makes "giỗ" (a death
        anniversary, a memorial) and "giờ" (now) both "gio", but written with their accents they are two words.
        A word typed without accents still matches either."""
        spellings = vietnamese_spellings(self.spelled)
        if len(spellings) != len(self.words):
            return found
        kept = []
        for match in found:
            phrase = self.index.by_text.get((match.language, match.context, match.phrase))
            if match.language != VIETNAMESE or match.unspaced or phrase is None:
                kept.append(match)
            elif not phrase.spellings:
                if not _accented_across_a_gap(phrase, match, spellings):
                    kept.append(match)
            elif self._spelled_as_the_phrase(phrase, match, spellings):
                kept.append(match)
        return kept

    def _spelled_as_the_phrase(self, phrase: Phrase, match: Match, spellings: list[tuple[str, str] | None]) -> bool:
        """Whether the phrase's words, in order, are words of the match spelled as the phrase spells them (or typed
        without accents). A word between two of the phrase's ("tối nay TÔI tự tử") is skipped, and a word read
        with a typo is not compared: its letters differ already."""
        at, end = match.words
        for expected, written in zip(phrase.pattern.words, phrase.spellings, strict=True):
            while at < end and (
                expected not in self.near[at] or (self.words[at] == expected and spelled_apart(spellings[at], written))
            ):
                at += 1
            if at >= end:
                return False
            at += 1
        return True

    def _another_word(self, phrase: Phrase, start: int, end: int) -> bool:
        """A word of the match that the phrase's language has as a word of its own, one first letter away from the
        phrase's word: "im putting" is not "im cutting" (see helpline/danger/words.py). Checked only for matches
        with a typo, which are few."""
        words = self.index.known_words.get(phrase.language)
        if not words:
            return False
        wanted = phrase.pattern.words
        vocabulary = self.index.vocabulary
        for place in range(start, end):
            typed = self.words[place]
            if typed in wanted or self.elided.get(place) in wanted:
                continue
            if any(another_word(typed, expected, words, vocabulary) for expected in wanted):
                self.own_words.append((typed, phrase.text, phrase.language))
                return True
        return False

    def _rest(self, phrase: Phrase, index: int) -> int | None:
        """Where the phrase ends when its words after the second follow from `index` (None if they don't)."""
        near, count = self.near, len(self.words)
        for expected in phrase.pattern.words[2:]:
            limit = min(index + phrase.slack + 1, count)
            while index < limit and expected not in near[index]:
                index += 1
            if index >= limit:
                return None
            index += 1
        return index

    def _exact(self, phrase: Phrase, end: int) -> bool:
        """No typo in the words after the second (checked only for matches, which are few)."""
        rest = phrase.pattern.words[2:]
        return not rest or all(
            w in self.words[:end] or any(self.elided.get(place) == w for place in range(end)) for w in rest
        )

    def _as_written(self, place: int, word: str) -> bool:
        """The message's word at `place` is `word` as written, or as read without an elided "n'" ("n'arrive")."""
        return self.words[place] == word or (bool(self.elided) and self.elided.get(place) == word)

    def _match(self, phrase: Phrase, start: int, end: int, exact: bool) -> Match:
        chars = (self.offsets[start], self.offsets[end - 1] + len(self.words[end - 1]))
        return Match(phrase.context, phrase.language, phrase.text, (start, end), chars, False, exact)

    def _unspaced_matches(self) -> Iterator[Match]:
        squashed = self.squashed
        self.word_of_char = [i for i, word in enumerate(self.words) for _ in word]
        by_letters, starts = self.index.by_first_letters, self.index.unspaced_starts
        for position, letter in enumerate(squashed):
            if letter not in starts:
                continue
            for length in self.index.unspaced_lengths:
                for phrase in by_letters.get(squashed[position : position + length], ()):
                    needle = phrase.pattern.squashed
                    if squashed.startswith(needle, position):
                        end = position + len(needle)
                        words = (self.word_of_char[position], self.word_of_char[end - 1] + 1)
                        yield Match(phrase.context, phrase.language, phrase.text, words, (position, end), True, True)

    def letters(self, start: int, end: int) -> int:
        """Letters between two places; Thai vowel and tone marks do not count."""
        return sum(1 for char in self.squashed[start:end] if not unicodedata.category(char).startswith("M"))


# Run-on texts, typed in panic with the spaces left out: "hecantbreathe", "tolongdiabiru", "khôngthở". A long word of a
# spaced script that is no word of the phrase lists nor of any language's known words, and no typo of a phrase word,
# is read as the words it splits into, when every piece is such a word (the fewest pieces; Round 28, tuner D).
GLUED_MIN_LETTERS = 8  # shorter words are too often names or slang that happen to split
GLUED_MIN_PIECE = 2  # letters of the shortest piece: one letter splits almost anything
GLUED_MAX_PIECES = 5
_GLUED = re.compile(rf"[^\W\d_]{{{GLUED_MIN_LETTERS},}}")


@lru_cache(maxsize=4)
def _words_of(index: PhraseIndex) -> frozenset[str]:
    """The phrase lists' words and every language's known words, built once per index: the union of two sets of tens
    of thousands of words, made for each message with a long word, had doubled the engine's median on first sight
    of a text (425 -> 820 µs, bench/PROFILE.md, "Twenty-eighth look")."""
    return frozenset(index.vocabulary) | frozenset(word for words in known_words().values() for word in words)


def _pieces(folded: str, words: frozenset[str]) -> tuple[int, ...] | None:
    """Where `folded` splits into the fewest pieces that `words` all holds (the ends of the pieces), or None."""
    size = len(folded)
    best: list[tuple[int, ...] | None] = [None] * (size + 1)
    best[0] = ()
    for end in range(GLUED_MIN_PIECE, size + 1):
        for start in range(0, end - GLUED_MIN_PIECE + 1):
            before = best[start]
            if before is None or folded[start:end] not in words:
                continue
            if best[end] is None or len(before) + 1 < len(best[end]):  # type: ignore[arg-type]
                best[end] = (*before, end)
    found = best[size]
    return found if found is not None and 2 <= len(found) <= GLUED_MAX_PIECES else None


def unglued(text: str, index: PhraseIndex, danger: Callable[[str], bool]) -> str:
    """`text` with each run-on word written apart into the words it is made of (see GLUED_MIN_LETTERS), when
    those words hold a danger phrase (`danger`, asked of the pieces alone): a long word that splits into short
    words of some language is most often a word of another ("documentos" is not "docu men tos")."""
    if _GLUED.search(text) is None:
        return text
    words = _words_of(index)

    def apart(found: re.Match[str]) -> str:
        typed = found.group()
        letters = [fold(char) for char in typed]
        if any(len(letter) != 1 for letter in letters) or is_unspaced_script(typed):
            return typed
        folded = "".join(letters)
        if folded in words or index.typos.near(folded):
            return typed
        ends = None
        for allowed in (index.vocabulary, words):  # the phrase lists' words first: "no se", not English "nose"
            ends = _pieces(folded, allowed)
            if ends is None and len(folded) > GLUED_MIN_LETTERS and folded[-1] == folded[-2]:
                # a last letter held down ("despiertaa"): the pieces of the rest, the held letters on the last one
                rest = folded.rstrip(folded[-1]) + folded[-1]
                ends = _pieces(rest, allowed)
                ends = None if ends is None else (*ends[:-1], len(folded))
            if ends is not None:
                break
        if ends is None:
            return typed
        pieces = " ".join(typed[start:end] for start, end in zip((0, *ends), ends, strict=False))
        return pieces if danger(pieces) else typed

    return _GLUED.sub(apart, text)
