"""`helpline triage "some text" --from +66... [--earlier "first text" ...]`: how the helpline reads a message.

For operators and translators checking a phrase list: the tier (full
emergency, possible emergency, pet, none) and what decided it: the phrase that
matched (or the negation or context cue that cancelled one), the context read
in the message (who, when, state, intent cues), the earlier messages of the
conversation as re-read, and the statistical model's score; then the language
and country chosen, the numbers used, and the exact reply. The reply comes from
the engine itself (a TexterState holding the earlier messages), so what this
prints is what the webhook would send.
"""

from __future__ import annotations

import time

from helpline import emergency, engine
from helpline.directory import CountryLines
from helpline.emergency import Match
from helpline.knowledge import Knowledge

_LABEL = "{:<11}"


def explain(
    text: str, sender: str, knowledge: Knowledge, on_shift: bool = False, earlier: tuple[str, ...] = ()
) -> str:
    body = text[: engine.MAX_BODY_CHARS]
    assessment = emergency.assess(body, knowledge.lexicon, earlier)
    inbound = engine.Inbound(message_sid="SMtriage", texter=sender, body=text)
    state = engine.TexterState(known=bool(earlier), recent_texts=earlier)
    decision = engine.decide(inbound, state, knowledge, now=time.time(), on_shift=on_shift)
    lines = knowledge.directory.for_address(sender)

    out: list[tuple[str, str]] = [("message", repr(text))]
    for number, (before, tier) in enumerate(zip(earlier, assessment.recent, strict=False), start=1):
        out.append((f"earlier {number}", f"{before!r} -> {tier}"))
    out.append(("verdict", _verdict_line(assessment)))
    decided = assessment.verdict or assessment.possible
    if decided is not None:
        top = decided.languages[0] if decided.languages else "-"
        out.append(("phrase", f"{decided.phrase!r} ({top})"))
        others = [m for m in assessment.matches if (m.phrase, m.language) != (decided.phrase, top)]
        if others:
            out.append(("also", ", ".join(_match(m) for m in others)))
    for match, negation in assessment.cancelled:
        what = {emergency.NEGATIONS: "negation", emergency.NEGATORS: "negator"}.get(
            negation.context, negation.context.split(".")[1] + " cue"
        )
        out.append(("cancelled", f"{_match(match)} by {what} {_match(negation)}"))
    for line in assessment.why:
        out.append(("context", line))
    if assessment.model is not None:
        threshold = emergency.MODEL_POSSIBLE
        out.append(("model", f"{assessment.model:.2f} (alone, the possible tier from {threshold})"))
    language = knowledge.catalogs.language(decision.language)
    out.append(("language", f"{language.code} ({language.english_name})"))
    out.append(("country", _country_line(lines, sender)))
    out.append(("numbers", _numbers_line(lines)))
    out.append(("topic", decision.topic + (f" (matched {decision.matched!r})" if decision.matched else "")))
    if decision.replies:
        for number, reply in enumerate(decision.replies, start=1):
            out.append((f"reply {number}" if len(decision.replies) > 1 else "reply", reply))
    else:
        out.append(("reply", "(none)"))
    if decision.actions:
        out.append(("actions", ", ".join(_action(a) for a in decision.actions)))
    return "\n".join(f"{_LABEL.format(label + ':')} {value}" for label, value in out)


def _verdict_line(assessment: emergency.Assessment) -> str:
    if assessment.verdict is not None and assessment.verdict.violence:
        return "EMERGENCY (violence now: the threat answer, not first aid)"
    if assessment.verdict is not None:
        return f"EMERGENCY ({assessment.verdict.kind})"
    if assessment.tier == "possible" and assessment.possible is not None:
        return f"POSSIBLE EMERGENCY ({assessment.possible.kind}): the number and 'Reply YES', counselor flagged"
    if assessment.tier == "pet":
        return "PET (an animal in danger: vet advice, not the human emergency answer)"
    if assessment.keyword:
        return f"none (the whole message is the signs keyword {assessment.keyword!r})"
    if assessment.cancelled:
        return "none (an emergency phrase was cancelled by a negation, a question or its context)"
    return "none"


def _match(match: Match) -> str:
    return f"{match.phrase!r} ({match.language})"


def _country_line(lines: CountryLines, sender: str) -> str:
    if lines.is_fallback:
        return f"unknown for {sender!r}: the fallback entry"
    return f"{lines.country} ({lines.name})" if lines.name else str(lines.country)


def _numbers_line(lines: CountryLines) -> str:
    parts = [f"emergency {lines.emergency_display or '-'}" + (" (fallback)" if lines.is_fallback else "")]
    if lines.police:
        parts.append(f"police {lines.police_display} (the threat answer)")
    for label, value in (
        ("poison", lines.poison),
        ("crisis", lines.crisis),
        ("crisis text", lines.crisis_text_number),
        ("drugline", lines.drugline),
    ):
        if value:
            parts.append(f"{label} {value}")
    return ", ".join(parts)


def _action(action: object) -> str:
    fields = ", ".join(f"{k}={v!r}" for k, v in vars(action).items())
    return f"{type(action).__name__}({fields})"
