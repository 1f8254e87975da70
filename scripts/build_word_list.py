"""Build helpline/danger/words.json.gz: the words texters of each language write in safe messages.

Run:  .venv/bin/python scripts/build_word_list.py

Reads the labelled corpus (tests/corpus/emergency.tsv, conversations.tsv and the batches, never
tests/corpus/sealed/ nor the held-out batches) and keeps, per language, every folded word of
TYPO_MIN_LENGTH letters or more that MIN_TEXTS texts or more labelled none use. The same corpus gives the
same file (sorted words, no timestamp in the gzip header). See helpline/danger/words.py for how it is read.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpline.danger.words import MIN_TEXTS, SKIPPED_LANGUAGES, WORDS_PATH  # noqa: E402
from helpline.matching import TYPO_MIN_LENGTH  # noqa: E402
from helpline.textnorm import fold, is_unspaced_script  # noqa: E402

# Batches kept out of tuning, so that their scores stay scores on unseen text (scripts/train_danger_model.py keeps
# the same ones, and later rounds' held-out batches, out of the model).
HELD_OUT_PARTS = ("-bx.", "-by.", "-cp.", "-cq.", "-cr.", "-ct.", "-de.", "-df.")


def corpus_paths() -> list[Path]:
    corpus = ROOT / "tests/corpus"
    batches = sorted((corpus / "batches").glob("*.tsv"))
    kept = [p for p in batches if not any(part in p.name for part in HELD_OUT_PARTS)]
    return [corpus / "emergency.tsv", corpus / "conversations.tsv", *kept]


def safe_words(paths: list[Path]) -> dict[str, list[str]]:
    texts: dict[str, Counter[str]] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                language = (row.get("language") or "").strip()
                if (row.get("label") or "").strip() != "none" or not language or language in SKIPPED_LANGUAGES:
                    continue
                words = {
                    w
                    for w in fold(row.get("text") or "").split(" ")
                    if len(w) >= TYPO_MIN_LENGTH and w.isalpha() and not is_unspaced_script(w)
                }
                texts.setdefault(language, Counter()).update(words)
    return {
        language: sorted(w for w, n in counted.items() if n >= MIN_TEXTS) for language, counted in sorted(texts.items())
    }


def main() -> int:
    words = safe_words(corpus_paths())
    data = json.dumps(words, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with WORDS_PATH.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
        handle.write(data)
    print(f"{WORDS_PATH.relative_to(ROOT)}: " + ", ".join(f"{lang} {len(w)}" for lang, w in words.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
