"""Round 26 (tuner C): a fitted second opinion on whether an open emergency goes on to a later message with no danger
of its own (helpline/danger/carry_over.py, fitted by scripts/fit_carry_over.py). It is asked only where the rules
would carry the emergency over, it can only end that carry-over, never raise a message, and it stays off unless
emergency.FITTED_CARRY_OVER is set and its artefact is enabled. Texts written for these tests, not corpus lines."""

from __future__ import annotations

import pytest

from helpline import emergency
from helpline.danger import carry_over
from helpline.knowledge import Knowledge
from tests.support import tier

MEDICAL = "my brother mixed his pills with a lot of kratom and now he wont wake up, his lips look blue"
CALM = "the ambulance took him, we are at the hospital now and he opened his eyes"


def _asked(knowledge: Knowledge, text: str, *earlier: str) -> list[dict[str, float]]:
    """The features the rules hand the fitted model for `text` after `earlier` (the model itself not consulted)."""
    asked: list[dict[str, float]] = []

    def record(features: dict[str, float]) -> bool:
        asked.append(features)
        return False

    saved = emergency._the_fitted_carry_over_ends_it
    emergency._the_fitted_carry_over_ends_it = record
    try:
        emergency.assess(text, knowledge.lexicon, earlier)
    finally:
        emergency._the_fitted_carry_over_ends_it = saved
    return asked


# A short reply right after the danger is carried over by the rules: the fitted model is asked about it, with the
# open emergency's kind and how far back it was.
def test_the_fitted_model_is_asked_where_the_rules_carry_over(knowledge: Knowledge) -> None:
    asked = _asked(knowledge, "ok ok", MEDICAL)
    assert asked
    features = asked[-1]
    assert features["open_suicide"] == 0.0
    assert features["short"] == 1.0
    assert features["goes_on"] == 1.0
    assert set(features) >= {"after_opening", "quiet", "model", "log_words", "yes", "details", "names", "asks"}


# A message with danger of its own is never handed to it: the rules' own reading stands.
def test_the_fitted_model_is_not_asked_about_danger_told_again(knowledge: Knowledge) -> None:
    assert not _asked(knowledge, "hes still not breathing and his lips are blue", MEDICAL)


# The artefact's weights give a probability, and without an enabled artefact nothing is ended.
def test_the_probability_follows_the_weights() -> None:
    fitted: dict[str, object] = {"bias": 0.0, "weights": {"model": 4.0, "short": 2.0}}
    low = carry_over.probability({"model": 0.0, "short": 0.0}, fitted)
    high = carry_over.probability({"model": 0.9, "short": 1.0}, fitted)
    assert low == pytest.approx(0.5)
    assert high > 0.99
    assert carry_over.probability({"model": 0.0}, {}) == 1.0


PARAMEDICS = "the paramedics are here now, they are with him in the bedroom"
ERRAND = "by the way how long does kratom stay in a urine test at work, they test every month"


# Off (the constant or the artefact's flag), the rules decide alone: OPEN_NEAR carries the emergency over.
def test_off_the_rules_decide_alone(knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emergency, "FITTED_CARRY_OVER", False)
    assert tier(knowledge, ERRAND, MEDICAL, PARAMEDICS) == "full"


# On, as it ships (the artefact scripts/fit_carry_over.py wrote): two messages after a medical emergency, the texter's
# own errand, which OPEN_NEAR carried over, no longer gets the emergency answer; a short reply still goes on with it.
def test_on_the_texters_own_errand_after_a_medical_emergency_is_ended(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(emergency, "FITTED_CARRY_OVER", True)
    assert tier(knowledge, MEDICAL) == "full"
    assert tier(knowledge, ERRAND, MEDICAL, PARAMEDICS) == "none"
    assert tier(knowledge, "ok ok", MEDICAL, PARAMEDICS) == "full"


# On, the message right after the danger is never ended: the first calm message still goes on with it (round 25).
def test_on_the_message_right_after_the_danger_still_goes_on(
    knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(emergency, "FITTED_CARRY_OVER", True)
    assert tier(knowledge, ERRAND, MEDICAL) == "full"


# A sign of danger of its own (despair) is never ended by the fitted model, whatever its score.
def test_on_despair_still_goes_on(knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emergency, "FITTED_CARRY_OVER", True)
    monkeypatch.setattr(emergency.carry_over_module, "ends", lambda features: True)
    features = {
        "after_opening": 1.0,
        "open_suicide": 0.0,
        "cancelled": 0.0,
        "now": 0.0,
        "plan_or_means": 0.0,
        "distress": 1.0,
    }
    assert not emergency._the_fitted_carry_over_ends_it(features)
    assert emergency._the_fitted_carry_over_ends_it({**features, "distress": 0.0})


# A suicide emergency is never ended by the fitted model (the coordinator's guard): calm words two messages after a
# rope made ready are how such risk is often told, whatever the model scores them.
def test_on_a_suicide_emergency_still_goes_on(knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(emergency, "FITTED_CARRY_OVER", True)
    monkeypatch.setattr(emergency.carry_over_module, "ends", lambda features: True)
    rope = "the rope is ready in the garage, tonight is the night"
    assert tier(knowledge, rope) == "full"
    assert tier(knowledge, ERRAND, rope, "my sister is asleep upstairs, she doesnt know") == "full"
