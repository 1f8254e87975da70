"""An offline gist of a texter's message in another language, for a counselor who cannot read it.

Not a translation, and no network: the engine reads the message as it would for a new
texter (helpline.engine.decide with a fresh state) and the gist says what it found, in
the counselor's words: the language, the topic the catalogs' keywords and phrases point
to, and the emergency reading. A counselor who writes only English then knows that a
Thai message is about withdrawal and carries no danger words, or that it does.
"""

from __future__ import annotations

from helpline import engine
from helpline.knowledge import Knowledge
from helpline.web.dashboard.words import key_words

COUNSELOR_LANGUAGE = "en"  # the dashboard is in English; a gist is shown for every other language
_NOT_TOPICS = {"menu", "menu.auto", "unknown", "near_miss", "media_only", "counselor", "language", "language_set"}


def gist(knowledge: Knowledge, body: str, address: str, language_name: str) -> str:
    """"Thai · about: withdrawal · danger: none found (offline reading, not a translation)"; "" for English."""
    reading = _read(knowledge, body, address)
    if reading is None:
        return ""
    code, topic, danger = reading
    if code == COUNSELOR_LANGUAGE:
        return ""
    parts = [language_name_of(knowledge, code, language_name)]
    parts.append(f"about: {topic}" if topic else "about: no topic recognised")
    parts.append(f"danger: {danger}")
    return " · ".join(parts) + " (offline reading, not a translation)"


def language_name_of(knowledge: Knowledge, code: str, fallback: str) -> str:
    try:
        return knowledge.catalogs.language(code).english_name
    except Exception:  # noqa: BLE001 - an unknown code: say what we have
        return fallback or code


_CACHE: dict[tuple[int, str, str], tuple[str, str, str] | None] = {}
_CACHE_SIZE = 4096  # transcripts are re-read on every event: each message is read by the engine once


def _read(knowledge: Knowledge, body: str, address: str) -> tuple[str, str, str] | None:
    key = (id(knowledge), body[: engine.MAX_BODY_CHARS], address)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = _decide(knowledge, key[1], address)
    return _CACHE[key]


def _decide(knowledge: Knowledge, body: str, address: str) -> tuple[str, str, str] | None:
    if not body.strip():
        return None
    inbound = engine.Inbound(message_sid="SMgist", texter=address, body=body)
    decision = engine.decide(inbound, engine.TexterState(), knowledge, now=0.0, on_shift=True)
    key = decision.topic
    danger = key_words(key) if key.startswith("emergency.") else "none found"
    topic = "" if key in _NOT_TOPICS or key.startswith("emergency.") else key_words(key)
    return decision.language, topic, danger

