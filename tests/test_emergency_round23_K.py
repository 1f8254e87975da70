"""Round 23 (tuner K: missed emergencies on single texts): phrase-list entries for the general ways people name
danger that batch do showed missing (a state, a plan, the means, a goodbye), in the catalogs. Texts written for these
tests, not corpus lines; each got a lower tier (or none) before its entries."""

from __future__ import annotations

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier


# Cebuano (the tl catalog): breathing that stopped or slowed, a person who cannot be woken, a jump from a bridge
# (taytayan) told with despair; Tagalog breathing that weakens.
@pytest.mark.parametrize(
    "text",
    [
        "tabang, akong papa wala na nagginhawa human niya nag inom og kratom",
        "akong igsoon dili ma mata ug hinay kaayo iyang ginhawa",
        "kapoy na ko sa tanan, dili na ko kaya. moambak na ko sa taytayan karon",
        "uminom ako ng maraming kratom, humihina ang hinga ko at nahihilo ako",
        "gikapoy na ko. ayaw na ko pangitaa",
    ],
)
def test_cebuano_and_tagalog_danger_is_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# A goodbye that names the end of suffering ("tapos na ang paghihirap ko") is one sign of a plan: asked.
def test_the_end_of_suffering_told_is_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, "sa linggo daw tapos na ang paghihirap ko, sabi ni tatay, natatakot ako") == "possible"


# Thai: someone doused in fuel who says he will light it; cyanide to be swallowed.
@pytest.mark.parametrize("text", ["เพื่อนราดน้ำมันตัวเองอยู่หน้าบ้าน บอกว่าจะจุด", "น้องชายบอกว่าจะกินไซยาไนด์"])
def test_thai_fire_and_cyanide_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Isan "called and no answer" (เอิ้นบ่ขาน): a state of its own, at least asked.
def test_isan_no_answer_when_called_is_not_missed(knowledge: Knowledge) -> None:
    assert tier(knowledge, "เรียกพี่ชายเอิ้นบ่ขาน กินท่อมกับยาแก้ไอมา") != "none"


# French: poison or bleach to be drunk; the place chosen with a day; the lethal amount looked up, then an intention.
@pytest.mark.parametrize(
    "text",
    [
        "ma mère dit qu'elle va boire de la javel, elle est dans la cuisine",
        "j'ai trouvé l'endroit près du pont, ce sera demain",
        "combien de kratom faut pour mourir, je le ferai cette nuit",
    ],
)
def test_french_plans_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Spanish and Portuguese: the letter left, a painless way asked with the day decided, "acabar com a vida".
@pytest.mark.parametrize(
    "text",
    [
        "ya no puedo más, he dejado la carta encima del escritorio",
        "busco algo que no duela, ya tengo decidido el día",
        "meu irmão disse que vai acabar com a vida hoje",
    ],
)
def test_spanish_and_portuguese_plans_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# English: things given away with "won't need anything" and a time; charcoal and tape with a time.
@pytest.mark.parametrize(
    "text",
    [
        "handing my ps5 to my little brother, after this week i wont need anything",
        "got charcoal and tape, after this weekend its over",
    ],
)
def test_english_goodbyes_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Indonesian "better off without him" beside a machete; Sabah Malay "mau terjun" with "don't look for me".
@pytest.mark.parametrize(
    "text",
    [
        "bapak bilang kalian lebih baik tanpa bapak, terus bawa parang ke kamar",
        "sia mau terjun sudah, nda payah cari sia",
    ],
)
def test_malay_and_indonesian_plans_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Chinese: "jump and it will be all right" (跳下去就没事了) is no recovery (没事了) but the wish itself.
def test_chinese_jump_and_be_fine_is_the_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "我在桥上 跳下去就没事了") == "full"


# No false alarm from the Cebuano entries: "para di mamasa" (so it won't get damp) is no "can't be woken".
def test_keeping_powder_dry_is_no_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "saan pwede ilagay yung kratom para di mamasa sa ulan") == "none"


# Medical states in words the lists lacked: "no lo despierto" (I can't wake him), "se ha desplomado", breathing that
# locks up, a weak heartbeat, Javanese "gak iso ditangekno" (can't be woken), a mouth swelling, "only answers hmm".
@pytest.mark.parametrize(
    "text",
    [
        "mi hermano tomó kratom con pastillas y no lo despierto",
        "mi tío se ha desplomado en la cocina después del kratom",
        "tomei kratom com remedio e sinto a respiração travando",
        "meu pai tomou kratom e o coração tá batendo fraco",
        "kancaku ngombe kratom karo pil, saiki gak iso ditangekno",
        "elle a pris du kratom et sa bouche gonfle",
        "爷爷喝了卡痛 叫他都只会嗯嗯",
    ],
)
def test_medical_states_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Vietnamese: a pet given away because "nobody will care for it anymore" is two signs of a plan.
def test_a_pet_given_away_for_good_is_the_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "anh trai tôi gửi con chó cho bạn, nói không ai nuôi nó nữa") == "full"


# Cebuano beyond batch do's words (the tl catalog had almost none): chest pain, no pulse, unconscious (walay malay),
# suicide (maghikog, "patyon nako akong kaugalingon"); Sabah Malay "nda bernafas" and "sia mau mati".
@pytest.mark.parametrize(
    "text",
    [
        "sakit kaayo akong dughan, dili ko makaginhawa",
        "akong amigo walay malay, nag inom siya og kratom ug alak",
        "gusto ko maghikog karong gabii",
        "patyon nako akong kaugalingon",
        "kawan sia nda bernafas lepas minum ketum",
        "sia mau mati sudah",
    ],
)
def test_cebuano_and_sabah_malay_words_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Plan cues from the older tunable batches, told in words of their own: a crash meant to look like an accident,
# "tell <name> I love her", a mother's "tell my son mum is sorry", wanting to go with a late wife and things given away.
@pytest.mark.parametrize(
    "text",
    [
        "gonna drive into the next truck on the highway, it wont even look like i meant it",
        "je suis sur le quai, dites à Marc que je l'aime",
        "nhờ chị nói với con trai em là mẹ xin lỗi",
        "mi papá dice que se quiere ir con ella desde que murió mi mamá, y ya repartió sus cosas",
    ],
)
def test_plans_in_words_of_their_own_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# "睡个长觉" (to sleep a long sleep) is a goodbye's euphemism: one sign of a plan, asked.
def test_a_long_sleep_is_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, "我女儿说她想睡个长觉 电话一直打不通") == "possible"


# Goodbyes in words the plan lists lacked: "not wanting to die alone", "my time to rest": one sign, asked; with the
# pills shown, "perdón a todos" is the emergency. A snakebite is a medical emergency.
@pytest.mark.parametrize(
    "text", ["je voulais pas mourir toute seule, alors je vous écris", "ya me toca descansar. gracias por todo"]
)
def test_goodbyes_of_their_own_are_asked(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "possible"


@pytest.mark.parametrize(
    "text", ["mi prima puso 'perdon a todos' con una foto de pastillas", "minha vó foi picada por cobra no quintal"]
)
def test_a_goodbye_with_the_pills_and_a_snakebite_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Ways of danger added to every language that lacked them (from batch do's Thai fire and cyanide, Spanish painless
# way, French lethal amount): a painless way or the amount that kills, asked with an intention; setting oneself on
# fire.
@pytest.mark.parametrize(
    "text",
    [
        "whats the most painless way, im doing it tonight",
        "how much kratom is enough to die, im gonna do it tonight",
        "im going to set myself on fire",
        "dime una forma de morir sin dolor, ya lo tengo decidido",
        "quanto pra morrer de kratom? vou fazer hoje",
        "tôi muốn biết cách chết không đau, tối nay tôi làm",
        "有没有不痛的死法 我今晚就做",
        "mon frère menace de s'immoler devant la mairie",
    ],
)
def test_painless_ways_lethal_amounts_and_fire_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Petrol poured on oneself is one sign of a plan: asked.
def test_petrol_poured_on_oneself_is_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, "my brother poured petrol on himself and has a lighter") != "none"


# The means at hand ("the pills next to me") with despair, the method chosen with "don't try to talk me out of it",
# the place found "to do it" with a time: signs of a plan in each language's words.
@pytest.mark.parametrize(
    "text",
    [
        "i have the pills next to me and i cant do this anymore",
        "found the place to do it, after this weekend",
        "ya elegí cómo, no intentes convencerme",
        "tô com os remedios do meu lado, não aguento mais",
    ],
)
def test_the_means_at_hand_and_the_method_chosen_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Sundanese in the id catalog ("teu napas", not breathing; "hoyong maot", want to die), and French "<someone> est
# brûlant" (burning hot) named after the person, not only after "il".
@pytest.mark.parametrize(
    "text",
    [
        "babaturan abdi teu napas saatos nginum kratom",
        "abdi hoyong maot",
        "mon coloc est brulant et il tremble après le kratom",
    ],
)
def test_sundanese_and_a_burning_body_are_the_emergency(knowledge: Knowledge, text: str) -> None:
    assert tier(knowledge, text) == "full"


# Chinese: a message recorded for one's child and "gone before dawn" (天亮前我就走), two signs of a plan.
def test_a_recording_for_a_child_and_gone_before_dawn_is_the_emergency(knowledge: Knowledge) -> None:
    assert tier(knowledge, "给儿子录了一段话 天亮前我就走") == "full"
