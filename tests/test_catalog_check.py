"""`helpline catalog check`: the shipped catalogs pass, and each planted defect fails with its own message.

Planted defects go into a copy of messages/, locale/ and babel.cfg. The copy's
Spanish is first completed with English stand-ins wherever its translators
have not written yet, so a plant always changes an entry that was present; each
test then asserts that its exact problem line is new, which fails as soon as
the check stops detecting that defect, whatever state the other catalogs are in.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from helpline.catalog_check import EXTRACT_COMMAND, Report, check, emergency_reply, run
from helpline.catalogs import LOCALE_DIR, discover
from helpline.content import MESSAGES_DIR
from helpline.content import load as load_content
from helpline.engine import Inbound, TexterState, decide
from helpline.knowledge import Knowledge
from helpline.segments import count_segments

ROOT = MESSAGES_DIR.parent
SHIPPED_LANGUAGES = ("es", "fr", "pt_BR", "vi", "th", "id", "ms", "tl", "zh_Hans")
US_TEXTER = "+14155550123"


# ---------------------------------------------------------------- helpers


def po_path(root: Path, code: str) -> Path:
    return root / "locale" / code / "LC_MESSAGES" / "messages.po"


def edit_po(root: Path, code: str, change: Callable[[Catalog], None]) -> None:
    """Read a copied catalog with Babel, let `change` edit it, write it back."""
    path = po_path(root, code)
    with path.open("rb") as handle:
        catalog = read_po(handle)
    change(catalog)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def entry(catalog: Catalog, context: str) -> Message:
    return next(message for message in catalog if message.context == context)


def set_msgstr(root: Path, code: str, context: str, text: str) -> None:
    def change(catalog: Catalog) -> None:
        message = entry(catalog, context)
        message.string = text
        message.flags.discard("fuzzy")

    edit_po(root, code, change)


def complete_with_english(root: Path, code: str) -> None:
    """Fill every absent, empty or fuzzy entry of a copied catalog with the English source."""
    content = load_content(root / "messages")

    def change(catalog: Catalog) -> None:
        by_context = {entry.context: entry for entry in catalog if entry.id and entry.context}
        for context, message in content.messages.items():
            found = by_context.get(context)  # translated from an older English: left as it is
            if found is None:
                catalog.add(message.text, message.text, context=context)
            elif not found.string or found.fuzzy:
                found.string = message.text
                found.flags.discard("fuzzy")

    edit_po(root, code, change)


def write_fresh_pot(root: Path) -> None:
    """Write the copy's template from its messages/, as `pybabel extract -F babel.cfg` would."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    template = Catalog(project="helpline")
    for filename, lineno, msgid, comments, context in extract_from_dir(root, method_map, options_map):
        template.add(msgid, None, [(filename, lineno)], auto_comments=comments, context=context)
    with (root / "locale" / "messages.pot").open("wb") as handle:
        write_po(handle, template, width=0)


def lines(report: Report) -> list[str]:
    return [str(problem) for problem in report.problems]


def check_tree(root: Path) -> Report:
    return check(root / "messages", root / "locale")


@dataclass
class Project:
    """A throwaway copy of the project's content, and the problem lines it had before any plant."""

    root: Path
    before: frozenset[str]

    def added(self, plant: Callable[[], object]) -> list[str]:
        """Problem lines that appear after the plant and were not there before it."""
        plant()
        return [line for line in lines(check_tree(self.root)) if line not in self.before]

    def set_msgstr(self, code: str, context: str, text: str) -> None:
        set_msgstr(self.root, code, context, text)

    def replace_in(self, name: str, old: str, new: str) -> None:
        path = self.root / "messages" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is no longer in messages/{name}: update the test"
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """messages/, locale/ and babel.cfg copied once per module, Spanish complete, with its problems."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(MESSAGES_DIR, root / "messages")
    shutil.copytree(LOCALE_DIR, root / "locale")
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    if not po_path(root, "es").exists():
        po_path(root, "es").parent.mkdir(parents=True)
        shutil.copy(root / "locale" / "messages.pot", po_path(root, "es"))
    complete_with_english(root, "es")
    return Project(root, frozenset(lines(check_tree(root))))


@pytest.fixture
def project(template: Project, tmp_path: Path) -> Project:
    shutil.copytree(template.root, tmp_path / "project")
    return Project(tmp_path / "project", template.before)


# ---------------------------------------------------------------- the shipped files


def test_shipped_catalogs_pass() -> None:
    report = check()
    incomplete = sorted({p.language for p in report.problems if p.what.startswith("missing translation")})
    assert report.ok, (
        f"`helpline catalog check` fails on the shipped files ({len(report.problems)} problems; "
        f"languages still incomplete: {', '.join(incomplete) or 'none'}):\n" + "\n".join(lines(report))
    )


def test_every_shipped_language_has_a_catalog_and_a_row() -> None:
    missing = sorted(set(SHIPPED_LANGUAGES) - set(discover()))
    assert not missing, f"no locale/<code>/LC_MESSAGES/messages.po for {missing}"
    codes = [row.code for row in check().rows]
    assert codes[0] == "en"
    assert set(codes) >= set(SHIPPED_LANGUAGES)


# ---------------------------------------------------------------- output


def only_english_and_clean_spanish(project: Project) -> None:
    """No translators' work at all: a fresh template and a Spanish made of English stand-ins."""
    for code in discover(project.root / "locale"):
        shutil.rmtree(project.root / "locale" / code)
    write_fresh_pot(project.root)
    po_path(project.root, "es").parent.mkdir(parents=True)
    shutil.copy(project.root / "locale" / "messages.pot", po_path(project.root, "es"))
    complete_with_english(project.root, "es")


def test_run_prints_the_table_when_clean(project: Project) -> None:
    only_english_and_clean_spanish(project)
    printed: list[str] = []
    assert run(project.root / "messages", project.root / "locale", out=printed.append) == 0, "\n".join(printed)
    header, english, spanish = printed
    assert header.split() == ["language", "name", "translated", "longest", "SMS", "longest", "WhatsApp", "review"]
    total = len(load_content(project.root / "messages").messages)
    assert english.split()[:3] == ["en", "English", f"{total}/{total}"]
    assert english.endswith("  source")
    assert spanish.split()[:3] == ["es", "Español", f"{total}/{total}"]
    assert spanish.endswith("  not reviewed")
    assert " seg GSM-7 (" in english and " chars (" in english


def test_run_prints_one_line_per_problem_and_returns_1(project: Project) -> None:
    only_english_and_clean_spanish(project)
    project.set_msgstr("es", "topics.kratom.reply", "")
    project.set_msgstr("es", "topics.mix.reply", "Mezclar {emergencia}")
    printed: list[str] = []
    assert run(project.root / "messages", project.root / "locale", out=printed.append) == 1
    assert printed == [
        "es: topics.kratom.reply: missing translation (empty msgstr)",
        "es: topics.mix.reply: placeholders differ from the English: expected none, found {emergencia}",
        "catalog check: 2 problem(s); see locale/README.md",
    ]


def test_through_a_click_command(project: Project) -> None:
    """The way the lead wires it: `raise SystemExit(run(...))` inside a click command."""

    @click.command()
    def catalog_check_command() -> None:
        raise SystemExit(run(project.root / "messages", project.root / "locale"))

    project.set_msgstr("es", "topics.kratom.reply", "")
    result = CliRunner().invoke(catalog_check_command)
    assert result.exit_code == 1
    assert "es: topics.kratom.reply: missing translation (empty msgstr)" in result.output.splitlines()


def test_review_status_comes_from_the_po_top_comment_and_survives_pybabel_update(project: Project) -> None:
    path = po_path(project.root, "es")
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("# Review status:")]
    path.write_text("# Review status: reviewed by Ana, 2026-11-20.\n" + "\n".join(kept) + "\n", encoding="utf-8")
    rows = {row.code: row for row in check_tree(project.root).rows}
    assert rows["es"].review == "reviewed by Ana, 2026-11-20"
    assert rows["en"].review == "source"
    pybabel = str(Path(sys.executable).parent / "pybabel")
    subprocess.run(  # noqa: S603 - the project's own tool on a temporary copy
        [pybabel, "update", "-i", str(project.root / "locale" / "messages.pot"), "-d", str(project.root / "locale"),
         "-l", "es", "--no-wrap"],
        check=True,
        capture_output=True,
    )
    assert {row.code: row for row in check_tree(project.root).rows}["es"].review == "reviewed by Ana, 2026-11-20"


# ---------------------------------------------------------------- planted defects: entries


def test_missing_msgstr(project: Project) -> None:
    added = project.added(lambda: project.set_msgstr("es", "topics.signs.reply", ""))
    assert added == ["es: topics.signs.reply: missing translation (empty msgstr)"]


def test_fuzzy_msgstr_counts_as_missing(project: Project) -> None:
    added = project.added(
        lambda: edit_po(project.root, "es", lambda c: entry(c, "topics.mix.reply").flags.add("fuzzy"))
    )
    assert added == ["es: topics.mix.reply: missing translation (marked fuzzy: review it, then remove the fuzzy flag)"]


def test_a_merge_conflict_left_in_a_catalog_is_a_problem(project: Project) -> None:
    """Round 11 committed a Thai catalog with a merge's conflict markers in three entries: Babel read it with
    warnings, skipped those entries' text, and the check passed."""
    path = project.root / "locale" / "th" / "LC_MESSAGES" / "messages.po"

    def plant() -> None:
        text = path.read_text(encoding="utf-8")
        where = text.index('msgctxt "emergency.plan.phrases"')
        path.write_text(text[:where] + "<<<<<<< HEAD\n=======\n>>>>>>> theirs\n" + text[where:], encoding="utf-8")

    added = project.added(plant)
    assert len(added) == 1 and added[0].startswith("th: messages.po: cannot be read:")


def test_a_broken_msgstr_line_in_a_phrase_list_is_a_problem(project: Project) -> None:
    """Round 13: a helper's editing script wrote `msgstr msgstr "..."`; Babel reads it without a warning, as a list
    whose first phrase is 'sgstr "respire pas', and the check passed while the phrase was lost."""
    path = project.root / "locale" / "fr" / "LC_MESSAGES" / "messages.po"

    def plant() -> None:
        text = path.read_text(encoding="utf-8")
        where = text.index('msgstr "', text.index('msgctxt "emergency.medical.phrases"'))
        path.write_text(text[:where] + "msgstr " + text[where:], encoding="utf-8")

    added = project.added(plant)
    assert added == [
        "fr: emergency.medical.phrases: a quotation mark inside the list: is a msgstr line broken in the .po?"
    ]


def test_absent_entry(project: Project) -> None:
    def delete(catalog: Catalog) -> None:
        catalog.delete(entry(catalog, "topics.liver.reply").id, context="topics.liver.reply")

    added = project.added(lambda: edit_po(project.root, "es", delete))
    assert added == ["es: topics.liver.reply: missing translation (no entry; run `pybabel update`)"]


def test_renamed_placeholder(project: Project) -> None:
    text = "Llama al {emergencia} ahora si alguien no despierta o no respira."
    added = project.added(lambda: project.set_msgstr("es", "topics.signs.reply", text))
    assert added == [
        "es: topics.signs.reply: placeholders differ from the English: expected {emergency}, found {emergencia}"
    ]


def test_dropped_placeholder(project: Project) -> None:
    added = project.added(lambda: project.set_msgstr("es", "emergency.call.text", "Llama al 911 ya."))
    assert added == ["es: emergency.call.text: placeholders differ from the English: expected {emergency}, found none"]


def test_doubled_placeholder(project: Project) -> None:
    text = "Llama al {emergency} ya. Repito: {emergency}."
    added = project.added(lambda: project.set_msgstr("es", "emergency.call.text", text))
    assert added == [
        "es: emergency.call.text: placeholders differ from the English: expected {emergency}, found {emergency} x2"
    ]


# ---------------------------------------------------------------- planted defects: keywords


@pytest.mark.parametrize(
    ("mix", "collision"),
    [
        pytest.param(
            "MEZCLA, senales",
            "es: topics.mix.keywords: keyword 'senales' collides with 'SEÑALES' of topics.signs.keywords",
            id="equal-after-folding",
        ),
        pytest.param(
            "MEZCLA, SENALE",
            "es: topics.mix.keywords: keyword 'SENALE' collides with 'SEÑALES' of topics.signs.keywords",
            id="one-typo",
        ),
    ],
)
def test_keyword_collision_between_topics(project: Project, mix: str, collision: str) -> None:
    def plant() -> None:
        project.set_msgstr("es", "topics.signs.keywords", "SEÑALES, SINTOMAS")
        project.set_msgstr("es", "topics.mix.keywords", mix)

    assert collision in project.added(plant)


def test_keyword_collision_with_the_opt_out_list(project: Project) -> None:
    def plant() -> None:
        project.set_msgstr("es", "system.optout.keywords", "BASTA, NO MAS")
        project.set_msgstr("es", "topics.safer.keywords", "SEGURO, no más")

    expected = "es: system.optout.keywords: keyword 'NO MAS' collides with 'no más' of topics.safer.keywords"
    assert expected in project.added(plant)


def test_keyword_collision_with_the_menu_list(project: Project) -> None:
    def plant() -> None:
        project.set_msgstr("es", "system.menu.keywords", "MENU, AYUDA, HOLA")
        project.set_msgstr("es", "topics.talk.keywords", "HABLAR, AYUDA")

    expected = "es: system.menu.keywords: keyword 'AYUDA' collides with 'AYUDA' of topics.talk.keywords"
    assert expected in project.added(plant)


def test_short_words_one_letter_apart_do_not_collide(project: Project) -> None:
    """One typo is tolerated only in words of 5+ letters, so MIX and MAX are two keywords."""

    def plant() -> None:
        project.set_msgstr("es", "topics.signs.keywords", "SEÑALES, MAX")
        project.set_msgstr("es", "topics.mix.keywords", "MEZCLA, MIX")

    assert not [line for line in project.added(plant) if "collides" in line]


# ---------------------------------------------------------------- planted defects: SMS budgets and encoding


def test_over_budget_fact_reply(project: Project) -> None:
    long_reply = " ".join(["El kratom viene de las hojas de un arbol del sudeste de Asia."] * 8)
    assert count_segments(long_reply) == count_segments("x" * 495)  # GSM-7, 4 segments of 153
    added = project.added(lambda: project.set_msgstr("es", "topics.kratom.reply", long_reply))
    assert added == ["es: topics.kratom.reply: 4 SMS segments, budget 3 (GSM-7, 495 units); shorten it"]


def test_over_budget_menu_names_what_forced_ucs2(project: Project) -> None:
    menu = (
        "Línea Kratom: info automática. Urgencias: {emergency}. Escribe: 1 KRATOM 2 SEÑALES 3 MEZCLA 4 ABSTINENCIA "
        "5 SEGURO 6 HABLAR. LANG: idioma. STOP: baja."
    )
    added = project.added(lambda: project.set_msgstr("es", "system.menu.text", menu))
    assert added == [
        "es: system.menu.text: 4 SMS segments, budget 2 (UCS-2, 205 units, texter in an unlisted country); "
        "UCS-2 because of í (U+00ED) á (U+00E1); shorten it"
    ]


def test_over_budget_composed_emergency_reply(project: Project) -> None:
    """Each part within its own budget; the whole emergency answer over its 4 segments."""
    steps = (
        "Si no respira: RCP. ¿Opioides? Dale naloxona; repite a los 2-3 min. No lo dejes solo. "
        "Respira pero no despierta: de lado. No lo hagas vomitar. Di qué tomó. "
        "Convulsión: no lo sujetes, nada en la boca."
    )
    alerted = "Un consejero ya está avisado."
    assert count_segments(steps).segments == 3 and count_segments(alerted).segments == 1

    def plant() -> None:
        project.set_msgstr("es", "emergency.steps.text", steps)
        project.set_msgstr("es", "emergency.alerted.text", alerted)

    added = project.added(plant)
    # The alerted line is also the end of the threat answer (emergency.threat), measured with it.
    assert [line.split(" (")[0] for line in added] == [
        "es: emergency.medical: 5 SMS segments, budget 4",
        "es: emergency.threat: 4 SMS segments, budget 2",
    ], added
    assert "UCS-2" in added[0] and "texter in" in added[0]


def test_curly_quotes_in_spanish(project: Project) -> None:
    text = "El kratom viene de las hojas de un arbol. No es un medicamento ‘aprobado’."
    added = project.added(lambda: project.set_msgstr("es", "topics.kratom.reply", text))
    assert added == [
        "es: topics.kratom.reply: typographic characters force UCS-2 (fewer characters per SMS): "
        "‘ (U+2018) -> ', ’ (U+2019) -> '"
    ]


def test_curly_quotes_are_fine_in_thai(project: Project) -> None:
    """Thai is UCS-2 anyway; only the segment count matters there."""
    text = "กระท่อมมาจากใบของต้นไม้ “ไม่ใช่ยา”"
    if not po_path(project.root, "th").exists():
        pytest.skip("no Thai catalog yet")
    complete_with_english(project.root, "th")
    before = set(lines(check_tree(project.root)))
    project.set_msgstr("th", "topics.kratom.reply", text)
    assert not [line for line in lines(check_tree(project.root)) if line not in before]


def test_no_break_space_in_the_english_source(project: Project) -> None:
    """English is checked too: its source is messages/."""
    added = project.added(
        lambda: project.replace_in("topics.toml", "Call {emergency} now", "Call\u00a0{emergency} now")
    )
    assert (
        "en: topics.signs.reply: typographic characters force UCS-2 (fewer characters per SMS): "
        "U+00A0 no-break space -> a plain space"
    ) in added


# ---------------------------------------------------------------- planted defects: the template


def test_stale_pot(project: Project) -> None:
    topics = project.root / "messages" / "topics.toml"
    new_topic = '\n[fentanyl]\nkeywords = "FENTANYL"\nreply = "Fentanyl is in many street drugs."\nbudget = 3\n'
    added = project.added(lambda: topics.write_text(topics.read_text(encoding="utf-8") + new_topic, encoding="utf-8"))
    assert (
        f"messages.pot: topics.fentanyl.reply: in messages/ but not in the template (stale .pot); {EXTRACT_COMMAND}"
        in added
    )
    assert "es: topics.fentanyl.reply: missing translation (no entry; run `pybabel update`)" in added


def test_changed_english_marks_translations_stale(project: Project) -> None:
    old, new = "your doctor or midwife can help", "your midwife can help"
    added = project.added(lambda: project.replace_in("topics.toml", old, new))
    assert any(line.startswith("messages.pot: topics.pregnancy.reply: the English text changed") for line in added)
    assert (
        "es: topics.pregnancy.reply: translated from an older English text; run `pybabel update`, then review it"
        in added
    )


# ---------------------------------------------------------------- composition as the engine does it


@pytest.mark.parametrize(("body", "kind"), [("he is not breathing", "medical"), ("i want to die", "suicide")])
def test_composed_reply_is_the_engines(body: str, kind: str) -> None:
    """The check measures the emergency answer the engine really sends (counselor on shift: the longest)."""
    knowledge = Knowledge.load()
    state = TexterState(known=True, language="en")
    decision = decide(Inbound("SM1", US_TEXTER, body), state, knowledge, 0.0, on_shift=True)
    assert decision.topic == f"emergency.{kind}"
    lines_us = knowledge.directory.for_address(US_TEXTER)
    assert decision.replies[0] == emergency_reply(knowledge.catalogs, "en", lines_us, kind)
