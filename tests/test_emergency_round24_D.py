"""Round 24 (tuner D: conversations): an unconfirmed possible emergency (only the question "Is someone in danger right
now? Reply YES" was sent, no YES, nothing in the conversation making it clear) carries to the message right after it
only, and an urgency word alone later does not renew it; a YES or a call for help while it is open still answers its
question. An ordinary departure (quitting kratom counts as one) no longer silences a plan the model is sure of, nor a
softened death wish beside a plan cue. Texts written for these tests, not corpus lines. Without the round's change
the lapse, the urgency word, the departure tests and the softened death wish fail (base24); without the late YES
the YES tests fail, and without the plan-with-despair exception the carry-over test fails (each checked by
reverting that part). The medical follow-up and the denial beside a goodbye guard the limits."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

# A goodbye that reads as a possible plan, then thanks, then a move told plainly: the thanks right after the question
# still goes on with it, the move two messages later does not.
FAREWELL = (
    "hey, c'est mon dernier message ici",
    "merci pour tout ce que vous avez fait cette année",
)


def test_unconfirmed_question_carries_to_the_next_message(knowledge: Knowledge) -> None:
    assert tier(knowledge, FAREWELL[1], FAREWELL[0]) == "possible"


def test_unconfirmed_question_lapses_two_messages_later(knowledge: Knowledge) -> None:
    assert tier(knowledge, "j'ai trouvé un appart à Montréal avec ma blonde", *FAREWELL) == "none"


# Sleeping pills with drink asked the question; "now he is watching TV, like nothing happened" two messages later says
# when, not danger: its "now" alone does not renew the question.
def test_an_urgency_word_alone_does_not_renew_an_unconfirmed_question(knowledge: Knowledge) -> None:
    earlier = ("我老公今晚喝了酒还吃了两片安眠药", "他说他经常这样 让我别瞎操心 我也不知道该不该管")
    assert tier(knowledge, "现在他在客厅看电视 跟没事人一样", *earlier) == "none"


# The question still open: a late YES answers it with the full answer, wherever the question was last asked.
@pytest.mark.parametrize("answer", ["YES", "oui"])
def test_a_late_yes_to_an_open_question_is_the_emergency(knowledge: Knowledge, answer: str) -> None:
    earlier = (*FAREWELL, "j'ai trouvé un appart à Montréal avec ma blonde")
    assert tier(knowledge, answer, *earlier) == "full"


def test_a_late_yes_after_a_thing_given_away_is_the_emergency(knowledge: Knowledge) -> None:
    earlier = ("gave my guitar to my nephew today", "its ok, just tired", "we had pizza for dinner")
    assert tier(knowledge, "yes", *earlier) == "full"


# Safety: a plan with despair is not unconfirmed; the conversation keeps its full answer two messages on.
def test_a_plan_with_despair_keeps_its_carry_over(knowledge: Knowledge) -> None:
    earlier = ("gave my guitar to my nephew today", "so tired of everything")
    assert tier(knowledge, "we had pizza for dinner", *earlier) == "full"


# Safety: a child who drank kratom (the model's question), then a worried follow-up with a question of its own.
def test_the_message_right_after_a_medical_question_goes_on(knowledge: Knowledge) -> None:
    earlier = ("tolong adik aku 5 tahun terminum air ketum ayah, dia muntah",)
    assert tier(knowledge, "dia masih main tapi aku risau. perlu bawa klinik ke?", *earlier) != "none"


# Quitting kratom is read as a departure; "tonight I go, it is all ready" after it, which the model reads as suicide
# at 0.99, is a plan, not a goodbye.
@pytest.mark.parametrize(
    ("quitting", "plan"),
    [
        ("off kratom 10 days now, sleeping a bit better", "tonight i'm going. everything is ready"),
        ("cai kratom được 1 tuần rồi", "tối nay em đi, thuốc để sẵn rồi"),
    ],
)
def test_a_plan_the_model_is_sure_of_is_no_ordinary_departure(knowledge: Knowledge, quitting: str, plan: str) -> None:
    assert tier(knowledge, plan, quitting) == "full"


# Quitting kratom, then a death wish softened ("có lúc nghĩ", sometimes I think) beside "cho xong" (to be done with it):
# asked, as it is in a conversation with no departure; a denial beside a goodbye after a real move stays a farewell.
def test_a_softened_death_wish_is_no_ordinary_departure(knowledge: Knowledge) -> None:
    earlier = ("cai kratom tuần thứ ba rồi mà vẫn thèm",)
    assert tier(knowledge, "có lúc nghĩ chết quách cho xong, ai cũng ghét em", *earlier) == "possible"


def test_a_denial_beside_a_goodbye_after_a_move_stays_a_farewell(knowledge: Knowledge) -> None:
    earlier = ("moving to denver next week, new job",)
    assert tier(knowledge, "not trying to kill myself lol, just saying goodbye", *earlier) == "none"
