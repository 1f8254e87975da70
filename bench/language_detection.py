"""Language detection on short helpline texts: our word-table detector against lingua.

Run: .venv/bin/python bench/language_detection.py

Corpus: tests/corpus/languages.tsv (hand-written, >= 40 short texts per shipped
language). For each method it prints, per language, correct/total, how many it
abstained on (None) and how many it got wrong, then the overall figures and the
time per message. Abstaining is better than a wrong answer: the engine then
falls back to the stored language or the number's country.

Methods:
- simple: helpline.detect.detect (scripts, Vietnamese letters, word tables, margin rule);
- lingua: lingua-language-detector restricted to the shipped languages, with
  several minimum relative distances (0 = always answers);
- script+lingua: Thai/Chinese by script, lingua for the rest;
- simple+lingua: our detector, lingua (distance 0.1 or 0.25) only where ours abstains.
lingua is optional (`.venv/bin/pip install lingua-language-detector`, ~96 MB);
without it only `simple` runs.
"""

from __future__ import annotations

import csv
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from helpline import detect  # noqa: E402 - after the path set-up above

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "languages.tsv"
SHIPPED = ("en", "es", "fr", "pt_BR", "vi", "th", "id", "ms", "tl", "zh_Hans")
LINGUA_NAMES = {
    "ENGLISH": "en",
    "SPANISH": "es",
    "FRENCH": "fr",
    "PORTUGUESE": "pt_BR",
    "VIETNAMESE": "vi",
    "THAI": "th",
    "INDONESIAN": "id",
    "MALAY": "ms",
    "TAGALOG": "tl",
    "CHINESE": "zh_Hans",
}
DISTANCES = (0.0, 0.1, 0.25, 0.5)

Detector = Callable[[str], "str | None"]


def load_corpus(path: Path = CORPUS) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["language"], row["text"]) for row in rows]


def evaluate(name: str, guess: Detector, corpus: list[tuple[str, str]]) -> dict[str, Counter[str]]:
    results: dict[str, Counter[str]] = {code: Counter() for code in SHIPPED}
    confusions: Counter[tuple[str, str]] = Counter()
    guess(corpus[0][1])  # warm-up: caches, lazy tables
    started = time.perf_counter()
    guesses = [guess(text) for _, text in corpus]
    elapsed = time.perf_counter() - started
    for (language, _), guessed in zip(corpus, guesses, strict=True):
        if guessed == language:
            results[language]["correct"] += 1
        elif guessed is None:
            results[language]["abstained"] += 1
        else:
            results[language]["wrong"] += 1
            confusions[(language, guessed)] += 1
        results[language]["total"] += 1
    print_table(name, results, elapsed / len(corpus), confusions)
    return results


def print_table(
    name: str, results: dict[str, Counter[str]], seconds_each: float, confusions: Counter[tuple[str, str]]
) -> None:
    print(f"\n== {name}  ({seconds_each * 1e6:,.0f} µs per message)")
    print(f"{'language':<9} {'correct':>9} {'accuracy':>9} {'abstained':>10} {'wrong':>6}")
    totals: Counter[str] = Counter()
    for code in SHIPPED:
        row = results[code]
        totals.update(row)
        print(
            f"{code:<9} {row['correct']:>4}/{row['total']:<4} {row['correct'] / row['total']:>9.1%}"
            f" {row['abstained']:>10} {row['wrong']:>6}"
        )
    print(
        f"{'overall':<9} {totals['correct']:>4}/{totals['total']:<4} {totals['correct'] / totals['total']:>9.1%}"
        f" {totals['abstained']:>10} {totals['wrong']:>6}   wrong rate {totals['wrong'] / totals['total']:.1%}"
    )
    if confusions:
        top = ", ".join(f"{true}->{guessed} {count}" for (true, guessed), count in confusions.most_common(8))
        print(f"most frequent mistakes: {top}")


def simple(text: str) -> str | None:
    return detect.detect(text, SHIPPED)


def lingua_detectors() -> dict[float, Detector] | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    languages = [getattr(Language, name) for name in LINGUA_NAMES]
    detectors: dict[float, Detector] = {}
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for distance in DISTANCES:
        started = time.perf_counter()
        built = (
            LanguageDetectorBuilder.from_languages(*languages)
            .with_minimum_relative_distance(distance)
            .with_preloaded_language_models()
            .build()
        )
        if distance == DISTANCES[0]:
            grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before) / 1024  # KiB on Linux
            print(
                f"\nlingua: models for {len(languages)} languages loaded in {time.perf_counter() - started:.1f} s,"
                f" process memory +{grown:,.0f} MiB"
            )

        def guess(text: str, built=built) -> str | None:
            found = built.detect_language_of(text)
            return None if found is None else LINGUA_NAMES[found.name]

        detectors[distance] = guess
    return detectors


def main() -> None:
    corpus = load_corpus()
    counts = Counter(language for language, _ in corpus)
    print(f"corpus: {len(corpus)} messages, " + ", ".join(f"{code} {counts[code]}" for code in SHIPPED))
    print("columns: correct/total, accuracy, abstained (None: caller falls back), wrong")
    evaluate("simple (helpline.detect)", simple, corpus)
    lingua = lingua_detectors()
    if lingua is None:
        print("\nlingua not installed: skipped (pip install lingua-language-detector to compare)")
        return
    for distance, guess in lingua.items():
        evaluate(f"lingua, minimum relative distance {distance}", guess, corpus)

    def script_then_lingua(text: str) -> str | None:
        return detect.script_language(text) or lingua[0.0](text)

    evaluate("script, then lingua (distance 0)", script_then_lingua, corpus)
    for distance in (0.1, 0.25):

        def simple_then_lingua(text: str, fallback: Detector = lingua[distance]) -> str | None:
            return simple(text) or fallback(text)

        evaluate(f"simple, then lingua (distance {distance}) where simple abstains", simple_then_lingua, corpus)


if __name__ == "__main__":
    main()
