"""Round 24 (tuner B: the statistical second opinion): how the model's guess is used in a calm conversation, and which
files its trainer may read. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from helpline.knowledge import Knowledge
from tests.support import tier

ROOT = Path(__file__).resolve().parent.parent

# A worried sibling asks about a brother's use, then tells what he took tonight. The model reads the mix as a medical
# danger (about 0.8, under MODEL_OVER_NEGATION) and the only sign in the message is the time word "malam ini": in a
# calm conversation that is context before a question, not a call for help (_a_time_word_guess_in_a_calm_conversation).
CALM_START = ("halo, mau tanya soal adik saya", "dia sering pakai kratom")
TONIGHT_MIX = "malam ini dia minum pil koplo sama anggur merah"


def test_a_time_word_guess_in_a_calm_conversation_is_not_asked(knowledge: Knowledge) -> None:
    assert tier(knowledge, TONIGHT_MIX, *CALM_START) == "none"


@pytest.mark.parametrize(
    ("earlier", "text"),
    [
        # A first message: nothing before it to read, the usual bar.
        ((), TONIGHT_MIX),
        # No time word: the guess is not this rule's (the usual bar).
        (CALM_START, "dia minum pil koplo sama anggur merah"),
        # Despair told earlier: the conversation is not calm.
        (("halo, mau tanya soal adik saya", "aku capek banget, rasanya udah ga kuat lagi"), TONIGHT_MIX),
    ],
)
def test_the_model_still_asks_outside_a_calm_conversation(
    knowledge: Knowledge, earlier: tuple[str, ...], text: str
) -> None:
    assert tier(knowledge, text, *earlier) == "possible"


def test_an_urgency_with_the_time_word_is_still_answered(knowledge: Knowledge) -> None:
    assert tier(knowledge, "malam ini dia jatuh di dapur dan tidak bangun", *CALM_START) == "full"


def _trainer() -> ModuleType:  # scripts/ is not a package
    spec = importlib.util.spec_from_file_location("train_danger_model", ROOT / "scripts/train_danger_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "path",
    [
        Path("tests/corpus/batches/batch-2026-11-bx.tsv"),
        Path("tests/corpus/batches/conversations-2027-01-cq.tsv"),  # a held-out letter under another month and shape
        Path("tests/corpus/sealed/anything.tsv"),
    ],
)
def test_the_trainer_never_reads_held_out_or_sealed_files(path: Path) -> None:
    assert _trainer().is_held_out(path)


def test_the_trainer_reads_tunable_batches() -> None:
    trainer = _trainer()
    assert not trainer.is_held_out(Path("tests/corpus/batches/conversations-2026-12-dr.tsv"))
    assert not any(trainer.is_held_out(path) for path in trainer.default_paths())
