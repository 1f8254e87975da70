"""Adding a language is adding a .po file: no code change.

Runs a translator's real workflow in a copy of the project's content: the
real `pybabel` with the project's babel.cfg (whose `helpline` method is the
entry-point extractor in helpline/extract.py), `init` for a new language,
translating, `update` and `compile`; and shows the helpline answers in the new
language as soon as the file exists.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from helpline.catalog_check import check
from helpline.content import MESSAGES_DIR
from helpline.engine import Inbound, TexterState, decide
from helpline.knowledge import Knowledge

ROOT = MESSAGES_DIR.parent
GERMAN_TEXTER = "+4915123456789"
GERMAN = {
    "system.menu.keywords": "MENÜ, HILFE, HALLO",
    "system.menu.text": (
        "Kratom-Hilfe: automatische Infos, kein Arzt. Notfall: {emergency}. Schreib ein Wort oder eine Zahl: "
        "1 KRATOM 2 ANZEICHEN 3 MISCHEN 4 ENTZUG 5 SICHERER 6 REDEN. LANG: Sprache. STOP: abmelden."
    ),
    "system.language_set.keywords": "DEUTSCH, GERMAN",
    "system.language_set.text": "OK, ich schreibe dir auf Deutsch. Schreib MENÜ für Themen.",
    "topics.signs.keywords": "ANZEICHEN, SYMPTOME, ÜBERDOSIS",
    "topics.signs.reply": (
        "Ruf sofort {emergency} an, wenn jemand nicht wach wird, langsam oder gar nicht atmet, blaue Lippen, "
        "einen Krampfanfall oder Brustschmerzen hat. Bleib bei der Person."
    ),
}


def pybabel_command() -> str:
    """The venv's pybabel, next to the running Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("pybabel")
    found = str(beside) if beside.exists() else shutil.which("pybabel")
    if found is None:
        pytest.skip("pybabel is not installed")
    return found


def pybabel(root: Path, *args: str) -> str:
    done = subprocess.run([pybabel_command(), *args], cwd=root, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, f"pybabel {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def translate(po_path: Path, translations: dict[str, str]) -> None:
    """What a translator does in Poedit: every entry filled (here: German where given, else the English)."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and message.context:
            message.string = translations.get(message.context, message.id)
            message.flags.discard("fuzzy")
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def load(project: Path) -> Knowledge:
    """What the helpline loads at start-up, from the copy's files."""
    return Knowledge.load(project / "messages", project / "locale", project / "messages" / "crisis-lines.toml")


def german_texter_sends(knowledge: Knowledge, body: str) -> tuple[str, str, tuple[str, ...]]:
    decision = decide(Inbound("SM1", GERMAN_TEXTER, body), TexterState(known=True), knowledge, 0.0)
    return decision.language, decision.topic, decision.replies


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """German added the way a translator adds it (extract, init, translate), in a copy of the content.

    Only messages/, locale/ and babel.cfg are copied: the code is the installed one, unchanged.
    """
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(MESSAGES_DIR, project / "messages")
    shutil.copytree(ROOT / "locale", project / "locale")
    shutil.copy(ROOT / "babel.cfg", project / "babel.cfg")
    pybabel(project, "extract", "-F", "babel.cfg", "-o", "locale/messages.pot", "--no-wrap", "--sort-by-file", ".")
    pybabel(project, "init", "-i", "locale/messages.pot", "-d", "locale", "-l", "de", "--no-wrap")
    translate(po_of(project, "de"), GERMAN)
    return project


@pytest.fixture
def project(german: Path, tmp_path: Path) -> Path:
    shutil.copytree(german, tmp_path / "project")
    return tmp_path / "project"


def po_of(project: Path, code: str) -> Path:
    return project / "locale" / code / "LC_MESSAGES" / "messages.po"


def test_extract_uses_the_helpline_extractor(project: Path) -> None:
    """`pybabel extract -F babel.cfg` (entry point `helpline`) writes what `catalog check` expects of the .pot."""
    problems = check(project / "messages", project / "locale").problems
    assert not [str(p) for p in problems if p.language == "messages.pot"]


def test_the_new_language_answers_at_once(project: Path) -> None:
    knowledge = load(project)
    language, topic, replies = german_texter_sends(knowledge, "anzeichen")
    assert (language, topic) == ("de", "topics.signs")
    assert replies[0].startswith("Ruf sofort 112 an, wenn jemand nicht wach wird")

    language, topic, replies = german_texter_sends(knowledge, "Hilfe")
    assert (language, topic) == ("de", "menu")
    assert replies[0].startswith("Kratom-Hilfe: automatische Infos")

    language, topic, replies = german_texter_sends(knowledge, "Deutsch")
    assert (language, topic, replies) == ("de", "language_set", (GERMAN["system.language_set.text"],))


def test_the_check_sees_the_new_language(project: Path) -> None:
    report = check(project / "messages", project / "locale")
    english_problems = {p.context for p in report.problems if p.language == "en"}
    assert not [str(p) for p in report.problems if p.language == "de" and p.context not in english_problems], (
        "the new catalog should bring no problem of its own"
    )
    german = next(row for row in report.rows if row.code == "de")
    assert (german.own_name, german.translated) == ("Deutsch", german.total)


def test_update_and_compile_keep_the_new_language(project: Path) -> None:
    pybabel(project, "update", "-i", "locale/messages.pot", "-d", "locale", "--no-wrap")
    assert german_texter_sends(load(project), "ÜBERDOSIS")[:2] == ("de", "topics.signs")

    pybabel(project, "compile", "-d", "locale", "-l", "de")
    compiled = gettext.translation("messages", localedir=project / "locale", languages=["de"])
    with po_of(project, "de").open("rb") as handle:
        english = next(m for m in read_po(handle) if m.context == "topics.signs.reply").id
    assert compiled.pgettext("topics.signs.reply", english) == GERMAN["topics.signs.reply"]
