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

The word tables are deliberately small and include accentless and SMS forms
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
from collections.abc import Sequence
from functools import lru_cache

from helpline.textnorm import fold

MIN_EVIDENCE = 1.0  # points the winner needs: one distinctive word, or a Vietnamese letter
MIN_MARGIN = 1.0  # points ahead of the runner-up
MIN_RATIO = 2.0  # the winner has at least twice the runner-up's points

HAN_WEIGHT = 2  # one Han character says about as much as two Latin letters

# Frequent words per catalog code, folded (lowercase, no accents, no apostrophes).
# Function words first, then greetings, thanks and the few helpline verbs that
# every texter uses; SMS spellings included.
WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """
        i im ive me my you u your ur he hes she shes her him we they it its is are be been am
        the an and or but of in at for with from about after this that what whats how why where when who
        do does dont doesnt didnt cant wont not have has just so too much many really
        there anyone someone please pls plz thanks thank thx hi hello hey yo help need want know if
        """.split()
    ),
    "es": frozenset(
        """
        de la que el en y a los las se del un una unos unas por con no su para es al lo como mas pero
        ya o este esta esto eso si muy sin me mi mis tu te yo hay donde cuando cuanto cuantos porque
        xq pq q k tengo tiene estoy puedo hace hacer hola gracias ayuda necesito alguien nada buenos
        buenas favor porfa ahi aqui bien mal todo todos le desde otra vez puede pasa
        """.split()
    ),
    "pt_BR": frozenset(
        """
        de a o que e do da em um uma para pra com nao os as no na se por mais mas como ele ela
        eu voce vc meu minha seu sua isso esse essa muito ja so tambem tbm ta to estou esta tem tenho
        consigo sei faco fazer pode posso quero preciso ajuda alguem oi ola obrigado obrigada
        valeu blz pq q oq aqui ai dia bom boa quanto quando onde desde depois nada tudo todo me te
        """.split()
    ),
    "fr": frozenset(
        """
        je j tu il elle on nous vous ils le la les un une des du de au et est cest jai jen jsuis
        jsp suis pas ne plus que qui quoi koi quest pour avec dans sur mon ma mes ton ta son sa
        ses ce ca cette mais ou tres trop bien mal bonjour bonsoir salut slt bjr merci aide besoin
        peux peut veux sais fait faire depuis comment combien pourquoi pk stp svp quelquun me te se
        """.split()
    ),
    "vi": frozenset(
        """
        toi ban minh em anh chi khong ko hok dc duoc la co cua va voi cho nay gi roi oi bi uong lam
        nhieu mot nguoi thi sao vay nha nhe dang da se cam on chao xin giup gium biet phai hoi khi de
        tu nhu nao thuoc qua bao lau hay cung nhung lai con nen ma o ai cai muon ngay hom
        """.split()
    ),
    "id": frozenset(
        """
        yang dan di ke dari ini itu dengan untuk tidak nggak ngga gak ga enggak saya aku gue
        gw kamu lu dia kami kita apa ada bisa mau sudah udah sdh lagi juga saja aja banget bgt
        sih dong deh kok nih sama gimana bagaimana kenapa kalau kalo karena tapi atau harus tolong
        makasih terima kasih banyak berapa obat teman temen tau tahu pakai pake sekarang kak ya
        dimana kayak kayaknya napas bernapas sangat perlu bikin cuma gitu coba kemarin
        """.split()
    ),
    "ms": frozenset(
        """
        yang dan di ke dari ini itu ni tu dengan untuk tak tidak x saya aku awak kau dia kami kita
        korang apa ada boleh nak mahu dah sudah belum lagi juga je saja lah la pun sangat betul sikit
        macam mana kenapa sebab kalau kalo kerana tapi atau perlu kena tolong terima kasih banyak
        berapa ubat kawan tahu pasal kat dekat bila sekarang tq risau buat cakap nafas bernafas
        ketum lepas cuba sahaja jer mcm camne semalam
        """.split()
    ),
    "tl": frozenset(
        """
        ang ng mga sa na ako ko mo ka siya sya niya nya kami tayo sila po opo hindi di hnd ba lang lng
        yung ung ano anong paano pano kasi naman talaga pwede puwede kaya ito to yan dyan nga pa din rin
        may wala meron salamat tulong kung pag para nang ay si kay nung tapos gusto alam kailangan bakit
        saan ilang sobra grabe nyo natin namin akong kayo at
        """.split()
    ),
}

# Letters that, alone among the shipped languages, Vietnamese uses.
_VIETNAMESE_LETTERS = frozenset("ăđơưĩũ") | frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))
# Accents that point at some of the Latin-script languages (one point per message, split).
_ACCENT_HINTS: dict[str, tuple[str, ...]] = {
    "ñ": ("es",),
    "¿": ("es",),
    "¡": ("es",),
    "ã": ("pt_BR",),
    "õ": ("pt_BR",),
    "ç": ("fr", "pt_BR"),
    "ê": ("fr", "pt_BR"),
    "ô": ("fr", "pt_BR"),
    "â": ("fr", "pt_BR"),
    "è": ("fr",),
    "ù": ("fr",),
    "û": ("fr",),
    "î": ("fr",),
    "ï": ("fr",),
    "ë": ("fr",),
    "œ": ("fr",),
}
_ELONGATED = re.compile(r"(\w)\1{2,}")  # "ayudaaa", "helppp": three or more of a letter
_REDUPLICATED = re.compile(r"(?<=[a-z])2$")  # Indonesian/Malay "pelan2", "sikit2"


def detect(text: str, candidates: Sequence[str]) -> str | None:
    """The language of `text` among `candidates` (catalog codes), or None when unsure."""
    script = script_language(text)
    if script is not None:
        return script if script in candidates else None
    if _script_counts(text)[3]:
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
    if "vi" in candidates:
        vietnamese = sum(1 for char in lowered if char in _VIETNAMESE_LETTERS)
        if vietnamese:
            points["vi"] = float(vietnamese)
    for char in set(lowered) & accents.keys():
        for language, weight in accents[char]:
            points[language] = points.get(language, 0.0) + weight
    for token in fold(_ELONGATED.sub(r"\1", lowered)).split():
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
        for word in WORDS.get(language, ()):
            words.setdefault(word, []).append(language)
    accents = {char: [lang for lang in langs if lang in candidates] for char, langs in _ACCENT_HINTS.items()}
    return (
        {word: tuple((lang, 1 / len(langs)) for lang in langs) for word, langs in words.items()},
        {char: tuple((lang, 1 / len(langs)) for lang in langs) for char, langs in accents.items() if langs},
    )


def script_language(text: str) -> str | None:
    """th or zh_Hans when the text is written mostly in that script, else None (kana or hangul: None too)."""
    thai, han, latin, unshipped = _script_counts(text)
    if unshipped:
        return None
    if thai and thai >= latin and thai >= han * HAN_WEIGHT:
        return "th"
    if han and han * HAN_WEIGHT >= latin:
        return "zh_Hans"
    return None


def _script_counts(text: str) -> tuple[int, int, int, int]:
    """Thai letters, Han characters, Latin letters, and kana or hangul (scripts we ship no catalog for)."""
    thai = han = latin = unshipped = 0
    for char in text:
        code = ord(char)
        if 0x0E00 <= code <= 0x0E7F:
            thai += 1
        elif 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF:
            han += 1
        elif 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
            unshipped += 1
        elif char.isalpha() and (code <= 0x024F or 0x1E00 <= code <= 0x1EFF):
            latin += 1
    return thai, han, latin, unshipped
