"""Notice danger in any shipped language.

A message is an emergency when it contains one of the catalog's emergency
phrases (medical or suicide) in any language, unless a negation or question
phrase of the same language covers it ("what are the signs of overdose?",
"I'm not suicidal"). Phrases come from the catalogs, so translators extend
them; the rule stays small enough to read and to test with a corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from helpline.knowledge import Hit, Lexicon
from helpline.matching import Message

Kind = Literal["medical", "suicide"]
KIND_CONTEXTS: dict[Kind, str] = {
    "suicide": "emergency.suicide.phrases",
    "medical": "emergency.medical.phrases",
}
NEGATIONS = "emergency.negations.phrases"


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    phrase: str  # the catalog phrase that matched, as written there
    languages: tuple[str, ...]  # every language whose phrase matched, catalog order


def detect(text: str, lexicon: Lexicon) -> Verdict | None:
    """The emergency a message signals, or None."""
    message = Message.of(text)
    if not message.words:
        return None
    for kind, context in KIND_CONTEXTS.items():
        hits = [hit for hit in lexicon.phrase_hits(message, context) if not _negated(message, hit, lexicon)]
        if hits:
            languages = tuple(dict.fromkeys(hit.language for hit in hits))
            return Verdict(kind=kind, phrase=hits[0].pattern.text, languages=languages)
    return None


def _negated(message: Message, hit: Hit, lexicon: Lexicon) -> bool:
    """A negation or question phrase of the hit's language appears in the message."""
    return any(message.find(pattern) is not None for pattern in lexicon.patterns(hit.language, NEGATIONS))
