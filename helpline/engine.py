"""Decide what to answer: a pure function of the message, the texter's state,
what the helpline knows and the clock.

No Flask, Redis or Twilio in here. The web layer loads the state, calls
`decide`, sends the replies and applies the actions; tests call `decide` with
plain values. Rules run in a fixed order, safety first:

0. our own reply coming back (an echo bot, another helpline): silence
   (helpline.loops), unless the texter added words about danger;
1. emergency phrase anywhere: the emergency answer, whatever else is true
   (opted out, in a counselor conversation, rate limited, repeating); violence
   now (emergency.threat) gets the threat answer instead of first aid; a possible
   emergency the model alone sees is left to the counselor who holds the conversation;
2. Twilio's own opt-out handling (OptOutType) is recorded without a reply;
3. opt-out and opt-in words (the whole message);
   ERASE (whole message) asks, and sent again confirms, erasing the texter;
4. held by a counselor: forwarded to them, no bot reply (even "HI" or "HELP":
   the counselor is the one answering now);
   the same text a third time within the recent window: silence (loops);
5. MENU/HELP: always answered otherwise, carriers require it;
6. opted out: silence;
7. media without text, language list and switch, menu numbers, keywords,
   topic phrases; anything else gets the menu, at most once per quiet period.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from helpline import detect, emergency, language, loops, replies
from helpline.directory import CountryLines, Directory
from helpline.emergency import Assessment
from helpline.knowledge import Hit, Knowledge, Lexicon, Reading
from helpline.matching import Message
from helpline.textnorm import tokens

AUTO_MENU_QUIET_SECONDS = 300
MAX_BODY_CHARS = 1600  # Twilio's own limit for one message; longer bodies are truncated for matching

Channel = Literal["sms", "whatsapp"]


@dataclass(frozen=True)
class Inbound:
    """One message from a texter, already checked and parsed by the channel layer."""

    message_sid: str
    texter: str  # "+14155550100" or "whatsapp:+14155550100"
    body: str
    channel: Channel = "sms"
    media_count: int = 0
    optout_type: str | None = None  # Twilio Advanced Opt-Out: "STOP", "START" or "HELP"


@dataclass(frozen=True)
class TexterState:
    known: bool = False
    language: str | None = None
    opted_out: bool = False
    last_auto_menu_at: float | None = None
    held_by: str | None = None
    recent_texts: tuple[str, ...] = ()  # the texter's last (up to 6) message bodies of the last hour, oldest first


# Actions: what the outside world must do besides sending the replies.
@dataclass(frozen=True)
class SetLanguage:
    language: str


@dataclass(frozen=True)
class SetOptedOut:
    opted_out: bool


@dataclass(frozen=True)
class MarkAutoMenu:
    at: float


@dataclass(frozen=True)
class RequestCounselor:
    emergency: bool
    reason: str


@dataclass(frozen=True)
class EraseTexter:
    """The texter confirmed ERASE: delete everything kept about them (after answering)."""


Action = SetLanguage | SetOptedOut | MarkAutoMenu | RequestCounselor | EraseTexter


@dataclass(frozen=True)
class Decision:
    replies: tuple[str, ...]
    language: str
    topic: str  # what the message was taken to be, for the transcript: "topics.signs", "emergency.medical", ...
    actions: tuple[Action, ...] = ()
    matched: str | None = None  # the keyword or phrase that decided it, as the catalog writes it

    @property
    def is_emergency(self) -> bool:
        return self.topic.startswith("emergency.")


class _Turn:
    """The facts of one message, worked out once and shared by the rules."""

    def __init__(self, inbound: Inbound, state: TexterState, knowledge: Knowledge, now: float, on_shift: bool):
        self.inbound = inbound
        self.state = state
        self.knowledge = knowledge
        self.now = now
        self.on_shift = on_shift
        # Read once: the emergency rule comes first, and the near-miss rule reuses what it cancelled.
        # With the texter's recent messages: an emergency told over several texts is read as one.
        self.assessment = _assessed(inbound.body[:MAX_BODY_CHARS], knowledge.lexicon, state.recent_texts)
        # Lines with limited hours (a poison line open 8am-10pm) are offered only while open.
        self.lines: CountryLines = _lines_at(knowledge.directory, inbound.texter, now)
        self.available = knowledge.catalogs.codes
        self.detected_language = _detect_language(inbound.body[:MAX_BODY_CHARS], self.available)
        self._words: Reading | None = None

    @property
    def words(self) -> Reading:
        """The message read for the keyword and topic rules (a typo lookup per word), on their first question:
        an emergency is answered before any of them asks, so it is not read for them at all. The lexicon
        remembers each list's answer per text (see knowledge.Reading). (Not a cached_property: asked a dozen
        times a message, and functools' takes a lock each time.)"""
        if self._words is None:
            self._words = self.knowledge.lexicon.reading(self.inbound.body[:MAX_BODY_CHARS])
        return self._words

    @property
    def message(self) -> Message:
        return self.words.message

    def language(self, matched: list[Hit] | tuple[str, ...] = (), switched_to: str | None = None) -> str:
        codes = tuple(dict.fromkeys(h.language if isinstance(h, Hit) else h for h in matched))
        return language.choose(
            available=self.available,
            switched_to=switched_to,
            matched=codes,
            detected=self.detected_language,
            stored=self.state.language,
            # From the address, not the lines: an unlisted country (Macau) still has a language.
            country=None if self.state.known else self.knowledge.directory.country_of(self.inbound.texter),
        )

    def text(self, lang: str, context: str, **values: str) -> str:
        return self.knowledge.catalogs.text(lang, context, **values)

    def emergency_number(self, lang: str) -> str:
        return replies.emergency_number(self.knowledge.catalogs, lang, self.lines)

    def keyword(self, context: str, whole_only: bool = False) -> list[Hit]:
        return self.words.keyword_hits(context, whole_only)

    def remember(self, lang: str) -> tuple[Action, ...]:
        return (SetLanguage(lang),) if lang != self.state.language else ()


def _lines_at(directory: Directory, address: str, now: float) -> CountryLines:
    """directory.for_address(address, at=now), worked out once per country and minute: a line's opening hours are
    whole minutes of local time, and every time zone's offset is whole minutes, so the lines open cannot change
    within a minute, and the time zone conversions for each line's hours were a tenth of a repeated text's
    decision."""
    return _lines_in_minute(directory, directory.country_of(address), int(now // 60))


@lru_cache(maxsize=1024)
def _lines_in_minute(directory: Directory, country: str | None, minute: int) -> CountryLines:
    return directory.for_country(country).open_at(minute * 60)


def _assessed(body: str, lexicon: Lexicon, recent: tuple[str, ...]) -> Assessment:
    """emergency.assess, remembered for a message without recent texts (`_assessed_alone`). The reading of each text
    is cached inside it, but the conversation's rules (`_in_conversation`) ran again on every call, about a tenth of
    a decision; their answer depends on nothing else (the lexicon is one per process).

    With recent texts nothing is remembered: a texter's conversation is their own, so a text with the same recent
    ones hardly ever comes back (5 in 5,800 of the benchmark's turns of known texters, round 27), and remembering
    every turn only churned the cache: each miss put a new Assessment and its tuples in the collector's young
    generation and dropped an old entry, which kept the young generation's count low while its list grew to
    15,000-25,000 objects, so each young collection walked them all at once (5-24 ms of a worker's CPU, both
    workers at about the same moment: bench/PROFILE.md, twenty-seventh look)."""
    if recent:
        return emergency.assess(body, lexicon, recent)
    return _assessed_alone(body, lexicon)


@lru_cache(maxsize=4096)
def _assessed_alone(body: str, lexicon: Lexicon) -> Assessment:
    """emergency.assess of a message without recent texts, remembered per text: those come back (a new texter's
    "HELP", "STOP", a menu number, an auto-reply)."""
    return emergency.assess(body, lexicon, ())


DETECTION_MIN_WORDS = 3  # single words ("no", "si", "yo") are where detectors guess wrong


@lru_cache(maxsize=4096)
def _detect_language(body: str, available: tuple[str, ...]) -> str | None:
    """Thai and Chinese by their script at any length; Latin-script languages from three words up (counted as
    the lexicon reads them: folded words). Remembered per text: the same texts come back (keywords, numbers,
    auto-replies, a conversation's repeated "help"), and the script count and the detector walk every letter."""
    by_script = detect.script_language(body)
    if by_script in available:
        return by_script
    if len(tokens(body)) >= DETECTION_MIN_WORDS:
        return detect.detect(body, available)
    return None


def decide(inbound: Inbound, state: TexterState, knowledge: Knowledge, now: float, on_shift: bool = False) -> Decision:
    turn = _Turn(inbound, state, knowledge, now, on_shift)
    for rule in _RULES:
        decision = rule(turn)
        if decision is not None:
            return _with_disclaimer(turn, decision)
    raise AssertionError("the last rule always decides")  # pragma: no cover


def _emergency(turn: _Turn) -> Decision | None:
    """The full answer for a clear emergency; for a possible one, the number and one question (YES escalates)."""
    assessment = turn.assessment
    if assessment.inherited and _opting_out(turn):
        return None  # STOP is the texter's word, not the emergency going on: the opt-out rules answer it
    if assessment.tier == "possible" and assessment.possible is not None:
        if assessment.model_alone and turn.state.held_by:
            # A counselor holds the conversation and reads this message: the model's guess alone ("please answer
            # me" scores 0.71) does not interrupt them with the question. A phrase's possible tier still asks,
            # and a clear emergency always gets the full answer.
            return None
        return _possible_emergency(turn, assessment.possible)
    verdict = assessment.verdict
    if verdict is None:
        return None
    # An emergency carried over from an earlier message says nothing of this message's language: the texter who
    # wrote it in Portuguese and now writes in English is answered in English (a short "ok" keeps the stored one).
    lang = turn.language() if assessment.inherited else turn.language(verdict.best or verdict.languages)
    reason: str = verdict.kind
    if verdict.violence:
        # Someone threatened or attacked now: the number and where to be, not first aid. Before help_arrived, whose
        # answer ("tell them what was taken") is an overdose's.
        reply, reason = replies.threat_reply(turn.knowledge.catalogs, lang, turn.lines, turn.on_shift), VIOLENCE
    elif assessment.help_arrived:
        reply = replies.arrived_reply(turn.knowledge.catalogs, lang, turn.lines)
    else:
        reply = emergency_reply(turn, lang, verdict.kind, first_aid=not assessment.follow_up)
    return Decision(
        replies=(reply,),
        language=lang,
        topic=f"emergency.{reason}",
        matched=verdict.phrase,
        actions=(*turn.remember(lang), RequestCounselor(emergency=True, reason=reason), *_back_in(turn)),
    )


def _back_in(turn: _Turn) -> tuple[Action, ...]:
    """START (or Twilio's OptOutType START) read as part of an emergency still opts the texter back in:
    the opt-out confirmation told them to send it, and until we record it no counselor reply is sent."""
    if not turn.state.opted_out:
        return ()
    if (turn.inbound.optout_type or "").upper() == "START" or _with_english(turn, "system.optin.keywords"):
        return (SetOptedOut(False),)
    return ()


def _opting_out(turn: _Turn) -> bool:
    """The whole message is STOP (any language's opt-out keyword), or Twilio reports it as one. Inside an open
    emergency a bare STOP was read as a short reply going on with it ("ok", "hurry"): answered with the number
    again and never recorded, so the helpline kept texting someone who had opted out. Its confirmation carries the
    local emergency number, and the conversation stays in the queue."""
    return (turn.inbound.optout_type or "").upper() == "STOP" or bool(_with_english(turn, "system.optout.keywords"))


POSSIBLE_TOPIC = "emergency.possible"
VIOLENCE = "violence"  # the reason (and emergency.violence the topic) of a full emergency from violence now


def _possible_emergency(turn: _Turn, verdict: emergency.Verdict) -> Decision:
    """Real but uncertain danger: the local number first, one question, and a counselor flagged."""
    lang = turn.language(verdict.best or verdict.languages)
    reply = replies.possible_reply(turn.knowledge.catalogs, lang, turn.lines, verdict.kind, verdict.violence)
    about = VIOLENCE if verdict.violence else verdict.kind  # the same question; the counselor reads what it is about
    return Decision(
        replies=(reply,),
        language=lang,
        topic=POSSIBLE_TOPIC,
        matched=verdict.phrase,
        actions=(
            *turn.remember(lang),
            RequestCounselor(emergency=True, reason=f"possible {about}"),
            *_back_in(turn),
        ),
    )


def _pet(turn: _Turn) -> Decision | None:
    """An animal in danger gets short vet advice, not the human emergency answer."""
    assessment = turn.assessment
    if assessment.tier != "pet" or assessment.possible is None:
        return None
    verdict = assessment.possible
    lang = turn.language(verdict.best or verdict.languages)
    reply = turn.text(lang, "emergency.pet.text", emergency=turn.emergency_number(lang))
    return Decision((reply,), lang, "pet", turn.remember(lang), matched=verdict.phrase)


def emergency_reply(turn: _Turn, lang: str, kind: str, first_aid: bool = True) -> str:
    """The emergency answer (composed in helpline.replies, the one place for it)."""
    return replies.emergency_reply(turn.knowledge.catalogs, lang, turn.lines, kind, turn.on_shift, first_aid)


def _twilio_opt_out(turn: _Turn) -> Decision | None:
    """Twilio already answered STOP/START/HELP itself: record it, say nothing more."""
    kind = (turn.inbound.optout_type or "").upper()
    if kind not in {"STOP", "START", "HELP"}:
        return None
    lang = turn.language()
    actions: tuple[Action, ...] = ()
    if kind in {"STOP", "START"}:
        actions = (SetOptedOut(kind == "STOP"),)
    return Decision(replies=(), language=lang, topic=f"twilio.{kind.lower()}", actions=actions)


def _opt_out_or_in(turn: _Turn) -> Decision | None:
    stops = _with_english(turn, "system.optout.keywords")
    if stops:
        lang = turn.language(stops)
        if turn.state.opted_out:
            return Decision(replies=(), language=lang, topic="optout", matched=stops[0].pattern.text)
        reply = turn.text(lang, "system.optout.text", emergency=turn.emergency_number(lang))
        return Decision((reply,), lang, "optout", (SetOptedOut(True),), matched=stops[0].pattern.text)
    starts = _with_english(turn, "system.optin.keywords")
    if starts and turn.state.opted_out:
        lang = turn.language(starts)
        reply = turn.text(lang, "system.optin.text")
        return Decision((reply,), lang, "optin", (SetOptedOut(False),), matched=starts[0].pattern.text)
    return None


def _with_english(turn: _Turn, context: str) -> list[Hit]:
    """Whole-message hits; the English words count in every language (carrier rules)."""
    return turn.keyword(context, whole_only=True)


CARRIER_HELP_WORDS = frozenset({"help", "info"})  # what carriers require an answer to, even after STOP


def _menu_keyword(turn: _Turn) -> Decision | None:
    hits = turn.keyword("system.menu.keywords", whole_only=True)
    if not hits and turn.inbound.body.strip() != "?":
        return None
    if turn.state.opted_out and not any(hit.pattern.text.lower() in CARRIER_HELP_WORDS for hit in hits):
        return None  # after STOP a greeting ("hi", "hello?") gets silence, not the menu; HELP and INFO still answer
    lang = turn.language(hits)
    return _menu(turn, lang, matched=hits[0].pattern.text if hits else "?")


def _menu(turn: _Turn, lang: str, matched: str | None = None, topic: str = "menu", marked: bool = False) -> Decision:
    """The menu; `marked` records it as the automatic menu of the quiet period (MarkAutoMenu)."""
    # The menu answers HELP: it carries the local emergency number, since "help" may mean danger.
    reply = turn.text(lang, "system.menu.text", emergency=turn.emergency_number(lang))
    actions = (*turn.remember(lang), MarkAutoMenu(turn.now)) if marked else turn.remember(lang)
    return Decision((reply,), lang, topic, actions, matched=matched)


def _opted_out(turn: _Turn) -> Decision | None:
    if not turn.state.opted_out:
        return None
    return Decision((), turn.state.language or "en", "silenced.opted_out")


def _echo(turn: _Turn) -> Decision | None:
    """Our own words coming back (an echo bot, a second helpline): silence, so no loop starts.

    Runs before the emergency rule because our replies name emergencies ("Emergency: call 911"),
    which an echo would repeat forever; words the texter added to our text are still read for danger.
    """
    echo = turn.knowledge.own_words.echo_of(turn.inbound.body[:MAX_BODY_CHARS])
    if echo is None:
        return None
    if echo.residual and emergency.assess(echo.residual, turn.knowledge.lexicon).verdict is not None:
        return None
    return Decision((), turn.state.language or "en", "silenced.echo")


def _repeating(turn: _Turn) -> Decision | None:
    """The same text again and again (an auto-responder answering each reply): answered twice, then silence."""
    if not loops.is_repeating(turn.inbound.body, turn.state.recent_texts):
        return None
    return Decision((), turn.state.language or turn.language(), "silenced.repeat")


def _erase(turn: _Turn) -> Decision | None:
    """ERASE asks; the same keyword again within the recent window confirms and erases everything."""
    hits = turn.keyword("system.erase.keywords", whole_only=True)
    if not hits:
        return None
    lang = turn.language(hits)
    number = turn.emergency_number(lang)
    lexicon = turn.knowledge.lexicon
    previous = turn.state.recent_texts[-1:]
    if previous and lexicon.reading(previous[0]).keyword_hits("system.erase.keywords", whole_only=True):
        reply = turn.text(lang, "system.erased.text", emergency=number)
        return Decision((reply,), lang, "erased", (EraseTexter(),), matched=hits[0].pattern.text)
    reply = turn.text(lang, "system.erase.text", emergency=number)
    return Decision((reply,), lang, "erase", turn.remember(lang), matched=hits[0].pattern.text)


def _held_by_counselor(turn: _Turn) -> Decision | None:
    if not turn.state.held_by:
        return None
    lang = turn.state.language or turn.language()
    return Decision((), lang, "counselor")  # recorded in the transcript, which the holder reads


def _media_only(turn: _Turn) -> Decision | None:
    if turn.message.words or turn.inbound.media_count <= 0:
        return None
    lang = turn.language()
    reply = turn.text(lang, "system.media_only.text", emergency=turn.emergency_number(lang))
    return Decision((reply,), lang, "media_only", turn.remember(lang))


def _language(turn: _Turn) -> Decision | None:
    target = turn.knowledge.lexicon.switch_target(turn.message)
    if target:
        return Decision(
            (turn.text(target, "system.language_set.text"),), target, "language_set", (SetLanguage(target),)
        )
    hits = turn.keyword("system.language.keywords", whole_only=True)
    if not hits:
        return None
    lang = turn.language(hits)
    names = turn.knowledge.catalogs.language_list()
    return Decision((turn.text(lang, "system.language.text", languages=names),), lang, "language", turn.remember(lang))


def _menu_number(turn: _Turn) -> Decision | None:
    words = turn.message.words
    if len(words) != 1 or not words[0].isdigit():
        return None
    topics = turn.knowledge.content.menu_topics()
    number = int(words[0])
    chosen = next((t for t in topics if t.menu == number), None)
    if chosen is None:
        return None
    return _topic(turn, chosen.name, turn.language(), matched=words[0])


def _keyword(turn: _Turn) -> Decision | None:
    """A topic keyword as the whole message, or as its first word unless a topic phrase says more:
    "kratom and gabapentin" asks about mixing, not what kratom is."""
    for name, keywords, _ in turn.knowledge.topic_lists:
        hits = turn.keyword(keywords)
        if hits:
            whole = turn.keyword(keywords, whole_only=True)
            by_phrase = None if whole else _phrase(turn)
            if by_phrase is not None and by_phrase.topic != f"topics.{name}":
                return by_phrase
            return _topic(turn, name, turn.language(hits), matched=hits[0].pattern.text)
    return None


def _phrase(turn: _Turn) -> Decision | None:
    """The topic whose phrases cover most of the message; ties go to menu order."""
    best: tuple[int, str, list[Hit]] | None = None
    words = turn.words
    for name, _, phrases in turn.knowledge.topic_lists:
        hits = words.phrase_hits(phrases)
        if not hits:
            continue
        score = max(
            len(hit.pattern.words) if not hit.pattern.unspaced else len(hit.pattern.squashed) // 2 for hit in hits
        )
        if best is None or score > best[0]:
            best = (score, name, hits)
    if best is None:
        return None
    _, name, hits = best
    return _topic(turn, name, turn.language(hits), matched=hits[0].pattern.text)


def _topic(turn: _Turn, name: str, lang: str, matched: str | None) -> Decision:
    if name == "talk":
        return _talk(turn, lang, matched)
    reply = turn.text(lang, f"topics.{name}.reply", emergency=turn.emergency_number(lang))
    return Decision((reply,), lang, f"topics.{name}", turn.remember(lang), matched=matched)


def _talk(turn: _Turn, lang: str, matched: str | None) -> Decision:
    number = turn.emergency_number(lang)
    if turn.on_shift:
        reply = turn.text(lang, "system.talk_queued.text", emergency=number)
        actions = (*turn.remember(lang), RequestCounselor(emergency=False, reason="talk"))
        return Decision((reply,), lang, "topics.talk", actions, matched=matched)
    reply = _line_reply(turn, lang, "system.talk_offline_line.text", "system.talk_offline_noline.text")
    return Decision((reply,), lang, "topics.talk.offline", turn.remember(lang), matched=matched)


def _line_reply(turn: _Turn, lang: str, with_line: str, without_line: str) -> str:
    """The local crisis (or drug) line when the texter's country has one, else just the emergency number."""
    return replies.line_reply(turn.knowledge.catalogs, lang, turn.lines, with_line, without_line)


def crisis_line_reply(knowledge: Knowledge, address: str, lang: str, with_line: str, without_line: str) -> str:
    """`_talk`'s offline answer for texts sent outside a turn (an overdue conversation), same rules."""
    return _line_reply(_outside_turn(knowledge, address, lang), lang, with_line, without_line)


def texter_text(knowledge: Knowledge, address: str, lang: str, context: str) -> str:
    """A catalog reply for one texter, with their own numbers filled in: the counselor's phrasebook."""
    turn = _outside_turn(knowledge, address, lang)
    return turn.text(lang, context, **replies.texter_values(knowledge.catalogs, lang, turn.lines))


def _outside_turn(knowledge: Knowledge, address: str, lang: str) -> _Turn:
    state = TexterState(known=True, language=lang)
    # The wall clock, because a line with limited hours must be offered only while it is open.
    now = time.time()
    return _Turn(Inbound(message_sid="", texter=address, body=""), state, knowledge, now=now, on_shift=False)


def _near_miss(turn: _Turn) -> Decision | None:
    """A question about danger ("what if someone stops breathing?") gets the warning signs, not the menu."""
    assessment = turn.assessment
    cancelled = [match for match, _ in assessment.cancelled if match.kind == "medical"]
    if assessment.verdict is not None or not cancelled:
        return None
    languages = tuple(dict.fromkeys(match.language for match in cancelled))
    return _topic(turn, "signs", turn.language(languages), matched=cancelled[0].phrase)


DISTRESS_MODEL_SCORE = 0.6  # the model's danger score from which unrecognised text is answered as distress


def _unknown(turn: _Turn) -> Decision:
    """Anything else gets the menu, once per quiet period; but text that shows distress is always answered,
    with the crisis line and the emergency number: silence is never the answer to a person in distress."""
    last = turn.state.last_auto_menu_at
    lang = turn.language()
    if _shows_distress(turn.assessment) or _just_after_danger(turn.assessment):
        reply = _line_reply(turn, lang, "system.talk_offline_line.text", "system.talk_offline_noline.text")
        return Decision((reply,), lang, "distress", turn.remember(lang))
    if last is not None and turn.now - last < AUTO_MENU_QUIET_SECONDS:
        return Decision((), lang, "silenced.quiet_period")
    return _menu(turn, lang, topic="unknown", marked=True)


def _shows_distress(assessment: emergency.Assessment) -> bool:
    """Some sign of danger below the emergency tiers: a plan or distress cue, or the model's doubt."""
    cues = {match.context for match in assessment.cues}
    if {"emergency.plan.phrases", "emergency.distress.phrases"} & cues:
        return True
    return assessment.model is not None and assessment.model >= DISTRESS_MODEL_SCORE


AFTER_DANGER_MESSAGES = 3  # how many earlier messages an emergency tier keeps the quiet period from silencing


def _just_after_danger(assessment: emergency.Assessment) -> bool:
    """One of the last few earlier messages read as an emergency (either tier) by its own rules: whatever this
    message is, it is not answered with silence. "non je veux pas d'ambulance" after a rope in the garage asked the
    question (batch bq) and got the quiet period's silence. Bounded, so an auto-responder still falls quiet."""
    return any(tier in ("possible", "full") for tier in assessment.recent[-AFTER_DANGER_MESSAGES:])


def _with_disclaimer(turn: _Turn, decision: Decision) -> Decision:
    """A new texter's first answer carries the one-line disclaimer, once."""
    if turn.state.known or not decision.replies or decision.is_emergency or decision.topic == "optout":
        return decision
    lang = decision.language
    disclaimer = turn.text(lang, "system.disclaimer.text", emergency=turn.emergency_number(lang))
    # Not dataclasses.replace, which costs twice this constructor (it walks the fields); every field is given.
    return Decision(
        replies=(*decision.replies, disclaimer),
        language=lang,
        topic=decision.topic,
        actions=decision.actions,
        matched=decision.matched,
    )


_RULES = (
    _echo,
    _emergency,
    _twilio_opt_out,
    _opt_out_or_in,
    _erase,
    _held_by_counselor,
    _repeating,
    _menu_keyword,
    _opted_out,
    _pet,
    _media_only,
    _language,
    _menu_number,
    _keyword,
    _phrase,
    _near_miss,
    _unknown,
)
