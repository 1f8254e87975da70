"""The engine micro-benchmark: `engine.decide` per message with every shipped language loaded.

The bodies are the benchmark's own traffic pools (keywords, questions in every language,
emergencies and near misses), each decided for a new texter and for a known one. Reports the
median and p99 of one call, and the knowledge load time (paid once per process).
"""

from __future__ import annotations

import statistics
import time

from bench import traffic


def measure(passes: int = 5) -> dict:
    from helpline import engine
    from helpline.knowledge import Knowledge

    started = time.perf_counter()
    knowledge = Knowledge.load()
    load_seconds = time.perf_counter() - started
    pools = traffic.texts()
    bodies = [(text.language, text.body) for texts in pools.values() for text in texts]
    states = (engine.TexterState(), engine.TexterState(known=True, language="en"))
    inbound = [
        engine.Inbound(message_sid=f"SM{index}", texter=traffic.address(language, index), body=body)
        for index, (language, body) in enumerate(bodies)
    ]
    for message in inbound[:50]:  # warm caches
        engine.decide(message, states[0], knowledge, now=1e9)
    timings: list[float] = []
    clock = time.perf_counter_ns
    for _ in range(passes):
        for message in inbound:
            for state in states:
                begun = clock()
                engine.decide(message, state, knowledge, now=1e9)
                timings.append(clock() - begun)
    timings.sort()
    return {
        "languages": len(knowledge.catalogs.codes),
        "bodies": len(bodies),
        "calls": len(timings),
        "median_us": statistics.median(timings) / 1000,
        "p99_us": timings[int(len(timings) * 0.99)] / 1000,
        "mean_us": statistics.fmean(timings) / 1000,
        "knowledge_load_s": load_seconds,
    }
