"""Score emergency detection on labelled TSVs, the way the engine answers texters.

Run: .venv/bin/python bench/score_detection.py tests/corpus/emergency.tsv [more.tsv ...] [--show] [--json OUT]

It scores the detector of its own checkout (it puts that folder first on the path, before PYTHONPATH): to score an
older tree, run that tree's own script, `/tmp/old/bench/score_detection.py FILES`, from anywhere.

Two file shapes, told apart by their header:
- single texts: language, label, kind?, text (labels medical / suicide / none);
  each text is a first message from a new texter;
- conversations: conversation, turn, language, label, kind?, text: one texter
  message per row, labelled as read in context. They are scored in order: each
  message goes through `engine.decide` with the state the earlier messages of
  its conversation left (recent texts, stored language, a pending question).

Each message is sent from a number of a country that speaks its language, so
the language choice and numbers are those a real texter gets. The answer is
sorted into a tier: "full" (the emergency answer and alert), "possible" (the
number plus one question, flagged for a counselor) or "none". A positive is
found at the full tier when the engine gave the full answer, at the
full+possible tier when it gave either; a negative is a false alarm when it got
that tier. Printed per language and overall, per file and for all files; with
--show, the misses and false alarms with what the engine decided.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpline import engine  # noqa: E402 - after the path set-up above
from helpline.knowledge import Knowledge  # noqa: E402

POSITIVE = ("medical", "suicide")
LABELS = (*POSITIVE, "none")
SECONDS_BETWEEN_TURNS = 60.0
START = 1_800_000_000.0
# A number in a country where the language is spoken, so the reply is built as for a real texter.
SENDERS = {
    "en": "+14155550100",
    "es": "+525555550100",
    "fr": "+33155550100",
    "pt_BR": "+5511955550100",
    "vi": "+84912345678",
    "th": "+66812345678",
    "id": "+6281234567890",
    "ms": "+60123456789",
    "tl": "+639171234567",
    "zh_Hans": "+8613812345678",
}
DEFAULT_SENDER = "+14155550100"
TIERS = ("full", "possible")


@dataclass(frozen=True)
class Row:
    source: str  # file:line
    language: str
    label: str
    kind: str
    text: str
    conversation: str | None = None
    turn: int = 0


@dataclass(frozen=True)
class Outcome:
    row: Row
    tier: str  # "full", "possible", "none"
    topic: str
    matched: str | None
    reply: str


FULL_TOPICS = ("emergency.medical", "emergency.suicide", "emergency.violence")  # violence now: the threat answer


def tier_of(decision: engine.Decision) -> str:
    """full: the emergency answer; possible: the number and one question; none: anything else."""
    topic = decision.topic
    if topic.startswith("emergency.possible"):
        return "possible"
    if topic in FULL_TOPICS or topic.startswith("emergency.confirmed"):
        return "full"
    return "none"


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = [cell.strip() for cell in next(reader)]
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not cells or not "".join(cells).strip():
                continue
            record = dict(zip(header, cells, strict=False))
            label = record.get("label", "").strip()
            if label not in LABELS:
                raise SystemExit(f"{path}:{number}: label {label!r} is not one of {LABELS}")
            rows.append(
                Row(
                    source=f"{path.name}:{number}",
                    language=record["language"].strip(),
                    label=label,
                    kind=record.get("kind", "").strip(),
                    text=record["text"],
                    conversation=record.get("conversation", "").strip() or None if "conversation" in header else None,
                    turn=int(record["turn"]) if record.get("turn", "").strip().isdigit() else 0,
                )
            )
    return rows


def _apply(state: engine.TexterState, decision: engine.Decision, body: str, now: float) -> engine.TexterState:
    """The state the next message of the conversation sees, as the store would save it."""
    if hasattr(engine, "next_state"):
        return engine.next_state(state, decision, body, now)
    changes: dict[str, object] = {"known": True}
    for action in decision.actions:
        if isinstance(action, engine.SetLanguage):
            changes["language"] = action.language
        elif isinstance(action, engine.SetOptedOut):
            changes["opted_out"] = action.opted_out
        elif isinstance(action, engine.MarkAutoMenu):
            changes["last_auto_menu_at"] = action.at
    names = {f.name for f in dataclasses.fields(engine.TexterState)}
    if "recent_texts" in names:
        changes["recent_texts"] = (*getattr(state, "recent_texts", ()), body)[-6:]
    return dataclasses.replace(state, **changes)


def score_rows(rows: list[Row], knowledge: Knowledge) -> list[Outcome]:
    outcomes: list[Outcome] = []
    singles = [row for row in rows if row.conversation is None]
    for number, row in enumerate(singles):
        decision = _decide(row, engine.TexterState(), knowledge, START, number)
        outcomes.append(_outcome(row, decision))
    conversations: dict[str, list[Row]] = {}
    for row in rows:
        if row.conversation is not None:
            conversations.setdefault(row.conversation, []).append(row)
    for name, turns in conversations.items():
        state = engine.TexterState()
        now = START
        for row in sorted(turns, key=lambda r: r.turn):
            decision = _decide(row, state, knowledge, now, hash(name) % 10_000)
            outcomes.append(_outcome(row, decision))
            state = _apply(state, decision, row.text, now)
            now += SECONDS_BETWEEN_TURNS
    return outcomes


def _decide(row: Row, state: engine.TexterState, knowledge: Knowledge, now: float, salt: int) -> engine.Decision:
    sender = SENDERS.get(row.language, DEFAULT_SENDER)
    inbound = engine.Inbound(message_sid=f"SMscore{salt}{row.source}", texter=sender, body=row.text)
    return engine.decide(inbound, state, knowledge, now=now, on_shift=True)


def _outcome(row: Row, decision: engine.Decision) -> Outcome:
    reply = " | ".join(decision.replies)
    return Outcome(row, tier_of(decision), decision.topic, decision.matched, reply)


@dataclass
class Tally:
    positives: int = 0
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TIERS, 0))
    negatives: int = 0
    alarms: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TIERS, 0))

    def add(self, outcome: Outcome) -> None:
        hit = {"full": outcome.tier == "full", "possible": outcome.tier in ("full", "possible")}
        if outcome.row.label in POSITIVE:
            self.positives += 1
            for tier in TIERS:
                self.found[tier] += hit[tier]
        else:
            self.negatives += 1
            for tier in TIERS:
                self.alarms[tier] += hit[tier]

    def recall(self, tier: str) -> float:
        return self.found[tier] / self.positives if self.positives else 1.0

    def false_alarm_rate(self, tier: str) -> float:
        return self.alarms[tier] / self.negatives if self.negatives else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "positives": self.positives,
            "negatives": self.negatives,
            **{
                f"{tier}": {
                    "found": self.found[tier],
                    "recall": round(self.recall(tier), 4),
                    "false_alarms": self.alarms[tier],
                    "false_alarm_rate": round(self.false_alarm_rate(tier), 4),
                }
                for tier in TIERS
            },
        }


def tally(outcomes: Iterable[Outcome]) -> dict[str, Tally]:
    """Per language, plus "all"."""
    tallies: dict[str, Tally] = {}
    for outcome in outcomes:
        tallies.setdefault(outcome.row.language, Tally()).add(outcome)
        tallies.setdefault("all", Tally()).add(outcome)
    return dict(sorted(tallies.items(), key=lambda item: (item[0] == "all", item[0])))


def render(title: str, tallies: dict[str, Tally], with_possible: bool) -> str:
    tiers = TIERS if with_possible else ("full",)
    head = "| language | positives | negatives |" + "".join(
        f" recall ({tier}) | false alarms ({tier}) |" for tier in ("full", "full+possible")[: len(tiers)]
    )
    lines = [f"### {title}", "", head, "|---|---:|---:|" + "---:|---:|" * len(tiers)]
    for language, t in tallies.items():
        cells = "".join(
            f" {t.found[tier]}/{t.positives} ({t.recall(tier):.1%}) |"
            f" {t.alarms[tier]}/{t.negatives} ({t.false_alarm_rate(tier):.1%}) |"
            for tier in tiers
        )
        name = "**all**" if language == "all" else language
        lines.append(f"| {name} | {t.positives} | {t.negatives} |{cells}")
    return "\n".join(lines) + "\n"


def show(outcomes: list[Outcome], with_possible: bool) -> str:
    lines = []
    for o in outcomes:
        positive = o.row.label in POSITIVE
        if positive and o.tier == "full":
            continue
        if not positive and o.tier == "none":
            continue
        if positive:
            what = "MISS" if o.tier == "none" else "POSSIBLE-ONLY"
        else:
            what = "FALSE ALARM" if o.tier == "full" else "POSSIBLE-ALARM"
        if not with_possible and what.startswith("POSSIBLE"):
            continue
        where = o.row.source + (f" conv {o.row.conversation} turn {o.row.turn}" if o.row.conversation else "")
        lines.append(
            f"{what:<14} {o.row.language:<7} {o.row.label:<8} {o.row.kind or '-':<14} {where}\n"
            f"    text:  {o.row.text!r}\n    topic: {o.topic} matched={o.matched!r}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--show", action="store_true", help="print the misses and false alarms")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)

    knowledge = Knowledge.load()
    by_file: dict[str, list[Outcome]] = {}
    for path in args.paths:
        by_file[str(path)] = score_rows(read_rows(path), knowledge)
    everything = [o for outcomes in by_file.values() for o in outcomes]
    with_possible = any(o.tier == "possible" for o in everything) or _has_possible_tier()

    report: dict[str, object] = {}
    for name, outcomes in by_file.items():
        tallies = tally(outcomes)
        print(render(name, tallies, with_possible))
        report[name] = {language: t.as_dict() for language, t in tallies.items()}
        if args.show:
            listed = show(outcomes, with_possible)
            if listed:
                print(listed + "\n")
    if len(by_file) > 1:
        tallies = tally(everything)
        print(render("all files", tallies, with_possible))
        report["all files"] = {language: t.as_dict() for language, t in tallies.items()}
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _has_possible_tier() -> bool:
    return hasattr(engine, "POSSIBLE_TOPIC")


if __name__ == "__main__":
    raise SystemExit(main())
