"""Writing systems, from the data file locale/scripts.toml, so that a new language needs no code.

The emergency detector asks where clauses end; language detection asks which
script a text is mostly written in and which catalog that script means.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SCRIPTS_PATH = Path(__file__).resolve().parent.parent.parent / "locale" / "scripts.toml"


@dataclass(frozen=True)
class Script:
    name: str
    ranges: tuple[tuple[int, int], ...]
    spaced: bool
    language: str  # "" when we ship no catalog for it
    weight: int
    clause_at_space: bool

    def has(self, char: str) -> bool:
        code = ord(char)
        return any(low <= code <= high for low, high in self.ranges)

    @property
    def character_class(self) -> str:
        return "".join(f"\\u{low:04x}-\\u{high:04x}" if high <= 0xFFFF else "" for low, high in self.ranges)


@dataclass(frozen=True)
class Scripts:
    scripts: tuple[Script, ...]
    clause_ends: tuple[str, ...]
    # char -> its script: asked for every character of every message, so each answer is kept (a text's
    # distinct characters are few; the scan of every range was most of the engine's time).
    _known: dict[str, Script | None] = field(default_factory=dict, compare=False, repr=False)

    def of(self, char: str) -> Script | None:
        found = self._known.get(char, _UNSEEN)
        if found is _UNSEEN:
            found = next((s for s in self.scripts if s.has(char)), None)
            if len(self._known) < _KNOWN_LIMIT:
                self._known[char] = found
        return found  # type: ignore[return-value]


_UNSEEN = object()
_KNOWN_LIMIT = 65_536


@lru_cache(maxsize=4)
def load(path: Path = SCRIPTS_PATH) -> Scripts:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    scripts = []
    for name, entry in data["scripts"].items():
        ranges = tuple(tuple(int(part, 16) for part in span.split("-")) for span in entry["ranges"])
        scripts.append(
            Script(
                name=name,
                ranges=ranges,  # type: ignore[arg-type]
                spaced=bool(entry.get("spaced", True)),
                language=str(entry.get("language", "")),
                weight=int(entry.get("weight", 1)),
                clause_at_space=bool(entry.get("clause_at_space", False)),
            )
        )
    return Scripts(tuple(scripts), tuple(data["clause_ends"]))


@lru_cache(maxsize=4)
def clause_end(path: Path = SCRIPTS_PATH) -> re.Pattern[str]:
    """Where a clause ends: the listed characters, a full stop not part of "...", and a space between
    two letters of a script whose clauses are separated by spaces (Thai)."""
    scripts = load(path)
    ends = "".join(re.escape(char) for char in scripts.clause_ends)
    parts = [r"(?<!\.)\.(?!\.)", f"[{ends}]"]
    for script in scripts.scripts:
        if script.clause_at_space:
            letters = script.character_class
            parts.append(f"(?<=[{letters}])\\s+(?=[{letters}])")
    return re.compile("|".join(parts))
