"""Safety probe for the translator-owned cancelling lists: does a cue added since REV silence a clear danger?

    PYTHONPATH=. .venv/bin/python scripts/probe_cues.py REV [resolved,past,hypothetical,fiction,pet,leaving,negations]

Each phrase that is in a cancelling list now and was not at REV (git revision) is put in front of a clear danger
told with an urgency word, in its own language ("<cue> and now i cant wake him and his lips are blue"), and read
by the detector alone. Every line printed is a cue that left that danger without the full answer: a recovery cue
outweighs "now", so a cue that describes a state before danger ("was sound asleep") silences a real emergency.
Recovery, pet, leaving and negation cues are also put right before a first-person suicide statement ("<cue> i want to
kill myself"), which must get at least the question.
Read each: a correction ("it was a prank") is rarely followed by danger in the way people write; a state is.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from helpline import emergency
from helpline.knowledge import Knowledge

DANGER_AFTER = {
    "en": "{cue} and now i cant wake him and his lips are blue",
    "es": "{cue} y ahora no respira y esta morado",
    "fr": "{cue} et là il respire plus, il est tout bleu",
    "pt_BR": "{cue} e agora nao acorda e ta roxo",
    "id": "{cue} terus sekarang dia gak napas, bibirnya biru",
    "ms": "{cue}, sekarang dia tak bernafas, bibir biru",
    "tl": "{cue} tapos ngayon hindi na humihinga, kulay ube na labi",
    "vi": "{cue} giờ thì nó không thở nữa, môi tím tái",
    "th": "{cue} ตอนนี้เขาไม่หายใจแล้ว ปากเขียว",
    "zh_Hans": "{cue} 现在他没有呼吸了 嘴唇发紫",
}
# A first-person suicide statement right after the cue, with no urgency word: a negation covers the phrase one word
# after it, so "fini avec lui" (a breakup) in the negations silenced "c'est fini avec lui je vais me tuer" (round 14).
# Asked of the cues that do not frame what follows (a story, the past or a hypothetical does), and it must get at
# least the question.
SUICIDE_AFTER = {
    "en": "{cue} i want to kill myself",
    "es": "{cue} me quiero matar",
    "fr": "{cue} je vais me tuer",
    "pt_BR": "{cue} eu vou me matar",
    "id": "{cue} aku mau bunuh diri",
    "ms": "{cue} aku nak bunuh diri",
    "tl": "{cue} gusto ko nang magpakamatay",
    "vi": "{cue} tôi muốn tự tử",
    "th": "{cue} ฉันอยากฆ่าตัวตาย",
    "zh_Hans": "{cue} 我想自杀",
}
NOT_FRAMING = ("resolved", "pet", "leaving", "negations")
CANCELLING = ("resolved", "past", "hypothetical", "fiction", "pet", "leaving", "negations")


def _show(rev: str, path: str) -> str:
    command = ["git", "show", f"{rev}:{path}"]  # a revision the developer names, read from this checkout
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603, S607


def phrase_lists(rev: str, kinds: tuple[str, ...]) -> dict[tuple[str, str], set[str]]:
    """(language, list) -> phrases, as committed at `rev` ("HEAD" for the latest commit)."""
    found: dict[tuple[str, str], set[str]] = {}
    english = tomllib.loads(_show(rev, "messages/emergency.toml"))
    for kind in kinds:
        # A list that did not exist at `rev` is new in full: every phrase of it is probed.
        found[("en", kind)] = {p.strip() for p in english.get(kind, {}).get("phrases", "").split(",") if p.strip()}
    for language in DANGER_AFTER:
        if language == "en":
            continue
        catalog = _show(rev, f"locale/{language}/LC_MESSAGES/messages.po")
        for kind in kinds:
            entry = re.search(rf'msgctxt "emergency\.{kind}\.phrases"\nmsgid ".*"\nmsgstr "(.*)"', catalog)
            found[(language, kind)] = {p.strip() for p in entry.group(1).split(",")} if entry else set()
    return found


def main(argv: list[str]) -> int:
    if not argv:
        raise SystemExit(__doc__)
    kinds = tuple(argv[1].split(",")) if len(argv) > 1 else CANCELLING
    before, now = phrase_lists(argv[0], kinds), phrase_lists("HEAD", kinds)
    lexicon = Knowledge.load().lexicon
    silenced = 0
    for (language, kind), phrases in sorted(now.items()):
        for cue in sorted(phrases - before.get((language, kind), set())):
            assessment = emergency.assess(DANGER_AFTER[language].format(cue=cue), lexicon)
            if assessment.tier != "full":
                silenced += 1
                print(f"{assessment.tier:8} {language:7} {kind:12} {cue!r}")
            if kind in NOT_FRAMING:
                said = emergency.assess(SUICIDE_AFTER[language].format(cue=cue), lexicon)
                if said.tier not in ("full", "possible"):
                    silenced += 1
                    print(f"{said.tier:8} {language:7} {kind:12} {cue!r} (before a suicide statement)")
    print(f"cues added since {argv[0]} that leave the danger after them without the full answer: {silenced}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
