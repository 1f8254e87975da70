from helpline.memo import batch_lru_cache


def test_a_batch_lru_cache_forgets_the_least_recent_eighth_when_full() -> None:
    calls: list[int] = []

    @batch_lru_cache(maxsize=16)
    def double(number: int) -> int:
        calls.append(number)
        return 2 * number

    assert [double(n) for n in range(16)] == [2 * n for n in range(16)]
    assert double(0) == 0 and double(1) == 2  # hits: 0 and 1 are now the most recent
    assert calls == list(range(16))
    double(16)  # full: 2 and 3, the least recent two (16 // 8), are forgotten
    calls.clear()
    assert [double(n) for n in (0, 1, 4, 15, 16)] == [0, 2, 8, 30, 32]
    assert calls == []
    double(2)
    assert calls == [2]
    double.cache_clear()  # type: ignore[attr-defined]
    double(0)
    assert calls == [2, 0]
    assert double.__name__ == "double"
