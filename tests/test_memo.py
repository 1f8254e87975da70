from helpline.memo import clearing_cache


def test_a_clearing_cache_remembers_until_full_then_starts_afresh() -> None:
    calls: list[str] = []

    @clearing_cache(maxsize=2)
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert [shout("a"), shout("b"), shout("a")] == ["A", "B", "A"]
    assert calls == ["a", "b"]
    assert shout("c") == "C"  # full: everything forgotten, then "c" remembered
    assert shout("a") == "A"
    assert calls == ["a", "b", "c", "a"]
    shout.cache_clear()  # type: ignore[attr-defined]
    shout("a")
    assert calls == ["a", "b", "c", "a", "a"]
    assert shout.__name__ == "shout"
