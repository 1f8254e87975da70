"""Round 27 (tuner D): a question about something else does not cancel a plan told in clauses that do not ask; a few
translator-owned list entries (breathing very little, despair that cannot go on, a recovery "up now", the past
"summers ago", a clinician's question reported, a move in Thai, the rest of the money handed over). Texts written
for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# A plan hidden between questions about something else: the question asks, the plan is told.
@pytest.mark.parametrize(
    "text",
    [
        "ถามหน่อย กินท่อมแล้วตับพังจริงไหม เออช่างมันเถอะ ผูกเชือกไว้ที่ขื่อแล้ว เขียนจดหมายถึงลูกไว้แล้ว คืนนี้แหละ",
        "问一下，卡痛吃多了会失眠吗？算了。给爸妈的信写好了，楼顶我也看好了，今晚就去。",
    ],
)
def test_a_plan_told_beside_a_question_about_something_else(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# The plan inside the question's own clause, or a question with no plan told: still no full answer.
@pytest.mark.parametrize(
    "text",
    [
        "ถ้าเพื่อนเขียนจดหมายถึงลูกแล้วผูกเชือกไว้ ต้องทำยังไงจริงไหม",
        "问一下，卡痛吃多了会失眠吗？是真的吗？",
    ],
)
def test_a_question_with_the_plan_inside_it_or_none_is_not_the_full_answer(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) != "full"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ma fille est dans le canapé, elle respire très peu et elle ne répond pas quand je l'appelle", "full"),
        ("nasa tulay ako ngayon. di ko na rin kaya", "full"),
        ("she passed out for a sec but she's up now, eating and laughing with us", "none"),
        ("three summers ago i swallowed a whole bottle of pills, got help, stable ever since", "none"),
        ("mi psicólogo me preguntó si pensaba en suicidarme y le dije que no, nunca", "none"),
        ("เดือนหน้าย้ายไปขอนแก่นแล้ว ลาก่อนนะ", "none"),
        ("my toddler ate one of my capsules off the table and now she's floppy and won't stay awake", "full"),
        ("i swear this lecture is so dull im gonna die of boredom lol", "none"),
        ("dulu kawan baik aku mati kemalangan, sebab tu aku nak kurangkan ketum", "none"),
        ("ยายล้มในห้องน้ำ รถพยาบาลมารับแล้ว หมอบอกต้องเย็บแผล", "none"),
        ("y'a deux ans mon frère a fait une convulsion avec du kratom, depuis ça va, je veux l'aider", "none"),
        ("hace unos años mi tío tuvo una sobredosis con pastillas, ahora está bien, quiero saber riesgos", "none"),
    ],
)
def test_round27_list_entries(knowledge: Knowledge, text: str, expected: str) -> None:
    assert tier(knowledge, text) == expected


# The rest of the money handed over, after despair earlier in the conversation: a plan with distress.
def test_money_handed_over_after_despair_is_the_full_answer(knowledge: Knowledge) -> None:
    earlier = ("我真的撑不下去了，活着没意思",)
    assert tier(knowledge, "我把剩下的钱都交给我妹了", *earlier) == "full"


# A plan's timing said as "I've got it planned", after the means gathered: the full answer; alone, only the question.
def test_a_plan_planned_for_then_after_the_means(knowledge: Knowledge) -> None:
    earlier = ("llevo semanas juntando las pastillas de mi abuela, ya tengo bastantes",)
    assert tier(knowledge, "el sábado se van todos a la boda. lo tengo pensado para ese día", *earlier) == "full"
    assert tier(knowledge, "ya lo tengo pensado") != "full"


# A recovery told as "she has just woken up" ends the open emergency.
def test_just_woke_up_ends_the_emergency(knowledge: Knowledge) -> None:
    earlier = ("mon coloc a pris du kratom avec de l'alcool et il est tombé", "il respire mais il répond pas du tout")
    assert tier(knowledge, earlier[1], earlier[0]) == "full"
    assert tier(knowledge, "bon il vient de se réveiller, il dit qu'il a mal au crâne", *earlier) == "none"


# Knowing his own name after the paramedics came is a recovery: the emergency ends.
def test_knows_his_name_ends_the_emergency(knowledge: Knowledge) -> None:
    earlier = ("my uncle fell down after kratom and vodka and hes not responding at all", "ok 911 is on the way")
    assert tier(
        knowledge, "the ambulance came, he is blinking and knows his name, they are checking him", *earlier
    ) == ("none")


# "if my husband ever ...", "si alguna vez ...": preparing, not now.
@pytest.mark.parametrize(
    "text",
    [
        "if my wife ever stopped breathing after her kratom tea, would narcan do anything",
        "mi terapeuta quiere saber si alguna vez pensé en suicidarme, qué le digo? nunca lo he pensado en serio",
    ],
)
def test_if_ever_is_preparing(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# News about strangers: someone else's words, not an emergency now.
@pytest.mark.parametrize(
    "text",
    [
        "the local news says two guys overdosed on gas station kratom shots last weekend, is that stuff regulated",
        "el periódico dice que un señor tuvo una sobredosis con kratom en Monterrey, es peligroso?",
        "vu un article sur une étudiante qui a fait une overdose au 7-OH, ça existe en Belgique ?",
        "ข่าวบอกว่ามีคนน็อคเพราะกินน้ำท่อมผสมยาแก้ไอ อันตรายขนาดนั้นเลยเหรอ",
    ],
)
def test_news_about_strangers_is_not_an_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "none"


# News read, then someone of one's own in danger now: still asked at least.
def test_news_then_a_danger_now_is_still_asked(knowledge: Knowledge) -> None:
    text = "i read an article about kratom overdoses and now my brother is on the floor not breathing"
    assert tier(knowledge, text) != "none"


# "almost fainted" (th) is not a collapse; a collapse or other danger told beside it still is.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ยืนนานๆแล้วเกือบเป็นลม นั่งลงสักพักก็ดีขึ้น", "none"),
        ("เกือบเป็นลมแล้วก็ล้มลงไปเลย ตอนนี้เรียกไม่ตอบ", "full"),
    ],
)
def test_almost_fainted_in_thai(knowledge: Knowledge, text: str, expected: str) -> None:
    assert tier(knowledge, text) == expected


# A note left on the table is a plan, not a news item ("una nota" is also a news piece in Mexican Spanish).
def test_a_note_on_the_table_is_not_news(knowledge: Knowledge) -> None:
    text = "ya dejé una nota en la mesa para mis hijos, la soga ya está lista en el garaje"
    assert tier(knowledge, text) == "full"


# Watching the news or reading the paper when someone collapses: the news words are no frame there.
@pytest.mark.parametrize(
    "text",
    [
        "my grandpa was reading the newspaper and just slumped over, hes not breathing",
        "mon père regardait les infos à la télé et il est tombé d'un coup, il respire plus",
        "mi tío estaba viendo el noticiero y se desplomó, no respira",
    ],
)
def test_watching_the_news_when_someone_collapses_is_an_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"
