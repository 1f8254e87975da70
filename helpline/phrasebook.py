"""The counselor's phrasebook: the bot's reviewed, translated texts, for one texter.

A counselor who writes only English can still give a Thai texter the exact
reviewed warning signs in Thai: every phrase is a catalog entry (or two, sent
as one text), rendered in the texter's language with their own country's
numbers by the engine's helpers, the same way the bot would. The English text
and whether a translation exists are shown next to the preview, so the
counselor knows what they are sending.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass

from helpline import engine, replies
from helpline.knowledge import Knowledge
from helpline.segments import SegmentCount, count_segments

CRISIS_LINE = "crisis_line"
EMERGENCY = "emergency"
TALK_INVITATION = "Text TALK to reach a person."  # how some topic replies end; not for a counselor to send
SENTENCE_ENDS = (". ", "。", "! ", "? ", "！", "？")


@dataclass(frozen=True)
class Phrase:
    key: str  # what the form posts: "topics.signs", "crisis_line", "emergency"
    label: str
    contexts: tuple[str, ...]  # catalog entries, sent joined by a space


@dataclass(frozen=True)
class Preview:
    key: str
    language: str
    text: str
    english: str
    translated: bool  # False: the language lacks this entry, and the English text is what goes out
    segments: SegmentCount


class UnknownPhrase(KeyError):
    pass


class Phrasebook:
    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge

    def phrases(self, address: str) -> list[Phrase]:
        """Every topic fact, then the texter's own crisis line (when their country has one) and emergency steps."""
        found = [
            Phrase(f"topics.{topic.name}", topic.name.replace("_", "-").upper(), (f"topics.{topic.name}.reply",))
            for topic in self.knowledge.content.topics
            if topic.has_reply
        ]
        # Now, as the rendering does: a line with limited hours is not offered while it is closed.
        lines = self.knowledge.directory.for_address(address, at=time.time())
        line = replies.crisis_line(lines)
        if line:
            where = lines.name or "their country"
            found.append(Phrase(CRISIS_LINE, f"CRISIS LINE ({where}: {line})", ("emergency.suicide_line.text",)))
        steps = ("emergency.call.text", "emergency.steps.text")
        found.append(Phrase(EMERGENCY, "EMERGENCY: call now + what to do", steps))
        return found

    def phrase(self, key: str, address: str) -> Phrase:
        for phrase in self.phrases(address):
            if phrase.key == key:
                return phrase
        raise UnknownPhrase(key)

    def preview(self, key: str, address: str, language: str) -> Preview:
        phrase = self.phrase(key, address)
        text = self._render(phrase, address, language)
        catalogs = self.knowledge.catalogs
        translated = language == "en" or all(catalogs.translation(language, c) for c in phrase.contexts)
        return Preview(
            key=key,
            language=language,
            text=text,
            english=self._render(phrase, address, "en"),
            translated=translated,
            segments=count_segments(text),
        )

    def goodbye(self, address: str, language: str) -> str:
        return engine.texter_text(self.knowledge, address, language, "system.closed.text")

    def overdue(self, address: str, language: str) -> str:
        return engine.crisis_line_reply(
            self.knowledge, address, language, "system.overdue_line.text", "system.overdue_noline.text"
        )

    def _render(self, phrase: Phrase, address: str, language: str) -> str:
        """The phrase as a counselor sends it: without the bot's "Text TALK to reach a person" ending."""
        texts = []
        for context in phrase.contexts:
            text = engine.texter_text(self.knowledge, address, language, context)
            if engine.texter_text(self.knowledge, address, "en", context).endswith(TALK_INVITATION):
                text = self._without_talk_invitation(text, language)
            texts.append(text)
        return " ".join(texts)

    def _without_talk_invitation(self, text: str, language: str) -> str:
        """Drop the last sentence when it invites the texter to send the language's TALK keyword.

        The sentence is found by the keyword (accents folded: Vietnamese replies spell TU VAN for TƯ VẤN), and
        starts after the previous sentence's end; Thai has no full stops, so there it starts one word before.
        When the keyword is not found the text is left whole (the counselor can still edit it before sending).
        """
        words = [w.strip() for w in self.knowledge.catalogs.text(language, "topics.talk.keywords").split(",")]
        folded = "".join(_fold(char) for char in text).upper()
        for word in filter(None, words[:4]):
            at = folded.rfind(" " + "".join(_fold(char) for char in word).upper()) + 1  # the keyword as a word
            if at <= 0 or at < len(text) * 0.5:
                continue
            ends = [text.rfind(end, 0, at) + len(end) for end in SENTENCE_ENDS if text.rfind(end, 0, at) >= 0]
            start = max(ends, default=-1)
            if start < 0 or at - start > 40:  # no full stop near it: one word before the keyword ("ส่ง คุย")
                start = text.rfind(" ", 0, max(0, text.rfind(" ", 0, at)))
            if start <= 0:
                continue
            return text[:start].rstrip()
        return text


def _fold(char: str) -> str:
    """One character without its accents, still one character, so positions in the folded text match."""
    base = unicodedata.normalize("NFKD", char)[:1]
    return base if base and not unicodedata.combining(base) else char
