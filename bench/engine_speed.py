"""The engine micro-benchmark: `engine.decide` per message with every shipped language loaded.

    .venv/bin/python bench/engine_speed.py [--passes 5] [--phrases-x10] [--corpus]

The bodies are the benchmark's own traffic pools (keywords, questions in every language,
emergencies and near misses), each decided for a new texter and for a known one. Reports the
median and p99 of one call over every pass, the same for each body's first decision only
("first sight": per-text caches such as the emergency reader's are cold, words seen in earlier
bodies are not, as in real traffic), and the knowledge load time (paid once per process).

With --phrases-x10 (or `measure(tenfold=True)`) every keyword and phrase list of every language
is ten times longer (nine made-up variants of each item, sharing all its words but adding one),
so a cost that grows with the lists shows; the decisions are the same, since the variants never match.

With --corpus (`measure_corpus()`), the texts are the labelled single texts of tests/corpus/batches/ instead:
real texters' wording, longer than the benchmark's pools and never repeated. A running process is imitated by
deciding all but the last CORPUS_MEASURED of them first (shuffled with a fixed seed), so the per-word caches
hold what a busy day would put in them, then each of the last ones is timed on its one and only decision.
This is the honest figure for a surge, where almost every text is new; the default figure repeats its bodies.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import traffic  # noqa: E402


def measure(passes: int = 5, tenfold: bool = False) -> dict:
    from helpline import engine
    from helpline.knowledge import Knowledge

    started = time.perf_counter()
    knowledge = Knowledge.load()
    load_seconds = time.perf_counter() - started
    if tenfold:
        knowledge = _tenfold(knowledge)
    pools = traffic.texts()
    bodies = [(text.language, text.body) for texts in pools.values() for text in texts]
    states = (engine.TexterState(), engine.TexterState(known=True, language="en"))
    inbound = [
        engine.Inbound(message_sid=f"SM{index}", texter=traffic.address(language, index), body=body)
        for index, (language, body) in enumerate(bodies)
    ]
    warm = 50
    for message in inbound[:warm]:  # warm caches
        engine.decide(message, states[0], knowledge, now=1e9)
    timings: list[float] = []
    first: list[float] = []
    clock = time.perf_counter_ns
    for number in range(passes):
        for index, message in enumerate(inbound):
            for state in states:
                begun = clock()
                engine.decide(message, state, knowledge, now=1e9)
                spent = clock() - begun
                timings.append(spent)
                if number == 0 and state is states[0] and index >= warm:
                    first.append(spent)
    timings.sort()
    first.sort()
    return {
        "languages": len(knowledge.catalogs.codes),
        "phrases": "x10" if tenfold else "as shipped",
        "bodies": len(bodies),
        "calls": len(timings),
        "median_us": statistics.median(timings) / 1000,
        "p99_us": timings[int(len(timings) * 0.99)] / 1000,
        "mean_us": statistics.fmean(timings) / 1000,
        "first_sight_median_us": statistics.median(first) / 1000,
        "first_sight_p99_us": first[int(len(first) * 0.99)] / 1000,
        "knowledge_load_s": load_seconds,
    }


CORPUS_MEASURED = 3000


def measure_corpus(measured: int = CORPUS_MEASURED) -> dict:
    """Each text's only decision, after the other corpus texts have warmed the per-word caches."""
    import random

    from bench.score_detection import read_rows
    from helpline import engine
    from helpline.knowledge import Knowledge

    knowledge = Knowledge.load()
    folder = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "batches"
    texts = {(row.language, row.text): None for path in sorted(folder.glob("batch-*.tsv")) for row in read_rows(path)}
    ordered = list(texts)
    random.Random(7).shuffle(ordered)
    warm, timed = ordered[:-measured], ordered[-measured:]
    state = engine.TexterState()
    senders = {language: traffic.address(language, 1) for language, _ in ordered}

    def inbound(number: int, language: str, body: str) -> engine.Inbound:
        return engine.Inbound(message_sid=f"SM{number}", texter=senders[language], body=body)

    for number, (language, body) in enumerate(warm):
        engine.decide(inbound(number, language, body), state, knowledge, now=1e9)
    clock = time.perf_counter_ns
    timings: list[float] = []
    for number, (language, body) in enumerate(timed, start=len(warm)):
        message = inbound(number, language, body)
        begun = clock()
        engine.decide(message, state, knowledge, now=1e9)
        timings.append(clock() - begun)
    timings.sort()
    return {
        "texts": "tests/corpus/batches, each decided once",
        "warmed_on": len(warm),
        "timed": len(timings),
        "median_us": statistics.median(timings) / 1000,
        "p90_us": timings[int(len(timings) * 0.9)] / 1000,
        "p99_us": timings[int(len(timings) * 0.99)] / 1000,
        "mean_us": statistics.fmean(timings) / 1000,
    }


def _tenfold(knowledge):  # type: ignore[no-untyped-def]
    """The same knowledge with every list entry (keywords and phrases, every language) ten times longer."""
    from helpline.knowledge import Lexicon

    lists = [context for context, message in knowledge.catalogs.content.messages.items() if message.kind == "list"]

    def variant(item: str, i: int, n: int, unspaced: bool) -> str:
        return f"{chr(0x0E01 + (i + n) % 40)}\u0e32" if unspaced else f"zq{n}x{i % 97}"

    grown = grown_catalogs(knowledge.catalogs, lists, variant)
    return replace(knowledge, catalogs=grown, lexicon=Lexicon(grown))


def grown_catalogs(catalogs, contexts, variant):  # type: ignore[no-untyped-def]
    """`catalogs` with each list in `contexts` ten times longer, in every language: after its items, nine rounds
    of each item with `variant(item, i, n, unspaced)` added (joined on directly in unspaced scripts, after a
    space otherwise). bench/detector.py grows the emergency lists with its own variants."""
    from helpline.catalogs import Catalogs
    from helpline.textnorm import is_unspaced_script, split_list

    def grow(value: str) -> str:
        items = split_list(value)
        grown = list(items)
        for n in range(1, 10):
            for i, item in enumerate(items):
                unspaced = is_unspaced_script(item)
                grown.append(item + ("" if unspaced else " ") + variant(item, i, n, unspaced))
        return ", ".join(grown)

    content = catalogs.content
    messages = {c: replace(m, text=grow(m.text)) if c in contexts else m for c, m in content.messages.items()}
    translations = {
        code: {c: grow(catalogs.translation(code, c) or "") for c in contexts if catalogs.translation(code, c)}
        for code in catalogs.codes
        if code != "en"
    }
    return Catalogs(replace(content, messages=messages), translations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--phrases-x10", action="store_true", help="every keyword and phrase list ten times longer")
    parser.add_argument("--corpus", action="store_true", help="the corpus's texts, each decided once (see above)")
    args = parser.parse_args()
    result = measure_corpus() if args.corpus else measure(args.passes, tenfold=args.phrases_x10)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
