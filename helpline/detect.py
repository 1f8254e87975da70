"""Guess the language of a texter's free text, or say nothing.

Why this file exists instead of a library: the obvious library,
`lingua-language-detector` (restricted to the shipped languages), was measured
against this module on tests/corpus/languages.tsv (hand-written short helpline
texts, >= 40 per shipped language) by bench/language_detection.py, which
prints the figures. Lingua is a ~96 MB wheel that adds ~200 MiB to each
process once its models are loaded, and, being statistical, it always names
*some* language for a short text: without a minimum relative distance it was
wrong on about one text in ten (Indonesian and Malay both ways, accentless
Vietnamese as Tagalog, "mi amigo no respira" as Portuguese, "ok" as
Indonesian). With a minimum relative distance it abstains on more texts than
this module and is still sometimes wrong. What a reply needs is not a guess for
every text but a language only when the text really shows one, and nothing
otherwise so the caller falls back to the stored language or the number's
country (helpline/language.py). That is what this module does, without
dependencies, in tens of microseconds.

How it decides, first that applies:
1. Script: Thai letters mean Thai, Han characters Chinese (Simplified is the
   one catalog we ship). Japanese kana or Korean hangul mean none of ours.
2. Scoring: Vietnamese-only letters (ă đ ơ ư ĩ ũ and the tone-marked vowels of
   U+1EA0..U+1EF9) count for Vietnamese, a few accents for the languages that
   use them (ñ, ã/õ, ç, è/ù/œ...), and every folded word found in a language's
   short table of frequent words counts for it. A word listed by several of the
   candidate languages ("de", "no", "ya") is split between them, so only words
   that tell languages apart move the result.
3. Confidence: the best language needs MIN_EVIDENCE points and must lead the
   runner-up by MIN_MARGIN points and by a factor MIN_RATIO; otherwise None.

The word tables live in locale/detect.toml and the scripts in locale/scripts.toml,
so adding a language needs no code. They are deliberately small and include accentless and SMS forms
("nao", "vc", "xq", "ko", "dc", "gak", "tak", "yung"). Indonesian and Malay
share most function words, so their tables lean on the words that differ
(nggak/gak vs tak, mau vs nak, obat vs ubat, teman vs kawan, napas vs nafas,
and "ketum", Malaysia's name for kratom); on most short texts they still tie,
and None lets the number's country (+62 or +60) decide. The corpus and these
tables were written together, so the bench's figures for this module are an
upper bound on what unseen texts will give; the abstention rule is what keeps
the wrong answers rare there too.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpline.danger import scripts as scripts_module
from helpline.textnorm import fold

MIN_EVIDENCE = 1.0  # points the winner needs: one distinctive word, or a Vietnamese letter
MIN_MARGIN = 1.0  # points ahead of the runner-up
MIN_RATIO = 2.0  # the winner has at least twice the runner-up's points


DETECT_PATH = Path(__file__).resolve().parent.parent / "locale" / "detect.toml"


@dataclass(frozen=True)
class Tables:
    """Per catalog code: frequent folded words, letters only it uses, accents that point at it."""

    words: dict[str, frozenset[str]]
    letters: dict[str, frozenset[str]]
    hints: dict[str, tuple[str, ...]]  # accent -> the codes that list it


@lru_cache(maxsize=4)
def tables(path: Path = DETECT_PATH) -> Tables:
    with path.open("rb") as handle:
        data = tomllib.load(handle)["languages"]
    hints: dict[str, list[str]] = {}
    for code, entry in data.items():
        for char in entry.get("hints", ""):
            hints.setdefault(char, []).append(code)
    return Tables(
        words={code: frozenset(entry.get("words", "").split()) for code, entry in data.items()},
        letters={code: frozenset(entry.get("letters", "")) for code, entry in data.items() if entry.get("letters")},
        hints={char: tuple(codes) for char, codes in hints.items()},
    )


WORDS: dict[str, frozenset[str]] = tables().words  # for tests and the bench
_ELONGATED = re.compile(r"(\w)\1{2,}")  # "ayudaaa", "helppp": three or more of a letter
_REDUPLICATED = re.compile(r"(?<=[a-z])2$")  # Indonesian/Malay "pelan2", "sikit2"


def detect(text: str, candidates: Sequence[str]) -> str | None:
    """The language of `text` among `candidates` (catalog codes), or None when unsure."""
    counts = _script_counts(text)  # once: both questions below are about the same letters
    if not counts.keys() <= _LATIN_ONLY:  # letters of another script (most texts have none: nothing to ask)
        script = _script_language(counts)
        if script is not None:
            return script if script in candidates else None
        if any(counts.get(s.name) for s in _non_latin() if not s.language):
            return None  # Japanese or Korean: none of ours, whatever Latin words it holds
    ranked = sorted(scores(text, candidates).items(), key=lambda item: item[1], reverse=True)
    if not ranked:
        return None
    best, best_score = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best_score < MIN_EVIDENCE or best_score - runner_up < MIN_MARGIN or best_score < MIN_RATIO * runner_up:
        return None
    return best


def scores(text: str, candidates: Sequence[str]) -> dict[str, float]:
    """Points per Latin-script candidate (only those with points); for detect() and for debugging."""
    weights, accents = _weights(tuple(sorted(set(candidates))))
    points: dict[str, float] = {}
    lowered = text.casefold()
    for code, letters in tables().letters.items():
        if code in candidates:
            own = sum(map(letters.__contains__, lowered))  # counted in C, not per character in Python
            if own:
                points[code] = float(own)
    for char in set(lowered) & accents.keys():
        for language, weight in accents[char]:
            points[language] = points.get(language, 0.0) + weight
    for token in fold(_ELONGATED.sub(r"\1", lowered)).split():
        if token.endswith("2"):  # the only tokens _REDUPLICATED can change
            token = _REDUPLICATED.sub("", token)
        for language, weight in weights.get(token, ()):
            points[language] = points.get(language, 0.0) + weight
    return points


@lru_cache(maxsize=32)
def _weights(
    candidates: tuple[str, ...],
) -> tuple[dict[str, tuple[tuple[str, float], ...]], dict[str, tuple[tuple[str, float], ...]]]:
    """Per word and per accent: the candidate languages it counts for, each with 1/(how many)."""
    words: dict[str, list[str]] = {}
    for language in candidates:
        for word in tables().words.get(language, ()):
            words.setdefault(word, []).append(language)
    accents = {char: [lang for lang in langs if lang in candidates] for char, langs in tables().hints.items()}
    return (
        {word: tuple((lang, 1 / len(langs)) for lang in langs) for word, langs in words.items()},
        {char: tuple((lang, 1 / len(langs)) for lang in langs) for char, langs in accents.items() if langs},
    )


def script_language(text: str) -> str | None:
    """The catalog of the script a text is mostly written in (Thai, Han: locale/scripts.toml), else None;
    None too when it holds a script we ship no catalog for (kana, hangul)."""
    return _script_language(_script_counts(text))


_LATIN_ONLY = frozenset({"latin"})


def _script_language(counts: dict[str, int]) -> str | None:
    if counts.keys() <= _LATIN_ONLY:  # only scripts with letters are counted: none but Latin, no script language
        return None
    if any(counts.get(script.name) for script in _non_latin() if not script.language):
        return None
    latin = counts.get("latin", 0)
    weighted = {s.name: counts.get(s.name, 0) * s.weight for s in _non_latin() if s.language}
    for script in _non_latin():
        mine = weighted.get(script.name, 0)
        if script.language and mine and mine >= latin and all(mine >= w for w in weighted.values()):
            return script.language
    return None


def _non_latin() -> tuple[scripts_module.Script, ...]:
    return _facts().non_latin


@dataclass(frozen=True)
class _Facts:
    """What the detector asks of locale/scripts.toml several times per message, worked out once per load."""

    scripts: scripts_module.Scripts
    non_latin: tuple[scripts_module.Script, ...]
    ascii_is_latin: bool  # every ASCII letter is Latin and no other ASCII character belongs to another script


_FACTS: _Facts | None = None


def _facts() -> _Facts:
    global _FACTS
    known = scripts_module.load()
    if _FACTS is None or _FACTS.scripts is not known:
        ascii_is_latin = all(
            (script is not None and script.name == "latin")
            if char.isalpha()
            else (script is None or script.name == "latin")
            for char in map(chr, range(128))
            for script in (known.of(char),)
        )
        _FACTS = _Facts(known, tuple(s for s in known.scripts if s.name != "latin"), ascii_is_latin)
    return _FACTS


def _script_counts(text: str) -> dict[str, int]:
    """Letters per script of locale/scripts.toml (Latin: letters only, not digits or punctuation).

    Counted in C where possible: an ASCII text's letters are all Latin (checked against the file once),
    any other text per distinct character (a text repeats few characters many times); the per-character
    Python loop was the language detector's largest cost."""
    global _LAST_COUNTS
    facts = _facts()
    last = _LAST_COUNTS
    if last is not None and last[0] is text and last[1] is facts:  # the engine asks twice (script, then detect)
        return last[2]
    counts = _count_scripts(text, facts)
    _LAST_COUNTS = (text, facts, counts)
    return counts


# The last text counted, compared by identity: one slot, so nothing is kept across messages. Callers only read.
_LAST_COUNTS: tuple[str, _Facts, dict[str, int]] | None = None


def _count_scripts(text: str, facts: _Facts) -> dict[str, int]:
    if facts.ascii_is_latin and text.isascii():
        letters = sum(map(str.isalpha, text))
        return {"latin": letters} if letters else {}
    counts: dict[str, int] = {}
    of = facts.scripts.of
    for char, times in Counter(text).items():
        script = of(char)
        if script is not None and (script.name != "latin" or char.isalpha()):
            counts[script.name] = counts.get(script.name, 0) + times
    return counts
