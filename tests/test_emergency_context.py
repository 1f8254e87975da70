"""Reading context and the conversation: who, when, state, intent; the possible tier; YES; the pet answer.

On the shipped catalogs, so the tables also guard the context lists
translators edit. The last test checks the phrase index against a plain scan
of every phrase, so speed never changes what is found.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpline import emergency, language
from helpline.danger import model
from helpline.danger.index import ACCENTS_WRITTEN, Prepared
from helpline.danger.scripts import clause_end
from helpline.engine import AUTO_MENU_QUIET_SECONDS, POSSIBLE_TOPIC, RequestCounselor, TexterState
from helpline.knowledge import Knowledge
from helpline.textnorm import accent_kinds, spelled_apart, vietnamese_spellings
from tests.support import decided, tier

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who: an animal
        ("my cat licked my kratom and isn't breathing right", "pet"),
        ("mi perro se comió mi kratom y no respira bien", "pet"),
        # when: fiction, the clear past, a hypothetical, a professional's case
        ("just watched the episode where the main character overdoses on the bathroom floor", "none"),
        ("in the movie he stopped breathing after the pills", "none"),
        ("my friend overdosed two years ago and survived", "none"),
        ("if someone stops breathing from an overdose what should I do until help comes?", "none"),
        ("I'm a nurse and we had an overdose patient today", "none"),
        ("taking a CPR class, what do you do when someone is not breathing", "none"),
        # state: resolved
        ("the ambulance is here, he's breathing and talking now", "none"),
        ("fainted yesterday but she's fine now, the doctor sent her home", "none"),
        # idioms
        ("this withdrawal is killing me", "none"),
        ("dying to try the new strain", "none"),
        ("cười muốn chết luôn á", "none"),
        ("to morrendo de vontade de voltar", "none"),
        # now outweighs a hypothetical (ask) and the past (it is happening again)
        ("what do i do if someone stops breathing, my brother is not breathing right now", "possible"),
        ("he overdosed last year and now he is not breathing again", "full"),
        # intent: a plan without the word suicide
        ("rope is in the garage. I'm just waiting for everyone to go to sleep", "full"),
        ("already took everything I had. tell my mom I love her. sorry for all of it", "full"),
        ("driving to the bridge now. won't be coming back", "full"),
        # plain emergencies stay full
        ("he's shaking all over, foam at the mouth", "full"),
        ("gone grey, weird noises breathing, eyes won't open", "full"),
        ("cutting and it won't stop bleeding, im cutting right now", "full"),
        # a breakup is not an ordinary departure, and never hides what follows it (round 11: a negation
        # "c'est fini avec lui" cancelled the phrase after it; a Tagalog marker "... text ko" every goodbye)
        ("c'est fini avec lui je vais me tuer", "full"),
        # someone else's stated intent is the emergency too (es and pt_BR listed only "se quiere matar" forms)
        ("mi hermana se quiere suicidar", "full"),
        ("minha irma quer se suicidar", "full"),
        ("last text ko na to, ingat kayo", "possible"),
    ],
)
def test_context_decides_the_tier(knowledge: Knowledge, text: str, expected: str) -> None:
    assert tier(knowledge, text) == expected


def test_an_emergency_stays_open_until_resolved(knowledge: Knowledge) -> None:
    first = "my roommate did exactly that tonight and shes on the bathroom floor making this gurgling noise"
    assert tier(knowledge, first) == "full"
    assert tier(knowledge, "called 911 theyre coming, please", first) == "full"
    resolved = "paramedics got here, gave her oxygen and she's talking now. thank u"
    assert tier(knowledge, resolved, first) == "none"
    assert tier(knowledge, "thanks for staying with me", first, resolved) == "none"


def test_an_open_emergency_lapses_when_later_messages_are_about_something_else(knowledge: Knowledge) -> None:
    first = "my boyfriend wont wake up and his lips are blue"
    assert tier(knowledge, "ok", first) == "full"  # right after it: still the same emergency
    later = ("what time does the pharmacy open tomorrow", "do they sell magnesium there")
    assert tier(knowledge, "is it cheaper online", first, "ok", "thanks", *later) == "none"


def test_a_short_reply_goes_on_with_a_clear_emergency(knowledge: Knowledge) -> None:
    """ "ok", "sorry", "idk" inside an emergency are part of it, however many messages back its danger was said,
    and do not count toward its lapse; longer messages about something else still lapse it."""
    first = "my boyfriend wont wake up and his lips are blue"
    address = "we are in the flat above the bakery on oak street, door is open"
    assert tier(knowledge, "ok", first, address, "idk") == "full"
    other = ("what time does the pharmacy open tomorrow", "is it cheaper online")
    assert tier(knowledge, "do they sell magnesium there", first, address, "idk", *other) == "none"


def test_a_frame_set_earlier_holds_for_later_messages(knowledge: Knowledge) -> None:
    novel = "im reading a novel where the main character overdoses on kratom and benzos"
    scene = "then his girlfriend finds him and he is not breathing"
    assert tier(knowledge, scene) == "full"  # alone, it reads as an emergency
    assert tier(knowledge, scene, novel) != "full"  # after the novel: at most the question
    # Saying one is a nurse is no frame (round 12: "im a nurse, my son is unconscious and not breathing" got no
    # answer); talk of patients still is ("we had an overdose patient today").
    assert tier(knowledge, "my son is unconscious and not breathing", "im a nurse") == "full"
    assert tier(knowledge, "im a nurse, my son is unconscious and not breathing") == "full"
    assert tier(knowledge, "im a nurse, we had an overdose patient today") == "none"
    assert tier(knowledge, "my brother is not breathing right now", novel) == "full"  # urgency lifts the frame


def test_a_false_alarm_does_not_flag_the_rest_of_a_safe_conversation(knowledge: Knowledge) -> None:
    """Only what follows closely, or still speaks of danger, inherits an earlier emergency."""
    idiom = "day 4 without kratom and honestly i feel like im dying"
    later = ("how long do the sweats usually last", "ok ill try the hot baths", "thanks, what about sleep")
    assert tier(knowledge, later[2], idiom, *later[:2]) == "none"


def test_a_message_the_model_alone_flagged_keeps_the_conversation_open(knowledge: Knowledge) -> None:
    """The model's possible tier on an earlier message opens the conversation as the rules' tier does: the
    texter was asked the question, and "already did half" is the same emergency, not a new chat."""
    # Round 13's lists read "got my dads old oxys out on the table ..." as means and intent (the full answer with the
    # model): this sentence alone is still the model's.
    plan = "figured id be done with it tonight"
    assert emergency.assess(plan, knowledge.lexicon).tier == "possible"
    assert emergency.read(plan, knowledge.lexicon).tier == "none"  # the rules alone see nothing
    assert tier(knowledge, "already did half the oxys", plan) in ("possible", "full")
    assert tier(knowledge, "not asking for help just wanted someone to know", plan) in ("possible", "full")


def test_danger_again_after_the_question_gets_the_full_answer(knowledge: Knowledge) -> None:
    """The possible tier asked "Is someone in danger right now?"; a next message that reads as danger again is
    not asked the same question twice: it gets the full answer."""
    # One sign of a plan, which the model does not confirm (0.77; round 19's model confirms "i wrote letters to my
    # kids" at 0.92, the full answer).
    plan = "i wrote my kids a letter each"
    assert tier(knowledge, plan) == "possible"
    assert tier(knowledge, "already did half the oxys", plan) == "full"
    # Re-read later, that message counts as answered in full: a short reply after it goes on with the emergency.
    assert tier(knowledge, "ok", plan, "already did half the oxys") == "full"
    assert tier(knowledge, "how long does withdrawal last", plan) != "full"


def test_distress_then_means_is_suicide(knowledge: Knowledge) -> None:
    earlier = ("hey is this the kratom line", "gf moved out sunday too. tired of everything tbh")
    means = "got my whole stash out and the xanax from my moms cabinet. its all on the table"
    assessment = emergency.assess(means, knowledge.lexicon, earlier)
    assert assessment.tier == "full" and assessment.verdict is not None and assessment.verdict.kind == "suicide"


def test_the_means_after_despair_earlier_is_a_suicide_emergency(knowledge: Knowledge) -> None:
    despair = "i honestly cant do this anymore, lost my job and the apartment"
    means = "ok real talk my brothers rifle is in the closet"
    assert tier(knowledge, means) == "none"  # the means alone: a word any story may hold
    assessment = emergency.assess(means, knowledge.lexicon, (despair, "no, just tired"))
    assert assessment.tier == "full" and assessment.verdict is not None and assessment.verdict.kind == "suicide"


def test_a_message_raised_by_its_conversation_opens_the_emergency_for_the_next(knowledge: Knowledge) -> None:
    """The means after despair was answered in full; the texter's next reply (where they are) goes on with it,
    as a suicide emergency, though that message read alone was no emergency."""
    earlier = (
        "i honestly cant do this anymore, lost my job and the apartment",
        "ok real talk my brothers rifle is in the closet",
    )
    assessment = emergency.assess("behind the old mill on route 4", knowledge.lexicon, earlier)
    assert assessment.tier == "full" and assessment.verdict is not None and assessment.verdict.kind == "suicide"
    assert tier(knowledge, "behind the old mill on route 4", earlier[1]) == "none"  # without the despair: nothing open


def test_a_conversation_about_an_animal_stays_about_the_animal(knowledge: Knowledge) -> None:
    dog = "my dog got into my kratom powder bag, hes shaking and panting"
    assert tier(knowledge, "emergency vet is 20 min away should i just go", dog) in ("pet", "none")
    assert tier(knowledge, "now hes having a seizure", dog) == "pet"


def test_an_animal_in_the_message_does_not_turn_a_suicide_into_a_vet_question(knowledge: Knowledge) -> None:
    """Animals are not suicidal: a pet word beside a suicide sign leaves the human answer."""
    goodbye = "gave my dog to my neighbor today. i took all my pills, this is goodbye"
    assert tier(knowledge, goodbye) == "full"
    assert tier(knowledge, "my dog ate my kratom and now hes not breathing") == "pet"


def test_giving_a_pet_away_beside_a_plan_is_a_person_in_danger(knowledge: Knowledge) -> None:
    """Giving pets away is a warning sign: the pet word must not silence the plan or the model's suicide guess."""
    plan = "gave my cat to the neighbor and paid off my tab. tonights the night. the pills are right here"
    assert tier(knowledge, plan) == "full"
    reading = emergency.read("gave my cat to my sister. the pills are right here", knowledge.lexicon)
    assert reading.cues.has("pet") and reading.cues.has("plan")
    assert not reading.cues.cancels_model("suicide") and reading.cues.cancels_model("medical")


def test_a_plan_sign_may_take_one_extra_word(knowledge: Knowledge) -> None:
    """Suicide signs match like emergency phrases, with one word slipped in ("the pills ARE right here"); the
    cues that cancel ("hes fine") still match only as written."""
    assert tier(knowledge, "tonights the night. the pills are right here") == "full"
    assert tier(knowledge, "tonights the night. the pills right here") == "full"
    assert tier(knowledge, "hes not fine, he is not breathing") == "full"


def test_urgency_keeps_the_models_guess_against_the_past() -> None:
    """ "Now" outweighs the past for the model's guess as it does for a phrase ("told me last week ... now ...")."""
    from helpline.danger.context import Cues
    from helpline.danger.index import Match

    def cue(kind: str) -> Match:
        return Match(f"emergency.{kind}.phrases", "en", kind, (0, 1), (0, 1), False, True)

    assert Cues.of([cue("past")], []).cancels_model()
    assert not Cues.of([cue("past"), cue("now")], []).cancels_model()
    assert Cues.of([cue("past"), cue("now"), cue("resolved")], []).cancels_model()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("she's sitting up but her head keeps falling forward and the breaths are really far apart", "full"),
        ("shes awake but she cant breathe properly", "full"),
        ("she couldnt breathe for a moment but shes awake and fine now", "none"),
        ("ya se despertó pero no respira bien", "full"),
        ("他醒了但是嘴唇发紫", "full"),
        # a plan sign after the "but" is danger too
        ("il allait mieux apres la cure mais la corde est deja accrochee dans la grange", "full"),
    ],
)
def test_but_takes_back_a_recovery_said_before_it(knowledge: Knowledge, text: str, expected: str) -> None:
    """emergency.contrast: a recovery, then "but", then danger is danger; danger, "but", then recovery is over."""
    assert tier(knowledge, text) == expected


def test_but_takes_back_a_recovery_when_the_model_sees_danger(knowledge: Knowledge) -> None:
    """After "but" there may be no danger phrase ("awake but really confused"); the model's danger then decides,
    and the phrase said before the recovery counts again."""
    text = "she hit her head on the counter and its bleeding a lot, shes awake but really confused"
    assert emergency.read(text, knowledge.lexicon).model >= emergency.MODEL_POSSIBLE
    assert tier(knowledge, text) == "full"
    assert tier(knowledge, "she hit her head and its bleeding a lot but shes awake and fine now") == "none"


def test_fiction_earlier_does_not_cancel_a_real_emergency_now(knowledge: Knowledge) -> None:
    story = "im writing a short story where a character mixes kratom and vodka"
    assert tier(knowledge, "this time it's not my story: my brother won't wake up", story) == "full"


def possible_text(knowledge: Knowledge) -> str:
    """A message the detector finds possible but not certain (a hypothetical cancelled by 'now')."""
    text = "what do i do if someone stops breathing, my brother is not breathing right now"
    assert tier(knowledge, text) == "possible"
    return text


def test_possible_tier_gives_the_number_first_one_question_and_flags_a_counselor(knowledge: Knowledge) -> None:
    decision = decided(knowledge, possible_text(knowledge), TexterState(known=True, language="en"))
    assert decision.topic == POSSIBLE_TOPIC
    assert decision.replies[0].startswith("Call 911")
    assert "Reply YES" in decision.replies[0]
    [request] = [a for a in decision.actions if isinstance(a, RequestCounselor)]
    assert request.emergency and request.reason.startswith("possible")


def test_a_possible_suicide_is_given_the_crisis_line_too(knowledge: Knowledge) -> None:
    """Someone who may act on it now gets someone to talk to as well as the question; a possible medical
    emergency gets the number and the question only."""
    plan = "i wrote my kids a letter each"
    suicide = decided(knowledge, plan, TexterState(known=True, language="en"))
    assert suicide.topic == POSSIBLE_TOPIC
    assert suicide.replies[0].startswith("Call 911") and "Reply YES" in suicide.replies[0]
    assert "988" in suicide.replies[0]
    medical = decided(knowledge, possible_text(knowledge), TexterState(known=True, language="en"))
    assert "988" not in medical.replies[0]
    thai = decided(knowledge, plan, TexterState(known=True, language="en"), texter="+66812345678")
    assert thai.replies[0].startswith("Call 1669") and "1323" in thai.replies[0]


@pytest.mark.parametrize(
    ("yes", "language"), [("YES", "en"), ("yes", "en"), ("SI", "es"), ("oui", "fr"), ("是", "zh_Hans")]
)
def test_yes_after_the_question_escalates_to_the_full_answer(knowledge: Knowledge, yes: str, language: str) -> None:
    state = TexterState(known=True, language=language, recent_texts=(possible_text(knowledge),))
    decision = decided(knowledge, yes, state)
    assert decision.topic == "emergency.medical"
    assert any(isinstance(a, RequestCounselor) and a.reason == "medical" for a in decision.actions)


def test_no_after_the_question_closes_it(knowledge: Knowledge) -> None:
    """Asked "Is someone in danger right now?", a bare no is the answer: it must not be read as danger ("no" is
    made of words the model learned inside emergencies, "no pulse") nor keep the question's emergency open."""
    asked = "he took 6 of those tabs and hes really sleepy"
    first = emergency.read(asked, knowledge.lexicon)
    assert first.tier == "possible" or (first.tier == "none" and first.model >= emergency.MODEL_POSSIBLE)  # asked
    assert tier(knowledge, "no", asked) == "none"
    for no in ("không", "non", "hindi po", "não", "nope", "没有"):  # emergency.no, any language
        assert tier(knowledge, no, asked) == "none", no
    assert tier(knowledge, "ok thanks", asked, "no") == "none"
    assert tier(knowledge, "no no one is in danger lol just asking, my coworker takes 4", asked) == "none"
    assert tier(knowledge, "no he still wont wake up", asked) != "none"  # a no that goes on with danger
    assert emergency.read("no", knowledge.lexicon).model == 0.0
    # Inside a clear emergency "no" may answer "is he breathing?": it goes on with it.
    clear = "he took 6 of those tabs and now he wont wake up"
    assert tier(knowledge, clear) == "full"
    assert tier(knowledge, "no", clear) == "full"


def test_yes_after_the_models_question_escalates_too(knowledge: Knowledge) -> None:
    """The model alone asks the question from MODEL_POSSIBLE: a YES to it is as much a yes as to a phrase's."""
    asked = "she took some tabs and wine and is kinda out of it"
    first = emergency.read(asked, knowledge.lexicon)
    assert first.tier == "none" and first.model >= emergency.MODEL_POSSIBLE  # asked by the model alone
    assert tier(knowledge, "yes", asked) == "full"
    assert tier(knowledge, "no", asked) == "none"


def test_yes_without_a_question_is_not_an_emergency(knowledge: Knowledge) -> None:
    decision = decided(knowledge, "YES", TexterState(known=True, language="en", recent_texts=("hi",)))
    assert not decision.topic.startswith("emergency")


def test_pet_gets_vet_advice_not_the_human_answer(knowledge: Knowledge) -> None:
    decision = decided(knowledge, "my cat licked my kratom and isn't breathing right", TexterState(known=True))
    assert decision.topic == "pet"
    assert "vet" in decision.replies[0] and "911" in decision.replies[0]
    assert not any(isinstance(a, RequestCounselor) for a in decision.actions)


def test_overdose_help_from_a_us_number_is_answered_in_english(knowledge: Knowledge) -> None:
    decision = decided(knowledge, "overdose help", TexterState())
    assert decision.is_emergency and decision.language == "en"


def test_ties_between_languages_go_to_the_stored_then_the_country_language() -> None:
    available = ("en", "es", "fr", "pt_BR")
    assert language.choose(available=available, matched=("fr", "en"), country="US") == "en"
    assert language.choose(available=available, matched=("fr", "en"), stored="fr", country="US") == "fr"
    assert language.choose(available=available, matched=("fr", "pt_BR"), country="BR") == "pt_BR"
    assert language.choose(available=available, matched=("fr", "pt_BR")) == "fr"  # then catalog order


def test_distress_is_answered_inside_the_quiet_period(knowledge: Knowledge) -> None:
    state = TexterState(known=True, language="en", last_auto_menu_at=1_000_000.0 - 10)
    assert AUTO_MENU_QUIET_SECONDS > 10
    decision = decided(knowledge, "i just can't do this anymore", state)
    assert decision.topic == "distress"
    assert "911" in decision.replies[0] or "988" in decision.replies[0]
    quiet = decided(knowledge, "asdf qwer zxcv", state)
    assert quiet.replies == ()  # no distress: the quiet period still stops loops with auto-responders


def test_model_scores_danger_higher_than_small_talk() -> None:
    danger, _ = model.score("he took all his pills and won't wake up, lips blue")
    calm, _ = model.score("thanks, have a nice day")
    assert danger > calm


def test_the_model_alone_never_gives_the_full_answer(knowledge: Knowledge) -> None:
    """Without a phrase, a high score only asks the question."""
    for path in (CORPUS / "emergency.tsv",):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                assessment = emergency.assess(row["text"], knowledge.lexicon)
                if assessment.verdict is not None:
                    assert not assessment.verdict.phrase.startswith("model")


def test_the_model_has_an_opinion_on_chinese_and_thai_it_never_saw() -> None:
    """Thai and Chinese runs are scored on their characters and pairs: a new sentence is not all unknown."""
    new = (
        "我表哥吃了一大把药，现在怎么喊都没反应",
        "今天下午我们一家人去公园散步了",
        "พี่ชายกินยาไปเยอะมากตอนนี้เรียกไม่ตื่นเลย",
    )
    for text in new:
        assert model.probabilities(text) != (1.0, 0.0, 0.0), text  # (1, 0, 0) is "no opinion"
    danger, _ = model.score("我表哥吃了一大把药，现在怎么喊都没反应")
    calm, _ = model.score("今天下午我们一家人去公园散步了")
    assert danger > calm


def _doubting(text: str) -> model.Weights:
    """Weights under which the model is sure the text is harmless."""
    return {feature: (1.0, 0.0, 0.0) for feature in model.features(text)}, (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("please help my brother is having a seizure on the kitchen floor and i am so scared", "possible"),
        ("he is having a seizure", "full"),  # too short to carry context: the phrase decides
        # a question, then "now" and the danger: the order says it is happening, whatever the model reads
        ("what if i took too much kratom, now i cant breathe and my chest is so tight", "full"),
    ],
)
def test_a_phrase_the_model_doubts_in_a_long_message_gets_the_question(
    knowledge: Knowledge, text: str, expected: str
) -> None:
    assert tier(knowledge, text) == "full"
    model.use(_doubting(text))
    emergency.read.cache_clear()
    try:
        assessment = emergency.assess(text, knowledge.lexicon)
    finally:
        model.restore()
        emergency.read.cache_clear()
    assert assessment.tier == expected
    assert any("doubts" in line for line in assessment.why) == (expected == "possible")


def _scan(prepared: Prepared, index) -> set[tuple[str, str, str, tuple[int, int]]]:
    """Every phrase tried at every position: the slow way the index must agree with."""
    found = set()
    words, near = prepared.words, prepared.near
    for phrase in index.phrases:
        if phrase.pattern.unspaced:
            continue
        pw = phrase.pattern.words
        for start in range(len(words)):
            ok = pw[0] in near[start] and (phrase.typos or words[start] == pw[0])
            index_at, position = ok, start + 1
            for expected in pw[1:]:
                if not index_at:
                    break
                hit = next(
                    (
                        i
                        for i in range(position, min(position + phrase.slack + 1, len(words)))
                        if expected in near[i] and (phrase.typos or words[i] == expected)
                    ),
                    None,
                )
                index_at = hit is not None
                position = (hit or 0) + 1
            if index_at:
                found.add((phrase.context, phrase.language, phrase.text, (start, position)))
    return found


def test_the_phrase_index_finds_what_a_plain_scan_finds(knowledge: Knowledge) -> None:
    book = emergency._book(knowledge.lexicon)
    with (CORPUS / "emergency.tsv").open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    for text in texts[:400]:
        prepared = Prepared(text, book.index, clause_end())
        indexed = {(m.context, m.language, m.phrase, m.words) for m in prepared.find() if not m.unspaced}
        # The scan knows nothing of accents: a phrase of a language written without them ("song", English) is
        # dropped on words that had them ("sông"); the index must agree with the scan on everything else.
        accents = accent_kinds(prepared.spelled) if prepared.spelled else [0] * len(prepared.words)
        scanned = {
            (context, language, phrase, words)
            for context, language, phrase, words in _scan(prepared, book.index)
            if all(kind <= ACCENTS_WRITTEN.get(language, 2) for kind in accents[words[0] : words[1]])
            and not _spelled_as_other_vietnamese_words(prepared, book.index, (context, language, phrase), words)
        }
        assert indexed == scanned, text


def _spelled_as_other_vietnamese_words(
    prepared: Prepared, index, key: tuple[str, str, str], span: tuple[int, int]
) -> bool:
    """Round 25: nor does the scan know Vietnamese spellings: a Vietnamese phrase is dropped on words typed with other
    accents than its own ("giỗ" for "giờ"), each phrase word taken, in order, by the first word of the span it may
    be."""
    context, language, text = key
    phrase = index.by_text[(language, context, text)]
    if phrase.language != "vi" or not phrase.spellings or not prepared.spelled:
        return False
    typed = vietnamese_spellings(prepared.spelled)
    at, end = span
    for expected, written in zip(phrase.pattern.words, phrase.spellings, strict=True):
        while at < end and (
            expected not in prepared.near[at] or (prepared.words[at] == expected and spelled_apart(typed[at], written))
        ):
            at += 1
        if at >= end:
            return True
        at += 1
    return False


@pytest.mark.parametrize(
    "text",
    ["MY BROTHER IS NOT BREATHINGGGGG", "ELA NAO RESPIRAAAAA SOCORRO", "dia x bernafasssss tolong"],
)
def test_letters_held_down_in_panic_are_read_as_the_word(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my dog is fine, its my husband who wont wake up", "full"),
        ("el perro está bien, es mi esposo el que no despierta", "full"),
        ("my husband is fine, the dog ate my kratom and wont wake up", "pet"),
        ("my dog got into my kratom and now hes shaking", "pet"),
        ("my sons dog ate his kratom and wont wake up", "pet"),  # the animal shares the danger's sentence
        # the one named last before the danger, when the danger's clause names no one
        (
            "the cat is fine, she never touched it. its my brother, he mixed kratom and xanax and i cant wake him up",
            "full",
        ),
        ("o gato esta bem, nem chegou perto. e meu irmao, tomou kratom com remedio e nao consigo acordar ele", "full"),
        ("my husband is fine. the dog, he chewed the capsules and wont wake up", "pet"),
        ("el caballo de mi tio esta convulsionando", "pet"),  # the person owns the animal
    ],
)
def test_an_animal_beside_a_person_is_not_the_one_in_danger_when_the_danger_names_the_person(
    knowledge: Knowledge, text: str, expected: str
) -> None:
    """emergency.person: with an animal and a person named, the one in danger is in the danger's sentence."""
    assert tier(knowledge, text) == expected


def test_a_person_named_after_an_animal_conversation_is_a_person_in_danger(knowledge: Knowledge) -> None:
    dog = "my dog ate some of my kratom powder"
    assert tier(knowledge, "hes shaking and wont wake up", dog) == "pet"
    assert tier(knowledge, "forget the dog, my son wont wake up", dog) == "full"


def test_a_negated_joke_or_story_is_not_context(knowledge: Knowledge) -> None:
    """A recovery or fiction cue with a bare negator right before it is negated, as an emergency phrase is:
    "no es broma" says it is real."""
    assert tier(knowledge, "al principio pensamos que era broma pero no es broma, no respira") == "full"
    assert tier(knowledge, "pensamos que no respiraba pero era broma, está bien") == "none"


def test_the_models_question_alone_does_not_interrupt_a_counselor_conversation(knowledge: Knowledge) -> None:
    """In a conversation a counselor holds, the counselor reads every message: the model's possible tier alone
    is forwarded to them, not answered with the question; a phrase's possible tier and the full answer still are."""
    plan = "figured id be done with it tonight"
    assert emergency.assess(plan, knowledge.lexicon).model_alone  # the rules alone see nothing here
    held = TexterState(known=True, language="en", held_by="ana")
    assert decided(knowledge, plan, TexterState(known=True, language="en")).topic == POSSIBLE_TOPIC
    assert decided(knowledge, plan, held).topic == "counselor" and decided(knowledge, plan, held).replies == ()
    assert decided(knowledge, possible_text(knowledge), held).topic == POSSIBLE_TOPIC
    assert decided(knowledge, "my brother is not breathing", held).topic == "emergency.medical"


def test_urgency_between_a_joke_and_the_danger_takes_the_joke_back(knowledge: Knowledge) -> None:
    """A now cue ("seriously", "en serio") after the joke marker and before the phrase: the joke no longer
    negates it. Without the urgency the joke still does."""
    assert tier(knowledge, "jajaja no en serio ya no respira") == "full"
    assert tier(knowledge, "jajaja ya no respira de la risa") != "full"


@pytest.mark.parametrize(
    "text",
    [
        "im a nurse but this is my own daughter and right now she is not breathing",
        "soy enfermera pero es mi hijo y ahora mismo no respira",
    ],
)
def test_urgency_after_a_professional_frame_and_before_the_danger_is_the_full_answer(
    knowledge: Knowledge, text: str
) -> None:
    """A nurse's words are a frame (a professional's case); "right now" after it and before the danger says this
    one is happening: the full answer, where urgency anywhere else only asks."""
    assert tier(knowledge, text) == "full"


def test_a_plan_the_model_reads_as_suicide_is_asked_about_beside_a_film(knowledge: Knowledge) -> None:
    """A film or a game beside a plan sign used to silence both the plan and the model: "after this last episode
    im swallowing all the pills" is a timing, not fiction. From MODEL_OVER_NEGATION the model asks."""
    text = "after this last episode im swallowing all the pills, theyre ready"
    reading = emergency.assess(text, knowledge.lexicon)
    assert reading.model >= emergency.MODEL_OVER_NEGATION
    assert reading.tier == "possible"
    assert tier(knowledge, "just watched the episode where she swallows all the pills, so sad") == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("soy enfermera, se lo que es esto. pero es mi hijo y casi no respira", "full"),
        ("im an er nurse and i know this stuff, but it's my husband and his lips are blue", "full"),
        ("im a nurse, we had a patient who stopped breathing today but hes fine now", "none"),
        ("it was a prank video but it scared me, what do i do if someone really stops breathing?", "none"),
    ],
)
def test_but_takes_back_a_frame_when_the_danger_follows_it(knowledge: Knowledge, text: str, expected: str) -> None:
    """A professional's words, a story or the past, then "but" and a danger no negation covers (and the model
    does not doubt): the frame is taken back, as a recovery is. The danger before the "but", or a question
    after it, keeps the frame."""
    assert tier(knowledge, text) == expected


def test_an_urgency_word_in_a_question_about_a_story_is_not_urgency(knowledge: Knowledge) -> None:
    """The question "itu beneran?" ("is that real?") after a video of someone fainting asks about the video:
    the clause is a question with no danger of its own, so its "beneran" does not outweigh the story. Urgency
    said of the danger in a question still counts ("is he breathing right now? hes blue")."""
    assert tier(knowledge, "min liat video tiktok ada cowok pingsan kejang2, itu beneran?") == "none"
    assert tier(knowledge, "is he breathing right now? hes blue") == "full"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "last summer he fainted and was fine in a minute. this afternoon he collapsed and his lips are grey",
            "full",
        ),
        ("el año pasado mi papa tuvo un infarto y se recupero. hoy se desplomo en la cocina y no responde", "full"),
        ("ano passado ele desmaiou e ficou bem. hj caiu no banheiro e nao acorda", "full"),
        ("my dad had a heart attack last year and recovered, he runs every day now", "none"),
        # a recovery told first, of someone else, then danger
        ("my little sister is totally fine. her dad took a bunch of pills and now hes not responding", "full"),
        ("mi hermanita esta bien, ya la revise. su papa se tomo un monton de pastillas y no responde", "full"),
        ("she passed out but the ambulance came and shes awake now, the paramedics said shes fine", "none"),
        # the past told, then a plan
        # (round 19's model reads "thank you for listening to me last month. this is my last message, take care of
        # yourselves" at 0.47, under MODEL_AGAIN: tests/test_emergency_round19_m.py keeps it as a known loss)
        ("thank you for listening to me last month. this is my last message, take care of you all", "possible"),
        ("last year i got better after rehab. tonight im in the garage with the car running", "full"),
        ("she passed out at a party last year and was fine, can she use kratom?", "none"),
    ],
)
def test_the_past_or_a_recovery_told_then_danger_after_it_is_danger(
    knowledge: Knowledge, text: str, expected: str
) -> None:
    """A past cue or a recovery does not cancel a danger told in a later clause when the model reads the message
    as danger (MODEL_AGAIN); the past alone, a recovery after the danger, or a question about it stays as it was."""
    assert tier(knowledge, text) == expected


def test_triage_says_what_the_rules_on_order_and_subjects_set_aside(knowledge: Knowledge) -> None:
    """`helpline triage` prints `why`: a cue that is read but does not count says so, and why."""
    pet = "the cat is fine, she never touched it. its my brother, he mixed kratom and xanax and i cant wake him up"
    why = emergency.assess(pet, knowledge.lexicon).why
    assert any("pet cue 'the cat'" in line and "set aside" in line for line in why)
    told_first = "my little sister is totally fine. her dad took a bunch of pills and now hes not responding"
    why = emergency.assess(told_first, knowledge.lexicon).why
    assert any("'totally fine'" in line and "does not cancel" in line for line in why)
    joke = emergency.assess("jajaja no en serio ya no respira", knowledge.lexicon).why
    assert sum("set aside" in line for line in joke) == 1  # the marker negation listed in every language, once


def test_a_question_after_the_possible_question_gets_its_answer_not_the_question_again(knowledge: Knowledge) -> None:
    """The texter was asked "Is someone in danger right now?" and asks something of their own with no danger in
    it: the conversation stays flagged for a counselor, but the bot answers the question instead of asking its
    own again (batch j: "is loperamide ok ...?" after "i feel like im actually dying ... lol"). Round 20: the
    asked message is the conversation's first; after a calm one ("day 3 off kratom ...") it is no longer asked."""
    earlier = ("i feel like im actually dying. not literally lol but my whole body hurts",)
    assert tier(knowledge, earlier[0]) == "possible"
    assert tier(knowledge, "is loperamide ok for the stomach stuff? how much is safe", *earlier) == "none"
    assert tier(knowledge, "hace como 20 min", *earlier) == "possible"  # an answer, not a question: still asked
    assert tier(knowledge, "is he still breathing? he looks blue", *earlier) != "none"  # danger in the question


def test_after_a_possible_medical_question_a_message_without_danger_does_not_go_on_with_it(
    knowledge: Knowledge,
) -> None:
    """Asked "Is someone in danger right now? Reply YES" after a fear of an overdose, the texter writes on without
    YES and without danger: not the question again (batch ay: "yeah my girlfriends here with me"). An address or a
    time is an answer, and goes on with it; after a possible suicide everything does (told indirectly, in pieces)."""
    feared = "i think i took too much kratom, 20g of green, will i OD?"
    assert tier(knowledge, feared) == "possible"
    assert tier(knowledge, "yeah my boyfriend is here with me", feared) == "none"
    assert tier(knowledge, "we are at 1420 Oak St apt 4", feared) == "possible"
    assert tier(knowledge, "now he cant breathe", feared) != "none"
    brooding = "i keep parking near the bridge on my way home"
    assert tier(knowledge, brooding) in ("possible", "full")  # round 19's model confirms the place sign (0.91)
    assert tier(knowledge, "yeah my boyfriend is here with me", brooding) != "none"


def test_an_address_given_a_few_messages_later_goes_on_with_the_emergency(knowledge: Knowledge) -> None:
    """Inside a clear emergency, details of where (an address, a room: digits) go on with it however many
    messages came between, as short replies do (batch bc: "calle 30A # 76-21" after three messages): the
    number and who is coming again, not the first aid. A message without danger or details still does not."""
    earlier = (
        "my brother collapsed and hes not breathing, he took a lot of kratom and xanax",
        "i dont know what to do, my mom is freaking out",
        "we tried shaking him",
    )
    address = emergency.assess("1420 Oak St apt 4, the blue door", knowledge.lexicon, earlier)
    assert address.tier == "full" and address.follow_up
    assert tier(knowledge, "the house with the green gate", *earlier) == "none"


def test_a_knife_in_the_kitchen_is_not_a_plan(knowledge: Knowledge) -> None:
    """Round 8's English lists had "knife is right here" as a plan sign: with "knife" as the means, two signs of a
    plan gave a harmless kitchen message the full suicide answer. A knife with despair still does.

    The rules read no plan in the kitchen message. The model retrained in round 10 (through batch bq) scores it
    0.8 and so asks the possible-tier question: a known false alarm, kept because that model is 148 decisions
    better and 35 worse over every batch; the full answer would be the rules' fault, and this test guards them."""
    kitchen = "the knife is right here in the drawer, where do you keep your cutting board"
    assert emergency.read(kitchen, knowledge.lexicon).tier == "none"
    assert tier(knowledge, kitchen) != "full"
    assert tier(knowledge, "the knife is right here. im done. tell my mom im sorry") == "full"


def test_indonesian_and_malay_reduplication_is_not_an_address(knowledge: Knowledge) -> None:
    """Digits after a possible medical emergency's question are an answer (an address, a time) and go on with it.
    A digit written after a letter is not a number: Indonesian and Malay write a doubled word with a 2 ("pelan2",
    "slowly"; "tiba2"), which made a calm reply look like an address (batch bi: "... ajak ngobrol pelan2")."""
    feared = "saya rasa saya minum ketum terlalu banyak, boleh overdos ke?"
    assert tier(knowledge, feared) == "possible"
    assert tier(knowledge, "iya nanti saya cek lagi pelan2", feared) == "none"
    assert tier(knowledge, "kami di kamar 2 lantai 3", feared) != "none"


def test_one_sign_of_a_plan_the_model_reads_as_suicide_without_doubt_is_the_full_answer(knowledge: Knowledge) -> None:
    """A place or the means alone ("on the bridge now", "tali dah gantung kat kipas": the rope hangs from the fan)
    made no rule's tier, and the model alone only asked the question, however sure it was. Read like a rule's
    possible tier that the model confirms, it is the full answer (round 9: 130 decisions better, 2 worse over every
    batch; 60 and 2 on the batches the model was not trained on). A bridge the model doubts still is not."""
    assert tier(knowledge, "on the bridge now") == "full"
    why = emergency.assess("on the bridge now", knowledge.lexicon).why
    assert any("one sign of a plan ('on the bridge')" in line for line in why)  # helpline triage says so
    assert tier(knowledge, "tali dah gantung kat kipas") == "full"
    assert tier(knowledge, "stuck on the bridge in traffic, gonna be late") != "full"


def test_yes_answers_a_question_the_conversation_asked(knowledge: Knowledge) -> None:
    """A clear phrase read inside a frame set earlier ("last month ...") is answered with the possible-emergency
    question; YES to it is the emergency. It was read against the message's own tier (full), not the question it
    got, so YES found no question and got the quiet period's silence (batch bi: "sim", "ya", "có"). Round 20: the
    second message no longer says "tonight", an intention cue that now lifts the past (the phrase is then full)."""
    conversation = (
        "last month my brother passed out at a party after kratom and xanax, it was scary",
        "hes staying over at ours and took some again, said it was just a little",
        "hes snoring really loud and i cant wake him up, his lips look grey",
    )
    assert tier(knowledge, conversation[2], *conversation[:2]) == "possible"
    assert tier(knowledge, "yes", *conversation) == "full"


def test_no_silence_just_after_an_emergency_tier(knowledge: Knowledge) -> None:
    """Inside the quiet period, unrecognised text right after a message read as an emergency is answered (the crisis
    line and the emergency number), not silenced: "non je veux pas d'ambulance" after a rope in the garage got the
    quiet period's silence (batch bq). Further on, the quiet period still stops auto-responders."""
    asked = possible_text(knowledge)
    state = TexterState(known=True, language="en", last_auto_menu_at=1_000_000.0 - 10, recent_texts=(asked,))
    answered = decided(knowledge, "no", state)
    assert answered.topic == "distress"
    assert "911" in answered.replies[0]
    calm = ("hi", "what is kratom", "how long does it last", "thanks")
    later = TexterState(known=True, language="en", last_auto_menu_at=1_000_000.0 - 10, recent_texts=(asked, *calm))
    assert decided(knowledge, "no", later).replies == ()


def test_a_general_question_does_not_cancel_danger_named_after_it(knowledge: Knowledge) -> None:
    """A hypothetical cue ("como saber se", how to tell whether) read the whole message and cancelled the son's
    danger told after it (batch ch): a named person in a later clause, with danger the model reads as danger."""
    text = (
        "tem como saber se é overdose? meu filho de 17 tá no carro parado na garagem, babando, olho revirado, "
        "não acorda com grito"
    )
    assert tier(knowledge, text) == "full"
    # The same question about nobody in particular stays a question: the warning signs, not the emergency answer.
    assert tier(knowledge, "tem como saber se é overdose? tipo olho revirado, não acorda") != "full"


def test_an_emergency_carried_over_is_answered_in_the_language_of_the_message(knowledge: Knowledge) -> None:
    """The open emergency's phrase was Portuguese; the next message, inside it, is English: the answer follows the
    texter into English (found by hand in the simulator: an English thank-you got the Portuguese number). A short
    reply, whose language cannot be told, keeps the stored one."""
    opened = "meu filho de 17 tá no carro parado na garagem, babando, olho revirado, não acorda com grito"
    state = TexterState(known=True, language="pt_BR", recent_texts=(opened,))
    english = decided(knowledge, "ok i called them, they are on their way now, what do i do until they get here", state)
    assert english.is_emergency and english.language == "en"
    assert "911" in english.replies[0]
    short = decided(knowledge, "ok", state)
    assert short.is_emergency and short.language == "pt_BR"


def test_a_recovery_then_urgency_then_danger_is_the_danger_again(knowledge: Knowledge) -> None:
    """A recovery cue outweighed "now" anywhere in the message, so a correction told first silenced the danger told
    after it (scripts/probe_cues.py found every recovery cue added in round 13 doing so). Told in that order, with
    the urgency between them, the danger is back. The recovery still closes what came before it."""
    assert tier(knowledge, "he was only asleep and now i cant wake him and his lips are blue") == "full"
    assert tier(knowledge, "he woke up and is talking now") == "none"
    assert tier(knowledge, "she passed out earlier, shes fine now") == "none"
    assert tier(knowledge, "ambulance came, he is awake now, thank you") == "none"


def test_no_silence_just_after_the_models_question(knowledge: Knowledge) -> None:
    """The model alone asking the possible-emergency question counts as danger for the quiet period too: in batch
    ci, "i left his food and his vet papers on the counter with a note" came right after a thank-you the model had
    asked about, and the quiet period silenced it (a suicide risk told in farewells)."""
    thanks = (
        "just wanted to say thanks for all the times you answered me at 3am. it meant more than you know. take care"
    )
    asked = emergency.assess(thanks, knowledge.lexicon)
    assert asked.tier == "possible" and asked.model_alone  # the model alone asked
    # Round 19's model reads batch ci's own note ("... on the counter with a note") as the suicide it is, the full
    # answer; without the note it is still no emergency of its own, and the quiet period must not silence it.
    note = "my neighbor rosa is gonna take biscuit. i left his food and his vet papers on the counter"
    state = TexterState(known=True, language="en", last_auto_menu_at=1_000_000.0 - 10, recent_texts=(thanks,))
    answered = decided(knowledge, note, state)
    assert answered.topic == "distress"
    assert "911" in answered.replies[0]


@pytest.mark.parametrize(
    "text",
    [
        "at the airport, boarding pass in hand. goodbye everyone, text you when i land",
        "c'est mon dernier message, je change de numéro la semaine prochaine",
        "demain je prends l'avion pour montréal, adieu la france",
        "明天去机场了，永别了这个城市",
    ],
)
def test_a_goodbye_beside_an_ordinary_departure_is_not_a_plan(knowledge: Knowledge, text: str) -> None:
    """A goodbye is a plan cue; beside a flight, a new number or a last day at work, and nothing else of a plan, it
    is an ordinary goodbye (emergency.leaving, a list written by translators without reading the batches): round 9
    and 10's largest source of false alarms on batches never read."""
    assert tier(knowledge, text) == "none"


@pytest.mark.parametrize(
    "text",
    [
        "last day at work tomorrow, goodbye everyone, sorry for everything, tell my mom i love her",
        "flight to manila tonight, goodbye everyone, i cant do this anymore",
        "adieu tout le monde, je suis fatigué de tout, la corde est prête",
    ],
)
def test_a_departure_does_not_take_back_a_goodbye_with_despair_or_a_method(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    ("earlier", "goodbye"),
    [
        (
            ("hi its me again, 6 months kratom free today", "im moving to portland next week and getting a new number"),
            "so this is goodbye i guess! you probably wont hear from me again but thank you for everything",
        ),
        (
            ("dah setahun aku berhenti ketum", "aku dapat kerja kat Johor Bahru, minggu depan pindah"),
            "ok bye semua, terima kasih byk2",
        ),
        (
            ("45 days na akong walang kratom", "lilipat na kasi ako sa Davao para sa bagong trabaho"),
            "salamat po sa lahat, God bless",
        ),
    ],
)
def test_a_goodbye_after_an_ordinary_departure_told_earlier_is_not_a_plan(
    knowledge: Knowledge, earlier: tuple[str, ...], goodbye: str
) -> None:
    """The departure told two messages before the goodbye counts as if told beside it: safe farewells over several
    messages were about 40% of the false alarms on round 13's conversation batches."""
    assert tier(knowledge, goodbye, *earlier) == "none"
    assert tier(knowledge, "take care of yourselves ok. bye", *earlier, goodbye) == "none"


@pytest.mark.parametrize(
    ("earlier", "goodbye"),
    [
        (  # despair earlier in the conversation
            ("im moving to portland next week", "honestly i cant do this anymore, nothing matters"),
            "so this is goodbye. thank you for everything",
        ),
        (  # the means in the goodbye itself
            ("i got the job in boise, i leave friday",),
            "goodbye everyone, i have all my pills lined up on the desk",
        ),
        (  # a danger phrase earlier
            ("moving to my moms next week", "i took the whole bottle an hour ago"),
            "goodbye, thank you for everything",
        ),
    ],
)
def test_a_departure_told_earlier_does_not_take_back_a_goodbye_with_danger_in_the_conversation(
    knowledge: Knowledge, earlier: tuple[str, ...], goodbye: str
) -> None:
    assert tier(knowledge, goodbye, *earlier) != "none"


@pytest.mark.parametrize(
    "text",
    [
        "Withdrawal day 3, my legs won't stop kicking, I'm sweating through sheets and I have diarrhea like crazy. "
        "It feels like I'm dying but I know it's just withdrawal. Any tips for restless legs?",
        "Dulu aku pernah dua kali nyoba bunuh diri, terus bertahun2 kecanduan kratom dan obat. Hari ini genap setahun "
        "aku bersih, kerja di bengkel, rutin konseling. Cuma mau bilang makasih, kalian yang nemenin aku di malam2 "
        "paling gelap. Aku beneran baik2 aja sekarang.",
    ],
)
def test_a_long_message_the_model_reads_as_nothing_like_danger_is_not_one(knowledge: Knowledge, text: str) -> None:
    """A danger phrase in a long message that the model scores below MODEL_DISMISSES is neither the answer nor the
    question: a withdrawal day "like I'm dying", a life story with past attempts that ends in a year clean (batch cl,
    round 14). Shorter messages keep the question, and so does a long one with a plan or the means."""
    assessed = emergency.assess(text, knowledge.lexicon)
    assert assessed.model is not None and assessed.model < emergency.MODEL_DISMISSES
    assert assessed.tier == "none"


def test_a_long_message_with_the_means_keeps_its_question_whatever_the_model_says(knowledge: Knowledge) -> None:
    text = (
        "karyawan sy di bengkel barusan minum air aki, katanya biar mati aja. dia muntah2. td pagi cerita soal utang "
        "kratom sama rentenir, katanya udah gak kuat lagi"
    )
    assert tier(knowledge, text) != "none"


@pytest.mark.parametrize(
    "text",
    ["lol i took all the pills", "i really want to die lol i took all the pills", "mdr non serieux il respire plus"],
)
def test_a_laugh_before_danger_the_model_reads_as_danger_does_not_cancel_it(knowledge: Knowledge, text: str) -> None:
    """Laughter markers ("... lol", "... mdr") cancel the hyperbole they trail; told before a danger the model reads as
    danger, nervous laughter is not a joke about it (found by a tuner in round 14: both got nothing)."""
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize("text", ["this withdrawal is killing me lol", "kkkk to morrendo aqui mas sobrevivo"])
def test_a_laugh_still_cancels_hyperbole(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


def test_an_idiom_holding_a_danger_phrase_takes_back_only_that_phrase(knowledge: Knowledge) -> None:
    """ "kayak mau pingsan" (like about to faint) is a negation holding the danger phrase "mau pingsan"; it cancelled
    "bibirnya ungu" (her lips are purple) told right after it too (batch bv)."""
    text = "adik gw tadi vc dia kayak mau pingsan terus bibirnya ungu, katanya campur kratom sama dextro. tolong"
    assert tier(knowledge, text) == "full"


@pytest.mark.parametrize(
    "text", ["today was my last day at work and i want to kill myself", "hes fine and i want to kill myself tonight"]
)
def test_a_suicide_statement_after_a_recovery_cue_is_not_cancelled_by_it(knowledge: Knowledge, text: str) -> None:
    """A recovery cue read the whole message and silenced a first-person suicide statement told after it (found by a
    tuner in round 14): someone else's recovery, or a last day at work, is not the texter's safety."""
    assert tier(knowledge, text) in ("possible", "full")


@pytest.mark.parametrize(
    "text",
    [
        "ambulans dah sampai, paramedik tengah buat CPR",
        "dumating na ambulansya, sila na nag cpr",
    ],
)
def test_help_arrived_then_danger_goes_on(knowledge: Knowledge, text: str) -> None:
    """A recovery cue that only says help has arrived does not cancel the danger told after it: the person is not
    said to be well (batches bf, ce)."""
    assert tier(knowledge, text) == "full"


def test_a_breakup_is_no_negation_of_a_suicide_statement(knowledge: Knowledge) -> None:
    """ "fini avec lui" in the negations (a breakup, round 14's first list pass) silenced what came one word after it;
    scripts/probe_cues.py now puts each new negation before a suicide statement too."""
    assert tier(knowledge, "c'est fini avec lui je vais me tuer") == "full"


@pytest.mark.parametrize(
    "text",
    [
        "i want to kill myself this is not a prank",
        "he's not breathing, this isnt a false alarm",
        "il respire plus, c'est pas une fausse alerte",
    ],
)
def test_a_story_or_recovery_cue_negated_with_a_word_between_is_no_context(knowledge: Knowledge, text: str) -> None:
    """ "not a prank": the cue ("prank", in the Indonesian fiction list) was only set aside by a negator of its own
    language right before it, so an English "not" and an article between left it cancelling the danger (a tuner,
    round 14)."""
    assert tier(knowledge, text) == "full"


def test_a_short_word_two_before_a_cue_does_not_negate_it(knowledge: Knowledge) -> None:
    """Vietnamese "nó" (he) folds to "no"; only negators of three letters or more reach over a word."""
    assert tier(knowledge, "Tôi gõ cửa rồi, nó nói con không sao mẹ ơi, đang đeo tai nghe chơi game") == "none"


def test_a_leaving_phrase_does_not_hide_a_typo_match(knowledge: Knowledge) -> None:
    """The leaving list is matched as written and its words stay out of the typo index: with "volto" in a phrase
    ("volto segunda"), "nao volto" was no longer read as the suicide phrase "nao volta" (batch av)."""
    text = "deixei o thor com a vizinha e um saco de raçao. falei q era so por uns dias. nao volto"
    assert tier(knowledge, text) == "full"


def test_a_plan_read_as_danger_lifts_the_conversation_frame(knowledge: Knowledge) -> None:
    """The past told early ("l'année dernière ...") frames the conversation; a plan told later escapes the frame and
    must end it, or the next message falls back into it: "non je veux pas d'ambulance" after a rope in the garage
    got no emergency and the quiet period's silence (batch bq, fr-05)."""
    conversation = (
        "salut, je sais pas trop pourquoi j'écris",
        "l'année dernière j'ai perdu ma job",
        "j'ai attaché une corde dans le garage tantôt. j'attends juste d'avoir le guts",
    )
    assert tier(knowledge, conversation[2], *conversation[:2]) == "full"
    assert tier(knowledge, "non je veux pas d'ambulance", *conversation) == "full"


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        ("i tied a rope in the garage, tonight is the night", "i dont want an ambulance"),
        ("j'ai attaché une corde dans le garage, ce soir c'est fini", "non je veux pas d'ambulance"),
        ("ya tengo la soga lista en el patio, esta noche me voy", "no quiero ambulancia"),
    ],
)
def test_an_ambulance_refused_inside_a_suicide_emergency_keeps_the_suicide_answer(
    knowledge: Knowledge, earlier: str, text: str
) -> None:
    """The word "ambulance" is a medical phrase (a plea), so after a plan it got CPR and naloxone instead of the crisis
    line (round 10's known gap). A message whose only danger words name a service (emergency.service) keeps the open
    suicide emergency's answer; a state beside the service is still the medical one."""
    lexicon = knowledge.lexicon
    assessed = emergency.assess(text, lexicon, (earlier,))
    assert assessed.tier == "full" and assessed.verdict is not None
    assert assessed.verdict.kind == "suicide"
    beside_a_state = emergency.assess("call an ambulance, my mom isnt breathing", lexicon, (earlier,))
    assert beside_a_state.verdict is not None and beside_a_state.verdict.kind == "medical"
    alone = emergency.assess(text, lexicon)
    assert alone.verdict is not None and alone.verdict.kind == "medical"
    # Said twice, the first refusal must not reopen the conversation as a medical emergency (found in the simulator).
    again = emergency.assess(text + ", nobody", lexicon, (earlier, text))
    assert again.verdict is not None and again.verdict.kind == "suicide"


@pytest.mark.parametrize(
    ("earlier", "arrival"),
    [
        ("ayuda mi primo se tomo el kratom con unas clonas y no despierta", "ya llegaron los paramedicos"),
        ("socorro meu amigo misturou kratom com cachaça e rivotril e ta desmaiado, nao acorda", "o samu chegou"),
        ("我朋友吃了卡痛又喝酒 现在叫不醒", "救护车到了"),
    ],
)
def test_help_arriving_keeps_the_emergency_going_until_the_person_is_well(
    knowledge: Knowledge, earlier: str, arrival: str
) -> None:
    """The phrase "the ambulance is here" is in the recovery lists (it cancels the medical phrase "ambulance" in a
    single text), so it closed the conversation's emergency; every conversation batch's writers keep it open until
    the person is said to be well (round 11: six of ca's eight misses). A short arrival goes on with the emergency
    (the number again, the counselor's flag kept); the person said to be well closes it; alone it is no emergency."""
    lexicon = knowledge.lexicon
    going_on = emergency.assess(arrival, lexicon, (earlier,))
    assert going_on.tier == "full" and going_on.follow_up and going_on.help_arrived
    assert tier(knowledge, "ya desperto y esta hablando, gracias", earlier, "ya llegaron los paramedicos") == "none"
    assert tier(knowledge, arrival) == "none"


def test_help_arriving_is_answered_with_what_to_tell_the_crew_and_the_number(knowledge: Knowledge) -> None:
    """Not "call 911 now" again, nor the first aid: the crew needs to know what was taken; the number stays."""
    earlier = "my brother isnt breathing he took kratom and pills"
    state = TexterState(known=True, language="en", recent_texts=(earlier,))
    decision = decided(knowledge, "paramedics arrived", state)
    assert decision.topic == "emergency.medical"
    assert decision.replies == (knowledge.catalogs.text("en", "emergency.arrived_reply.text", emergency="911"),)
    assert any(isinstance(a, RequestCounselor) and a.emergency for a in decision.actions)
    danger_again = decided(knowledge, "paramedics arrived, he's still not breathing", state)
    assert "CPR" in danger_again.replies[0]


def test_no_marker_negation_ends_a_danger_phrase_or_a_plan_sign(knowledge: Knowledge) -> None:
    """A marker negation ("... lol") covering the end of a phrase cancels it: Tagalog "... text ko" cancelled every
    goodbye ending in "text ko" ("last text ko na to, ingat kayo" got nothing, round 11). No marker, in any
    language, may be the last words of an emergency phrase or a suicide sign of any language."""
    lexicon = knowledge.lexicon
    markers = [
        (language, p.text, tuple(p.words))
        for language in lexicon.languages
        for p in lexicon.patterns(language, emergency.NEGATIONS)
        if p.text.lstrip().startswith("...") and p.words
    ]
    signs = [f"emergency.{kind}.phrases" for kind in ("plan", "means", "intent", "distress")]
    found = [
        (marker, language, phrase.text)
        for language in lexicon.languages
        for context in (*emergency.KIND_CONTEXTS.values(), *signs)
        for phrase in lexicon.patterns(language, context)
        for _, marker, words in markers
        if len(phrase.words) > len(words) and tuple(phrase.words[-len(words) :]) == words
    ]
    assert found == []


def test_a_hotline_is_not_urgency_in_thai(knowledge: Knowledge) -> None:
    """Thai "ด่วน" (urgent) was a now cue and matched inside "สายด่วน" (a hotline): a story of last year that named
    the hotline read as happening now. The now list keeps the urgent forms ("ด่วนมาก", "ช่วยด่วน")."""
    story = "ปีที่แล้วเพื่อนผมหมดสติเพราะกระท่อม ตอนนั้นโทรสายด่วน 1669"
    assert not emergency.read(story, knowledge.lexicon).cues.has("now")
    assert emergency.read("ด่วนมาก เพื่อนไม่หายใจ", knowledge.lexicon).cues.has("now")


def test_a_general_question_does_not_frame_the_conversation(knowledge: Knowledge) -> None:
    """A hypothetical cue in a question ("what happens if i mix ...?") asks about itself; it is not a story the later
    messages belong to. It framed them: a clear emergency told next, and again after the question, got only the
    possible tier, twice (found in the simulator, round 10)."""
    conversation = ("INFO", "what happens if i mix kratom with alcohol?")
    emergency_now = "my friend took kratom and xanax and wont wake up, lips are blue"
    assert tier(knowledge, emergency_now, *conversation) == "full"
    assert tier(knowledge, "he stopped breathing again, hes turning grey", *conversation, emergency_now) == "full"
