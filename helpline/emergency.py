"""Notice danger in any shipped language, reading the message and the conversation it belongs to.

The phrase lists live in the catalogs, so translators extend them:
emergency.medical / suicide phrases (danger), emergency.negations (questions,
denials, idioms), and the context lists below. The method is small on purpose,
so that anyone can predict it and check it against tests/corpus/:

1. Phrases (helpline/danger/index.py): a phrase of any language matches where
   its words come in order, at most one extra word between two of them, one
   typo allowed in words of five letters or more; Thai and Chinese phrases as
   substrings. "od'd", "ODing" are spelled out first.
2. Negation is local: a negation (of any language) cancels an emergency phrase
   in the same clause when it covers the phrase's end ("not suicidal") or ends
   at most WINDOW words (CHAR_WINDOW letters in Thai or Chinese) before it. A
   negation written "... years ago" marks time: it may count on either side,
   within MARKER_WINDOW words. A phrase inside a cancelled one goes with it.
   A bare negator of the phrase's own language (emergency.negators: "not",
   "no", "pas", "không", "没有") cancels it right before it in its clause, or
   as the extra word inside it ("he's not blue"); an emergency phrase's words
   stay in one clause ("not blue, breathing fine" is not "not breathing").
3. Context, read in the whole message (danger/context.py): who (an animal:
   emergency.pet), when (emergency.past: clearly over; emergency.hypothetical:
   preparing, asking in general, a professional's case; emergency.fiction: a
   film, a story, a song), state (emergency.resolved: help has arrived and the
   person is recovering) and urgency (emergency.now). A context cue cancels the
   live phrases, unless an urgency cue says it is happening now: then the
   answer is the possible tier. Intent (emergency.plan: a plan, the means, a
   goodbye; emergency.distress) signals suicide without the word: a plan with
   distress, or two plan cues, is an emergency; one alone is possible.
   Order counts where a message holds two times or two subjects: urgency
   between a frame and the danger makes it now; "but" takes a frame or a
   recovery back when danger follows it; the past or a recovery told before
   a danger the model reads as danger does not cancel it; with an animal and
   a person named, the one named last before the danger is the one in it.
4. The conversation (the texter's recent messages, oldest first): an emergency
   stays open until a message says it is resolved, so "she's still not
   responding" after "he won't wake up" is one too; a conversation about an
   animal stays about the animal; distress earlier plus a plan now is suicide;
   YES after the possible-tier question is the full emergency.
5. A second opinion (danger/model.py): a small linear model over character and
   word n-grams, trained on the corpus by scripts/train_danger_model.py. It
   never makes the full answer on its own: a high score without a phrase gives
   the possible tier (the number and one question), so it adds recall on
   phrasings no list has while a counselor checks; a rule's possible tier with a
   model score of MODEL_CONFIRMS or more becomes the full answer.

Tiers: "full" (the emergency answer and alert), "possible" (the emergency
number first and "Is someone in danger right now? Reply YES", flagged for a
counselor), "pet" (vet advice), "none". Suicide before medical. Questions about
one's present state are not negations: "I took too much, what do I do?" is an
emergency, because a false alarm costs a counselor a minute and a miss can cost
a life.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from helpline import detect as detect_module
from helpline.catalogs import SOURCE_LANGUAGE
from helpline.danger import carry_over as carry_over_module
from helpline.danger import context as context_module
from helpline.danger import model as model_module
from helpline.danger.index import MARKER, Match, PhraseIndex, Prepared, index_for, spell_out, unglued
from helpline.danger.scripts import clause_end
from helpline.knowledge import Lexicon
from helpline.matching import Pattern
from helpline.textnorm import is_unspaced_script

__all__ = ["Assessment", "Kind", "Match", "Tier", "Verdict", "assess", "detect", "spell_out"]

Kind = Literal["medical", "suicide"]
Tier = Literal["full", "possible", "pet", "none"]
KIND_CONTEXTS: dict[Kind, str] = {
    "suicide": "emergency.suicide.phrases",
    "medical": "emergency.medical.phrases",
}
NEGATIONS = "emergency.negations.phrases"
CONTRASTS = "emergency.contrast.phrases"  # "but": what follows it outweighs a recovery said before it
NEGATORS = "emergency.negators.phrases"
# Words that may stand between a bare negator and the danger it denies ("not REALLY suicidal", "jamais VRAIMENT PENSE
# AU suicide", "no TIENE LOS labios morados"): a closed class per language, read only by `_negated_across_a_gap`.
NEGATOR_GAP = "emergency.negator_gap.phrases"
# Question words and particles ("how do i know", "gimana", "macam mana", "paano", "怎么办"): a clause that holds one
# asks, where the texter wrote no "?" (round 25, tuner G). Read only by `_without_recoveries_asked_about` and
# `_danger_told_after_a_what_if`, and only ever to find more to answer: never a cue, never a reason to set a danger
# aside.
QUESTIONS = "emergency.question.phrases"
# The withdrawal topic's phrases ("withdrawal", "cai kratom", "gian ketum"): the texter's state is withdrawal. Read
# only by `_hyperbole_the_model_dismisses` (round 26, tuner D), never a cue of danger or of safety on its own.
WITHDRAWAL = "topics.withdrawal.phrases"
# Words for tomorrow and the days after it ("tomorrow", "mañana voy", "demain", "besok", "พรุ่งนี้", "明天"): the texter
# tells what happens next, past tonight (round 26, tuner A). Read only by `_tomorrow_after_it`, to let an open emergency
# end: never a cue, never a reason to set a danger aside.
TOMORROW = "emergency.tomorrow.phrases"
SIGNS_KEYWORDS = "topics.signs.keywords"
YES_KEYWORDS = "emergency.yes.phrases"  # matched as the whole message
NO_ANSWERS = "emergency.no.phrases"  # matched as the whole message, right after the possible-tier question
CRIES = "emergency.cry.phrases"  # matched as the whole message, letters drawn out or not: the possible tier
PLEAS = "emergency.plea.phrases"  # the same, but only with letters drawn out: as written "help" is the menu

WINDOW = 1  # message words allowed between a negation and the phrase it cancels
GAP_WORDS = 4  # words of emergency.negator_gap allowed between a bare negator and the phrase it negates
CHAR_WINDOW = 4  # the same for Thai and Chinese, in letters (spaces and Thai vowel/tone marks not counted)
MARKER_WINDOW = 3  # the same for a negation written "... years ago", before or after the phrase
CHAR_MARKER_WINDOW = 8
MODEL_POSSIBLE = model_module.POSSIBLE_THRESHOLD  # the model alone gives the possible tier from this score
# The same inside a conversation (earlier messages exist), kept apart because the trade-off differs there:
# a later message is often a fragment only its context explains. Measured by leave-one-batch-out with the
# lists at arrival (bench/heldout.py --lists-at-arrival), 0.8 instead of 0.7 for later messages lowers false
# alarms by 1.6-3.4 points on conversations b, d, g but loses 1-5.5 points of recall there; recall first.
MODEL_POSSIBLE_LATER = MODEL_POSSIBLE
# An earlier message the model alone flagged from this score keeps a conversation open (as a rule's tier does).
# Leave-one-batch-out on conversations b, d, g, j (bench/heldout.py): at 0.7 (the possible threshold) 97.6%
# recall / 11.5% false alarms (full+possible); at 0.85, 97.4% / 10.0%.
MODEL_OPENS = 0.85
# The model alone asks from this score when a negation cancelled the message's phrase ("what are the signs of
# not breathing?"). Leave-one-batch-out on all eleven batches: at 0.7, 94.3% recall / 5.2% false alarms
# (full+possible); at 0.9, 94.2% / 5.2% (one emergency fewer, three false alarms fewer).
MODEL_OVER_NEGATION = 0.9
MODEL_CONFIRMS = 0.9  # a rule's possible tier becomes the full answer when the model is this sure
# The past (or a recovery) told, then danger in a later clause: from this score the cue does not cancel that
# danger. Over every batch (round 7, after batch ao arrived and was read), for the past: 0.9, 0.7, 0.5 gave 8, 10,
# 12 decisions better and none worse; 0.3 gave 12 better, 4 worse. A recovery told first: 11 better, none worse.
MODEL_AGAIN = 0.5
# The past told only after the danger, in a later clause ("... no respira, ayer compro 7oh"): from this score the
# cue does not cancel that danger (_past_told_after).
MODEL_PAST_AFTER = 0.7
# A phrase's full tier becomes the possible one (number first, one question, counselor flagged) when the model
# scores the message below this: rule and model disagree. Chosen by leave-one-batch-out with the phrase lists
# as they were when each batch arrived (bench/heldout.py --lists-at-arrival): on batches c, e, f (and d, g) it
# lowers about half of the full-tier false alarms (42 of 91) for 16 of 745 full-tier positives, which the
# possible tier still answers with the number.
MODEL_DOUBTS = 0.3
DOUBT_MIN_WORDS = 10  # only a message long enough to carry context is doubted ("my chest hurts so bad" is not)
# A phrase in a long message the model scores below this is no emergency at all (no question either), unless the
# message has a plan or the means: a life story with "two attempts in my twenties" and "a year clean today", a
# withdrawal day "like I'm dying". On the batches the model never saw (br to ck, cl, cm: round 14, with the model
# trained through bq), doubted phrases below 0.05 in messages of 20 words or more were 24 false alarms and no
# emergency; in shorter messages 17 false alarms and 2 emergencies ("normal ke kalau org ... x boleh dikejut??").
MODEL_DISMISSES = 0.05
DISMISS_MIN_WORDS = 20
# Round 20: the same for a message the model doubts (under MODEL_DOUBTS, DOUBT_MIN_WORDS or more) later in a calm
# conversation, where no earlier message was an emergency, was asked the question or told despair: "feels like im
# dying but i know im not, its just the worst flu", "gonna go die on the couch and watch the cricket" (see
# _a_doubt_in_a_calm_conversation). On the tunable conversation batches (round 20): from 0.1, 12 possible-tier false
# alarms fewer and no emergency lost; from 0.2, 18 fewer and one emergency lost. Held-out conversations: 3 fewer.
MODEL_DISMISSES_CALM = 0.1
# Round 26 (tuner D): the same threshold for a message of any length that tells its danger phrase with a laugh after it
# or names withdrawal, with no other sign of danger (_hyperbole_the_model_dismisses). On the tunable files, the
# readings it sets aside: 17 false alarms under 0.05, 21 under 0.1, 23 under 0.15 and no emergency; the first
# emergency is at 0.21 ("bukan nak mati ... gian ketum je. tapi muka dia pucat sangat", a "but" it does not pass).
MODEL_HYPERBOLE = MODEL_DISMISSES_CALM


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    phrase: str  # the catalog phrase (or cue) that decided, as written there
    languages: tuple[str, ...]  # every language whose phrase matched, best reading first
    best: tuple[str, ...] = ()  # the languages tied for the best reading (the engine breaks the tie)
    violence: bool = field(default=False, compare=False)  # violence now (emergency.threat): the threat answer


@dataclass(frozen=True)
class Reading:
    """One message read on its own: what the conversation logic needs from it."""

    tier: Tier
    verdict: Verdict | None
    matches: tuple[Match, ...]  # live emergency phrases
    cancelled: tuple[tuple[Match, Match], ...]  # emergency phrase, and the negation or cue that cancelled it
    cues: context_module.Cues
    keyword: str | None
    yes: bool  # the whole message is a YES keyword
    model: float  # the second opinion's probability of danger (0.0: no opinion, too few known features)
    model_kind: Kind
    doubted: bool = False  # a phrase's full tier lowered to possible because the model disagrees
    size: int = 0  # words in the message (Thai and Chinese: letters / 3)
    asks: bool = False  # the message has a question mark ("what now?" wants the first aid again)
    denies: bool = False  # the whole message means no ("no", "không", "hindi po"): an answer, not a state
    opens_with_no: bool = False  # it starts with such a no ("no no one is in danger, just asking")
    notes: tuple[str, ...] = ()  # what the rules on order and subjects set aside, in words, for triage
    details: bool = False  # it has digits: an address, a room, a time ("Calle Alcalá 230", "hace 20 min")
    laughs: bool = False  # a laugh written in it ("lol", "kkkk", "555", "jajaja": a marker of the negation lists)
    others_left: bool = False  # a leaving cue set aside as someone else's departure (_without_others_leaving)
    after_a_what_if: bool = False  # danger told after a "what if" question: asked, not confirmed by the model alone
    names: bool = False  # a capitalised word inside it: a place or a person named ("Alor Setar", "St Lukes", "Maria")
    tomorrow: bool = False  # it speaks of tomorrow or the days after (emergency.tomorrow: "besok", "demain", "明天")
    plea: bool = False  # the whole message is a plea as written ("tolong", "help": emergency.plea), nothing else said

    @property
    def blank(self) -> bool:
        """Nothing in the message for a conversation's rules to carry: no tier, phrase, denial, cue, YES or no, and a
        model score below every threshold a rule reads (CONFIRMS_MODEL). A conversation of blank messages walks to
        the state it starts in (tests/test_emergency_blank_walk.py), so `_in_conversation` skips the walk: half of a
        surge's messages, where the walk was about 18 of its 40 µs (bench/PROFILE.md, twentieth look). Worked out
        once per reading (readings are cached per text and re-read each turn)."""
        known = self.__dict__.get("_blank")
        if known is None:
            known = (
                self.tier == "none"
                and self.verdict is None
                and not self.matches
                and not self.cancelled
                and all(m.context == _THANKS for m in self.cues.matches)  # a thanks alone changes no walk's state
                and not (self.yes or self.denies or self.opens_with_no)
                and self.model < CONFIRMS_MODEL
            )
            self.__dict__["_blank"] = known
        return known

    @property
    def is_short(self) -> bool:
        """A reply of a few words ("ok", "vale", "sorry po", "tak tau"): inside an emergency it goes on with it."""
        return self.size <= SHORT_REPLY_WORDS and self.keyword is None and not self.yes


@dataclass(frozen=True)
class Assessment:
    """Everything the detector saw, for the engine, `helpline triage` and tests."""

    verdict: Verdict | None  # the full-tier emergency, or None
    matches: tuple[Match, ...]  # emergency phrases that count
    cancelled: tuple[tuple[Match, Match], ...]  # emergency phrase, and the negation that cancelled it
    keyword: str | None = None  # the signs keyword the whole message was, if any
    tier: Tier = "none"
    possible: Verdict | None = None  # the kind and phrase behind a possible-tier (or pet) answer
    cues: tuple[Match, ...] = ()  # context cues read in this message
    why: tuple[str, ...] = ()  # how the tier was reached, in words, for triage
    model: float | None = None  # the second opinion's probability of danger for this message
    recent: tuple[Tier, ...] = field(default=(), compare=False)  # earlier messages, each as answered alone
    # A short reply ("ok", "hurry", an address) that goes on with a full emergency answered moments ago: the
    # texter has the first aid already, so the answer repeats the number and who is coming, not the steps.
    follow_up: bool = False
    inherited: bool = field(default=False, compare=False)  # the tier is an open emergency's, not this message's
    model_alone: bool = field(default=False, compare=False)  # the possible tier is the model's score alone
    help_arrived: bool = field(default=False, compare=False)  # a full emergency going on: help has just arrived
    dismissed: bool = field(default=False, compare=False)  # its own phrase or cues set aside by the conversation


def detect(text: str, lexicon: Lexicon) -> Verdict | None:
    """The full-tier emergency a message signals on its own, or None."""
    return assess(text, lexicon).verdict


def assess(text: str, lexicon: Lexicon, recent: tuple[str, ...] = ()) -> Assessment:
    """Read the message with the texter's recent messages (oldest first) and give the tier."""
    current = read(text, lexicon)
    bodies = tuple(body for body in recent if body.strip())
    earlier = [read(body, lexicon) for body in bodies]
    return _in_conversation(current, earlier, _openings(bodies, lexicon))


def _openings(bodies: tuple[str, ...], lexicon: Lexicon) -> tuple[Opening, ...]:
    """The tier each earlier message opened the conversation's emergency with, as it was answered in its own
    conversation, not read alone: "i have my dads pistol in the truck" is the full answer after "cant do this
    anymore" and opens the emergency the next replies ("parking lot behind the walmart") go on with. A tier the
    message only inherited from an emergency already open opens nothing new ("none"), and the model alone opens
    one only from MODEL_OPENS, as _opening_tier reads it. Only a message its conversation can raise is read in
    it (see _may_be_raised): the others cost nothing here, which keeps a long conversation's turn cheap."""
    readings = [read(body, lexicon) for body in bodies]
    found: list[Opening] = []
    for position, reading in enumerate(readings):
        if not _may_be_raised(reading) and not _may_be_dismissed(reading):
            found.append(("none", None, False))
            continue
        answered = _in_conversation(reading, readings[:position], tuple(found))
        if answered.dismissed:
            found.append(("none", None, True))
        elif answered.inherited or answered.model_alone:
            found.append(("none", None, False))
        else:
            found.append((answered.tier, answered.verdict or answered.possible, False))
    return tuple(found)


def _as_answered(recent: tuple[Tier, ...], openings: tuple[Opening, ...]) -> tuple[Tier, ...]:
    """The earlier messages' tiers as answered alone (`recent`), but "none" for those their own conversation dismissed
    (see _may_be_dismissed): a conversation stays calm through a message that was read as calm in it."""
    return tuple("none" if i < len(openings) and openings[i][2] else tier for i, tier in enumerate(recent))


def _near(open_: Reading, unconfirmed: bool = False) -> int:
    """How many messages after the one that opened the emergency a message with nothing of danger still goes on with
    it: OPEN_NEAR, or none where that message told the past beside its danger (a past cue that did not cancel it,
    the model reading the danger or an urgency cue outweighing it). Round 21: "j'ai fait une tentative en 2019,
    j'avais avalé toute ma boîte ... depuis c'était lui qui me tenait" opened a suicide emergency, and "c'est juste
    que le kratom me fait plus rien pour le moral, vous savez si c'est normal?" two messages later got its answer
    (batch dn); so did "e ko có ý định gì đâu ạ, chỉ là buồn" after "hồi đó ... mẹ e thấy ảnh tím tái" (batch g).
    A message that says something of danger (_confirms), a short reply or details still go on with it. Round 24:
    UNCONFIRMED_NEAR after an unconfirmed possible emergency (see _unconfirmed)."""
    if open_.cues.has("past"):
        return 0
    return UNCONFIRMED_NEAR if unconfirmed else OPEN_NEAR


def _may_be_dismissed(reading: Reading) -> bool:
    """Round 21: whether the conversation can answer the message below its own tier, so that it opens nothing for the
    messages after it: a phrase the model doubts in a calm conversation (_a_doubt_in_a_calm_conversation), a goodbye
    in an ordinary departure. Until round 20 the message itself got no answer but still opened the emergency its
    own reading had, and the next replies inherited it: "feels like im dying but i know im not, its just the worst
    flu" was set aside, and "not gonna do anything stupid dont worry, just need to vent" two messages later was asked
    whether someone is in danger (batch ca); "no quiero hacerme daño ni nada" (set aside), then "mi sponsor dice q
    vaya a una reunion hoy" and "ok gracias, voy a ir. bye" were asked it too (batch dd)."""
    return reading.tier != "none"


def _may_be_raised(reading: Reading) -> bool:
    """Whether the conversation can answer the message above its own tier, other than by an emergency already
    open or the model alone: a possible tier (a plan with distress, the model confirming, danger after the
    question), a plan sign (the means after despair), a YES (after the question)."""
    return reading.tier == "possible" or reading.yes or _calls_for_help(reading) or bool(reading.cues.plan_signs())


def _calls_for_help(reading: Reading) -> bool:
    """A message that names an emergency service and says nothing of it being over or not needed: right after the
    possible-emergency question, "ok calling poison control now" or "im calling 911" answers it as YES does. Asked
    the question again, the texter who is already dialling would get the question twice and no first aid."""
    return (
        reading.cues.has("service")
        and not reading.cues.has("resolved")
        and not reading.cancelled
        and not reading.opens_with_no
        and not reading.cues.cancels_model("medical")
    )


@lru_cache(maxsize=4096)
def read(text: str, lexicon: Lexicon) -> Reading:
    """One message on its own (cached: a conversation's earlier messages are re-read each turn)."""
    book = _book(lexicon)
    text = unglued(text, book.index, lambda pieces: _holds_danger(pieces, book))
    prepared = Prepared(text, book.index, clause_end())
    cues = context_module.Cues.none()
    if not prepared.words:
        return Reading("none", None, (), (), cues, None, False, 0.0, "medical")
    score, model_kind = model_module.score(text)
    yes = _is_yes(prepared.words, book)
    denies = _is_bare_no(prepared.words, book)
    opens_with_no = denies or any(prepared.words[:size] in book.no_answers for size in (1, 2, 3))
    if yes or denies:
        # An answer, not a state: "no" is made of words the model learned inside emergencies ("no pulse") and
        # scored 0.94 alone, which then confirmed the very emergency the texter was saying no to.
        score = 0.0
    keyword = book.whole[SIGNS_KEYWORDS].get(prepared.words)
    if keyword is not None:
        return Reading("none", None, (), (), cues, keyword, yes, score, model_kind, size=_size(prepared))
    found = prepared.find()
    questions = [m for m in found if m.context == QUESTIONS]  # where the message asks, "?" or not: never a cue
    withdrawal = [m for m in found if m.context == WITHDRAWAL]  # the texter names withdrawal: never a cue either
    tomorrow = any(m.context == TOMORROW for m in found)  # when the texter's next step is: never a cue
    found = [m for m in found if m.context not in (QUESTIONS, WITHDRAWAL, TOMORROW)]
    notes: list[str] = [  # after find(): the typo lookup records the words it took as written
        f"{typed!r} is a word of its own ({language}), not a typo of {phrase!r}"
        for typed, phrase, language in dict.fromkeys(prepared.own_words)
    ]
    found = _noting(found, _without_vietnamese_in_another_language(found, text, lexicon), _NOT_VIETNAMESE, notes)
    emergencies = [m for m in found if m.context in book.kind_of]
    negations = [m for m in found if m.context == NEGATIONS]

    # An idiom that holds a danger phrase ("dying to try", 难受得想死) takes back that phrase, not the next one.
    idioms = {n for n in negations if any(context_module.inside(e.chars, n.chars) for e in emergencies)}
    intents = [m for m in found if m.context == _INTENT]

    def cancels(negation: Match, match: Match) -> bool:
        if negation in idioms and not negation.chars[0] < match.chars[1] <= negation.chars[1]:
            return False
        if _a_will_after(negation, match, intents):
            return False
        return _cancels(prepared, negation, match) and not _laugh_before_danger(negation, match, score)

    # Suicide signs follow the negations too ("... wkwk" after "I'll jump off the 10th floor").
    found = [m for m in found if m.context not in _SUICIDE_SIGNS or not any(cancels(n, m) for n in negations)]
    # A frame ("I'm a nurse", "it was a prank") taken back by "but" and a danger the model does not doubt.
    unnegated = [m for m in emergencies if not any(cancels(n, m) for n in negations)]
    found = _noting(
        found,
        _without_recoveries_taken_back(
            found, emergencies, score >= MODEL_POSSIBLE, unnegated if score >= MODEL_DOUBTS else []
        ),
        "taken back by a relapse after it, or by 'but' and the danger after it",
        notes,
    )
    found = _noting(
        found,
        _without_animals_beside_a_person(found, emergencies, prepared.clause),
        "the one in danger is the person named",
        notes,
    )
    # "no es broma", "not a joke": a recovery or a story negated is no context ("was a joke but it is no joke").
    found = _noting(
        found,
        [m for m in found if m.context not in _NEGATABLE_CUES or _cue_negated(prepared, m, book) is None],
        "negated, so no context",
        notes,
    )
    found = _noting(
        found,
        [m for m in found if m.context != _NOW or not _asked_not_urged(m, emergencies, prepared)],
        "in a question with no danger of its own, so no urgency",
        notes,
    )
    found = _noting(found, _without_signs_taken_away(found), "inside a recovery: the means taken away", notes)
    found = _noting(
        found,
        _without_recoveries_asked_about(found, unnegated, prepared, questions),
        "a recovery asked about beside a danger told: a question, not a recovery",
        notes,
    )
    found = _noting(found, _without_urgency_in_a_frame(found), "inside a hypothetical: preparing, not now", notes)
    found = _noting(
        found, _without_urgency_in_a_memory(found, emergencies), "inside a memory: remembered, not now", notes
    )
    staying = _without_others_leaving(found, prepared)
    others_left = len(staying) < len(found)
    found = _noting(found, staying, "someone else's departure: the texter stays", notes)
    laughs = _laughs(negations, _contrasts(found))
    cues = context_module.Cues.of(found, emergencies)
    cancelled: dict[Match, Match] = {}
    nows = cues.of_kind("now")
    for match in emergencies:
        by = None
        for negation in negations:
            if cancels(negation, match):
                if not _between(nows, negation, match):
                    by = negation
                    break
                notes.append(f"negation {negation.phrase!r} set aside for {_named(match)}: urgency comes between them")
        if by is not None:
            cancelled[match] = by
    for match in emergencies:  # "he's not blue", "no está morado": a bare negator inside or just before the phrase
        by = None if match in cancelled else _negated(prepared, match, book)
        if by is None and match not in cancelled:  # "not really suicidal", "pas du tout une overdose"
            by = _negated_across_a_gap(prepared, match, book, nows)
        if by is not None:
            cancelled[match] = by
    for match in emergencies:  # a phrase inside a cancelled one goes with it ("if someone is having a seizure")
        outer = next((c for c in cancelled if c is not match and context_module.inside(match.chars, c.chars)), None)
        if match not in cancelled and outer is not None:
            cancelled[match] = cancelled[outer]
    live = [m for m in emergencies if m not in cancelled]
    context_cancel = cues.cancelling(live)
    if context_cancel is None:
        context_cancel = _past_inside(live, cues, prepared)
    urgent = cues.has("now") and not cues.has("resolved")  # "now" outweighs past, fiction, hypothetical
    if urgent and context_cancel is not None and _now_only_after_the_danger(nows, live, emergencies, score):
        notes.append(f"urgency told only after {_named(live[0])}, with no danger after it: how things are now")
        urgent = False
    ingested = False
    after_a_what_if = False  # `_danger_told_after_a_what_if`: the question, which the model's score does not raise
    asked_only = False  # a suicide phrase kept after a cue the model does not outweigh: the question, not the answer
    if context_cancel is not None and _arrival_then_danger(context_cancel, live, cues):
        notes.append(f"{_named(context_cancel)} only says help has arrived; the danger told after it goes on")
        context_cancel = None
    if context_cancel is not None and not urgent:  # a recovery is never outweighed by urgency alone: see _relapse
        if _frame_told_after(context_cancel, live, cues, prepared):
            notes.append(f"{_named(context_cancel)} is told after the danger, in a later clause: it does not cancel it")
            context_cancel = None
        elif _fine_for_now(context_cancel, live, cues, nows, _contrasts(found), prepared, _substances(lexicon)):
            notes.append(f"{_named(context_cancel)} is how they are now, after a swallowing: it does not cancel it")
            context_cancel = None
            ingested = True
        elif _relapse(context_cancel, live, cues, nows):
            notes.append(f"{_named(context_cancel)} is told before an urgency and the danger: it does not cancel it")
        elif _someone_named_after(context_cancel, live, cues, score, prepared):
            notes.append(
                f"{_named(context_cancel)} asks in general; the danger told after it names someone, and the model "
                f"reads it as danger ({score:.2f} >= {MODEL_AGAIN}): it does not cancel it"
            )
        elif not laughs and _someone_watching(context_cancel, live, cues, prepared):
            notes.append(
                f"{_named(context_cancel)} is what the person named before it was doing; the danger told after it is "
                "theirs, now: it does not cancel it"
            )
            context_cancel = None
        elif _again(context_cancel, live, score, prepared):
            notes.append(
                f"{_named(context_cancel)} is told before the danger, which the model reads as danger "
                f"({score:.2f} >= {MODEL_AGAIN}): it does not cancel it"
            )
        elif _past_told_after(cues, live, score, prepared):
            notes.append(
                f"{_named(context_cancel)} is told after the danger, in a later clause, and the model reads the "
                f"message as danger ({score:.2f} >= {MODEL_PAST_AFTER}): it says when something else happened"
            )
        elif _someone_in_danger_then_a_hypothetical(context_cancel, live, cues, prepared, negations):
            asked_only = True
            notes.append(
                f"{_named(context_cancel)} is told after someone's danger in the same breath: it may ask about them, "
                "so it is asked about, not set aside"
            )
        elif told_after_a_what_if := _danger_told_after_a_what_if(
            context_cancel, live, cues, prepared, score, questions
        ):
            # Asked, not the full answer, even where the model is sure (Reading.after_a_what_if): "tem como saber se é
            # overdose? tipo olho revirado, não acorda" (0.95) may list the signs it asks about; someone named after
            # the question is `_someone_named_after`'s full answer. What was taken, told after the question, is an
            # event and not a sign asked about: with the model's MODEL_AGAIN, the full answer.
            asked_only = score < MODEL_AGAIN or not _taken_told_after_a_what_if(cues, prepared, _substances(lexicon))
            after_a_what_if = True
            live = told_after_a_what_if
            context_cancel = None
            notes.append(
                "a danger told as a statement after a question that only asks 'what if': it may be now, so it is asked"
            )
        elif _suicide_told_after(context_cancel, live):
            asked_only = score < MODEL_AGAIN
            live = [m for m in live if m.context == KIND_CONTEXTS["suicide"]]
            notes.append(
                f"{_named(context_cancel)} is told before a suicide phrase: it does not cancel it"
                + (f" (the model's {score:.2f} < {MODEL_AGAIN}: asked)" if asked_only else "")
            )
        elif _a_memory_after_a_wish(context_cancel, live, nows):
            live = [m for m in live if m.context == KIND_CONTEXTS["suicide"]]
            notes.append(f"{_named(context_cancel)} is a memory told after a suicide phrase: it does not cancel it")
        else:
            cancelled.update({m: context_cancel for m in live})
            live = []
    verdict = _verdict(live, book)
    size = _size(prepared)
    doubted = False
    if verdict is not None:
        now_between = context_cancel is not None and any(_between(nows, context_cancel, m) for m in live)
        model_doubts = 0.0 < score < MODEL_DOUBTS and size >= DOUBT_MIN_WORDS
        two_apart = model_doubts and _two_signs_apart(live, cues, prepared, context_cancel, score)
        intended = (
            model_doubts and score >= MODEL_DISMISSES and _suicide_with_an_intention(verdict, live, cues, prepared)
        )
        named_and_asked = model_doubts and _someone_named_in_danger(verdict, live, cues, prepared, score, laughs)
        if cues.has("pet") and verdict.kind == "medical" and not _suicide_signs(cues):
            tier: Tier = "pet"  # an animal is not suicidal: "gave my dog away, took all my pills, goodbye" is a person
        elif asked_only:
            tier = "possible"
        elif (
            context_cancel is not None
            and context_cancel.context != _PAST
            and not now_between
            and not _suicide_asked_for_oneself(verdict, live, cues, context_cancel, urgent)
        ):
            tier = "possible"  # fiction or a hypothetical, but "now" too: ask
        elif (
            not ingested
            and model_doubts
            and not _suicide_with_a_plan(verdict, live, cues, prepared)
            and not intended
            and not two_apart
            and not _now_after_a_frame(nows, negations, live)
            and not (score >= MODEL_DISMISSES and _now_then_danger(nows, live, cues))
            and not named_and_asked
        ):
            tier = "possible"  # the phrase says danger, the model (which has an opinion) disagrees: ask
            doubted = True
            if score < MODEL_DISMISSES and size >= DISMISS_MIN_WORDS and not _plan_or_means(cues):
                verdict, tier = None, "none"
                notes.append(
                    f"the model reads this long message as nothing like danger ({score:.2f} < {MODEL_DISMISSES}): "
                    f"{_named(live[0])} alone does not make it one"
                )
        else:
            tier = "full"  # no context cue; or it happened before and is happening again now
            if context_cancel is not None and urgent:
                where = "after it and before the danger" if now_between else "in the message"
                notes.append(f"urgency {where} outweighs {_named(context_cancel)}: it is happening now")
            elif two_apart:
                notes.append(f"the model's doubt ({score:.2f}) set aside: two danger phrases, in clauses of their own")
            elif intended:
                notes.append(
                    f"the model's doubt ({score:.2f}) set aside: a suicide phrase with an intention of its own"
                )
            elif named_and_asked:
                notes.append(f"the model's doubt ({score:.2f}) set aside: a named person's danger, asked about")
            elif model_doubts:
                notes.append(f"the model's doubt ({score:.2f}) set aside: urgency puts the danger after the question")
    else:
        verdict, tier = _intent(cues, book, _pills_shown(text))
        if verdict is not None and _an_ordinary_goodbye(cues, score):
            goodbye, leaving = cues.of_kind("plan")[0], cues.of_kind("leaving")[0]
            notes.append(f"{_named(goodbye)} beside {_named(leaving)}: an ordinary goodbye, not a plan")
            verdict, tier = None, "none"
        plan_signs = cues.plan_signs()
        if verdict is None and plan_signs and model_kind == "suicide" and score >= MODEL_CONFIRMS:
            # One sign of a plan (the means, a place) that the model reads as suicide without doubt: "on the
            # bridge now", "tengo la soga lista". The rule's possible tier, which the model's score makes full.
            first = plan_signs[0]
            verdict, tier = Verdict("suicide", first.phrase, (first.language,), (first.language,)), "possible"
            notes.append(f"one sign of a plan ({first.phrase!r}) that the model reads as suicide ({score:.2f})")
        plan_cancel = cues.cancelling(plan_signs)
        if verdict is not None and plan_cancel is not None and not urgent:
            if _again(plan_cancel, plan_signs, score, prepared):
                notes.append(
                    f"{_named(plan_cancel)} is told before the plan, which the model reads as danger "
                    f"({score:.2f} >= {MODEL_AGAIN}): it does not cancel it"
                )
            elif _arrival_without_help(plan_cancel, cues):
                notes.append(
                    f"{_named(plan_cancel)} names no help that arrived (no emergency service in the message): it "
                    "may be the means that is here, and it does not cancel the plan"
                )
            elif _means_got_before(plan_cancel, cues, model_kind, score):
                notes.append(
                    f"{_named(plan_cancel)} says when the means was got; the model reads it as suicide "
                    f"({score:.2f} >= {MODEL_CONFIRMS}): it is still there"
                )
            elif _intent_after_the_past(plan_cancel, cues, prepared):
                notes.append(f"{_named(plan_cancel)} says when the plan was made; an intention told after it is ahead")
            elif _past_told_after(cues, plan_signs, score, prepared):
                notes.append(
                    f"{_named(plan_cancel)} is told after the plan, in a later clause, and the model reads the "
                    f"message as danger ({score:.2f} >= {MODEL_PAST_AFTER}): it says when something else happened"
                )
            elif _a_plan_told_beside_a_question(plan_cancel, cues, prepared, questions, score, book):
                notes.append(
                    f"{_named(plan_cancel)} asks, in a clause of its own, about something else; the plan is told "
                    f"in clauses that do not ask, and the model reads the message as danger ({score:.2f} >= "
                    f"{MODEL_AGAIN}): it does not cancel it"
                )
            else:
                verdict, tier = None, "none"
    laughs_after = laughs and _a_laugh_after_the_danger(negations, live, cues)
    # Withdrawal named in the danger's own language, or in English words mixed into any language ("withdrawal hari ke
    # 4 ni buat aku nak mati"): Malay "gian" (craving) is also the end of Vietnamese "thời gian" (time), and another
    # language's topic word says nothing of how this texter feels.
    of_withdrawal = verdict is not None and any(m.language in (*verdict.languages, SOURCE_LANGUAGE) for m in withdrawal)
    if verdict is not None and _hyperbole_the_model_dismisses(
        verdict, tier, live, cues, score, laughs_after or of_withdrawal, _contrasts(found)
    ):
        notes.append(
            f"the model reads this as nothing like danger ({score:.2f} < {MODEL_HYPERBOLE}), told "
            + ("with a laugh after it" if laughs_after else "of withdrawal")
            + f" and no sign of a plan, the means, an intention or urgency: {verdict.phrase!r} is how it feels"
        )
        verdict, tier = None, "none"
    # Violence now, read from two signs of it: over no verdict, a medical question, or a suicide question that only
    # the means or a plan sign raised ("bawa golok" read as a blade at hand; "ngunci diri" as locking oneself in).
    questioned = verdict is not None and tier == "possible" and (verdict.kind == "medical" or not live)
    if (verdict is None or questioned) and not cues.cancelling(cues.of_kind("threat")):
        threat = _violence_now(cues, negations, cancels)
        if threat is not None:
            notes.append(f"{_named(threat[0])} and {_named(threat[1])}: violence against someone now")
            verdict = Verdict("medical", threat[0].phrase, (threat[0].language,), (threat[0].language,), violence=True)
            tier = "full"
    laughed_off = (
        _suicide_laughed_off(cancelled, negations, cues, withdrawal, book, cancels, prepared)
        if verdict is None
        else None
    )
    if laughed_off is not None:
        notes.append(
            f"{_named(laughed_off)} is taken back only by a laugh after it, with no frame, story or withdrawal named: "
            "a laugh may hide it, so it is asked"
        )
        verdict, tier = (
            Verdict("suicide", laughed_off.phrase, (laughed_off.language,), (laughed_off.language,)),
            "possible",
        )
    again = _done_again(cancelled, negations, cues, intents, book, prepared) if verdict is None else None
    if again is not None:
        match, tier = again
        notes.append(
            f"{_named(match)} is told of the past, and a later sentence says it will be done again, with a will or "
            "'now' and no denial: it is told of now"
        )
        verdict = Verdict("suicide", match.phrase, (match.language,), (match.language,))
    cry = _a_cry_alone(prepared.words, book) if verdict is None else None
    if cry is not None:
        written, languages = cry
        notes.append(f"{written!r} is the whole message: a cry for help with nothing else said, so it is asked")
        verdict, tier = Verdict("medical", written, languages, languages), "possible"  # each list has it whole
    live_and_cancelled = (tuple(live), tuple(cancelled.items()))
    return Reading(
        tier,
        verdict,
        *live_and_cancelled,
        cues,
        keyword,
        yes,
        score,
        model_kind,
        doubted,
        size,
        prepared.asks,
        denies,
        opens_with_no,
        tuple(dict.fromkeys(notes)),  # a marker negation ("... lol") is listed in every language: noted once
        _DIGIT.search(text) is not None,
        laughs,
        others_left,
        after_a_what_if,
        _INNER_NAME.search(text) is not None,
        tomorrow,
        prepared.words in book.cries.get(PLEAS, {}),
    )


def _holds_danger(text: str, book: _Book) -> bool:
    """Whether `text` alone holds an emergency phrase (a run-on word's pieces: danger.index.unglued)."""
    return any(m.context in book.kind_of for m in Prepared(text, book.index, clause_end()).find())


# An address, a room, a time (Reading.details): a digit that starts a number. Not one written after a letter,
# which is Indonesian and Malay reduplication ("pelan2", "tiba2", "kejang2") or shorthand ("b4", "gr8").
_DIGIT = re.compile(r"(?<![^\W\d_])\d")
# A word written with a capital and then small letters, not at the start of the message or of a sentence: a place or a
# person named ("kampung Titi Gajah", "at St Lukes"), which the model has seldom seen and scores as nothing like danger.
_INNER_NAME = re.compile(r"(?<![.!?]\s)(?<=\s)[^\W\d_](?<=[A-ZÀ-ÖØ-Þ])[a-zß-öø-ÿ]")


def _violence_now(
    cues: context_module.Cues, negations: list[Match], cancels: Callable[[Match, Match], bool]
) -> tuple[Match, Match] | None:
    """Two signs of violence against someone now, apart in the message: a threat to kill, a weapon in hand, the door
    attacked, hiding from the attacker ("he has a knife and says he's gonna kill me, I'm locked in the bathroom").
    One alone is not one: "my mum will kill me if she finds my stash". A negation over a sign ("gonna kill me"
    among the idioms) takes back neither it nor the next, the second sign is what says it is meant; a marker ("... lol")
    or one before it ("not literally") does."""
    found = cues.of_kind("threat")
    others = [n for n in negations if _apart(n, found)]
    signs = [m for m in found if not any(cancels(n, m) for n in others)]
    for first in signs:
        for second in signs:
            if first.chars[1] <= second.chars[0]:
                return first, second
    return None


def _noting(before: list[Match], after: list[Match], why: str, notes: list[str]) -> list[Match]:
    """`after`, with a note for each cue of `before` it no longer holds (for triage). `after` is always `before`
    filtered, so the same length means nothing was set aside (most messages: no set to build)."""
    if len(after) == len(before):
        return after
    kept = set(after)
    notes.extend(f"{_named(m)} set aside: {why}" for m in before if m not in kept)
    return after


def _named(match: Match) -> str:
    kind = _KIND_NAMES.get(match.context, "phrase")
    return f"{kind} {match.phrase!r} ({match.language})"


_SUICIDE_SIGN_KINDS = ("plan", "means", "intent")
_SUICIDE_SIGNS = frozenset(context_module.CONTEXTS[kind] for kind in _SUICIDE_SIGN_KINDS)


def _plan_or_means(cues: context_module.Cues) -> bool:
    return cues.has("plan") or cues.has("means")


_HYPERBOLE_SIGNS = ("means", "intent", "now", "threat", "relapse", "service", "distress")


def _hyperbole_the_model_dismisses(
    verdict: Verdict,
    tier: Tier,
    live: list[Match],
    cues: context_module.Cues,
    score: float,
    told_lightly: bool,
    contrasts: list[Match],
) -> bool:
    """A danger phrase said as hyperbole: the texter laughs after it ("if the boss makes us work sunday im jumping off
    the building haha", "vou me matar se reprovar de novo kkkk") or names withdrawal ("day 3 of withdrawal, i want to
    die", "cai kratom ngày 3 muốn chết luôn", "parang mamamatay na ako sa withdrawal"), the model reads the whole
    message as nothing like danger (under MODEL_HYPERBOLE, with an opinion), and nothing else in it is a sign: no
    means, intention, urgency, threat, relapse, emergency service or despair outside the phrase, no plan cue but the one
    that alone raised the question, and no "but" after the danger, which may turn to what is serious. The long-message
    dismissal (MODEL_DISMISSES from DISMISS_MIN_WORDS) did this only from 20 words; these messages are short.
    Round 26 (tuner D), on the tunable files: about twenty false alarms (a joke about the boss, an exam or the team;
    withdrawal misery) in vi, tl, ms, en and the other languages, and no emergency: those told with a laugh ("jajaja no
    ya en serio no respira") have "en serio", "no es broma" (urgency) or a laugh only before the danger."""
    if tier not in ("full", "possible") or verdict.violence or not told_lightly or not 0.0 < score < MODEL_HYPERBOLE:
        return False
    dangers = live or cues.plan_signs()
    if dangers and any(c.chars[0] > min(m.chars[0] for m in dangers) for c in contrasts):
        return False
    # The danger itself: its live phrases, or (none live) the plan cue that alone raised the question. A cue inside it
    # is the same words read again ("tatalon" is a plan and an intention cue), not another sign.
    raised = [c for c in cues.plan_signs() if c.phrase == verdict.phrase] if not live else []
    itself = live or raised[:1]
    outside = [c for c in cues.matches if not any(context_module.inside(c.chars, m.chars) for m in itself)]
    kinds = {context_module.kind_of(c.context) for c in outside}
    return not kinds & {*_HYPERBOLE_SIGNS, "plan"}


def _a_laugh_after_the_danger(negations: list[Match], live: list[Match], cues: context_module.Cues) -> bool:
    """A laugh written after the danger phrase (or the plan cue that alone raised it) begins: "kalau boss tak bagi
    cuti aku terjun bangunan hahaha". A laugh only before it may be the laugh a texter takes back ("HAHAHA no,
    seriously, he isn't breathing"): it does not make the danger hyperbole."""
    dangers = live or cues.plan_signs()
    if not dangers:
        return False
    start = min(m.chars[0] for m in dangers)
    return any(_a_laugh(n) and n.chars[1] > start for n in negations)


def _suicide_with_a_plan(verdict: Verdict, live: list[Match], cues: context_module.Cues, prepared: Prepared) -> bool:
    """A suicide phrase told with a sign of a plan in words of its own, the means or a plan cue apart from the phrase:
    "voy a mezclar todo el kratom con los clonas para dormirme para siempre" (the phrase, the means). Two signs that
    agree are not the phrase alone that a long message's context may take back: the model's doubt (under
    MODEL_DOUBTS) does not make them a question, as it never dismisses them (round 18, batches da and dg). The sign
    must be told in one clause: "tak boleh tido. berapa lama lagi" is no "tido lama" (sleep long)."""
    return verdict.kind == "suicide" and any(
        _apart(sign, live) and prepared.clause[sign.words[0]] == prepared.clause[sign.words[1] - 1]
        for sign in cues.plan_signs()
    )


def _someone_named_in_danger(
    verdict: Verdict, live: list[Match], cues: context_module.Cues, prepared: Prepared, score: float, laughs: bool
) -> bool:
    """A medical danger phrase told of a person the texter names before it in the same clause, with a question asked
    in that clause or after it: "mon frère est tout bleu, c'est quoi le numéro ici ??", "es normal que mi roomie
    tenga los labios grises?". The model doubts such messages for the question, but a question asked about a named
    person's danger state, or after telling it (is this normal, which number, what do I do), asks for help with it
    now: the doubt (under MODEL_DOUBTS) does not lower it to the question (round 25, tune-D). A question asked before
    the danger may be the general one the rest answers ("¿es como la heroína? mi mamá ... piensa que se va a morir"),
    and a message that asks nothing may tell a past event the lists did not read ("no carnaval meu amigo desmaiou"):
    those stay doubted, as do a frame, an animal, a laugh, and a score under MODEL_DISMISSES."""
    if verdict.kind != "medical" or score < MODEL_DISMISSES or laughs or not prepared.asking:
        return False
    if any(cues.has(kind) for kind in (*context_module.CANCELLING, "pet")):
        return False
    return any(
        person.chars[1] <= danger.chars[0]
        and prepared.clause[person.words[0]] == prepared.clause[danger.words[0]]
        and any(asked >= prepared.clause[danger.words[0]] for asked in prepared.asking)
        for person in cues.of_kind("person")
        for danger in live
    )


def _suicide_with_an_intention(
    verdict: Verdict, live: list[Match], cues: context_module.Cues, prepared: Prepared
) -> bool:
    """A suicide phrase told with an intention in words of its own, an intent cue apart from the phrase and inside one
    clause: "hoy en la noche me mato, ya sé cómo" (I know how), "je vais me couper jusqu'à ce que ..." (going to).
    As with the means or a plan cue (_suicide_with_a_plan), two signs that agree are not the phrase alone that a long
    message's context may take back: the model's doubt (under MODEL_DOUBTS) does not make them a question (round 25,
    tune-D: on the tunable files it gave the full answer to 4 suicides the model doubted, and to no safe text: the
    doubted jokes and idioms had no such cue). A laugh or a negation has already taken the phrase back before this
    is asked; under MODEL_DISMISSES a long message is still dismissed (a quote about a football match, a story of
    years ago))."""
    return verdict.kind == "suicide" and any(
        _apart(sign, live) and prepared.clause[sign.words[0]] == prepared.clause[sign.words[1] - 1]
        for sign in cues.of_kind("intent")
    )


def _two_signs_apart(
    live: list[Match], cues: context_module.Cues, prepared: Prepared, context_cancel: Match | None, score: float
) -> bool:
    """Two danger phrases told in two clauses of their own, neither a service's name, in a message no context cue
    frames: "mắt nó mở mà ko chớp, ko cử động gì từ nãy". Two signs that agree are not one phrase a long message's
    other words may take back: the model's doubt (under MODEL_DOUBTS) does not make them a question, as for a suicide
    phrase with a plan (round 19, batch di); under MODEL_DISMISSES they still are (a life story). A frame outweighed by
    urgency still leaves the question ("il y a un an ... depuis je ne dors plus, je le revois tout gris")."""
    if context_cancel is not None or score < MODEL_DISMISSES:
        return False
    services = cues.of_kind("service")
    signs = [m for m in live if not any(context_module.inside(m.chars, s.chars) for s in services)]
    clauses = {prepared.clause[m.words[0]] for m in signs if _apart(m, [o for o in signs if o.chars != m.chars])}
    return len(clauses) >= 2


def _suicide_asked_for_oneself(
    verdict: Verdict, live: list[Match], cues: context_module.Cues, frame: Match, urgent: bool
) -> bool:
    """Round 24: a suicide phrase asked as a question ("how many grams for the heart to stop?", a hypothetical cue),
    with urgency that says it is the texter's own ("it's for me") and, in words of their own, an intention or despair
    ("tonight", "I can't take it anymore"). The question is the plan: the full answer, not one more question. A
    general question has no urgency cue, and a story or a film told with "now" and no intention of the texter's stays
    a question."""
    if verdict.kind != "suicide" or not urgent or frame.context == _FICTION:
        return False
    signs = [*cues.of_kind("intent"), *cues.of_kind("distress")]
    return any(_apart(sign, [*live, frame]) for sign in signs)


def _suicide_signs(cues: context_module.Cues) -> bool:
    return any(cues.has(kind) for kind in _SUICIDE_SIGN_KINDS)


def _apart(match: Match, others: list[Match]) -> bool:
    """Whether `match` shares no character with any of `others` (cues found in the same message)."""
    return all(match.chars[1] <= other.chars[0] or match.chars[0] >= other.chars[1] for other in others)


def _an_ordinary_goodbye(cues: context_module.Cues, score: float) -> bool:
    """A goodbye and nothing else of a plan (no means, no despair) beside an ordinary departure: "last day at the
    factory, selamat tinggal!", "c'est mon dernier message sur ce numéro, nouveau numéro dès lundi". Goodbyes were
    rounds 9 and 10's largest source of false alarms on batches never read (bn, bp): a move, a trip, a last shift."""
    goodbyes = {m.phrase for m in cues.of_kind("plan")}
    return (
        cues.has("leaving")
        and 0 < len(goodbyes) <= (ORDINARY_GOODBYES + 1 if score < CONFIRMS_MODEL else ORDINARY_GOODBYES)
        and not cues.has("means")
        and not cues.has("distress")
    )


ORDINARY_GOODBYES = 1  # how many distinct goodbye cues an ordinary departure can take back (one more in a message
# the model reads as safe, under CONFIRMS_MODEL: "tapos na rehab program ko! paalam po at salamat sa lahat", round 16:
# 5 decisions better, 0 worse on the tunable batches; for any message, 18 better and 9 worse, all missed suicides)


def _an_ordinary_departure(conversation: list[Reading]) -> bool:
    """A conversation that tells of an ordinary departure (a leaving cue in any of its messages: a job abroad, a
    move, a new number, rehab without a phone) and has no danger phrase, means, intention or despair in any message,
    and few goodbyes: "6 months clean, moving to portland next week, new number" then "so this is goodbye!" and
    "take care, bye". Each message alone is read on its own words (see _an_ordinary_goodbye); this reads the
    goodbye with the reason told two messages earlier. Safe farewells told over several messages were about 40% of
    the false alarms on round 13's conversation batches (cc, ce, cg, ci, ck)."""
    if not any(reading.cues.has("leaving") for reading in conversation):
        return False
    goodbyes: set[str] = set()
    for position, reading in enumerate(conversation):
        if reading.matches or reading.cues.has("means") or reading.cues.has("distress") or _violence_told(reading):
            return False
        if _a_plan_the_model_is_sure_of(reading) or _death_beside_a_plan(reading):
            return False
        said = {m.phrase for m in reading.cues.of_kind("plan")}
        if len(said) > ORDINARY_GOODBYES + _a_farewell_told_apart(conversation[:position], reading):
            return False  # two signs of a plan in one message ("a letter for mum, the cat to a pal")
        goodbyes |= said
    return len(goodbyes) <= ORDINARY_CONVERSATION_GOODBYES


def _things_done(reading: Reading) -> list[Match]:
    """The message's plan cues told as a thing done or ready, not inside an intention cue (a word of leaving)."""
    intents = reading.cues.of_kind("intent")
    return [plan for plan in reading.cues.of_kind("plan") if _apart(plan, intents)]


def _a_plan_the_model_is_sure_of(reading: Reading) -> bool:
    """Round 24: a plan cue told as a thing done or ready (not inside an intention cue, so not a word of leaving: "the
    pills are counted", "everything is ready"), in a message the model reads as suicide from MODEL_CONFIRMS. No
    departure explains it away: quitting kratom is a leaving cue ("cai kratom", "off kratom"), and "tối nay e đi.
    thuốc mua đủ rồi" (tonight I go, the pills are bought) after it was silenced as an ordinary goodbye (batch dr).
    A farewell the model reads as suicide ("ni mesej terakhir aku, selamat tinggal", batch cm) has only words of
    leaving, and stays an ordinary departure."""
    return bool(_things_done(reading)) and reading.model_kind == "suicide" and reading.model >= MODEL_CONFIRMS


def _death_beside_a_plan(reading: Reading) -> bool:
    """Round 24: a suicide phrase that a softener or negation set aside ("nhiều lúc nghĩ chết quách", sometimes I think
    of just dying) beside a plan cue told as a thing done or wanted, not a word of leaving ("cho xong", to be done with
    it): a wish to die, not a goodbye, and no departure explains it away. Quitting kratom is a leaving cue, and "nhieu
    luc nghi chet quach di cho xong" after "cai kratom ma cai hoai ko duoc" was silenced as a farewell (batch dr). A
    denial beside words of leaving ("not trying to kill myself lol, just saying goodbye") stays one."""
    return bool(_things_done(reading)) and any(
        phrase.context == KIND_CONTEXTS["suicide"] for phrase, _ in reading.cancelled
    )


ORDINARY_CONVERSATION_GOODBYES = 3  # goodbye cues a whole farewell can hold ("adieu", "bye", "merci pour tout")


def _a_farewell_told_apart(earlier: list[Reading], reading: Reading) -> int:
    """One more goodbye cue in a message when the departure was told in an earlier message and this one tells none of
    its own, and either
    - (round 19) every plan cue of this one is a word of leaving (an intention cue too: "goodbye", "my last
      message"), not a thing done (a letter written, the doors shut, the engine left running): "ito na po yung huling
      text ko sa inyo. paalam na po" (my last text, goodbye) after "aalis na po ako papuntang Dubai bukas" (batch cm)
      is one farewell; or
    - (round 24) the model reads it as safe (under MODEL_DOUBTS): the allowance a goodbye beside its departure already
      has (_an_ordinary_goodbye), for a departure told a message or two before. "paalam po at salamat sa lahat"
      (goodbye, and thanks for everything) after "papuntang Dubai sa sabado, may trabaho na ko" (batch cc) got the
      full answer, and the "ingat kayo" after it inherited it.
    Round 26: the departure told in an earlier message counts even where this message names its own leaving too
    ("chac day la tin nhan cuoi cung cua em o day. tam biet" (my last message here, goodbye) after "thang sau em di
    Nhat lam thuc tap sinh", batch ci: "cuối cùng của em ở đây" is a word of leaving): until now that word took away
    the allowance, and the farewell got the full answer, the good wishes after it too. The guards of
    _an_ordinary_departure (no phrase, means, despair, threat, or plan the model is sure of) are unchanged."""
    departure_told_before = any(r.cues.has("leaving") for r in earlier)
    return int(departure_told_before and (not _things_done(reading) or reading.model < MODEL_DOUBTS))


def _violence_told(reading: Reading) -> bool:
    """Round 19: a sign of violence now (emergency.threat: a weapon, a threat to kill, the door attacked, hiding) is
    danger the way a phrase is, and no departure takes it back: "his dad is working out of town til friday" (a
    leaving cue) then "im locked in the bathroom with my 12yo, hes banging on the door screaming" was silenced as a
    farewell, and so was "called 911 theyre like 10 min out" after it (batch dj)."""
    return reading.cues.has("threat")


PILLS_SHOWN = re.compile("\U0001f48a(?:[\ufe0f\u200d\\s]*\U0001f48a)+")  # two pill emoji or more in a row


def _pills_shown(text: str) -> bool:
    """Pills shown as emoji, two or more in a row ("done. 💊💊💊 goodnight world", "voilà. 💊💊 bonne nuit tout le
    monde"): a handful of pills, the means, said the same way in every language. Folding drops emoji, so before round
    26 a goodbye to everyone beside them read as nothing at all. One pill emoji is often just "my meds"."""
    return "\U0001f48a" in text and PILLS_SHOWN.search(text) is not None


def _intent(cues: context_module.Cues, book: _Book, pills_shown: bool = False) -> tuple[Verdict | None, Tier]:
    """Suicide without the word, from signs that add up: plan cues (each distinct one), the means, an
    intention, distress. Two plan cues, a plan with distress, or three signs with a plan or the means:
    an emergency; one plan cue, or the means with an intention: possible. Pills shown in emoji (`_pills_shown`)
    are the means, with no words of any language: the verdict then takes the languages of the words beside them."""
    plans = cues.of_kind("plan")
    means = cues.of_kind("means")
    if not plans and not means and not pills_shown:
        return None, "none"
    distinct = {m.phrase for m in plans}
    distress, intent = cues.has("distress"), cues.has("intent")
    signals = len(distinct) + bool(means or pills_shown) + intent + distress
    signs = (*plans, *means) or (*cues.of_kind("intent"), *cues.of_kind("distress"))
    if not signs:
        return None, "none"  # the pills alone: "💊💊 which of these is safe with kratom" asks
    first = signs[0]
    languages = tuple(dict.fromkeys(m.language for m in signs))
    verdict = Verdict("suicide", first.phrase, languages, languages[:1])
    # A plan told with an intention of its own ("je vais tout avaler", "pills are in my hand. this is it"): in
    # round 15 these got only the question unless the model confirmed them. The intention must be words of its own,
    # not the plan's ("goodbye" inside "goodbye everyone", "last text" inside "last text ko na to"), which stay a
    # question.
    intent_apart = any(_apart(m, plans) for m in cues.of_kind("intent"))
    if len(distinct) >= 2 or (distinct and (distress or intent_apart)) or signals >= 3:
        return verdict, "full"
    if distinct or intent or distress:
        return verdict, "possible"  # the means with despair ("cant do this anymore, dads pistol is in the truck"): ask
    return None, "none"


Opening = tuple[Tier, "Verdict | None", bool]  # the tier, its verdict, and whether the conversation dismissed it


def _in_conversation(current: Reading, earlier: list[Reading], openings: tuple[Opening, ...] = ()) -> Assessment:
    """Rule 4: an open emergency stays open until resolved; an animal's conversation stays the animal's;
    a suicide signal becomes an emergency with distress or another plan sign earlier in the conversation."""
    why: list[str] = []
    follow_up = False
    inherited = False  # the tier came from an emergency already open, not from this message
    model_alone = False  # the possible tier came from the model's score alone
    help_arrived = False  # the emergency goes on: help has arrived, nothing yet of the person
    dismissed = False  # the message's own tier set aside by the conversation: it opens nothing for later ones
    open_: Reading | None = None
    open_answered: Verdict | None = None  # the open emergency's verdict as it was answered, when its reading had none
    open_tier: Tier = "none"  # the open emergency's tier as it was answered
    about_pet = False
    plans: set[str] = set()
    distress = False
    quiet = 0  # messages since the open emergency was last confirmed by a sign of danger
    after_opening = 0  # messages since the last one that opened (or re-opened) the emergency, short replies aside
    frame: Match | None = None  # fiction, a hypothetical or the past set earlier ("I'm reading a novel where...")
    recovered = False  # an emergency of the conversation was closed by a recovery, and nothing has opened one since
    denied = False  # an earlier message's danger phrase was cancelled: denied, or told as past ("hace un año se murio")
    walked = () if all(reading.blank for reading in earlier) else earlier  # see Reading.blank
    for position, reading in enumerate(walked):
        # An animal stays the subject for the next two messages ("hes shaking and panting" after "my dog").
        recently = position >= len(earlier) - 2
        about_pet = (
            (about_pet or (reading.cues.has("pet") and not _gives_an_animal_away(reading)))
            and recently
            and not _names_a_person_not_an_animal(reading)
        )
        distress = distress or reading.cues.has("distress")
        plans.update(m.phrase for m in reading.cues.plan_signs())
        framed = frame is not None and _framed(reading)
        previous = earlier[position - 1] if position else None
        denied = denied or (reading.tier == "none" and bool(reading.cancelled) and not reading.matches)
        if _no_to_the_question(previous, reading, open_tier if open_ else "none"):
            open_ = None  # asked whether someone is in danger, the texter said no
            frame = _frame_after(frame, reading, "none")
            continue
        opening, answered = _opening_tier(reading), None
        if position < len(openings) and openings[position][2]:
            opening = "none"  # its own conversation dismissed it when it was answered (round 21)
        elif position < len(openings) and _TIER_ORDER.index(openings[position][0]) > _TIER_ORDER.index(opening):
            opening, answered = openings[position][:2]  # raised by its own conversation when it was answered
        if _after_the_question(previous, reading):
            opening = "full"  # it was answered in full (below): danger again right after the question
        opening_kind, open_kind = _open_verdict(reading, answered).kind, _open_kind(open_, open_answered)
        after_recovery = recovered and open_ is None and _help_after_recovery(reading)  # opens nothing (round 18)
        if opening in OPENS and not _an_animal_s(about_pet, opening_kind) and not framed and not after_recovery:
            replaces = open_ is None or _TIER_ORDER.index(opening) >= _TIER_ORDER.index(open_tier)
            # "i dont want an ambulance" goes on with a suicide emergency, it does not replace it with a medical one
            if replaces and not _a_service_named_in_a_suicide(reading, open_, open_answered):
                open_, open_tier, open_answered = reading, opening, answered
            quiet, after_opening = 0, 0
            recovered = False
        elif reading.tier == "none" and _closes(reading, open_kind) and not _only_arrival(reading):
            # A laugh after it is relief, and what follows is aftercare as after a recovery (see _relieved).
            recovered = recovered or (
                open_ is not None
                and (reading.cues.has("resolved") or _relieved(reading) or _tomorrow_after_it(reading, open_kind))
            )
            open_ = None
        elif open_ is not None:
            if not reading.is_short:  # "ok", "sorry" neither confirm the danger nor change the subject
                after_opening += 1
                # Details of where or when and a YES (_goes_on) go on with the emergency: not quiet, not danger either.
                quiet = 0 if _confirms(reading) else quiet if _goes_on(reading, open_tier) else quiet + 1
            if quiet > OPEN_QUIET:
                open_ = None
        frame = _frame_after(frame, reading, open_tier if open_ is not None else "none")
    # How each earlier message was answered on its own: its rules' tier, or the model's question where the model
    # alone asked it. The quiet period reads this: "the neighbour will take the dog, his papers are on the counter"
    # right after a model-alone question was silenced (batch ci).
    recent = tuple("possible" if r.tier == "none" and _model_asks(r, MODEL_POSSIBLE_LATER) else r.tier for r in earlier)
    about_pet = about_pet and not _names_a_person_not_an_animal(current)
    tier, verdict = current.tier, current.verdict
    framed = False  # this message's phrase read inside the conversation's frame: at most the possible tier
    signs = current.cues.plan_signs()
    vets = _an_animal_s(about_pet, _open_kind(open_, open_answered))  # an open medical emergency about an animal
    now_plans = {m.phrase for m in signs}
    calls_for_help = _calls_for_help(current) and not (frame is not None and _framed(current))
    # Round 24: a YES (or a call to an emergency service) while a possible emergency is still open answers its
    # question, however many messages later: the weaker carry-over of an unconfirmed question (_unconfirmed) no longer
    # asks it again on the second message after it, and a YES there must not lose the question it answers.
    yes_to_an_open_question = (current.yes or calls_for_help) and open_ is not None and open_tier == "possible"
    if (
        (current.yes or calls_for_help)
        and earlier
        and (_was_asked(earlier[-1]) or _asked_in_conversation(earlier, openings))
    ):
        tier, verdict = "full", earlier[-1].verdict or Verdict(earlier[-1].model_kind, "YES", (), ())
        why.append(
            "YES after the possible-emergency question: escalated"
            if current.yes
            else "an emergency service called right after the possible-emergency question: a yes, escalated"
        )
    elif yes_to_an_open_question and open_ is not None:
        tier, verdict = "full", _open_verdict(open_, open_answered)
        why.append(
            ("YES" if current.yes else "an emergency service called")
            + " while the possible-emergency question asked earlier is still open: escalated"
        )
    elif _no_to_the_question(earlier[-1] if earlier else None, current, open_tier if open_ else "none"):
        tier, verdict = "none", None
        why.append("a bare no right after the possible-emergency question: nobody is in danger")
    elif tier == "full" and about_pet and verdict is not None and verdict.kind == "medical":
        tier = "pet"
        why.append("the conversation is about an animal")
    elif (
        (tier == "full" or (tier == "possible" and (current.after_a_what_if or current.doubted)))
        and frame is not None
        and _framed(current)
        and not _danger_seen_now(frame, current, earlier)
    ):
        # Round 25: a danger told after a "what if" question is asked only (Reading.after_a_what_if), where a full
        # reading would be framed: inside a story it is read in the story as the full reading is ("paano kung may
        # halong sleeping pills? gaano katagal bago sya mawalan ng malay" after "short story ... eksena").
        # Round 27 (tuner A): so is a phrase the model doubts (Reading.doubted: a full reading lowered to the possible
        # tier, the model under MODEL_DOUBTS): weaker than the full reading, it kept its question where the full one
        # was read in the frame ("pq ele ficou todo roxo e o amigo fez massagem cardiaca" after a telenovela's
        # overdose, "tự nhiên nó xỉu ngang, cả đám hoảng" after a night out last week). On the tunable conversation
        # batches 4 false alarms of calm conversations fewer and no emergency lost.
        framed = True
        # A threat of violence keeps the usual bar: the question with the police number (tests/test_police_numbers.py).
        story = verdict is not None and not verdict.violence and _a_story_told(frame, distress, verdict.kind)
        asks_from = MODEL_OVER_NEGATION if story else MODEL_POSSIBLE_LATER
        tier, verdict = ("possible", verdict) if current.model >= asks_from else ("none", None)
        why.append(f"read in the frame set earlier in the conversation ({frame.phrase!r}), nothing says it is real now")
    elif tier in ("none", "possible") and open_ is not None and not vets:
        open_verdict = _open_verdict(open_, open_answered)
        unconfirmed = _unconfirmed(open_tier, open_verdict, plans | now_plans, distress or current.cues.has("distress"))
        if _only_arrival(current) and open_tier == "full" and not current.asks:
            tier, verdict, inherited, follow_up, help_arrived = "full", verdict or open_verdict, True, True, True
            why.append("help has arrived, nothing yet of the person: the emergency goes on (tell them what was taken)")
        elif current.cues.has("resolved") and not (open_tier == "full" and _arrival_then_danger_told(current)):
            why.append("resolved: help has arrived, the person is recovering, or it was not serious")
        elif tier == "none" and _closes(current, open_verdict.kind):
            why.append("the earlier emergency is read as closed: " + ", ".join(_closing_reasons(current)))
        elif tier == "none" and _talk_after_a_medical_emergency(current, open_verdict.kind, quiet):
            why.append(
                f"a medical emergency earlier, but this message and one since say nothing of danger, and the model "
                f"reads this one as nothing like it ({current.model:.2f} < {MODEL_DISMISSES_CALM}): talk after it"
            )
        elif (
            not _confirms_open(current, unconfirmed, _a_story_opened_it(open_, open_verdict.kind))
            and not _goes_on(current, open_tier)
            and after_opening >= _near(open_, unconfirmed)
        ):
            why.append(
                f"an emergency earlier, but nothing in this message or the {_near(open_, unconfirmed)} before is about "
                "danger"
            )
        elif (
            open_tier == "possible"
            and _not_going_on(current, open_verdict.kind)
            and not (
                _confirms_open(current, unconfirmed and not _answered_in_full(open_, earlier))
                if current.asks
                else _confirms(current)
            )
        ):
            why.append(
                "the possible-emergency question was asked; this message "
                + ("asks its own" if current.asks else "says nothing of danger and no YES")
            )
        elif not _confirms(current) and open_tier == "possible" and _despair_without_a_plan(open_verdict, plans):
            why.append(
                "the possible-emergency question was asked about despair, with no sign of a plan in the conversation; "
                "this message says nothing of danger and no YES"
            )
        elif tier == "none" and _the_fitted_carry_over_ends_it(
            carry_over_features(current, open_, open_tier, open_verdict.kind, unconfirmed, after_opening, quiet)
        ):
            why.append(
                "an emergency earlier, but the fitted carry-over model (helpline/danger/carry_over.json) reads this "
                "message as not going on with it"
            )
        else:
            raised = max(tier, open_tier, key=_TIER_ORDER.index)
            inherited = raised != tier
            tier, verdict = raised, verdict or open_verdict
            why.append(f"an open {open_verdict.kind} emergency earlier in the conversation")
            follow_up = current.tier == "none" and _goes_on(current, open_tier) and not current.asks
            if follow_up:
                why.append("a short reply or details inside it: the number and who is coming again, not the first aid")
    if tier == "none" and signs and distress and not about_pet and not current.cues.cancels_model("suicide"):
        # The means now, the despair earlier ("cant do this anymore" ... "i have my dads pistol in the truck").
        tier, verdict = "possible", Verdict("suicide", signs[0].phrase, (signs[0].language,), (signs[0].language,))
        why.append("a sign of a plan now, after distress earlier in the conversation")
    if tier == "possible" and verdict is not None and verdict.kind == "suicide":
        if (plans | now_plans) and (distress or current.cues.has("distress")) or len(plans | now_plans) >= 2:
            tier = "full"
            why.append("signs of a plan with distress, or two signs of a plan, in the conversation")
    pet_tier = verdict is not None and _an_animal_s(about_pet, verdict.kind)
    confirmable = not pet_tier and not framed and not current.after_a_what_if
    if tier == "possible" and verdict is not None and current.model >= MODEL_CONFIRMS and confirmable:
        tier = "full"  # a rule and the model agree
        why.append(f"the model's score {current.model:.2f} >= {MODEL_CONFIRMS} confirms the possible tier")
    after_question = _after_the_question(earlier[-1] if earlier else None, current)
    if tier == "possible" and after_question and not pet_tier and not framed:
        tier = "full"  # "got the pills out" asked the question; "already did half" is not answered with it again
        why.append("danger again right after the possible-emergency question: the full answer, not the question twice")
    threshold = MODEL_POSSIBLE_LATER if earlier else MODEL_POSSIBLE
    if current.cancelled and not current.matches:  # "what are the signs of not breathing?": a question, a denial
        threshold = max(threshold, MODEL_OVER_NEGATION)
    sure_why = ""  # why the model alone must be sure, from MODEL_OVER_NEGATION, to ask in this conversation
    told_as_past = False  # sure_why is a danger denied or set in the past earlier, or a story told (round 26)
    if recovered and open_ is None:
        # A recovery closed the conversation's emergency: the aftercare that follows ("je le laisse dormir sur le côté
        # ?", "ya guarde todo arriba en el closet con llave") reads to the model like the danger it follows (batches
        # cv, cz, db). The model alone must be sure to ask again; a phrase is read as ever. Round 17: an urgency cue
        # too ("vou guardar tudo trancado agora" after the doctor said he is fine, batch bw).
        sure_why = "a recovery closed the conversation's emergency"
    elif earlier and open_ is None and denied and all(tier == "none" for tier in recent):  # a calm conversation
        # Round 17: a calm conversation where a danger told earlier was cancelled, denied or set in the past ("bukan
        # mau mati beneran ya", "hace un año se murio mi marido", "last week my mate had a fit"): the model reads what
        # follows like that danger (batches ay, ca, j, q: "mi hija vive en Bilbao, la llamo mañana" scored 0.75).
        sure_why = "a danger told earlier was denied or set in the past, and nothing since was an emergency"
        told_as_past = True
    elif frame is not None and _a_story_told(frame, distress, current.model_kind) and _framed(current):
        # Round 21: a story of the past (or a film's, a book's) told earlier, and this message says nothing of now: the
        # model reads the overdose told in it as one happening ("ela tomou um monte de comprimido ... e desmaiou").
        sure_why = "a story of the past or a film told earlier in the conversation, nothing in this message of now"
        told_as_past = True
    elif earlier and _despair_only(current) and not plans:
        # Round 17: despair alone later in a conversation, nothing of a plan, the means, an intent or an urgency in it
        # nor a plan earlier ("di ko na kaya mag-isa", "ya no aguanto"): the writers label it no emergency yet (batches
        # au, bc, bl, bo, m, db); the texter gets the crisis line as unrecognised text with distress.
        sure_why = "despair alone, with no sign of a plan in the conversation"
    elif earlier and _a_suicide_guess_in_a_calm_conversation(
        current, earlier, recent, open_ is not None, distress, plans
    ):
        sure_why = "a guess of suicide in a calm conversation: no despair, no sign of a plan, nothing asked before"
    elif (
        earlier
        and not plans
        and _a_time_word_guess_in_a_calm_conversation(current, earlier, recent, open_ is not None, distress)
    ):
        sure_why = "a guess in a calm conversation whose only sign is a word of time or intention, nothing of now"
    if sure_why:
        threshold = max(threshold, MODEL_OVER_NEGATION)
    pet_guess = about_pet and current.model_kind == "medical"  # an animal is not suicidal
    # A plan sign the model reads as suicide beside a film or a song: "when the credits roll i'm taking all of them".
    plan_in_a_frame = (
        current.model_kind == "suicide" and bool(current.cues.plan_signs()) and current.model >= MODEL_OVER_NEGATION
    )
    # Round 26: the rescue told in a story of the past: the model reads the ambulance as the danger it came for.
    story_rescue = told_as_past and current.model_kind == "medical" and _the_rescue_told(current)
    ruled_out = (current.cues.cancels_model(current.model_kind) and not plan_in_a_frame) or pet_guess or story_rescue
    if tier == "none" and current.model >= threshold and not ruled_out:
        kind: Kind = current.model_kind
        tier, verdict = "possible", Verdict(kind, f"model {current.model:.2f}", (), ())
        model_alone = True
        why.append(f"no phrase, but the model's score {current.model:.2f} >= {threshold}")
        if sure_why:
            why.append(f"the model alone must be sure: {sure_why}")
        if plan_in_a_frame and current.cues.cancels_model(current.model_kind):
            why.append("a plan sign beside a story, a film or a game, which the model reads as suicide: asked")
        if (after_question or _asked_alone(earlier[-1] if earlier else None)) and not framed:
            tier, model_alone = "full", False
            why.append("the model reads danger again right after it asked the question: the full answer, not it twice")
        elif not earlier and _a_cry_for_help_the_model_reads_as_medical(current):
            tier, model_alone = "full", False
            why.append(
                f"a first message with an urgency cue that the model reads as a medical emergency at "
                f"{current.model:.2f} >= {MODEL_OPENS}: the full answer"
            )
        elif _despair_then_a_sure_urgent_guess(current, distress, sure_why):
            tier, model_alone = "full", False
            why.append(
                f"despair earlier in the conversation, now an urgency the model reads as suicide at "
                f"{current.model:.2f} >= {MODEL_CONFIRMS}: the full answer"
            )
    if tier == "full" and verdict is not None and verdict.kind == "medical" and open_ is not None:
        if _a_service_named_in_a_suicide(current, open_, open_answered):
            verdict = _open_verdict(open_, open_answered)
            why.append("its only danger words name an emergency service, inside a suicide emergency: that answer")
    if tier == "none" and sure_why and MODEL_POSSIBLE_LATER <= current.model < threshold and not ruled_out:
        why.append(f"the model's score {current.model:.2f} < {threshold} does not ask alone: {sure_why}")
    if tier in ("possible", "full") and earlier and not current.yes and _an_ordinary_departure([*earlier, current]):
        why.append(
            "an ordinary departure told in the conversation (a move, a trip, a new number) and nothing of a plan, "
            "the means or despair in any of its messages: a goodbye, not a warning"
        )
        tier, verdict, inherited, model_alone, follow_up = "none", None, False, False, False
        dismissed = current.tier != "none"
    recovered_then_help = recovered and open_ is None and verdict is current.verdict
    if tier in ("possible", "full") and recovered_then_help and _help_after_recovery(current):
        tier, verdict = "none", None
        why.append(
            f"after a recovery closed the emergency, its only danger words name an emergency service, with no urgency "
            f"and the model's score {current.model:.2f} < {CONFIRMS_MODEL}: talk about the help, not a call for it"
        )
    if current.doubted and tier == "possible" and verdict is current.verdict:
        if _only_names_a_service(current) and not current.cues.has("now"):
            # "le samu m'a dit de la surveiller", "bác sĩ xe cấp cứu khám bảo ko sao" after she woke up (batch cx)
            tier, verdict = "none", None
            why.append(
                f"its only danger words name an emergency service, with no urgency, and the model's score "
                f"{current.model:.2f} < {MODEL_DOUBTS} doubts it: talk about the help, not a call for it"
            )
        elif earlier and _a_doubt_in_a_calm_conversation(
            current, _as_answered(recent, openings), open_ is not None, distress
        ):
            tier, verdict, dismissed = "none", None, True
            why.append(
                f"a calm conversation (no emergency, no question, no despair in any earlier message), and the model "
                f"reads this message as nothing like danger ({current.model:.2f} < {MODEL_DISMISSES_CALM}): "
                f"the phrase alone does not make it one"
            )
        elif recovered and open_ is None and _a_doubt_after_a_recovery(current):
            tier, verdict, dismissed = "none", None, True
            why.append(
                f"a recovery closed the conversation's emergency, and the model reads this message as nothing like "
                f"danger ({current.model:.2f} < {MODEL_DISMISSES_CALM}): the phrase alone does not reopen it"
            )
        else:
            why.append(f"the model's score {current.model:.2f} < {MODEL_DOUBTS} doubts the phrase: possible tier")
    why = [*_single_why(current), *why]
    full = verdict if tier == "full" else None
    possible = verdict if tier in ("possible", "pet") else None
    return Assessment(
        verdict=full,
        matches=current.matches,
        cancelled=current.cancelled,
        keyword=current.keyword,
        tier=tier,
        possible=possible,
        cues=current.cues.matches,
        why=tuple(why),
        model=current.model,
        recent=recent,
        follow_up=follow_up and tier == "full",
        inherited=inherited,
        model_alone=model_alone,
        help_arrived=help_arrived and tier == "full",
        dismissed=dismissed,
    )


_TIER_ORDER: tuple[Tier, ...] = ("none", "pet", "possible", "full")
# Which earlier tiers open an emergency that later messages inherit. Only a clear one: an uncertain
# (possible-tier) message already asked its question, and a false alarm must not flag a whole conversation.
OPENS: tuple[Tier, ...] = ("full", "possible")
# An open emergency lapses after this many earlier messages without any sign of danger (details and a YES aside).
# Round 23: 2 (was 3). Once details no longer count as quiet (an address given in three pieces), the third quiet
# message is aftercare or thanks ("tối nay em đi họp nhóm hỗ trợ, cảm ơn nha", batch cz; "oke makasih, mulai skrg
# sy suruh diseduh aja" on the emulation of unseen text, the tunable conversation batches in two halves, each read
# with a model trained without it), and no emergency was lost on either.
OPEN_QUIET = 2
CLOSING = ("resolved", "fiction", "past", "hypothetical", "pet")  # context that says it is not (or no longer) live
CONFIRMS_MODEL = 0.5  # a model score from which a message counts as still about the danger


FRAMES = ("fiction", "hypothetical", "past")  # context that, set once, holds for the conversation's later messages
UNCONFIRMED_NEAR = 1  # the same for an unconfirmed possible emergency (_unconfirmed): the next message only
OPEN_NEAR = 2  # an open emergency carries to a message without any sign of danger this close after it
# Round 26 (tuner C): a fitted second opinion may end a carry-over the rules would make (carry_over_features,
# helpline/danger/carry_over.py, fitted by scripts/fit_carry_over.py; its docstring has the measured figures).
FITTED_CARRY_OVER = True
SHORT_REPLY_WORDS = 3  # a reply this short ("ok", "sorry po") inside a clear emergency goes on with it


ARRIVAL_WORDS = 6  # longer, a message goes on to say how the person is, in words the recovery lists may not have


def _only_arrival(reading: Reading) -> bool:
    """Every recovery cue of the message only says help has arrived (emergency.arrived: "the ambulance is here",
    "o samu chegou", "救护车到了"), nothing of the person: the writers of every conversation batch count that as
    the emergency still going on until the person is said to be well, and so does a counselor's queue."""
    if reading.size > ARRIVAL_WORDS:
        return False
    return _each_one_of(reading.cues.of_kind("resolved"), reading.cues.of_kind("arrived"))


TALK_AFTER_DANGER_CUES = ("now", "plan", "means", "distress", "relapse", "service", "threat")


def _nothing_of_danger(reading: Reading, cue_kinds: tuple[str, ...]) -> bool:
    """A message that tells nothing of danger for a rule that lets an open emergency end or lapse: no danger phrase
    (not even one a cue cancelled), no YES, no details (an address, a time), no plan sign and none of `cue_kinds`.
    Each such rule names its own cues (a thanks may not carry intent; talk after a medical emergency may)."""
    return (
        not reading.matches
        and not reading.cancelled
        and not reading.yes
        and not reading.details
        and not reading.cues.plan_signs()
        and not any(reading.cues.has(kind) for kind in cue_kinds)
    )


def _arrival_then_danger_told(reading: Reading) -> bool:
    """Round 28 (tuner A): every recovery cue of the message only says help has arrived (emergency.arrived), and a
    danger phrase that is more than a service's name is told after it and still counts (`read` set the arrival aside
    for it, _arrival_then_danger): "paramedik dah sampai, dorang buat ECG, kata ada serangan jantung" (the paramedics
    are here, they say it is a heart attack) inside an open emergency answered in full. The help is there but the
    person is still in danger: the emergency goes on at its full tier. Until now the arrival cue alone counted as a
    recovery for the conversation, and the message kept only its own tier (the question, where the model doubts the
    phrase). A recovery of the person beside it ("the ambulance came and he's talking now") still ends it."""
    resolved = reading.cues.of_kind("resolved")
    arrived = reading.cues.of_kind("arrived")
    if not _each_one_of(resolved, arrived):
        return False
    after = min(cue.chars[1] for cue in resolved)
    services = reading.cues.of_kind("service")
    return any(m.chars[0] >= after and not _each_one_of([m], services) for m in reading.matches)


def _talk_after_a_medical_emergency(reading: Reading, open_kind: Kind, quiet: int) -> bool:
    """Round 25: inside an open medical emergency, a message of more than SHORT_REPLY_WORDS words with no sign of danger
    of its own (no phrase, not even a cancelled one, no urgency, plan, means, despair, relapse, emergency service or
    threat cue, no YES, no details, the model under MODEL_DISMISSES_CALM), after a message since the danger was last
    told that said nothing of danger either (`quiet`, the walk's count): two messages in a row in the texter's calm
    voice are talk after the scene, not the scene. The person woke and is talking, the hospital, what the substance
    is, what to do tomorrow: in words the recovery lists did not have when the text came (the tunable conversation
    batches read with the lists of their arrival and a model trained without them: about one none-labelled message
    in five after an emergency got the emergency answer, nearly all by carrying the open emergency over). Until now
    the two messages after the danger carried it whatever they said (OPEN_NEAR). A short reply ("still the same"),
    an address in pieces and anything the model reads as danger still go on with it; so does a suicide emergency,
    whose risk is often told in pieces and in calm words. Round 25 (tuner H): the bar was ARRIVAL_WORDS (more than 6
    words); a thanks or a plan for tomorrow is often shorter ("thanks for staying with me", "ok buying a lockbox
    tomorrow"), and the guards above, not the length, are what keep danger told again: only a short reply
    (is_short, up to SHORT_REPLY_WORDS) still goes on for its length alone. A message that names a place or a
    person with a capital (`names`: "kampung Titi Gajah, Alor Setar", an address in pieces without digits, which the
    model scores as nothing like danger) still goes on too, at any length. Emulated on unseen-like text
    (bench/after_emergency.py --lists-at-arrival): 4 false alarms after an emergency fewer (5 from the length, one
    given back by the name guard), no miss more; a higher model bar (0.2) lost real ones ("non rien meme qd je le
    pince"), so did suicide emergencies (a calm Thai reply inside one), and so did dropping `quiet` (46 misses more,
    addresses and what to do while waiting): all three stay as they were. Scripts without capitals (Thai, Chinese)
    have no such guard: only digits and the model keep their addresses."""
    return (
        open_kind == "medical"
        and quiet >= 1
        and reading.tier == "none"
        and reading.size > SHORT_REPLY_WORDS
        and not reading.names
        and _nothing_of_danger(reading, TALK_AFTER_DANGER_CUES)
        and reading.model < MODEL_DISMISSES_CALM
    )


def carry_over_features(
    current: Reading,
    open_: Reading,
    open_tier: Tier,
    open_kind: Kind,
    unconfirmed: bool,
    after_opening: int,
    quiet: int,
) -> dict[str, float]:
    """What the fitted carry-over model (helpline/danger/carry_over.py) reads of an open emergency and of a message
    with no danger of its own that the rules would carry it over to: the open emergency's kind, tier and how it was
    told (the model alone, the past beside it), how many messages since it opened and how many of them quiet, and the
    message's length, cues, YES, details, names, question and the danger model's score."""
    cues = current.cues
    return {
        "open_suicide": float(open_kind == "suicide"),
        "open_possible": float(open_tier == "possible"),
        "unconfirmed": float(unconfirmed),
        "open_model_alone": float(open_.verdict is None),
        "open_past": float(open_.cues.has("past")),
        "after_opening": float(min(after_opening, 4)),
        "quiet": float(min(quiet, 3)),
        "short": float(current.is_short),
        "log_words": math.log1p(current.size),
        "yes": float(current.yes),
        "details": float(current.details),
        "names": float(current.names),
        "asks": float(current.asks),
        "laughs": float(current.laughs),
        "no": float(current.denies or current.opens_with_no),
        "cancelled": float(bool(current.cancelled)),
        "model": current.model,
        "model_same_kind": current.model if current.model_kind == open_kind else 0.0,
        "now": float(cues.has("now")),
        "plan_or_means": float(bool(cues.plan_signs())),
        "distress": float(cues.has("distress")),
        "intent": float(cues.has("intent")),
        "service": float(cues.has("service")),
        "thanks": float(cues.has("thanks")),
        "relapse": float(cues.has("relapse")),
        "person": float(cues.has("person")),
        "leaving": float(cues.has("leaving")),
        "arrived": float(cues.has("arrived")),
        "confirms": float(_confirms(current)),
        "goes_on": float(_goes_on(current, open_tier)),
    }


# Features that keep the rules' carry-over. A suicide emergency among them (the coordinator's review): its risk is
# often told in pieces and in calm words, as round 25 kept it out of the calm-talk rule; none of the texts the fitted
# model fixed on the tunable batches was inside one.
_FITTED_GUARDS = ("open_suicide", "cancelled", "now", "plan_or_means", "distress")


def _the_fitted_carry_over_ends_it(features: dict[str, float]) -> bool:
    """Whether the fitted carry-over model ends the open emergency at this message (off unless FITTED_CARRY_OVER).
    Never inside a suicide emergency, nor where the message has a sign of danger of its own, whatever the model
    says: a danger phrase (even one a cue cancelled), an urgency, a plan, the means or despair (the signs _confirms
    reads). A worried question right after
    a child drank kratom ("dia masih main tapi aku risau. perlu bawa klinik ke?", an urgency cue and a question)
    scored 0.048 and lost its carry-over until the urgency was guarded (tests/test_emergency_round24_D.py).
    Nor the message right after the danger (no message of more than a few words between): the first calm message
    still goes on with it, as round 25 kept it (tests/test_emergency_round25_A.py: "the nurse said we can see him in
    an hour" right after the danger scored under the threshold). scripts/fit_carry_over.py replaces this function to
    record the features the rules would carry over."""
    return FITTED_CARRY_OVER and not _kept_by_the_rules(features) and carry_over_module.ends(features)


def _kept_by_the_rules(features: dict[str, float]) -> bool:
    """The carry-overs the fitted model is never asked to end (see _the_fitted_carry_over_ends_it)."""
    return not features["after_opening"] or any(features[name] for name in _FITTED_GUARDS)


def _gives_an_animal_away(reading: Reading) -> bool:
    """An animal named beside a sign of a plan, or in a message read as suicide, is being given away ("我把猫托付给
    同事了", "dropped biscuit off at my neighbours"): a warning sign, not an animal in danger, so the messages after
    it are not about an animal (round 15: "药我也带着，一整瓶" two messages later got the vet's advice)."""
    return bool(reading.cues.plan_signs()) or (reading.verdict is not None and reading.verdict.kind == "suicide")


def _an_animal_s(about_pet: bool, kind: Kind) -> bool:
    """The conversation is about an animal and the danger is medical: the vet's. An animal is never the one at risk
    of suicide, and giving one away is a warning sign: "got my dads old revolver out" then "nobody else here. just me
    and the dog" then "dayton. im not giving you my address" (batch bf), "j'ai donne mon chien a mon frere" then the
    rope in the garage (batch cs) were silenced, the dog closing or holding back the suicide emergency."""
    return about_pet and kind == "medical"


def _open_kind(open_: Reading | None, answered: Verdict | None) -> Kind:
    return _open_verdict(open_, answered).kind if open_ is not None else "medical"


def _open_verdict(open_: Reading, answered: Verdict | None) -> Verdict:
    """The open emergency's verdict: its reading's own, the one it was answered with, or the model's guess."""
    return open_.verdict or answered or Verdict(open_.model_kind, f"model {open_.model:.2f}", (), ())


def _a_service_named_in_a_suicide(reading: Reading, open_: Reading | None, answered: Verdict | None) -> bool:
    """A message whose only medical phrases name a service, inside an open suicide emergency."""
    return open_ is not None and _open_verdict(open_, answered).kind == "suicide" and _only_names_a_service(reading)


def _help_after_recovery(reading: Reading) -> bool:
    """Round 18: read after a recovery closed the conversation's emergency, a message whose only danger words name an
    emergency service, with no urgency and the model reading no danger (under CONFIRMS_MODEL), is the help that was
    called arriving or checking the person ("ambulans dateng, dicek tensi sama gula darah aman katanya" after "eh dia
    bangun, udah bisa ngomong", batch dh: the full answer, and the thanks after it too), not a call for it. A danger
    phrase of its own, an urgency cue, a YES or the model's 0.5 still are."""
    return (
        not reading.yes
        and _only_names_a_service(reading)
        and not reading.cues.has("now")
        and reading.model < CONFIRMS_MODEL
    )


def _only_names_a_service(reading: Reading) -> bool:
    """Every medical phrase of the message is an emergency service's name ("ambulance", "911"): "non je veux pas
    d'ambulance" after a rope in the garage is still the suicide emergency, and its answer is the crisis line
    with the emergency number, not CPR and naloxone. A state beside it ("he's not breathing, call 911") is not."""
    medical = [m for m in reading.matches if m.context == KIND_CONTEXTS["medical"]]
    return _each_one_of(medical, reading.cues.of_kind("service"))


def _each_one_of(found: list[Match], named: list[Match]) -> bool:
    """There are matches in `found`, and each one is also one of `named`: it lies within one of them or holds one
    ("ambulance" within "an ambulance"; "need an ambulance" holding it)."""
    inside = context_module.inside
    return bool(found) and all(any(inside(f.chars, n.chars) or inside(n.chars, f.chars) for n in named) for f in found)


def _not_going_on(reading: Reading, open_kind: Kind) -> bool:
    """A message without danger of its own (the caller checks) after the possible-emergency question ("Is someone
    in danger right now? Reply YES") that does not go on with it: a question of its own ("is loperamide ok?"), or,
    after a possible medical emergency, anything but details of where or when (an address, a time: an answer):
    "yeah my girlfriends here with me" after "i took way too much, am i gonna OD??". The conversation stays
    flagged for a counselor either way. Not after a possible suicide: its risk is often told indirectly, in pieces
    ("cuidem bem dos outros tá").
    Round 26: for a question, the caller reads its danger as after an unconfirmed question (_confirms_open): a word of
    time alone in another clause ("serio agora, quanto tempo dura a abstinencia?", seriously now, how long does
    withdrawal last, after a joke about a coworker who "vai morrer" without his tea, batch dv) is not danger, and the
    question is not asked again. A phrase, a plan, the means, despair or the model's doubt still go on with it, and
    so does anything after a first message answered in full (_answered_in_full)."""
    return reading.asks or (open_kind == "medical" and not reading.details)


def _despair_without_a_plan(open_verdict: Verdict, plans: set[str]) -> bool:
    """A possible suicide opened by despair alone (a distress phrase, the model's guess), and no sign of a plan (the
    means, a goodbye, things given away) in any message of the conversation: a message after it with no danger of its
    own (the caller checks) does not go on with it. "Dạo này em thấy mệt mỏi lắm" was asked the question, and
    "Nghỉ học 2 tuần rồi, ở phòng trọ suốt" and "Ba mẹ ở quê không biết gì" after it were asked it again (batch dd).
    The conversation stays flagged for a counselor, and the texter gets the crisis line as unrecognised text near an
    emergency. A plan told in pieces ("salamat sa lahat", then the dog given away, batch ci) still goes on."""
    return open_verdict.kind == "suicide" and not plans


def _frame_after(frame: Match | None, reading: Reading, open_tier: Tier) -> Match | None:
    """The conversation's frame after this message: set by a fiction, hypothetical or past cue, lifted by an
    urgency cue ("ok this is real now") or by a sign of a plan read as danger (batch bq: "ça fait 2 ans que ..."
    framed the conversation, the rope in the garage escaped it, and "non je veux pas d'ambulance" fell back in).
    Inside a clear emergency a hypothetical asks about it and frames nothing: "what do i do if he wont let me
    call" after a seizure, then "fine im calling 911 anyway" (batch cc) is that emergency, not a story."""
    if reading.cues.has("now"):
        return None
    # A hypothetical in a question ("what happens if i mix ...?") asks about itself and frames nothing after it.
    asks_about_it = reading.asks or open_tier == "full"
    cues = [m for kind in FRAMES for m in reading.cues.of_kind(kind) if not (kind == "hypothetical" and asks_about_it)]
    if cues:
        return cues[0]
    if frame is not None and frame.context == _PAST and reading.cues.has("intent"):
        # Round 20: the past told, then a message of today or of what comes next (an intention cue: "hoje", "vou",
        # "tonight"): the story is over and what follows is the present. "semana passada minha amiga desmaiou ..."
        # then "hoje ela ... tomou de novo" and "ta roncando muito alto e não acorda" got only the question (batch
        # bi), and so did "a boca tá roxa" after "ela toma rivotril há anos" and "vou levar ela no médico" (bo).
        return None
    if _despair_now_after_the_past(frame, reading):
        return None
    if frame is not None and reading.tier != "none" and reading.cues.of_kind("plan"):
        return None  # a plan told now is not part of the story: what follows is read as real too
    return frame


def _despair_now_after_the_past(frame: Match | None, reading: Reading) -> bool:
    """Round 23: the past told (a life event: "natanggal ako sa call center last week"), then despair told of now
    with no past cue of its own ("wala na akong makausap. pagod na pagod na ako sa lahat"): the story is over and what
    follows is the present, as after an intention cue. The whole bottle of sleeping pills bought next was read in the
    frame of "last week" and got only the question (batch co)."""
    return frame is not None and frame.context == _PAST and reading.cues.has("distress")


MODEL_SEEN_NOW = 0.99  # the model's score from which danger told in several phrases is not read inside a film's frame
SEEN_NOW_PHRASES = 2


def _danger_seen_now(frame: Match, reading: Reading, earlier: list[Reading]) -> bool:
    """Round 23: a film, a series or a doc watched with someone the conversation names (a person cue), then the
    danger told as it is seen, in several of the lists' phrases and no question, that the model reads as that danger
    from MODEL_SEEN_NOW: what is happening in the room, not the film. "wait hes making this weird gurgling snore and i
    cant get him to wake up all the way" after "my roommate" and beers "during the movie" (batch ck, 1.00) got only
    the question. Without anyone named (a story being written, "the main character ...") the frame holds, and so do
    the past and a hypothetical ("what do i do if my friend overdoses one day", then the scene it imagines)."""
    return (
        frame.context == _FICTION
        and not reading.asks
        and reading.model >= MODEL_SEEN_NOW
        and len({match.phrase for match in reading.matches}) >= SEEN_NOW_PHRASES
        and any(message.cues.has("person") for message in (*earlier, reading))
    )


def _the_rescue_told(reading: Reading) -> bool:
    """Round 26: a message that names an emergency service (an ambulance, 911, the paramedics) and nothing else of
    danger: no phrase (not even a cancelled one), no urgency, intent, plan, means, despair or threat cue, no YES.
    Read after a story of the past or a danger set in the past (the caller checks: sure_why, and the model reading it
    as medical), the service is the rescue that came: "người ta gọi 911, chở em vô bệnh viện" (they called
    911 and took me to hospital) after "Hôm thứ bảy em bị xỉu" (on Saturday I fainted, batch an): the model reads the
    ambulance as the danger it came for (0.95) and alone asked whether someone is in danger now. A danger phrase
    beside the service is left to the frame's rules: "giờ bạn em cũng xỉu rồi, không thở, gọi 911 ngay" after that
    story is a call for help, not the rescue told."""
    return (
        reading.cues.has("service")
        and not reading.matches
        and not reading.cancelled
        and not reading.yes
        and not reading.cues.plan_signs()
        and not any(reading.cues.has(kind) for kind in ("now", "distress", "threat", "intent"))
    )


def _a_story_told(frame: Match, distress: bool, kind: Kind) -> bool:
    """Round 21: the conversation's frame is a story (the past: "tahun lepas", "mês passado"; or a film, a book, a
    character), told in a conversation without despair. A message read inside it, with no urgency or plan of its own
    (the caller checks), is asked the question only where the model is sure (MODEL_OVER_NEGATION), whether a phrase or
    the model alone found the danger: "minha namorada tomou extrato de kratom com zolpidem e parou de respirar" after
    "mês passado" (0.72), "kitorang minum air ketum campur ubat batuk dengan pil, aku tak sedar diri terus" after
    "tahun lepas" (0.81) were asked whether someone is in danger now. A hypothetical frame (a course, "what if a
    child ...") is left as it was: it can be a worry about now. After despair a suicide risk told in pieces is not a
    story ("natanggal pa ko ... last week", then twenty tablets bought, batch dj), and neither is a guess of suicide
    (`kind`, the phrase's or the model's): a life story's past ("ma blonde est partie ... en octobre") frames the
    conversation, and the dog taken to a brother's "y aura plus personne icitte pour s'en occuper après" (batch co,
    0.92) is a plan told without the words of one."""
    return frame.context in _STORIES and not distress and kind == "medical"


def _a_cry_for_help_the_model_reads_as_medical(current: Reading) -> bool:
    """Round 19: a texter's first message with an urgency cue ("tolong", "ช่วยด้วย", "right now") that the model
    reads as a medical emergency from MODEL_OPENS, the score from which its guess alone opens an emergency for the
    messages after it: "kak tolong, abangku ketemu di kamar gak sadar, di sebelahnya ada bungkus kratom ..." (found
    unconscious) and a toddler who drank half a bottle of kratom tea got the question, not the first aid (batch dj).
    Only a first message: later in a conversation the model reads the danger told before it (see sure_why). Not a
    plea that is the whole message ("tolong" alone, round 26): nothing is told, and it is also how texters ask for
    the menu; the model's score still asks it (the possible tier)."""
    medical = current.model_kind == "medical" and current.model >= MODEL_OPENS
    return medical and current.cues.has("now") and not current.plea


def _a_doubt_in_a_calm_conversation(current: Reading, recent: tuple[Tier, ...], open_: bool, distress: bool) -> bool:
    """Round 20: a danger phrase the model doubts (the caller checks: the possible tier, from a long message's phrase
    under MODEL_DOUBTS), told later in a conversation that has been calm: every earlier message was answered with no
    emergency and no question (nor did the model alone ask one), none is open, and no earlier message told despair.
    Where the model reads it as nothing like danger (under MODEL_DISMISSES_CALM) and it has no plan or means, the
    conversation's talk so far outweighs the phrase: withdrawal told as "parece que eu vou morrer", a fear ("e sợ ba
    bị sốc thuốc"), a wish taken back ("tp takdelah, aku ada anak 2 org"): 12 of the 178 possible-tier false alarms
    of the tunable conversation batches (round 20: ak, bo, ca, cs, dd, dh, dj, dl, j). A first message is still asked
    (nothing before it to read), and so is one after despair (a suicide risk told in pieces)."""
    return (
        not open_
        and all(tier == "none" for tier in recent)
        and not distress
        and current.model < MODEL_DISMISSES_CALM
        and not _plan_or_means(current.cues)
    )


# What keeps a suicide guess in a calm conversation from needing the model sure: a sign of suicide of the message's own
# (a plan, the means, an intention), an urgency, a threat (violence read as suicide), an animal (given away: batch ci).
_GUESS_SIGN_KINDS = (*_SUICIDE_SIGN_KINDS, "now", "threat", "pet")


def _a_suicide_guess_in_a_calm_conversation(
    current: Reading, earlier: list[Reading], recent: tuple[Tier, ...], open_: bool, distress: bool, plans: set[str]
) -> bool:
    """Round 23: the model alone reads suicide in a later message of a calm conversation: no earlier message was an
    emergency or was asked the question, none told despair or a sign of a plan, and this one has no sign of its own
    (_GUESS_SIGN_KINDS). Such a guess is loneliness, money or a break-up told as context ("nasa condo lang ako mag
    isa", "tôi mất hết rồi", "ma blonde est partie pis j'ai perdu ma job"), which the writers label no emergency yet;
    the suicide that follows in these conversations is told with a phrase, a sign of a plan, an intention or an
    urgency, which keep the usual bar (and so does an animal, given away: "my neighbor is gonna take biscuit", batch
    ci). On the tunable conversation batches, each half (by file) scored by a model trained without it, the rule set
    aside 19 and 8 false alarms and no emergency; with the shipped model 16 (10 and 6 by half) and none; held-out: 5
    fewer. Loved ones gone told earlier (someone else's departure, _without_others_leaving) is no calm: "my wife is
    moving out, shes taking the kids", then "the dogs going to my brothers. after that theres nobody left" is asked."""
    return (
        current.model_kind == "suicide"
        and not plans
        and not any(current.cues.has(kind) for kind in _GUESS_SIGN_KINDS)
        and _calm_so_far(earlier, recent, open_, distress)
    )


def _calm_so_far(earlier: list[Reading], recent: tuple[Tier, ...], open_: bool, distress: bool) -> bool:
    """Nothing earlier in the conversation was an emergency or was asked the question (nor would the model alone have
    asked it), none is open, none told despair or someone else's departure."""
    return (
        not open_
        and not distress
        and all(tier == "none" for tier in recent)
        and not any(reading.others_left for reading in earlier)
    )


# The signs that keep a model-alone guess at the usual bar even in a calm conversation, a word of intention or time
# ("tonight", "ce soir", "malem ini") aside: see _a_time_word_guess_in_a_calm_conversation.
_TIME_WORD_GUESS_SIGN_KINDS = ("plan", "means", "now", "threat", "pet")


def _a_time_word_guess_in_a_calm_conversation(
    current: Reading, earlier: list[Reading], recent: tuple[Tier, ...], open_: bool, distress: bool
) -> bool:
    """Round 24: the model alone guesses danger (either kind) in a later message of a calm conversation (_calm_so_far;
    no sign of a plan earlier, the caller checks), and the message's only sign is a word of intention or time (the
    intent cue): "tonight he took his capsules with a couple of beers", "j'ai craqué ce soir, j'en ai racheté". The
    time word tells when the use happened, the context a worried texter gives before asking; the danger that follows
    in these conversations comes with an urgency, the means, a plan or a phrase, which keep the usual bar. On the
    tunable conversation batches the shipped model never saw (dk to dr), 5 of the 14 model-alone false alarms of calm
    conversations and no emergency; the guess still asks from MODEL_OVER_NEGATION."""
    return (
        current.cues.has("intent")
        and not any(current.cues.has(kind) for kind in _TIME_WORD_GUESS_SIGN_KINDS)
        and _calm_so_far(earlier, recent, open_, distress)
    )


def _a_doubt_after_a_recovery(current: Reading) -> bool:
    """Round 21: a danger phrase the model doubts (the caller checks: the possible tier from a long message's phrase
    under MODEL_DOUBTS), told after a recovery closed the conversation's emergency and nothing opened one since (the
    caller checks), where the model reads it as nothing like danger (under MODEL_DISMISSES_CALM, as in a calm
    conversation) and it has no plan or means: the aftercare talk at the hospital, "estamos en urgencias, el medico
    dice q fue mas por el tramadol. el kratom solo tambien da convulsiones?" (batch cg), "ipapa-check ko pa rin sya
    pagdating ng ambulance" after he woke up (batch dh), was asked whether someone is in danger."""
    return current.model < MODEL_DISMISSES_CALM and not _plan_or_means(current.cues)


def _despair_then_a_sure_urgent_guess(current: Reading, distress: bool, sure_why: str) -> bool:
    """Round 19: despair told earlier in the conversation (a distress cue), and now a message with an urgency cue
    ("still", "now", "tonight") that the model reads as suicide at MODEL_CONFIRMS or more: the plan told in words the
    lists do not have ("i've still got mum's oxycodone ... been sat counting them at the kitchen table tonight",
    "ive been saving my xanax for a few weeks ... got about 40 now", batches dj, co, dd). The rules' possible tier
    becomes the full answer where the model is that sure; the model's own did not, whatever came before. Round 23:
    an intention cue counts as the urgency ("à soir", "hoje", "ya decidí"): the dog taken to a brother's "à soir" after
    "ma blonde est partie avec les enfants", the clonazepam bought "hoje" after "fui mandado embora" (batches co,
    cs) were only asked, the plan told in pieces."""
    return (
        distress
        and not sure_why
        and current.model_kind == "suicide"
        and current.model >= MODEL_CONFIRMS
        and (current.cues.has("now") or current.cues.has("intent"))
    )


def _opening_tier(reading: Reading) -> Tier:
    """An earlier message's tier as it was answered: its own rules' tier, or the possible tier the model
    alone gave it ("got the pills out, finishing it all tonight" asked the question; "already did half" after
    it is the same emergency, not a new conversation)."""
    if reading.tier != "none":
        return reading.tier
    return "possible" if _model_asks(reading, MODEL_OPENS) else "none"


def _after_the_question(previous: Reading | None, reading: Reading) -> bool:
    """A message that reads as danger of its own (a rule's tier, or the model's possible score) right after one
    that was asked the possible-emergency question: it is not asked again. Round 19: the model's score counts only
    where nothing in the message rules its guess out (see _model_asks), as for the message being answered: "j'ai mis
    des compresses, ça saigne plus, c'est pas profond" (a recovery, 0.95) after "j'ai posé la lame" reopened the
    emergency it closed, and the goodbye for the night after it got the suicide answer (batch cc)."""
    if previous is None or _opening_tier(previous) != "possible":
        return False
    return reading.tier != "none" or _model_asks(reading, MODEL_POSSIBLE_LATER)


_RESOLVED = context_module.CONTEXTS["resolved"]
_STORIES = frozenset(context_module.CONTEXTS[kind] for kind in ("past", "fiction"))
_RELAPSE = context_module.CONTEXTS["relapse"]
_FRAMES = frozenset(context_module.CONTEXTS[kind] for kind in ("hypothetical", "fiction", "past"))
_PLAN_SIGNS = frozenset(context_module.CONTEXTS[kind] for kind in ("plan", "means"))


def _without_signs_taken_away(found: list[Match]) -> list[Match]:
    """Round 19: the means or a plan cue read inside a recovery cue is the means taken away, not at hand: "เค้าเอา
    เชือกไปแล้ว" (he took the rope away) held "เชือก" (a rope), and with the model's 0.92 that one sign got the
    suicide answer, where the recovery around it says the danger is over (batch b). The recovery cue stays."""
    recoveries = [m for m in found if m.context == _RESOLVED]
    return [
        m
        for m in found
        if m.context not in _PLAN_SIGNS or not any(context_module.inside(m.chars, r.chars) for r in recoveries)
    ]


PARTICLE_GAP = 2  # letters (spaces not counted) from a recovery cue's end to a question particle that asks it


def _without_recoveries_asked_about(
    found: list[Match], unnegated: list[Match], prepared: Prepared, questions: list[Match]
) -> list[Match]:
    """Round 25 (tuner F): a recovery cue in a clause that asks ("?"), in a message that tells a medical danger before
    it in a clause of its own that does not ask: "temenku gak sadar abis minum pil, gimana tau dia udah ok?" (my
    friend is unconscious after pills, how do I know he's ok?) got nothing, the "udah ok" of the question read as a
    recovery. Asking whether someone is ok is not saying they are. Not when a "but" comes between the danger and the
    question: "ele apagou na festa mas acordou sozinho ... devia ter levado no hospital?" tells the turn after the
    danger (in words the recovery lists may lack), the way "she couldn't breathe for a moment but she's fine now"
    does. Only a medical danger: a suicide phrase after a recovery has its own rule (`_suicide_told_after`), and a
    question whether a remark was a joke ("itu becandaan kan?") keeps its cue. A recovery told as a statement
    stays, and a question alone after a resolved scene keeps its cue (no danger told).

    Round 25 (tuner G): texters often write no "?" at all ("temenku gak sadar abis minum pil gimana tau dia udah
    ok"), so a question word or particle of emergency.question (`questions`) asks too: a recovery cue is asked about
    when such a word stands in its clause after the end of a told danger, the question beginning where the word
    does (before the cue, "gimana tau dia udah ok", or a particle right after it, PARTICLE_GAP: "dia dah ok ke";
    a question word further on asks something else: "... já tá bem, qual dos dois causou"). The danger must come
    before the word and not be inside a question itself (a question word before it in its clause: "gimana tau dia
    pingsan atau udah ok" asks how to tell the two apart), nor in a clause ending in "?" other than the question's
    own. The words only ever take a recovery cue away, never a danger."""
    if not prepared.asking and not questions:
        return found
    medical = KIND_CONTEXTS["medical"]
    dangers = [m for m in unnegated if m.context == medical]
    contrasts = _contrasts(found)

    def clause_of(match: Match) -> int:
        return prepared.clause[match.words[0]]

    def no_but_between(danger: Match, cue: Match) -> bool:
        return not any(danger.chars[1] <= but.chars[0] and but.chars[1] <= cue.chars[0] for but in contrasts)

    def asked_with_a_question_mark(cue: Match) -> bool:
        if clause_of(cue) not in prepared.asking:
            return False
        return any(
            clause_of(danger) not in prepared.asking and danger.chars[1] <= cue.chars[0] and no_but_between(danger, cue)
            for danger in dangers
        )

    def inside_a_question(danger: Match) -> bool:
        return any(clause_of(q) == clause_of(danger) and q.chars[1] <= danger.chars[0] for q in questions)

    def begins_the_question(question: Match, cue: Match) -> bool:
        # Before the cue, or a particle right after it ("dia dah ok ke"): a question word further on asks
        # something else ("... ตอนนี้หายดีแล้ว อยากรู้ว่าจะป้องกัน ... ยังไง", fine now, how to prevent it).
        return question.chars[0] <= cue.chars[0] or question.chars[0] - cue.chars[1] <= PARTICLE_GAP

    def asked_with_a_question_word(cue: Match) -> bool:
        return any(
            clause_of(question) == clause_of(cue)
            and begins_the_question(question, cue)
            and danger.chars[1] <= question.chars[0]
            and danger.chars[1] <= cue.chars[0]
            and (clause_of(danger) not in prepared.asking or clause_of(danger) == clause_of(question))
            and not inside_a_question(danger)
            and no_but_between(danger, cue)
            for question in questions
            for danger in dangers
        )

    def asked_about(cue: Match) -> bool:
        if cue.context != _RESOLVED:
            return False
        return asked_with_a_question_mark(cue) or asked_with_a_question_word(cue)

    return [m for m in found if not asked_about(m)]


VIETNAMESE = "vi"
RELIABLY_ANOTHER = 2.0  # points detect.scores gives the language it names for a message to be surely not Vietnamese
_NOT_VIETNAMESE = "a Vietnamese negation in a message reliably in another language"


def _without_vietnamese_in_another_language(found: list[Match], text: str, lexicon: Lexicon) -> list[Match]:
    """Round 21: a negation only the Vietnamese list has, in a message that language detection reliably reads as
    another language (detect.detect names it, RELIABLY_ANOTHER points or more), is not that negation. Folded
    Vietnamese is short Latin syllables that other languages write too, and its negations are written as texters
    type them, without accents ("... la j", là gì: what is): in French "j ai la corde, j attends juste que tout le
    monde dorme" (batch a) and "je suis sur les rails pres de la gare, j attends le train" (batch aq) it cancelled
    the means and the plan told before it. A negation other lists hold too ("... lol") is kept, and a message
    detection is unsure of keeps every list's (accentless Vietnamese often is: "od la j" stays a question)."""
    own = [
        m
        for m in found
        if m.context == NEGATIONS
        and m.language == VIETNAMESE
        and not any(o.context == NEGATIONS and o.language != VIETNAMESE and o.chars == m.chars for o in found)
    ]
    if not own:
        return found
    detected = detect_module.detect(text, lexicon.languages)
    if detected in (None, VIETNAMESE) or detect_module.scores(text, lexicon.languages)[detected] < RELIABLY_ANOTHER:
        return found
    return [m for m in found if m not in own]


def _without_others_leaving(found: list[Match], prepared: Prepared) -> list[Match]:
    """Round 21: a leaving cue in a clause that opens with a person (its subject) is that person's departure, not the
    texter's: "bini aku bawa anak2 balik kampung" (my wife took the kids back to the village) then "aku hantar
    kucing aku kat rumah abang. lepas ni takde sapa nak jaga dia" (the cat to my brother's, nobody to look after it
    after this) was taken back as an ordinary departure. Loved ones gone and an animal given away is a warning sign,
    and only the texter's own move, trip or new number makes a goodbye ordinary (_an_ordinary_goodbye,
    _an_ordinary_departure). A person named further in ("deixei meu cachorro com minha mãe pq vou me internar",
    batch bh) is not the one leaving: any person before the cue took back such farewells (2 tunable decisions worse)."""
    clause, offsets = prepared.clause, prepared.offsets
    subjects = {
        clause[p.words[0]]
        for p in found
        if p.context == _PERSON
        and (p.words[0] == 0 or clause[p.words[0] - 1] != clause[p.words[0]])
        and p.chars[0] == offsets[p.words[0]]
    }
    if not subjects:
        return found
    return [m for m in found if m.context != _LEAVING or clause[m.words[0]] not in subjects]


def _without_urgency_in_a_frame(found: list[Match]) -> list[Match]:
    """Round 20: an urgency cue read inside a hypothetical cue is the frame's own words, not the danger now: "apa yang
    bisa aku siapin dari sekarang" (what can I prepare from now on) held "sekarang" (now), which outweighed the frame
    and asked a worried daughter whether someone was in danger (batch ch). The hypothetical stays."""
    frames = [m for m in found if m.context == _HYPOTHETICAL]
    if not frames:
        return found
    return [m for m in found if m.context != _NOW or not any(context_module.inside(m.chars, f.chars) for f in frames)]


_NOW_OR_SOON = frozenset(context_module.CONTEXTS[kind] for kind in ("now", "intent"))


def _without_urgency_in_a_memory(found: list[Match], emergencies: list[Match]) -> list[Match]:
    """Round 25: an urgency cue read inside a past cue is the memory's own words, not the danger now: Tagalog
    "hanggang ngayon naaalala ko" (until now I remember) holds "ngayon" (now, also an intent cue), which outweighed
    the past and gave a grief told years later the full answer (batch g). The past stays; so does an urgency cue
    outside it. Only for a memory told after a danger phrase and after every one, none of them a suicide one: a
    memory looks back at what was told before it, while a danger told after it may be new; without a phrase the
    model's reading stays asked ("hanggang ngayon nakikita ko pa siya, naka-ilang tableta ako, nahihilo na ko");
    and "gusto ko nang mamatay, hanggang ngayon naaalala ko yung ginawa niya" (I want to die, I still remember what
    he did) is a wish now with a memory after it."""
    if not emergencies or any(m.context == KIND_CONTEXTS["suicide"] for m in emergencies):
        return found
    memories = [m for m in found if m.context == _PAST and all(e.chars[1] <= m.chars[0] for e in emergencies)]
    if not memories:
        return found
    return [
        m
        for m in found
        if m.context not in _NOW_OR_SOON or not any(context_module.inside(m.chars, p.chars) for p in memories)
    ]


def _a_memory_after_a_wish(cue: Match, live: list[Match], nows: list[Match]) -> bool:
    """Round 25: a memory (a past cue that holds an urgency word: "masih teringat", still remembered) told after a
    suicide phrase does not take the wish back: "aku nak mati, masih teringat apa dia buat kat aku" (I want to die, I
    still remember what he did to me) is a wish now. The urgency word inside the memory is kept for it
    (_without_urgency_in_a_memory), but "now" told only after the danger does not count as urgency, and the memory
    then read as the past set the wish aside."""
    if cue.context != _PAST or not any(context_module.inside(now.chars, cue.chars) for now in nows):
        return False
    return any(m.context == KIND_CONTEXTS["suicide"] and m.chars[1] <= cue.chars[0] for m in live)


def _without_recoveries_taken_back(
    found: list[Match], emergencies: list[Match], model_sees_danger: bool, unnegated: list[Match]
) -> list[Match]:
    """A recovery followed by a relapse ("out again", "de novo", "又昏过去") is taken back; so is one followed by
    "but" and then danger: "she's awake BUT she can't breathe properly" is
    an emergency, where "she couldn't breathe for a moment but she's awake now" is not (the danger comes before
    the "but" there). After the "but" the danger is a phrase, or the model's score for the message ("awake but
    really confused": no phrase, but the message reads as danger). Order is read on the message without spaces,
    so Thai and Chinese work alike. A frame (a professional's words, a story, the past) is taken back the same
    way when no recovery stands, by a danger phrase no negation covers (`unnegated`; empty when the model doubts
    the message): "soy enfermera ... pero es mi hijo y casi no respira"."""
    # A relapse told after the recovery takes it back, "but" or not: "he woke up for a second and is out again",
    # "ele acordou e desmaiou de novo" (round 17: the recovery lists had closed the emergency on these).
    relapses = [m for m in found if m.context == _RELAPSE]
    if relapses:
        found = [m for m in found if m.context != _RESOLVED or not any(r.chars[0] >= m.chars[1] for r in relapses)]
    contrasts = _contrasts(found)
    # A plan sign after the "but" is danger too ("it got better for a while but the rope is up again").
    emergencies = [*emergencies, *(m for m in found if m.context in _PLAN_SIGNS)]
    if not contrasts or not (emergencies or model_sees_danger):
        return found

    def taken_back(cue: Match, dangers: list[Match], or_the_model: bool = False) -> bool:
        return any(
            but.chars[0] >= cue.chars[1]
            and (or_the_model or any(danger.chars[0] >= but.chars[1] for danger in dangers))
            for but in contrasts
        )

    kept = [m for m in found if m.context != _RESOLVED or not taken_back(m, emergencies, model_sees_danger)]
    if any(m.context == _RESOLVED for m in kept):
        return kept
    return [m for m in kept if m.context not in _FRAMES or not taken_back(m, unnegated)]


_NEGATABLE_CUES = frozenset(context_module.CONTEXTS[kind] for kind in ("resolved", "fiction"))
_PET = context_module.CONTEXTS["pet"]
_NOW = context_module.CONTEXTS["now"]
_PAST = context_module.CONTEXTS["past"]
_HYPOTHETICAL = context_module.CONTEXTS["hypothetical"]
_FICTION = context_module.CONTEXTS["fiction"]
_INTENT = context_module.CONTEXTS["intent"]
_KIND_NAMES = {
    **{context: f"{kind} cue" for kind, context in context_module.CONTEXTS.items()},
    NEGATIONS: "negation",
    NEGATORS: "negator",
}
_PERSON = context_module.CONTEXTS["person"]
_LEAVING = context_module.CONTEXTS["leaving"]
# Lists matched as written whose words never shadow another list's typo matches: with "volto" in a "leaving"
# phrase ("volto segunda"), "nao volto" was no longer read as the suicide phrase "nao volta" (batch av).
_QUIET = (
    _PERSON,
    _LEAVING,
    context_module.CONTEXTS["service"],
    context_module.CONTEXTS["arrived"],
    _RELAPSE,  # "convulsiona otra vez" must not stop "convulsiona" reading as "convulsion" (round 17)
    context_module.CONTEXTS["threat"],  # "hes hitting me" must not stop "hitting" reading as "fitting" (round 18)
    QUESTIONS,  # "ba", "pano": short words of every list's typo lookup
    TOMORROW,  # "besok", "esok": a time word, never a typo of a danger word
)


def _without_animals_beside_a_person(
    found: list[Match], emergencies: list[Match], clause: tuple[int, ...]
) -> list[Match]:
    """An animal named beside a person is not the one in danger when the danger's sentence names the person and
    not the animal: "my dog is fine, it's my husband who won't wake up" is the human emergency, where "my husband
    is fine, the dog ate it and won't wake up" and "my dog ate my kratom, now he's shaking" are the vet's."""
    people = [m for m in found if m.context == _PERSON]
    animals = [m for m in found if m.context == _PET]
    if not people or not animals:
        return found
    for danger in emergencies:
        where = clause[danger.words[0]]
        named_in_its_sentence = any(clause[m.words[0]] == where for m in people) and not any(
            clause[m.words[0]] == where for m in animals
        )
        if named_in_its_sentence or _named_last_before(danger, people, animals, clause):
            return [m for m in found if m.context != _PET and not _said_of_the_animal(m, animals, people, clause)]
    return found


def _said_of_the_animal(cue: Match, animals: list[Match], people: list[Match], clause: tuple[int, ...]) -> bool:
    """A recovery told in an animal's sentence, where no person is named, is the animal's: "วัวไม่เป็นไรครับ" (the cow
    is fine) before "คนที่เป็นคือตาผม" (the one hurt is my grandfather) says nothing of the grandfather."""
    if cue.context != _RESOLVED:
        return False
    where = clause[cue.words[0]]
    return any(clause[a.words[0]] == where for a in animals) and not any(clause[p.words[0]] == where for p in people)


def _named_last_before(danger: Match, people: list[Match], animals: list[Match], clause: tuple[int, ...]) -> bool:
    """The one named last before the danger is a person: "the dog is fine he didnt touch it. its my husband, he
    took ... and i cant wake him up" (the husband's clause ends at the comma, the danger is two clauses on). In a
    clause that names a person and then, a word or more on, an animal, the person is who the clause is about:
    "my uncle was feeding the horse and he collapsed", "thằng em bị chó cắn ..., máu chảy quá trời" (my brother was
    bitten by the dog, the blood won't stop). Round 26: these got the vet's answer, the animal being named last."""
    owners = [p for p in people if any(_owner_of(p, a, clause) for a in animals)]  # "la vaca de mi abuelo"
    before = [m for m in (*people, *animals) if m.chars[1] <= danger.chars[0] and m not in owners]
    if not before:
        return False
    last = max(before, key=lambda m: m.chars[0])
    if last.context == _PERSON:
        return True
    return any(_subject_before(p, last, clause) for p in before if p.context == _PERSON)


SUBJECT_GAP = 1  # words between a person and an animal after it, in one clause, for the person to be its subject


def _subject_before(person: Match, animal: Match, clause: tuple[int, ...]) -> bool:
    """The person is the subject of the animal's clause: named first in it, with a word or more (a verb: "feeding",
    "bị ... cắn") before the animal. Not right before it, where the person owns it ("my son's dog", "mon fils, son
    chien"); not in Thai or Chinese, where a "word" is a whole run of letters."""
    if person.unspaced or animal.unspaced:
        return False
    same_clause = clause[person.words[0]] == clause[animal.words[0]]
    return same_clause and animal.words[0] - person.words[1] >= SUBJECT_GAP


OWNER_WORDS = 2  # a person named this many words after an animal may be its owner ("la vaca de mi abuelo")


def _owner_of(person: Match, animal: Match, clause: tuple[int, ...]) -> bool:
    """Whether the person, named right after the animal, may be its owner rather than someone else in the story.
    In Thai and Chinese a "word" is all the letters between two spaces, often a whole clause: there the person must
    follow within CHAR_WINDOW letters ("วัวของตาผม", my grandfather's cow), not in the next clause ("วัวไม่เป็นไรครับ
    คนที่เป็นคือตาผม", the cow is fine, the one hurt is my grandfather)."""
    if clause[person.words[0]] != clause[animal.words[1] - 1]:
        return False  # "兔子没事，是我外婆" (the rabbit is fine, it's my grandmother): the owner is named in its clause
    if person.unspaced and animal.unspaced:
        return 0 <= person.chars[0] - animal.chars[1] <= CHAR_WINDOW
    return 0 <= person.words[0] - animal.words[1] <= OWNER_WORDS


def _names_a_person_not_an_animal(reading: Reading) -> bool:
    """A message that names a person and no animal: in a conversation about an animal, "now my son is shaking"
    is about the son."""
    return reading.cues.has("person") and not reading.cues.has("pet")


def _no_to_the_question(previous: Reading | None, reading: Reading, open_tier: Tier) -> bool:
    """A bare no ("no", "não", "không") right after a message that was asked "Is someone in danger right now?":
    the answer to it; so is a message that starts with one and reads as no danger of its own ("no no one is in
    danger lol just asking"). Not when a clear emergency is open: there "no" may answer "is he breathing?"."""
    if previous is None or open_tier == "full" or not _was_asked(previous):
        return False
    safe_after_no = reading.opens_with_no and reading.tier == "none" and not reading.matches
    return reading.denies or (safe_after_no and reading.model < CONFIRMS_MODEL)


def _asked_in_conversation(earlier: list[Reading], openings: tuple[Opening, ...]) -> bool:
    """Whether the last earlier message was answered with the possible-emergency question in its conversation, where
    its own reading said otherwise: a clear phrase read inside a frame set earlier ("semana passada minha amiga
    desmaiou ..." then "não acorda, os lábios tão cinza") is asked about, and YES to that question is the
    emergency (batch bi: "sim" got the quiet period). Read only for a YES, so it costs nothing elsewhere."""
    previous = _in_conversation(earlier[-1], earlier[:-1], openings[: len(earlier) - 1])
    return previous.tier == "possible"


def _asked_alone(previous: Reading | None) -> bool:
    """The message before was asked the possible-emergency question by the model alone, from MODEL_POSSIBLE but under
    MODEL_OPENS (so it opened nothing to go on with): "ive been saving my xanax for a few weeks. got about 40 now"
    (0.83), then "theyre on the nightstand next to me. wrote my mom a letter already" (0.98) was asked again."""
    return previous is not None and previous.tier == "none" and _model_asks(previous, MODEL_POSSIBLE)


def _was_asked(previous: Reading) -> bool:
    """The message was answered with the possible-tier question: by its own rules, or by the model alone (from
    MODEL_POSSIBLE, where the model alone asks; a conversation opens only from MODEL_OPENS)."""
    return previous.tier == "possible" or (previous.tier == "none" and _model_asks(previous, MODEL_POSSIBLE))


def _model_asks(reading: Reading, threshold: float) -> bool:
    """The model alone flags the message from `threshold`, and nothing in it rules the model's guess out."""
    return reading.model >= threshold and not reading.cues.cancels_model(reading.model_kind)


def _is_yes(words: tuple[str, ...], book: _Book) -> bool:
    """The whole message is a YES keyword, or one with laughs before or after it and nothing else: "có =))", "oo
    haha", "ya 😂". A yes with a smile is still a yes (round 28, tuner C): Vietnamese texters end nearly every message
    with "=))" or ":)))", nervous as often as amused, and "có =))" after "is someone in danger now?" was read as a laugh
    that closed the emergency (Reading.laughs, _relieved) instead of the YES that escalates it."""
    yeses = book.whole[YES_KEYWORDS]
    if words in yeses:
        return True
    start, end = 0, len(words)
    while start < end and _a_laugh_word(words[start]):
        start += 1
    while end > start and _a_laugh_word(words[end - 1]):
        end -= 1
    return 0 < end - start < len(words) and words[start:end] in yeses


# A laugh as texters type it, however long: "hahahaha", "kkkkkk", "wkwkwk", "5555", "hehehe", "lool".
_LAUGH_WORD = re.compile(r"(?:h?a)*(?:ha){2,}h?|(?:he){2,}h?|k{3,}|(?:wk){2,}w?|5{3,}|(?:ja){2,}j?|lo+l|l+m+a+o+")


def _a_laugh_word(word: str) -> bool:
    """One word that is only a laugh (LAUGHTER, or a longer one: "hahahaha", "kkkkkk")."""
    return word in LAUGHTER or _LAUGH_WORD.fullmatch(word) is not None


def _is_bare_no(words: tuple[str, ...], book: _Book) -> bool:
    """The whole message is one of the catalogs' answers meaning no (emergency.no), or one-word ones repeated
    ("no no")."""
    if not words:
        return False
    return words in book.no_answers or all((word,) in book.no_answers for word in words)


def _despair_only(reading: Reading) -> bool:
    """A message whose only danger is despair (a distress cue): no plan sign, means, intent or urgency."""
    return reading.cues.has("distress") and not any(
        reading.cues.has(kind) for kind in ("now", "plan", "means", "intent")
    )


def _framed(reading: Reading) -> bool:
    """A message read inside an earlier frame: no urgency cue of its own and no plan sign (a plan is not a story)."""
    return not reading.cues.has("now") and not reading.cues.of_kind("plan")


def _closing_kinds(reading: Reading) -> list[str]:
    return [kind for kind in CLOSING if reading.cues.has(kind)]


def _closing_reasons(reading: Reading) -> list[str]:
    """What `helpline triage` says closed the open emergency, once _closes said the message does."""
    if kinds := _closing_kinds(reading):
        return kinds
    if _relieved(reading):
        return ["a laugh, nothing of danger"]
    if _thanks_and_nothing_of_danger(reading):
        return ["thanks, nothing of danger"]
    if reading.tomorrow and _nothing_of_danger(reading, TOMORROW_DANGER_CUES):
        return ["what happens tomorrow, nothing of danger"]
    return []


def _closes(reading: Reading, open_kind: Kind) -> bool:
    """A message without danger of its own that says the earlier one is over, was not real, or was an
    animal: resolved, fiction, the past, a hypothetical, a pet (none beside a sign of a plan); or a denial (an
    emergency phrase that a negation cancelled, "no im not suicidal", "he's not blue anymore") with nothing live and
    no urgency.
    An animal closes only a medical emergency (see _an_animal_s)."""
    if reading.cues.has("resolved"):
        return True
    if _relieved(reading):
        return True  # before the urgency and the model: "hes awake now, cussing at everyone lol" (see _relieved)
    if open_kind == "medical" and _thanks_and_nothing_of_danger(reading):
        return True  # round 24: thanks ends a medical emergency the way a recovery does (see the function)
    if _tomorrow_after_it(reading, open_kind):
        return True  # round 26: what happens tomorrow, told with nothing of danger (see the function)
    if reading.cues.has("now") or reading.model >= CONFIRMS_MODEL:
        return False  # the context lists are broad ("game" in "the game shop"): urgency or the model outweighs them
    if reading.cues.plan_signs():
        # Round 20: the means or a plan told now is danger of its own, and a frame beside it (nor a phrase the frame
        # cancelled) does not close the emergency, only a denial does: "呼吸好慢 十几秒才一下 旁边有个空药瓶 是他
        # 以前的oxy" (an empty bottle beside him, "his old oxy") right after "他躺地上叫不醒" was read as the past
        # closing it, and the 911 call after it got only the question (batch dl).
        return any(by.context in (NEGATIONS, NEGATORS) for _, by in reading.cancelled) and not reading.matches
    denied = bool(reading.cancelled) and not reading.matches
    kinds = [kind for kind in _closing_kinds(reading) if kind != "pet" or open_kind == "medical"]
    return denied or bool(kinds)


def _relieved(reading: Reading) -> bool:
    """Round 23: a laugh ("lol", "kkkk", "jajaja", "555", Reading.laughs) in a message with no danger of its own (no
    phrase, not even a cancelled one, no sign of a plan, no despair, no call for help): inside an emergency that is
    relief, the scene handled or a scare that was nothing ("ok wait he just rolled over and told me to shut up lmao",
    "NO MAMES ... ya me grito de todo jajaja", "พวกผมในวงโดนพ่อแม่ด่าเละเลย 555"). Nobody laughs while the person
    is still in danger, and the recovery lists cannot hold every way of telling it: the writers of every conversation
    batch label these no emergency, and on text the lists were not written from (the tunable conversation batches
    split in two halves, each read with the other half's recovery phrases and a model trained without it) the open
    emergency carried to them. A laugh taken back by "but" ("hes swearing at me lol but hes letting me") does not
    count (see _laughs), and a laugh beside a danger phrase is read with that phrase (_laugh_before_danger)."""
    return (
        reading.laughs
        and not reading.yes  # "có =))": a yes with a smile (see _is_yes)
        and not reading.matches
        and not reading.cancelled
        and not reading.cues.plan_signs()
        and not reading.cues.has("distress")
        and not _calls_for_help(reading)
    )


# emergency.thanks: a thanks only closes an open emergency, so a walk over messages that have nothing else (no emergency
# open) ends where it starts, and they stay blank (tests/test_emergency_blank_walk.py checks it on the whole corpus).
_THANKS = context_module.CONTEXTS["thanks"]
THANKS_DANGER_CUES = ("now", "plan", "means", "distress", "intent", "relapse", "service", "threat")


def _thanks_and_nothing_of_danger(reading: Reading) -> bool:
    """Round 24: a message that thanks (emergency.thanks: "thanks", "gracias", "makasih", "谢谢") and says nothing of
    danger: no danger phrase (not even a cancelled one), no urgency, plan, means, despair, intent, relapse, threat or
    emergency service cue, no details (an address, a time), no question, and the model under CONFIRMS_MODEL. Inside a
    medical emergency that is the texter's own voice back after it, the scene handled ("ok thank you so much",
    "obrigada, nunca mais quero passar por isso", "谢谢你们"): the tunable conversation batches' writers label 280 of
    282 messages with a thanks after a positive no emergency, and the two others carry an address or a recovery.
    The recovery lists cannot hold every way of telling how the person is, and "thanks" is a closed class any
    speaker uses. Before it, a short thanks (`is_short`) went on with the emergency as "ok" does. Only a medical
    emergency: in a suicide one, thanks for listening is a goodbye ("salamat sa pakikinig. paalam na"), the caller
    checks the kind."""
    return (
        reading.cues.has("thanks")
        and not reading.asks
        and _nothing_of_danger(reading, THANKS_DANGER_CUES)
        and reading.model < CONFIRMS_MODEL
    )


TOMORROW_DANGER_CUES = (*THANKS_DANGER_CUES, "leaving")  # a goodbye ("see you tomorrow") is not a morning after


def _tomorrow_after_it(reading: Reading, open_kind: Kind) -> bool:
    """Round 26: a message that tells what happens tomorrow or later (emergency.tomorrow: "tomorrow", "mañana voy",
    "demain", "amanhã", "besok", "esok", "ngày mai", "พรุ่งนี้", "明天") and says nothing of danger (no danger phrase,
    not even a cancelled one, no urgency, plan, means, despair, intent, relapse, threat, emergency service or leaving
    cue, no details, the model under CONFIRMS_MODEL): inside an emergency that is the texter past the scene, telling
    the next step (the clinic tomorrow, a talk with him tomorrow, the psychologist tomorrow with her sister). Nobody
    plans tomorrow while the person is still in danger, and a closed class of time words needs none of the recovery
    phrases the lists lack when a text comes: until now such a message right after the danger carried it (OPEN_NEAR),
    and in a suicide emergency every such message did. On the tunable conversation batches the rule reads 33 messages
    after an emergency, all labelled no emergency (29 medical, 4 suicide). In a suicide emergency, calm words of
    tomorrow without a thanks were 8 no emergency to 2 suicide, each the time of the act ("demain matin", "พรุ่งนี้
    เช้า" before she wakes): there only a thanks beside it counts, thanks for the night and a plan for tomorrow
    ("makasih udah dengerin, besok dia nemenin ke psikolog"). Spanish "mañana" is also the morning ("se lo tomó en la
    mañana", labelled a medical emergency): the list holds it only with a verb of what comes next. A question about
    tomorrow ("should he see a doctor tomorrow?") is aftercare too, unlike a bare "what now?"."""
    return (
        reading.tomorrow
        and reading.tier == "none"
        and _nothing_of_danger(reading, TOMORROW_DANGER_CUES)
        and reading.model < CONFIRMS_MODEL
        and (open_kind == "medical" or reading.cues.has("thanks"))
    )


def _goes_on(reading: Reading, open_tier: Tier) -> bool:
    """A short reply inside a clear emergency ("ok", "vale", "tak tau") is part of it, however far back its danger
    was last said: the writers of batch m labelled them so, and silence then would be the worst answer. So are
    details of where or when, an address given in pieces a few messages later ("calle 30A # 76-21", "phong 7"). So is
    a bare YES ("ใช่", "sí", "yes", round 19): it answers the first aid's questions ("is he breathing?"); `is_short`
    leaves it out only because it is a keyword, and three messages after the danger it read as a lapse (batch ar)."""
    return (reading.is_short or reading.details or reading.yes) and open_tier == "full"


def _confirms(reading: Reading) -> bool:
    """A later message still about the danger: a phrase (even a cancelled one), an urgency, plan, means or
    distress cue, or the model's doubt."""
    if reading.matches or reading.cancelled or reading.tier != "none":
        return True
    # Round 21: not an intention cue alone ("je vais", "gonna", "tonight"): "je vais pas refaire de bêtises, j'ai
    # promis à ma sœur" and "demain matin on va aux urgences ... il dort chez moi ce soir" said what comes next, not
    # danger, and kept the emergency before them open (batches dn, dj). A plan or the means beside it still do.
    if any(reading.cues.has(kind) for kind in ("now", "plan", "means", "distress")):
        return True
    return reading.model >= CONFIRMS_MODEL


def _unconfirmed(open_tier: Tier, open_verdict: Verdict, plans: set[str], distress: bool) -> bool:
    """Round 24: an open emergency answered only with the possible-emergency question ("Is someone in danger right
    now? Reply YES"), and nothing in the conversation that makes it clear: no YES (that opens the full tier), and
    not, for a suicide, a sign of a plan with despair or two signs of a plan (which the rules below answer in full).
    A false alarm's question is the commonest such opening: on the tunable conversation batches, a none-labelled
    message after an earlier false alarm was alarmed 13.6% of the time (2.1% in a calm conversation), and the
    held-out and sealed ones more. Its carry-over is weaker (UNCONFIRMED_NEAR, _confirms_open); the message right
    after the question still goes on with it, as the texter's next words often tell the plan in pieces ("salamat
    sa lahat" then the dog given to a friend, batch ci)."""
    if open_tier != "possible":
        return False
    return not (open_verdict.kind == "suicide" and ((plans and distress) or len(plans) >= 2))


def _confirms_open(reading: Reading, unconfirmed: bool, told_with_the_past: bool = False) -> bool:
    """Whether the message is still about the open emergency's danger (_confirms). After an unconfirmed possible
    emergency (_unconfirmed), an urgency cue alone ("now", "suddenly"), with no phrase, plan, means or despair and
    the model not reading danger, does not: it says when, not that someone is in danger. Round 25: after an emergency
    opened by a message that told the past beside its danger (`told_with_the_past`, see _near), the model's score
    alone confirms it only where the model is sure (MODEL_OVER_NEGATION), as for a guess read after a story
    (sure_why): the model reads the story's next lines like the danger told in it ("e vẫn nhớ tiếng mẹ la lên lúc đó",
    I still remember my mother's scream then, 0.88 after "hồi đó ... mẹ e thấy ảnh tím tái", on the emulation of
    unseen text). A phrase, a cue of urgency, a plan, the means or despair still confirm it."""
    confirms = _confirms(reading)
    if confirms and told_with_the_past and _the_model_alone_confirms(reading):
        return reading.model >= MODEL_OVER_NEGATION
    if not unconfirmed or not confirms:
        return confirms
    urgency_alone = (
        not reading.matches
        and not reading.cancelled
        and reading.tier == "none"
        and not any(reading.cues.has(kind) for kind in ("plan", "means", "distress"))
        and reading.model < CONFIRMS_MODEL
    )
    return not urgency_alone


def _a_story_opened_it(open_: Reading, kind: Kind) -> bool:
    """The open emergency is a medical one opened by a message that told the past beside its danger (a past cue that
    did not cancel it, see _near) with no urgency or plan cue of its own (the means are named in an overdose's story
    too): a story, most often ("hồi đó ảnh dùng kratom ... mẹ e thấy ảnh tím tái", back then). Not a suicide: its
    risk is told in pieces, the past among them ("ยาอยู่ในมือแล้ว ซื้อมาตั้งแต่เมื่อวาน", the pills in hand, bought
    yesterday)."""
    return kind == "medical" and open_.cues.has("past") and not open_.cues.has("now") and not open_.cues.has("plan")


def _answered_in_full(open_: Reading, earlier: list[Reading]) -> bool:
    """The open emergency is the conversation's first message, a cry for help the model reads as a medical emergency:
    it got the full answer (_a_cry_for_help_the_model_reads_as_medical), though as an opening it counts as the model's
    question (_opening_tier). A worried question right after it ("dia masih main tapi aku risau, perlu bawa klinik
    ke?", he is still playing but I am worried, should I take him to the clinic, after a child drank kratom tea) is
    still that emergency: its word of time is not read as after an unconfirmed question."""
    return bool(earlier) and open_ is earlier[0] and _a_cry_for_help_the_model_reads_as_medical(open_)


def _the_model_alone_confirms(reading: Reading) -> bool:
    """The message is still about the danger (_confirms) by the model's score only: no phrase (not even a cancelled
    one), no tier of its own, no urgency, plan, means or despair cue."""
    return (
        not reading.matches
        and not reading.cancelled
        and reading.tier == "none"
        and not any(reading.cues.has(kind) for kind in ("now", "plan", "means", "distress"))
    )


def _single_why(reading: Reading) -> list[str]:
    lines = []
    for kind, matches in reading.cues.by_kind().items():
        lines.append(f"{kind} cue: " + ", ".join(f"{m.phrase!r} ({m.language})" for m in matches))
    return [*lines, *reading.notes]


@dataclass(frozen=True)
class _Book:
    index: PhraseIndex
    kind_of: dict[str, Kind]
    order: tuple[str, ...]
    whole: dict[str, dict[tuple[str, ...], str]]  # context -> folded words of a whole-message keyword -> as written
    negators: dict[str, tuple[tuple[str, ...], ...]]  # language -> its bare negators as folded words, longest first
    no_answers: frozenset[tuple[str, ...]] = frozenset()  # every language's whole-message "no" (emergency.no)
    gaps: dict[str, frozenset[str]] = field(default_factory=dict)  # language -> emergency.negator_gap words, folded
    # context (CRIES, PLEAS) -> folded words of a whole-message cry -> (as written, the languages whose list has it)
    cries: dict[str, dict[tuple[str, ...], tuple[str, tuple[str, ...]]]] = field(default_factory=dict)


@lru_cache(maxsize=8)
def _book(lexicon: Lexicon) -> _Book:
    # Negations and context cues match as written (no extra words inside): "hes fine" must not match "hes not fine".
    # A suicide sign may take one extra word, as emergency phrases do ("the pills ARE right here"): a word
    # slipped into a plan does not make it a denial.
    cues = tuple(context_module.CONTEXTS.values())
    exact = tuple(cue for cue in cues if cue not in _SUICIDE_SIGNS)
    signs = tuple(cue for cue in cues if cue in _SUICIDE_SIGNS)
    index = index_for(
        lexicon,
        (*KIND_CONTEXTS.values(), *signs),
        (NEGATIONS, CONTRASTS, QUESTIONS, WITHDRAWAL, TOMORROW, *exact),
        (*cues, CONTRASTS, QUESTIONS, WITHDRAWAL, TOMORROW),
        (*_QUIET, WITHDRAWAL),
    )
    whole = {
        context: {
            pattern.words: pattern.text
            for language in lexicon.languages
            for pattern in lexicon.patterns(language, context)
            if pattern.words
        }
        for context in (SIGNS_KEYWORDS, YES_KEYWORDS)
    }
    negators = {
        language: tuple(
            sorted((p.words for p in lexicon.patterns(language, NEGATORS) if p.words), key=lambda w: -len("".join(w)))
        )
        for language in lexicon.languages
    }
    no_answers = frozenset(
        pattern.words for language in lexicon.languages for pattern in lexicon.patterns(language, NO_ANSWERS)
    )
    gaps = {
        language: frozenset(word for p in lexicon.patterns(language, NEGATOR_GAP) for word in p.words)
        for language in lexicon.languages
    }
    cries: dict[str, dict[tuple[str, ...], tuple[str, tuple[str, ...]]]] = {}
    for context in (CRIES, PLEAS):
        of_context: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
        for language in lexicon.languages:
            for pattern in lexicon.patterns(language, context):
                if pattern.words:
                    written, languages = of_context.get(pattern.words, (pattern.text, ()))
                    of_context[pattern.words] = (written, (*languages, language))
        cries[context] = of_context
    return _Book(
        index, {c: k for k, c in KIND_CONTEXTS.items()}, lexicon.languages, whole, negators, no_answers, gaps, cries
    )


_DRAWN_OUT = re.compile(r"([^\W\d_])\1{2,}")  # a letter written three times or more: "socorrooo", "ด่วนนนน"
_DOUBLED_LAST = re.compile(r"([^\W\d_])\1$")  # a word's last letter doubled: "ayudaa", "helpp"


def _drawn_in(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words with letters drawn out written once: "AYUDAAAA" -> "ayuda", "tolongg" -> "tolong"."""
    return tuple(_DOUBLED_LAST.sub(r"\1", _DRAWN_OUT.sub(r"\1", word)) for word in words)


def _a_cry_for_help(words: tuple[str, ...], book: _Book) -> tuple[str, tuple[str, ...]] | None:
    """The cry the whole message is, as written or with its letters drawn out (`_a_cry_alone`)."""
    drawn_in = _drawn_in(words)
    drawn_out = drawn_in != words
    cry = book.cries.get(CRIES, {}).get(words) or book.cries.get(CRIES, {}).get(drawn_in)
    if cry is None and drawn_out:
        cry = book.cries.get(PLEAS, {}).get(drawn_in)
    return cry


CRY_MAX_WORDS = 4  # a cry is a word or two ("urgent", "SOS", "urgente por favor"); longer, the message says more


def _a_cry_alone(words: tuple[str, ...], book: _Book) -> tuple[str, tuple[str, ...]] | None:
    """A message that is nothing but a cry for help: a word of urgency ("urgent", "darurat", "急！！", "ด่วน!!",
    emergency.cry) or a plea written with its letters drawn out ("AYUDAAAA", "socorrooo", emergency.plea; as written,
    "help" and "ayuda" are how texters ask for the menu, which carries the emergency number). Before round 26 these
    got the menu or nothing: no phrase names a danger and the model has no words to read. Someone who texts only
    this may be in danger and have no time to say more, so the message gets the possible tier (the number and one
    question), never more on its own. Only the whole message: "urgent question about shipping" says what it is."""
    if not words or len(words) > CRY_MAX_WORDS:
        return None
    return _a_cry_for_help(words, book)


def _verdict(live: list[Match], book: _Book) -> Verdict | None:
    for kind, context in KIND_CONTEXTS.items():
        of_kind = [m for m in live if m.context == context]
        if not of_kind:
            continue
        ranks = {lang: _rank(lang, of_kind, book.order) for lang in {m.language for m in of_kind}}
        ranked = sorted(ranks, key=ranks.__getitem__)
        best = tuple(lang for lang in ranked if ranks[lang][:2] == ranks[ranked[0]][:2])
        top = min((m for m in of_kind if m.language == ranked[0]), key=lambda m: (m.chars[0], -m.chars[1]))
        return Verdict(kind=kind, phrase=top.phrase, languages=tuple(ranked), best=best)
    return None


def _rank(language: str, matches: list[Match], order: tuple[str, ...]) -> tuple[int, int, int]:
    """Languages that read more of the message, without typos, come first; then catalog order."""
    own = [m for m in matches if m.language == language]
    covered = len({i for m in own for i in range(*m.chars)})
    return (-covered, -sum(m.exact for m in own), order.index(language))


def _size(prepared: Prepared) -> int:
    """Words in the message; in Thai and Chinese, letters / 3 (a rough word count for both)."""
    if prepared.squashed.isascii():  # no Thai or Chinese word: one C call instead of a test per word
        return len(prepared.words)
    unspaced = [len(word) for word in prepared.words if is_unspaced_script(word)]
    return len(prepared.words) - len(unspaced) + sum(unspaced) // 3


GAP_NEGATOR_LETTERS = 3  # a negator this long or longer may negate a cue with one word between


def _cue_negated(prepared: Prepared, cue: Match, book: _Book) -> Match | None:
    """A recovery or a story cue negated: as _negated, and also by a negator of the cue's language or of English
    with one word between ("c'est pas une fausse alerte", "não é brincadeira", "this is not a prank": the cue "prank"
    is Indonesian, the "not" English). "he's not breathing, this isnt a false alarm" and "i want to kill myself this
    is not a prank" got nothing (found by a tuner in round 14)."""
    found = _negated(prepared, cue, book)
    if found is not None or cue.unspaced:
        return found
    typed, clause, first = prepared.words, prepared.clause, cue.words[0]
    for language in dict.fromkeys((cue.language, "en")):
        for words in book.negators.get(language, ()):
            at = first - len(words) - 1
            if len("".join(words)) < GAP_NEGATOR_LETTERS:
                continue  # "no", "ko": Vietnamese "nó" folds to "no" ("nó nói con không sao"), "no mames"
            if at >= 0 and typed[at : first - 1] == words and clause[at] == clause[first]:
                chars = (prepared.offsets[at], prepared.offsets[first - 2] + len(typed[first - 2]))
                return _negator(language, " ".join(words), (at, first - 1), chars, unspaced=False)
    return None


def _negated(prepared: Prepared, match: Match, book: _Book) -> Match | None:
    """Rule 2b: a bare negator of the phrase's own language (emergency.negators: "not", "no", "pas", "không",
    "没有") negates the phrase when it comes right before it in the same clause ("no está morado", "没有发紫"),
    or when it is the extra word inside it ("hes not blue" read by "hes blue"). Negative states keep their
    negator inside the phrase ("not breathing"), so they are not negated by it. Only the phrase's language:
    Vietnamese "nó" folds to "no", Tagalog "ko" is "my"."""
    negators = book.negators.get(match.language, ())
    if not negators:
        return None
    if match.unspaced:
        before = prepared.squashed[: match.chars[0]]
        for words in negators:
            if before.endswith(words[0]):
                start = match.chars[0] - len(words[0])
                span = (prepared.word_of_char[start], match.words[0])
                return _negator(match.language, words[0], span, (start, match.chars[0]), unspaced=True)
        return None
    typed, clause = prepared.words, prepared.clause
    first, end = match.words
    for words in negators:
        at = first - len(words)
        if at >= 0 and typed[at:first] == words and clause[at] == clause[first]:
            chars = (prepared.offsets[at], prepared.offsets[first - 1] + len(typed[first - 1]))
            return _negator(match.language, " ".join(words), (at, first), chars, unspaced=False)
    if end - first < 3:
        return None  # no room for an extra word inside
    own = Pattern.of(spell_out(match.phrase)).words
    if end - first <= len(own):
        return None  # every word is the phrase's own
    singles = {words[0] for words in negators if len(words) == 1}
    for at in range(first + 1, end - 1):
        if typed[at] in singles and typed[at] not in own:
            chars = (prepared.offsets[at], prepared.offsets[at] + len(typed[at]))
            return _negator(match.language, typed[at], (at, at + 1), chars, unspaced=False)
    return None


def _negated_across_a_gap(prepared: Prepared, match: Match, book: _Book, nows: list[Match]) -> Match | None:
    """Round 26: a bare negator with words of its language's emergency.negator_gap between it and the phrase, at
    most GAP_WORDS of them, all in the phrase's clause, negates the phrase as one right before it does: "je n'ai
    jamais vraiment pensé au suicide", "ce n'est pas du tout une overdose", "I'm not really suicidal", "he didn't
    have a seizure", "no tiene los labios morados", "nunca he pensado en el suicidio" got the full answer, since
    rule 2b reads only a negator right before the phrase, and only the phrase's language's ("suicide" and
    "convulsions" are English phrases inside French). The gap words are a closed class (articles, "really", "at
    all", "ever", "had", "thought about"), so a negator that ends another sentence ("je sais pas il a les lèvres
    bleues": "il" is no gap word) negates nothing. A negator of another language than the phrase's counts when it
    has GAP_NEGATOR_LETTERS letters or more ("jamais", not Vietnamese "ko" or "no"), and only with its own
    language's gap words. Not for a negative state ("no really not breathing" is emphasis), and not when an urgency
    cue follows the negator ("he never had a seizure before and now he's shaking": the state is new)."""
    if match.unspaced:
        return _negated_across_an_unspaced_gap(prepared, match, book, nows)
    typed, clause, first = prepared.words, prepared.clause, match.words[0]
    if any(typed[first] in {w[0] for w in words} for words in book.negators.values()):
        return None  # a negative state keeps its own negator: "not breathing", "pas de pouls"
    for language, gap_words in book.gaps.items():
        if not gap_words:
            continue
        size = 0
        while size < GAP_WORDS and first - size - 1 >= 0 and typed[first - size - 1] in gap_words:
            size += 1
        if clause[first - size] != clause[first]:
            continue
        for gap in range(size, 0, -1):  # the longest gap first: "pas du tout une overdose"
            for words in book.negators.get(language, ()):
                if language != match.language and len("".join(words)) < GAP_NEGATOR_LETTERS:
                    continue
                at = first - gap - len(words)
                if at >= 0 and typed[at : first - gap] == words and clause[at] == clause[first]:
                    if any(now.words[0] > at for now in nows):
                        return None
                    chars = (prepared.offsets[at], prepared.offsets[first - 1] + len(typed[first - 1]))
                    return _negator(language, " ".join(words), (at, first), chars, unspaced=False)
    return None


def _negated_across_an_unspaced_gap(prepared: Prepared, match: Match, book: _Book, nows: list[Match]) -> Match | None:
    """The same for a Thai or Chinese phrase, read in the message without spaces: up to GAP_WORDS gap words of the
    phrase's own language right before it, then a negator of that language ("我没想过自杀", I never thought of
    suicide; "他没在抽搐"). Only the phrase's language, as rule 2b, and a phrase that opens with a negator of its own
    ("不想活了") is a negative state, not negated."""
    negators, gap_words = book.negators.get(match.language, ()), book.gaps.get(match.language, frozenset())
    if not negators or not gap_words or any(match.phrase.startswith(words[0]) for words in negators):
        return None
    before, size = prepared.squashed[: match.chars[0]], 0
    while size < GAP_WORDS:
        gap = next((word for word in sorted(gap_words, key=len, reverse=True) if before.endswith(word)), None)
        if gap is None:
            break
        before, size = before[: -len(gap)], size + 1
    if size == 0:
        return None
    for words in negators:
        if before.endswith(words[0]):
            start = len(before) - len(words[0])
            at = prepared.word_of_char[start]
            if prepared.clause[at] != prepared.clause[match.words[0]] or any(now.words[0] >= at for now in nows):
                return None
            span = (prepared.word_of_char[start], match.words[0])
            return _negator(match.language, words[0], span, (start, match.chars[0]), unspaced=True)
    return None


def _negator(language: str, text: str, words: tuple[int, int], chars: tuple[int, int], unspaced: bool) -> Match:
    return Match(NEGATORS, language, text, words, chars, unspaced, True)


def _again(cue: Match, live: list[Match], score: float, prepared: Prepared) -> bool:
    """The past or a recovery told first, then danger in a later clause that the model reads as danger: "yesterday
    he passed out for a sec and came right back. today he went down again and hes not coming to", "my toddler is
    fine, checked her twice. her dad took kratom ... and now he's unresponsive". The cue reads the whole message,
    and without an urgency word ("now", "tonight") it cancelled the danger told after it, of the same person
    again or of another one."""
    if score < MODEL_AGAIN or cue.context not in (_PAST, _RESOLVED):
        return False
    after = prepared.clause[cue.words[1] - 1]
    return any(prepared.clause[m.words[0]] > after for m in live)


def _past_told_after(cues: context_module.Cues, live: list[Match], score: float, prepared: Prepared) -> bool:
    """Every past cue told after the danger, in a later clause, in a message the model reads as danger: "mi papa esta
    sentado con los ojos abiertos pero no parpadea ni me contesta, como q no respira, ayer compro 7oh", "adek gue
    kejang2 di lantai udah 3 menit, dia berhenti kratom 2 hari lalu" got nothing (batches dc, dk): the past said when
    the drug was bought or stopped, and it cancelled the danger told before it. The same for signs of a plan ("sorry
    for everything, take care of my cat' and won't pick up ... said last week he wanted to die", batch cn). The mirror
    of `_again` (the past told first), with the model's bar higher, MODEL_PAST_AFTER: a story told danger first ("he
    stopped breathing and went blue. that was two years ago") is how the past is often told."""
    pasts = cues.of_kind("past")
    if score < MODEL_PAST_AFTER or not pasts or not live:
        return False
    # A sign told in the past's own clause is part of what it dates (round 25: "แจกของหมด บอกลาทุกคน แล้วเดินไปทางโกดัง
    # เมื่อวานเขาพูดเรื่องเชือก", gave everything away, said goodbye to all and walked to the warehouse; yesterday he
    # talked about a rope): the signs before it are still told now.
    dated = {prepared.clause[cue.words[0]] for cue in pasts}
    told_now = [m for m in live if prepared.clause[m.words[1] - 1] not in dated]
    if not told_now:
        return False
    last = max(prepared.clause[m.words[1] - 1] for m in told_now)
    return all(prepared.clause[cue.words[0]] > last for cue in pasts)


def _a_plan_told_beside_a_question(
    cue: Match,
    cues: context_module.Cues,
    prepared: Prepared,
    questions: list[Match],
    score: float,
    book: _Book,
) -> bool:
    """Round 27 (tuner D): a question about something else ("is it true kratom ruins the kidneys?", "does it make
    your hair fall out?") asked in a clause of its own, and a plan told in other clauses that do not ask ("the rope
    is tied to the beam, the letter to my kids is written, tonight"): the question's hypothetical cue read over the
    whole message and cancelled the plan (batch dw, th and zh_Hans, a texter hiding the plan between two questions).
    Only when every hypothetical cue is in a clause that asks (a "?" or a question word of emergency.question) and
    holds no sign of a plan, the means or an intention; no other context (the past, a story, a recovery) is read;
    the signs told outside those clauses add up to the full answer by themselves (`_intent`); and the model reads
    the message as danger (MODEL_AGAIN). "what should i do if a friend writes goodbye letters and gives his things
    away?" keeps its signs inside the question's clause, so it stays a question."""
    if score < MODEL_AGAIN or not _a_hypothetical_alone(cue, cues):
        return False
    asking = prepared.asking | {prepared.clause[q.words[0]] for q in questions}
    frames = {prepared.clause[c.words[0]] for c in cues.of_kind("hypothetical")}
    frames |= {prepared.clause[c.words[1] - 1] for c in cues.of_kind("hypothetical")}
    if not frames or not frames <= asking:
        return False
    signs = [m for kind in _SUICIDE_SIGN_KINDS for m in cues.of_kind(kind)]
    if any(prepared.clause[m.words[0]] in frames or prepared.clause[m.words[1] - 1] in frames for m in signs):
        return False
    told = [m for m in cues.matches if m.context != _HYPOTHETICAL]
    _verdict_told, tier = _intent(context_module.Cues(tuple(told)), book)
    return tier == "full"


def _someone_watching(cue: Match, live: list[Match], cues: context_module.Cues, prepared: Prepared) -> bool:
    """A story cue ("a movie", "una película") told of a person the texter names before it in its clause, with the
    danger told after it: "my dad was watching a movie when he collapsed, hes not breathing". The film is what that
    person was doing, not a story about someone else, and the danger is theirs, now; the frame had taken it back and
    the message got no answer (round 27, found by tuner D). Only a medical danger told in a later clause, and not
    when the message asks anything (a question about a scene, "my mom saw a movie where a girl stops breathing, is
    that real?") or laughs (a costume, a song sung all night: "mon fils s'est déguisé en zombie lèvres bleues ptdr")."""
    if cue.context != _FICTION or prepared.asks:
        return False
    clause = prepared.clause[cue.words[0]]
    named = any(
        person.chars[1] <= cue.chars[0] and prepared.clause[person.words[0]] == clause
        for person in cues.of_kind("person")
    )
    medical = KIND_CONTEXTS["medical"]
    return named and any(m.context == medical and prepared.clause[m.words[0]] > clause for m in live)


def _arrival_then_danger(cue: Match, live: list[Match], cues: context_module.Cues) -> bool:
    """A recovery cue that only says help has arrived (it is also an emergency.arrived cue), then a danger phrase that
    is more than a service's name: "ya llego la ambulancia, le estan poniendo oxigeno, sigue sin hablar", "xe cấp cứu
    tới rồi, họ đang bóp bóng cho nó, vẫn chưa tỉnh" got nothing (batch cm). The person is not said to be well."""
    if cue.context != _RESOLVED or not _each_one_of([cue], cues.of_kind("arrived")):
        return False
    if any(m.context == _RESOLVED and not _each_one_of([m], cues.of_kind("arrived")) for m in cues.matches):
        return False  # "the ambulance came and he's talking now": a recovery of the person too
    services = cues.of_kind("service")
    return any(m.chars[0] >= cue.chars[1] and not _each_one_of([m], services) for m in live)


def _a_hypothetical_alone(cue: Match, cues: context_module.Cues) -> bool:
    """The cue is a hypothetical and no other context is read (the past, a story, a recovery): the two rules that
    weigh where a hypothetical stands against the danger (`_frame_told_after`, `_someone_in_danger_then_a_hypothetical`)
    apply only then."""
    return cue.context == _HYPOTHETICAL and not any(cues.has(kind) for kind in ("past", "fiction", "resolved"))


def _someone_in_danger_then_a_hypothetical(
    cue: Match, live: list[Match], cues: context_module.Cues, prepared: Prepared, negations: list[Match]
) -> bool:
    """Someone named, their danger, then a hypothetical with no clause break between: "my friend is not breathing
    what do i do if someone overdoses" got nothing, because the cue shares the danger's clause (no punctuation, as a
    frightened texter types) and `_frame_told_after` leaves a same-clause frame in place (found by a tuner in
    round 18). Whether the hypothetical asks in general or about the friend cannot be told from the words, so the
    answer is the question ("is someone in danger right now?"), not silence. Only when a person is named before the
    first danger phrase, every hypothetical cue starts after the danger phrases end, the message asks nothing (a "?":
    "what should i do if my husband ever stops breathing? want to be ready" is preparing, and with questions allowed
    13 safe texts of the tunable batches were asked about), no conditional comes before the danger ("如果朋友用了卡痛
    之后突然不喘气了应该怎么做 以防万一", if a friend stopped breathing: 4 more), and nothing says it is past, a story
    or over."""
    if not _a_hypothetical_alone(cue, cues) or prepared.asks:
        return False
    first_danger = min(m.chars[0] for m in live)
    last_danger = max(m.chars[1] for m in live)
    if not any(p.chars[1] <= first_danger for p in cues.of_kind("person")):
        return False
    if any(n.chars[0] < first_danger for n in negations):
        return False
    return all(c.chars[0] >= last_danger for c in cues.of_kind("hypothetical"))


def _danger_told_after_a_what_if(
    cue: Match, live: list[Match], cues: context_module.Cues, prepared: Prepared, score: float, questions: list[Match]
) -> list[Match]:
    """Round 25 (tuner F): the danger phrases told after a "what if" question, each in a clause that does not ask:
    "paano kung bigla siyang mamatay? hindi na siya gumagalaw" (what if he suddenly dies? he isn't moving anymore)
    got nothing, the question's hypothetical cue read over the whole message. The fear is asked, the state after it
    is told. Only when every hypothetical cue is in a clause that ends in a question mark, and no other context (the
    past, a story, a recovery) is read; not for a danger phrase that only names a service ("what if a passenger stops
    breathing? do i call 911 first": what to do, not a state), nor when the model reads the message as nothing like
    danger (under MODEL_DISMISSES: "triệu chứng quá liều gồm những gì ạ? thở chậm, đồng tử co, hôn mê đúng ko", a
    student's list of symptoms). Empty when the rule does not apply.

    Round 25 (tuner G): a clause that holds a question word of emergency.question ("paano", "what if", "gimana")
    asks as one ending in "?" does: "paano kung bigla siyang mamatay, hindi na siya gumagalaw" has no "?". Only the
    "what if" clauses are read so: whether a danger is told still takes a clause without a "?" (a question word
    there, "he's not breathing what do i do", does not make the danger asked)."""
    asking = prepared.asking | {prepared.clause[q.words[0]] for q in questions}
    if score < MODEL_DISMISSES or not _a_hypothetical_alone(cue, cues) or not asking:
        return []
    services = cues.of_kind("service")
    hypotheticals = [
        c for c in cues.of_kind("hypothetical") if not any(context_module.inside(c.chars, m.chars) for m in live)
    ]
    frames = [prepared.clause[c.words[0]] for c in hypotheticals]
    if not frames:
        return []
    if not prepared.asks and len(set(frames)) == 1 and frames[0] in asking:
        told_in_the_same_breath = _danger_told_in_a_what_ifs_clause(
            hypotheticals, live, prepared, questions, cues.of_kind("person")
        )
        if told_in_the_same_breath and not _each_one_of(told_in_the_same_breath, services):
            return told_in_the_same_breath
    if any(frame not in asking for frame in frames):
        return []
    last_frame = max(frames)
    return [
        m
        for m in live
        if prepared.clause[m.words[0]] > last_frame
        and prepared.clause[m.words[0]] not in prepared.asking
        and not _each_one_of([m], services)  # "do i call 911 first": what to do, not a state
    ]


WHAT_IF_OWN_WORDS = 3  # words of its own a "what if" question has before a danger told after it, with no "?"


def _danger_told_in_a_what_ifs_clause(
    hypotheticals: list[Match], live: list[Match], prepared: Prepared, questions: list[Match], persons: list[Match]
) -> list[Match]:
    """Round 25 (tuner G): a "what if" asked with a question word and no "?" at all, then the state told in the same
    breath: "paano kung bigla siyang mamatay hindi na siya gumagalaw" (what if he suddenly dies he isn't moving
    anymore). Where the question ends cannot be seen, so only when it is plainly a question of its own: a question
    word at or before every hypothetical cue ("paano kung"), the feared event in words of its own (WHAT_IF_OWN_WORDS
    or more) that hold no danger phrase and name no one, then the first danger phrase. A danger right after the
    "what if" ("paano kung hindi na siya gumagalaw") is what it asks about, one after another danger phrase ("what
    if he overdoses and stops breathing") may be too, and words that only name who ("what do i do if my friend is
    not breathing", round 18) are the question's subject, not an event of its own. Empty when the rule does not
    apply."""
    clause = prepared.clause[hypotheticals[0].words[0]]
    if not all(
        any(prepared.clause[q.words[0]] == clause and q.chars[0] <= c.chars[0] for q in questions)
        for c in hypotheticals
    ):
        return []
    frame_end = max(c.words[1] for c in hypotheticals)
    after = sorted((m for m in live if m.words[0] >= frame_end), key=lambda m: m.words[0])
    if not after or prepared.clause[after[0].words[0]] != clause:
        return []
    first = after[0]
    if first.words[0] - frame_end < WHAT_IF_OWN_WORDS or any(m.words[0] < first.words[0] for m in live):
        return []
    if any(frame_end <= p.words[0] < first.words[0] for p in persons):
        return []
    return [first]


def _taken_told_after_a_what_if(cues: context_module.Cues, prepared: Prepared, substances: frozenset[str]) -> bool:
    """A word of what is taken (`_substances`: "kratom", "pil") in a clause that does not ask, after the last clause
    with a hypothetical cue: "gimana cara tau dia cuma tidur nyenyak atau bahaya? minum kratom campur anggur merah,
    diteriakin di kuping gak bangun" tells what he took, where "tem como saber se é overdose? tipo olho revirado, não
    acorda" lists the signs the question asks about."""
    last_frame = max(prepared.clause[c.words[0]] for c in cues.of_kind("hypothetical"))
    return any(
        word in substances
        for word, clause in zip(prepared.words, prepared.clause, strict=True)
        if clause > last_frame and clause not in prepared.asking
    )


def _suicide_told_after(cue: Match, live: list[Match]) -> bool:
    """A suicide phrase told after a recovery cue in the same message: "today was my last day at work and i want to
    kill myself", "hes fine and i want to kill myself tonight" got nothing, because the cue reads the whole message
    (found by a tuner in round 14): someone else's recovery, or an ending, is not the texter's safety. Below
    MODEL_AGAIN the answer is the question, not the full answer. Not after the past: "hồi cấp 3 mình hay rạch tay"
    (I used to cut in high school) keeps the past's reading (with the past too: 10 false alarms, 1 emergency more
    over the tunable batches)."""
    if cue.context != _RESOLVED:
        return False
    return any(m.context == KIND_CONTEXTS["suicide"] and m.chars[0] >= cue.chars[1] for m in live)


def _relapse(cue: Match, live: list[Match], cues: context_module.Cues, nows: list[Match]) -> bool:
    """A recovery, then an urgency word, then danger: "he was only asleep and now i cant wake him and his lips are
    blue". A recovery outweighs "now" anywhere in the message ("he woke up and is talking now"); told before the
    urgency and the danger, it is what happened before the danger came back. Not when the past, a story or a
    hypothetical frames the message too, nor for a danger phrase that only names a service ("the ambulance is
    here, she's awake, now in the ambulance talking"). Round 13's probe of new recovery cues (scripts/probe_cues.py)
    found every one of them silencing such a message."""
    if cue.context != _RESOLVED or any(cues.has(kind) for kind in ("past", "hypothetical", "fiction")):
        return False
    # An urgency word that is part of a recovery cue ("sitting up now", "talking now", "fine now") tells the recovery,
    # not the danger back: "shes sitting up now talking, says she just took too much ... breathing normal" (batch db)
    # got the full answer, "now" read between "shes sitting up" and "took too much".
    recoveries = cues.of_kind("resolved")
    nows = [n for n in nows if not any(context_module.inside(n.chars, r.chars) for r in recoveries)]
    services = cues.of_kind("service")
    return any(_between(nows, cue, danger) and not _each_one_of([danger], services) for danger in live)


def _frame_told_after(cue: Match, live: list[Match], cues: context_module.Cues, prepared: Prepared) -> bool:
    """A hypothetical or a professional's frame told only after a danger, in a later clause: "my brother isnt
    breathing, we see more cases every day" got nothing, because the cue reads the whole message (found by the list
    tuners in round 15). A frame told after a present danger does not take it back; told first ("if someone isnt
    breathing what do i do"), or in the danger's own clause, it still frames it. Every hypothetical cue must come
    after the first danger's clause, a person must be named in or before that clause ("my brother"), the message
    must ask nothing (a "?" anywhere), and no other context (the past, a story, a recovery) may be read. On the
    tunable files (round 15) the looser versions only made safe texts alarms: without the person, a chart note
    ("pt unresponsive, nalox given, GCS 15 na") and a hearsay ("听说卡痛吃多了会抽搐，真的假的") became the full
    answer; with questions allowed, 49 preparing questions ("kalau ada org tak bernafas ..., apa patut buat? nak
    tahu je") were asked about. As kept it changes no decision there: it is for the family the tuners found."""
    if not _a_hypothetical_alone(cue, cues):
        return False
    first = min(prepared.clause[m.words[0]] for m in live)
    if prepared.asks or not any(prepared.clause[p.words[0]] <= first for p in cues.of_kind("person")):
        return False
    frames = [c for c in cues.of_kind("hypothetical") if not any(context_module.inside(c.chars, m.chars) for m in live)]
    return all(prepared.clause[c.words[0]] > first for c in frames)


def _fine_for_now(
    cue: Match,
    live: list[Match],
    cues: context_module.Cues,
    nows: list[Match],
    contrasts: list[Match],
    prepared: Prepared,
    substances: frozenset[str],
) -> bool:
    """Something swallowed, then "fine now, but ...": "my 2 yr old got into my purse and chewed some of my kratom
    capsules, maybe 4?? she seems totally fine rn but i read that doesnt mean anything", "anak sy 3 thn terjumpa
    kapsul kratom ..., dah telan 2 ke 3 biji. skrg ok je main2 tp sy takut sgt" got nothing: the recovery cue read
    the whole message and cancelled the swallowing (found by the list tuners in round 15; batch cu). Someone who
    swallowed a drug with no symptoms yet still needs poison control now: "fine" is not a recovery from a danger that
    has not begun. Read from the catalogs, in every language: a medical phrase told in an earlier clause that names
    what was taken (a word of the substance topics' lists, SUBSTANCE_LISTS: "kratom", "capsules", "kapsul"), a
    recovery cue with an urgency cue in its clause ("fine rn", "skrg ok": how they are now) and a "but" after it
    (the texter's own doubt), and no past or story. Without the "but", 2 more safe texts of the tunable files were
    alarms ("semalam terlebih minum, tido, pagi ni ok dah"); with the substance anywhere in the danger's clause
    instead of inside the phrase, 2 ("my roommate passed out from kratom and beer last weekend. hes totally fine now
    but ..."): a symptom that passed is a recovery. The model scores such messages low (0.04), so its doubt does not
    lower the answer."""
    if cue.context != _RESOLVED or any(cues.has(kind) for kind in ("past", "fiction")):
        return False
    where = prepared.clause[cue.words[0]]
    if not any(prepared.clause[n.words[0]] == where for n in nows):
        return False
    if not any(c.chars[0] >= cue.chars[1] and prepared.clause[c.words[0]] <= where + 1 for c in contrasts):
        return False
    return any(
        m.context == KIND_CONTEXTS["medical"]
        and prepared.clause[m.words[0]] < where
        and any(word in substances for word in prepared.words[m.words[0] : m.words[1]])
        for m in live
    )


def _contrasts(found: list[Match]) -> list[Match]:
    """The message's "but" cues (`emergency.contrast`), in the order found."""
    return [m for m in found if m.context == CONTRASTS]


@lru_cache(maxsize=8)
def _substances(lexicon: Lexicon) -> frozenset[str]:
    """What is taken, in every language: the words of the substance topics' lists (SUBSTANCE_LISTS) of four letters
    or more that no language's frequent words (helpline/detect.py) hold ("kratom", "capsules", "kapsul", "telan")."""
    common = frozenset().union(*detect_module.WORDS.values())
    return frozenset(
        word
        for language in lexicon.languages
        for context in SUBSTANCE_LISTS
        for pattern in lexicon.patterns(language, context)
        for word in pattern.words
        if len(word) >= 4 and word not in common
    )


SUBSTANCE_LISTS = tuple(
    f"topics.{topic}.{kind}"
    for topic in ("kratom", "seven_oh", "dose", "mix", "meds")
    for kind in ("phrases", "keywords")
)


def _someone_named_after(
    cue: Match, live: list[Match], cues: context_module.Cues, score: float, prepared: Prepared
) -> bool:
    """A general question first, then danger in a later clause that names a person and that the model reads as
    danger: "tem como saber se é overdose? meu filho de 17 tá no carro, babando, olho revirado, não acorda". The
    hypothetical read the whole message and cancelled the son's danger with the question's."""
    if score < MODEL_AGAIN or cue.context != _HYPOTHETICAL:
        return False
    after = prepared.clause[cue.words[1] - 1]
    people = [prepared.clause[p.words[0]] for p in cues.of_kind("person")]
    return any(after < person <= prepared.clause[m.words[0]] for m in live for person in people)


def _asked_not_urged(cue: Match, emergencies: list[Match], prepared: Prepared) -> bool:
    """An urgency word in a question with no danger of its own: "a video of someone fainting, is that real?"."""
    where = prepared.clause[cue.words[0]]
    return where in prepared.asking and not any(prepared.clause[m.words[0]] == where for m in emergencies)


def _between(cues: list[Match], first: Match, last: Match) -> bool:
    """A cue lies after the first match and before the last: "lol no seriously he's not breathing", where the
    urgency ("seriously") comes between the joke and the danger, takes the joke back."""
    return any(first.chars[1] <= cue.chars[0] and cue.chars[1] <= last.chars[0] for cue in cues)


def _now_after_a_frame(nows: list[Match], frames: list[Match], live: list[Match]) -> bool:
    """An urgency cue between a question or a frame and the danger: "what if I took too much, now I can't
    breathe". The model reads the question and doubts; the order says the danger is now."""
    return any(_between(nows, frame, danger) for frame in frames for danger in live)


def _now_only_after_the_danger(nows: list[Match], live: list[Match], emergencies: list[Match], score: float) -> bool:
    """Every urgency cue told after the danger, with no danger phrase after it, in a message the model does not read
    as danger (under MODEL_DOUBTS): "now" is how things are today, told against the story, not the danger again:
    "last year I had a seizure quitting, now I want to quit again", "以前想过自杀 现在已经戒了两年了" (batch dg).
    "last year he OD'd, now he's not breathing" has its danger after "now" and stays the full answer."""
    if not nows or not live or score >= MODEL_DOUBTS:
        return False
    last_danger = max(m.chars[1] for m in live)
    return all(now.chars[0] >= last_danger for now in nows) and not any(
        m.chars[0] >= min(now.chars[0] for now in nows) for m in emergencies
    )


def _arrival_without_help(cue: Match, cues: context_module.Cues) -> bool:
    """A recovery cue that only says something has arrived ("ya están aquí", they are here), beside signs of a plan,
    in a message that names no emergency service: "he guardado las pastillas ... y ya están aquí" is the means at
    hand, not help that came (round 18, tune-I). A recovery of the person ("she's awake", "tá rindo") is not one."""
    if cue.context != _RESOLVED or not _each_one_of([cue], cues.of_kind("arrived")):
        return False
    if any(m.context == _RESOLVED and not _each_one_of([m], cues.of_kind("arrived")) for m in cues.matches):
        return False
    return not cues.has("service")


def _means_got_before(cue: Match, cues: context_module.Cues, model_kind: str, score: float) -> bool:
    """The past told of the means alone ("comprei uma corda ontem", "bought the pills last week"): when the means
    was got, not a danger that is over; the means is still there. Only when every sign is the means and the model
    reads the message as suicide without doubt (MODEL_CONFIRMS)."""
    return (
        cue.context == _PAST
        and model_kind == "suicide"
        and score >= MODEL_CONFIRMS
        and not cues.has("plan")
        and not cues.has("intent")
        and cues.has("means")
    )


def _past_inside(live: list[Match], cues: context_module.Cues, prepared: Prepared) -> Match | None:
    """A past cue that starts at the extra word inside a phrase: "aku pernah OD" (I once OD'd) read by "aku od".
    A cue inside a phrase is the phrase's own words, not its context (Cues.cancelling); but the extra word is not the
    phrase's, and when it starts a past cue ("pernah od": once OD'd) it says when, as a negator there says not."""
    for match in live:
        first, end = match.words
        if match.unspaced or end - first < 3:
            continue
        own = Pattern.of(spell_out(match.phrase)).words
        if end - first <= len(own):
            continue
        for cue in cues.of_kind("past"):
            at = cue.words[0]
            if first < at < end - 1 and prepared.words[at] not in own:
                return cue
    return None


def _intent_after_the_past(cue: Match, cues: context_module.Cues, prepared: Prepared) -> bool:
    """The past told of a plan, then an intention of its own in a later clause: "j'ai acheté une corde hier. je
    vais le faire ce week-end quand ma soeur sera partie" (batch dd). The past says when the means was got or the plan
    made; the intention is for what is ahead, so the past does not take the plan back. Only with two distinct signs
    (plan cues, or the means apart from them): one sign with a bare intention ("l'an dernier j'avais acheté une
    corde, aujourd'hui je vais mieux") stays past."""
    if cue.context != _PAST:
        return False
    plans = cues.of_kind("plan")
    signs = cues.plan_signs()
    distinct = len({m.phrase for m in plans}) + any(_apart(m, plans) for m in cues.of_kind("means"))
    if distinct < 2:
        return False  # "je vais" is also "je vais mieux": one sign and a bare intention keep the past's reading
    where = prepared.clause[cue.words[0]]
    return any(_apart(intent, signs) and prepared.clause[intent.words[0]] > where for intent in cues.of_kind("intent"))


def _now_then_danger(nows: list[Match], live: list[Match], cues: context_module.Cues) -> bool:
    """An urgency cue told before the danger, in a message with no frame, no recovery and no animal: "ba em uong
    thuoc huyet ap ... gio ba choang, do mach co 38, tay lanh", "ya viene la ambulancia pero volvio a dejar de
    respirar, sigo con las compresiones?". The model doubts such a message for its other words (a question, what
    led up to it), but the order says the danger is now: the model's doubt does not lower it to the question (a score
    under MODEL_DISMISSES still dismisses a long message). On the tunable files (round 15) the doubted messages read
    so were 10 emergencies and 2 safe texts."""
    if any(cues.has(kind) for kind in (*context_module.CANCELLING, "pet")):
        return False
    return any(now.chars[1] <= danger.chars[0] for now in nows for danger in live)


# Laughter and "just kidding" written as markers ("... lol", "... kkkk", "... 555", "... charot") in every language's
# negations: they cancel the danger phrase they follow ("this withdrawal is killing me lol"), never one after them.
LAUGHTER = frozenset(
    ("lol", "lmao", "haha", "hahaha", "hehe", "hhh", "jaja", "jajaja", "kkk", "kkkk", "kkkkk", "wkwk", "wkwkwk")
    + ("555", "mdr", "ptdr", "charot", "char", "chz")
)


#: Words besides a laughed-off suicide phrase and its laugh that make it a joke told about something (see below).
LAUGHED_OFF_OTHER_WORDS = 3
LAUGHED_OFF_UNSPACED_LETTERS = 12  # a message in Thai or Chinese of about that many letters


def _suicide_laughed_off(
    cancelled: dict[Match, Match],
    negations: list[Match],
    cues: context_module.Cues,
    withdrawal: list[Match],
    book: _Book,
    cancels: Callable[[Match, Match], bool],
    prepared: Prepared,
) -> Match | None:
    """A suicide phrase that only a laugh after it takes back ("i want to kill myself haha", "tôi muốn tự tử =))",
    "aku nak bunuh diri haha"): the laugh is how many hide it, and a counselor asks. It gets the question (the number
    and "is someone in danger now?"), not silence and not the full answer. Not when a denial or an idiom takes it back
    too, a frame (the past, a story, a what-if, a recovery) or an animal is in the message, or withdrawal is named in
    its language or English ("day 3 of withdrawal, i want to die lol" is how withdrawal feels), or more than
    LAUGHED_OFF_OTHER_WORDS words besides the phrase and the laugh tell a story around it (a game lost, a boss, an exam:
    the batches' writers, who never saw the rules, labelled 90 such jokes none). Round 27: the laugh marker had
    silenced even the bare statement in every language since round 4."""
    if cues.has("pet"):
        return None
    for match, by in cancelled.items():
        if book.kind_of.get(match.context) != "suicide" or not _a_laugh(by) or by.chars[0] < match.chars[1]:
            continue
        if any(cancels(n, match) for n in negations if not _a_laugh(n)) or cues.cancelling([match]) is not None:
            continue
        if any(w.language in (match.language, SOURCE_LANGUAGE) for w in withdrawal):
            continue
        if match.unspaced or by.unspaced:  # Thai, Chinese: the whole message short
            told_alone = prepared.letters(0, len(prepared.squashed)) <= LAUGHED_OFF_UNSPACED_LETTERS
        else:
            phrase_and_laugh = {*range(*match.words), *range(*by.words)}
            told_alone = len(prepared.words) - len(phrase_and_laugh) <= LAUGHED_OFF_OTHER_WORDS
        if not told_alone:
            continue  # a story around it: the game lost, the boss, the exam ("si me ponen otra junta hoy me mato jaja")
        return match
    return None


def _done_again(
    cancelled: dict[Match, Match],
    negations: list[Match],
    cues: context_module.Cues,
    intents: list[Match],
    book: _Book,
    prepared: Prepared,
) -> tuple[Match, Tier] | None:
    """A past attempt, then the wish to do it again: "years ago i tried to kill myself. now i want to do it again",
    "i tried to kill myself last year. i want to die again tonight", "hace años intenté matarme. ahora quiero hacerlo
    otra vez" got no answer (found by tuner D, round 28): the past cue of the first sentence took back every suicide
    phrase of the message, the later one too. Here a suicide phrase that only a past cue or a negation of the past
    took back is read as now when a later sentence than that cue holds a word of doing it again (the emergency.again
    list) and, in that sentence, a will ("i want", "tonight", "gonna") or "now", and no denial ("never again", "not
    again"), no recovery and no animal. The full answer when the phrase itself is told again in that sentence ("i want
    to die again tonight"), the question when only "do it again" points back to it: a counselor asks."""
    if cues.has("pet") or cues.has("resolved"):
        return None
    agains = cues.of_kind("again")
    if not agains:
        return None
    wills = [*intents, *cues.of_kind("now")]
    for match, by in cancelled.items():
        if book.kind_of.get(match.context) != "suicide" or (by.context != _PAST and not _of_the_past(by)):
            continue
        dated = max(by.chars[1], match.chars[1])
        for again in agains:
            sentence = prepared.clause[again.words[0]]
            if again.chars[0] < dated:
                continue  # the repetition is part of what the past tells ("tried again and again back then")
            if not any(prepared.clause[w.words[0]] == sentence and w.chars[0] >= dated for w in wills):
                continue
            if any(
                prepared.clause[n.words[1] - 1] == sentence and n.chars[1] > dated and not _a_laugh(n)
                for n in negations
            ):
                continue  # "never again", "no lo haría otra vez"
            told_again = any(
                m.chars[0] >= dated
                and prepared.clause[m.words[0]] == sentence
                and book.kind_of.get(m.context) == "suicide"
                for m in cancelled
            )
            if told_again:
                return match, "full"
            if again.words[1] - again.words[0] >= 2 or again.unspaced:
                return match, "possible"  # "do it again", "hacerlo otra vez": it points back; a bare "again" may not
    return None


#: What dates a phrase in a negation of the emergency lists ("... years ago", "... in 2019"), as a past cue does.
_DATING = re.compile(r"\d{4}|\bago\b|\byears?\b|\blast (?:year|month|week)\b")


def _of_the_past(negation: Match) -> bool:
    """A negation that dates rather than denies ("... last year", "... in 2019"): it takes a phrase back as the past
    does, and a will told after it is not denied by it."""
    return _DATING.search(negation.phrase) is not None


def _a_will_after(negation: Match, match: Match, intents: list[Match]) -> bool:
    """A negation that ends before the danger phrase, with a will told between them that reaches past the negation's
    end ("aku nak", "I want", "je veux"): the will opens the texter's own sentence, and what came before it does not
    deny it. Indonesian "mati aku" (oh no, I'm done for) read "ayah aku mati aku nak bunuh diri" (my father died, I
    want to kill myself) as the idiom and gave nothing (round 27, found by tuner C). A denial that holds the will
    ("tidak mau bunuh diri", "bukan mau") or covers the phrase is unchanged."""
    if negation.chars[1] > match.chars[0] or negation.unspaced or match.unspaced:
        return False  # Thai and Chinese idioms hold the will's words ("看得我要晕过去了"): only spaced languages
    return any(
        negation.chars[1] < will.chars[1] and will.chars[0] < match.chars[1] and will.chars[0] >= negation.chars[0]
        for will in intents
    )


def _a_laugh(negation: Match) -> bool:
    """A negation that is a laugh marker ("... lol", "... kkkk"), not words that deny."""
    return negation.phrase.lstrip().removeprefix(MARKER[0]).removeprefix(MARKER[1]).strip() in LAUGHTER


def _laughs(negations: list[Match], contrasts: list[Match]) -> bool:
    """Reading.laughs: a laugh in the message with no "but" after it (a contrast takes a laugh back as it takes back
    a recovery: "hes swearing at me lol but hes letting me")."""
    return any(_a_laugh(n) and not any(c.chars[0] >= n.chars[1] for c in contrasts) for n in negations)


def _laugh_before_danger(negation: Match, match: Match, score: float) -> bool:
    """A laugh told before a danger phrase in a message the model reads as danger (MODEL_AGAIN or more): it does not
    cancel that phrase. "lol i took all the pills" and "mdr non serieux il respire plus" had got nothing; a laugh
    after the phrase ("this withdrawal is killing me lol") and a leading laugh in hyperbole the model does not read as
    danger ("kkkk to morrendo aqui mas sobrevivo") still cancel it."""
    if negation.chars[1] > match.chars[0] or score < MODEL_AGAIN:
        return False
    return _a_laugh(negation)


def _cancels(prepared: Prepared, negation: Match, match: Match) -> bool:
    """Rule 2: same clause, and the negation covers the end of the match, or ends just before it."""
    if prepared.clause[negation.words[0]] != prepared.clause[match.words[0]]:
        return False
    if negation.chars[0] < match.chars[1] <= negation.chars[1]:
        return True  # covers the phrase, or at least its end: "not suicidal", "cai tu tu"
    in_chars = negation.unspaced or match.unspaced
    marker = negation.phrase.lstrip().startswith(MARKER)
    if negation.chars[1] <= match.chars[0]:
        gap = prepared.letters(negation.chars[1], match.chars[0]) if in_chars else match.words[0] - negation.words[1]
    elif marker and negation.chars[0] >= match.chars[1]:
        gap = prepared.letters(match.chars[1], negation.chars[0]) if in_chars else negation.words[0] - match.words[1]
    else:
        return False
    if in_chars:
        return gap <= (CHAR_MARKER_WINDOW if marker else CHAR_WINDOW)
    return gap <= (MARKER_WINDOW if marker else WINDOW)
