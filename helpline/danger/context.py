"""Context cues: who, when, state and intent, read from translator-owned catalog lists.

A phrase window cannot tell "he isn't breathing" from "in the film he isn't
breathing" or "my cat isn't breathing". These lists can: each is a catalog
entry (emergency.<kind>.phrases) that translators extend like the others.

- pet: the one in danger is an animal (vet advice, not the human answer);
- past: clearly over ("last year", "years ago"); recent events ("last night") are not past;
- hypothetical: preparing, asking in general, a professional's case;
- fiction: a film, a series, a story, a game, a song, someone's words;
- resolved: help has arrived and the person is recovering;
- now: it is happening now (an urgency cue outweighs the others: then the detector asks);
- plan: a plan, the means at hand, a goodbye (suicide without the word);
- distress: despair that makes a later plan or means an emergency;
- means: the means of a suicide (a rope, a bridge, pesticide, a whole bottle);
- intent: a first-person intention now or soon ("I'm going to", "tonight", "last message");
- leaving: an ordinary departure (a flight, a move, a last day at work, a new number, "see you next week"):
  beside a goodbye and nothing else of a plan, the goodbye is not read as suicide risk;
- person: a person named ("my husband"): with an animal named too, who is in danger is the one in the
  danger's sentence ("the dog is fine, it's my husband who won't wake up");
- arrived: help has arrived (the ambulance, paramedics, the police are here), a recovery list's phrase that says
  nothing of the person: in a conversation it does not end an emergency the way a recovery does;
- relapse: the danger back after a recovery ("passed out again", "desmaiou de novo", "又昏过去"): a recovery cue
  before it in the message does not count;
- again: an act to be done again ("do it again", "otra vez", "lagi"): a suicide phrase the past took back, with
  one of these and a will or "now" in a later sentence, is told of now (emergency._done_again);
- threat: violence against the texter or their family now (a threat to kill, a weapon in hand, the door
  attacked, hiding from the attacker): two of them make a medical emergency (the emergency number), one does not;
- service: an emergency service named (an ambulance, paramedics, the emergency number): inside a suicide
  emergency, a message whose only danger words name one ("I don't want an ambulance") keeps the suicide answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from helpline.danger.index import Match

CONTEXTS: dict[str, str] = {
    kind: f"emergency.{kind}.phrases"
    for kind in (
        "pet",
        "past",
        "hypothetical",
        "fiction",
        "resolved",
        "now",
        "plan",
        "distress",
        "means",
        "intent",
        "leaving",
        "person",
        "service",
        "arrived",
        "thanks",
        "relapse",
        "again",
        "threat",
    )
}
_KIND_OF = {context: kind for kind, context in CONTEXTS.items()}
CANCELLING = ("resolved", "fiction", "hypothetical", "past")  # in this order; "now" outweighs all but resolved


@dataclass(frozen=True)
class Cues:
    matches: tuple[Match, ...]
    # The matches by kind, built once: has() and of_kind() are asked a dozen times per message.
    _by_kind: dict[str, tuple[Match, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        grouped: dict[str, list[Match]] = {}
        for match in self.matches:
            grouped.setdefault(_KIND_OF[match.context], []).append(match)
        object.__setattr__(self, "_by_kind", {kind: tuple(found) for kind, found in grouped.items()})

    @classmethod
    def none(cls) -> Cues:
        return _NO_CUES  # immutable: one for every message without cues

    @classmethod
    def of(cls, matches: Iterable[Match], emergencies: Iterable[Match] = ()) -> Cues:
        # One cue per kind and place (several languages list "paciente"); a cue inside a longer one of its kind
        # counts once; a cue that an emergency phrase overruns is negated ("elle se reveille" in "elle se
        # reveille pas"), unless the phrase is inside the cue ("ambulance" in "ambulance is here"). That applies to
        # "resolved" cues only: a negated recovery is the danger itself.
        unique = list({(m.context, m.chars): m for m in matches if m.context in _KIND_OF}.values())
        kept = [
            m
            for m in unique
            if not any(o.context == m.context and o.chars != m.chars and inside(m.chars, o.chars) for o in unique)
            and not (m.context == CONTEXTS["resolved"] and any(_overruns(e.chars, m.chars) for e in emergencies))
        ]
        return cls(tuple(kept))

    def has(self, kind: str) -> bool:
        return kind in self._by_kind

    def of_kind(self, kind: str) -> list[Match]:
        return list(self._by_kind.get(kind, ()))

    def plan_signs(self) -> list[Match]:
        """The signs of a suicide plan without the word: a plan cue or the means, in that order."""
        return [*self._by_kind.get("plan", ()), *self._by_kind.get("means", ())]

    def by_kind(self) -> dict[str, list[Match]]:
        return {kind: list(found) for kind, found in self._by_kind.items()}

    def cancelling(self, live: list[Match]) -> Match | None:
        """The cue that makes the live emergency phrases not an emergency now, if any."""
        if not live:
            return None
        for kind in CANCELLING:
            for cue in self.of_kind(kind):
                if not any(inside(cue.chars, m.chars) for m in live):  # a cue inside the phrase itself is not context
                    return cue
        return None

    def cancels_model(self, kind: str = "medical") -> bool:
        """Context that rules out the model's guess: the possible tier is not asked for these. An animal rules
        out only a medical guess: "gave my cat to the neighbour ... the pills are right here" is a person."""
        urgent = self.has("now") and not self.has("resolved")
        framed = any(self.has(cue) for cue in CANCELLING) and not urgent
        return framed or (self.has("pet") and kind == "medical")


_NO_CUES = Cues(())


def _overruns(phrase: tuple[int, int], cue: tuple[int, int]) -> bool:
    """The emergency phrase overlaps the cue and reaches outside it."""
    overlaps = phrase[0] < cue[1] and cue[0] < phrase[1]
    return overlaps and not inside(phrase, cue)


def kind_of(context: str) -> str:
    """The kind ("plan", "now", ...) of a context cue's catalog list."""
    return _KIND_OF[context]


def inside(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    """Whether the character span `inner` lies within `outer` (the one span test of the detector's readings)."""
    return outer[0] <= inner[0] and inner[1] <= outer[1]
