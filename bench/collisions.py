"""Cross-language collisions: catalog phrases of one language found in messages labelled another, counted.

Run: PYTHONPATH=. .venv/bin/python bench/collisions.py [--all] [--min N]

Every catalog list is matched in every language, so a phrase of one language that is an ordinary word or word end
in another can take part in a wrong decision (Malay "gian", craving, inside Vietnamese "thời gian", time; French
"en train de" read as English "train"). Over the tunable batches (held-out batches are skipped, the sealed folder
is never read) each message is scored as the engine answers it, its phrase matches are listed, and every match
whose list language differs from the message's labelled language is counted per (context, phrase, list language,
message language) against the message's outcome: a false alarm (safe text, full or possible tier), a true
positive, a miss (a positive with no emergency answer) or a true negative. A match is not counted when a list of
the message's own language matches the same words for the same context (a word the two languages share is no
collision). Counts only: no text is printed. English lists in a message of another language are code-switching
and skipped unless --all. A pair's counts say it took part in a decision, not that it made it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import score_detection  # noqa: E402
from decision_diff import group_of  # noqa: E402

from helpline import emergency  # noqa: E402
from helpline.danger.index import Prepared  # noqa: E402
from helpline.danger.scripts import clause_end  # noqa: E402
from helpline.knowledge import Knowledge  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def tunable_files() -> list[Path]:
    files = [p for p in sorted((ROOT / "tests/corpus/batches").glob("*.tsv")) if group_of(p) == "tunable"]
    return [*files, ROOT / "tests/corpus/emergency.tsv", ROOT / "tests/corpus/conversations.tsv"]


def same_language(list_language: str, message_language: str) -> bool:
    return list_language == message_language or (list_language[:2] == message_language[:2] == "zh")


def outcome_of(label: str, tier: str) -> str:
    if label == "none":
        return "false_alarm" if tier != "none" else "true_negative"
    return "true_positive" if tier != "none" else "miss"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="count English lists in other languages too")
    parser.add_argument("--min", type=int, default=1, help="print pairs in this many wrong decisions or more")
    args = parser.parse_args()
    knowledge = Knowledge.load()
    book = emergency._book(knowledge.lexicon)
    counts: dict[tuple[str, str, str, str], Counter[str]] = defaultdict(Counter)
    for path in tunable_files():
        if not path.is_file():
            continue
        for outcome in score_detection.score_rows(score_detection.read_rows(path), knowledge):
            row = outcome.row
            result = outcome_of(row.label, outcome.tier)
            seen = set()
            found = Prepared(row.text, book.index, clause_end()).find()
            own = {(m.context, m.chars) for m in found if same_language(m.language, row.language)}
            for match in found:
                if same_language(match.language, row.language) or (match.language == "en" and not args.all):
                    continue
                if (match.context, match.chars) in own:  # the message's own list has it too: no collision
                    continue
                key = (match.context.removeprefix("emergency."), match.phrase, match.language, row.language)
                if key not in seen:
                    seen.add(key)
                    counts[key][result] += 1
    print("wrong\tfalse_alarm\tmiss\ttrue_positive\ttrue_negative\tcontext\tphrase\tlist\tmessage")
    ranked = sorted(counts.items(), key=lambda kv: -(kv[1]["false_alarm"] + kv[1]["miss"]))
    for (context, phrase, language, message), c in ranked:
        wrong = c["false_alarm"] + c["miss"]
        if wrong < args.min:
            continue
        print(
            f"{wrong}\t{c['false_alarm']}\t{c['miss']}\t{c['true_positive']}\t{c['true_negative']}"
            f"\t{context}\t{phrase}\t{language}\t{message}"
        )


if __name__ == "__main__":
    main()
