"""The benchmark's traffic: distinct, correctly signed Twilio webhooks with a realistic mix.

A surge looks like this: many texters, most sending a keyword or a question in their own language,
some an emergency, some STOP and later START, and Twilio retrying now and then (the same
MessageSid delivered again). Bodies come from the project's own corpora
(tests/corpus/languages.tsv: short texts in every shipped language; tests/corpus/emergency.tsv:
emergencies and near misses), so the mix follows the languages the helpline ships.

Every request is signed in advance with twilio's RequestValidator, so the load generator only
replays bytes and the signature check on the server is the real one.
"""

from __future__ import annotations

import csv
import random
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from twilio.request_validator import RequestValidator

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus"
TOKEN = "bench-token"  # noqa: S105 - a benchmark value, not a secret
SIGNATURE_HEADER = "X-Twilio-Signature"
HELPLINE_NUMBER = "+15005550006"

# A mobile-looking prefix per language, so the number's country matches the language (as in life).
# Each language's texters: a mobile number prefix, then the texter's index in the digits left. Every number is one
# phonenumbers reads as valid, as a real sender's is (Twilio delivers only from real numbers): an invalid +1 number
# made phonenumbers try every NANP region, a parse twice as dear as a real texter's (round 17).
COUNTRY_PREFIX = {
    "en": ("+14152", 6),
    "es": ("+52551", 7),
    "fr": ("+3361", 7),
    "pt_BR": ("+551196", 7),
    "vi": ("+8491", 7),
    "th": ("+6681", 7),
    "id": ("+62812", 7),
    "ms": ("+6012", 7),
    "tl": ("+63917", 7),
    "zh_Hans": ("+861380", 7),
}
KEYWORDS = (
    "MENU",
    "HELP",
    "SIGNS",
    "KRATOM",
    "MIX",
    "WITHDRAWAL",
    "SAFER",
    "DOSE",
    "NALOXONE",
    "LANG",
    "1",
    "2",
    "3",
    "4",
    "5",
    "ESPAÑOL",
    "?",
)
# Share of each kind among first deliveries; duplicates come on top (DUPLICATE_SHARE of all requests).
MIX = (("keyword", 0.30), ("question", 0.35), ("emergency", 0.12), ("near_miss", 0.13), ("stop_start", 0.10))
DUPLICATE_SHARE = 0.04
DUPLICATE_DISTANCE = 200  # a retry comes this many of the same stream's requests after its original (not while it runs)


@dataclass(frozen=True)
class Text:
    kind: str
    language: str
    body: str


@dataclass(frozen=True)
class Request:
    kind: str  # keyword, question, emergency, near_miss, stop, start, duplicate
    form: dict[str, str]
    body: bytes  # the urlencoded form
    signature: str


def _rows(name: str) -> list[dict[str, str]]:
    with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def texts() -> dict[str, list[Text]]:
    """The pool of bodies for each kind of message."""
    emergency_rows = _rows("emergency.tsv")
    return {
        "keyword": [Text("keyword", "en", word) for word in KEYWORDS],
        "question": [Text("question", row["language"], row["text"]) for row in _rows("languages.tsv")],
        "emergency": [
            Text("emergency", row["language"], row["text"]) for row in emergency_rows if row["label"] != "none"
        ],
        "near_miss": [
            Text("near_miss", row["language"], row["text"]) for row in emergency_rows if row["label"] == "none"
        ],
    }


def address(language: str, index: int) -> str:
    prefix, digits = COUNTRY_PREFIX.get(language, COUNTRY_PREFIX["en"])
    return f"{prefix}{index % 10**digits:0{digits}d}"


def sign(url: str, form: dict[str, str]) -> str:
    return str(RequestValidator(TOKEN).compute_signature(url, form))


def build(
    url: str, count: int, *, label: str, streams: int = 1, seed: int = 13, unique_texts: bool = False
) -> list[Request]:
    """`count` signed requests for the webhook at `url`.

    `label` keeps MessageSids distinct between phases of one run (Redis keeps state between them).
    Request i belongs to stream i % streams (one wrk thread or client each); a duplicate repeats a
    request of its own stream, as a Twilio retry follows its original.

    The bodies come from finite pools, so a worker's per-text caches (the emergency reader's, the language
    detector's) soon hold them all; in a real surge most texts are new. With `unique_texts` every question,
    emergency and near miss gets a number of its own at the end (" (4711)"), which no cache has seen: what a
    text costs the first time it is read. Keywords and STOP/START stay as they are (they are whole-message
    keywords, and a real texter repeats them).
    """
    rng = random.Random(f"{seed}-{label}")
    pools = texts()
    kinds = [kind for kind, _ in MIX]
    weights = [weight for _, weight in MIX]
    texters_per_language = max(1, count // 40)  # about four messages per texter over a phase
    opted_out: set[str] = set()
    requests: list[Request] = []
    for index in range(count):
        earlier = index - DUPLICATE_DISTANCE * streams
        if earlier >= 0 and rng.random() < DUPLICATE_SHARE and requests[earlier].kind != "duplicate":
            original = requests[earlier]
            requests.append(Request("duplicate", original.form, original.body, original.signature))
            continue
        kind = rng.choices(kinds, weights)[0]
        if kind == "stop_start":
            sender = address("en", rng.randrange(texters_per_language))
            kind, body = ("start", "START") if sender in opted_out else ("stop", "STOP")
            (opted_out.discard if kind == "start" else opted_out.add)(sender)
        else:
            text = rng.choice(pools[kind])
            sender = address(text.language, rng.randrange(texters_per_language))
            body = f"{text.body} ({index})" if unique_texts and kind != "keyword" else text.body
        form = {
            "ToCountry": "US",
            "SmsMessageSid": "",
            "NumMedia": "0",
            "ToCity": "",
            "Body": body,
            "To": HELPLINE_NUMBER,
            "From": sender,
            "NumSegments": "1",
            "MessageSid": f"SM{label}{index:08d}{rng.getrandbits(48):012x}"[:34],
            "AccountSid": "AC" + "0" * 32,
            "ApiVersion": "2010-04-01",
        }
        form["SmsMessageSid"] = form["MessageSid"]
        requests.append(Request(kind, form, urllib.parse.urlencode(form).encode(), sign(url, form)))
    return requests


def mix_summary(requests: list[Request]) -> dict[str, int]:
    return dict(Counter(request.kind for request in requests).most_common())


def write_wrk_file(requests: list[Request], path: Path) -> None:
    """One request a line, `signature<TAB>urlencoded body`, for bench/requests.lua."""
    with path.open("wb") as handle:
        for request in requests:
            handle.write(request.signature.encode() + b"\t" + request.body + b"\n")
