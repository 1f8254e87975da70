"""Every Redis key the helpline uses, in one place.

The rule that keeps the same code runnable on Redis Cluster: every key that a
transaction or Lua script touches together with another carries the same hash
tag (the part in braces). A texter's keys share `{texter-id}`; the counselor
accounts share `{counselors}`. Global indexes (the queue, the held index) live
in their own slots: on a cluster they are only ever updated after the per-texter
write, and on one server the counselor request's script updates the queue index
in the same step (helpline.state.conversations); either way they are indexes that
every reader checks against the texter's own hash.

Templates are `str.format` patterns; doubled braces are literal hash-tag braces.
RQ keeps its own keys (prefix `rq:`); they are not ours to name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

PREFIX = "hl:"

# one texter: all share the hash tag {tid} -----------------------------------------------------------------
TEXTER = PREFIX + "{{{tid}}}:texter"  # hash, one-letter fields (texters.FIELDS): address, channel, language, ...
MESSAGE = PREFIX + "{{{tid}}}:msg:{sid}"  # string: an inbound MessageSid's dedupe: "pending" or "<entry id>:<replies>"
TRANSCRIPT = PREFIX + "{{{tid}}}:transcript"  # stream: messages in and out
# list: the texter's last few texts, "<at> <body>" (state.texters), gone an hour (and a margin) after their last one
RECENT = PREFIX + "{{{tid}}}:recent"
CONVERSATION = PREFIX + "{{{tid}}}:conversation"  # hash: status, counselor, emergency, queued_at, outcome, ...
RATE = PREFIX + "{{{tid}}}:rate"  # string: the texter's messages in the current window (state.limits)
RATE_NOTICE = PREFIX + "{{{tid}}}:rate-notice"  # string: the rate notice went out this window (state.limits)
NOTES = PREFIX + "{{{tid}}}:notes"  # stream: a conversation's private counselor notes
HOLDERS = PREFIX + "{{{tid}}}:holders"  # set: counselors who held the current conversation (state.history)
HISTORY = PREFIX + "{{{tid}}}:history"  # list: JSON records of the texter's closed conversations, oldest first
DELIVERY = PREFIX + "{{{tid}}}:delivery"  # hash: transcript entry id -> JSON delivery record
SIMULATOR_OUTBOX = PREFIX + "{{{tid}}}:simulator-outbox"  # list: texts a simulated phone has not shown yet

# global indexes (own slots) --------------------------------------------------------------------------
QUEUE = PREFIX + "queue"  # sorted set: texter ids waiting for a counselor, by priority then wait start
HELD = PREFIX + "held"  # sorted set: texter ids held by a counselor, by claim time
OUTBOUND = PREFIX + "out:{sid}"  # hash: texter, entry of a provider message id (status callbacks find it here)
CLOSED = PREFIX + "closed"  # sorted set: JSON records of closed conversations by closing time (search)
WORKERS = PREFIX + "workers"  # sorted set: worker name -> last heartbeat (state.sending)
EVENTS = PREFIX + "events"  # pub/sub channel: JSON events for dashboards and alerting

# counselor accounts: all share the hash tag {counselors} -------------------------------------------------
ACCOUNT = PREFIX + "{{counselors}}:account:{name}"  # hash: role, password_hash, disabled, created_at
NAMES = PREFIX + "{counselors}:names"  # set: every counselor name, disabled ones included
AVAILABLE = PREFIX + "{counselors}:available"  # set: names who marked themselves available
PRESENCE = PREFIX + "{counselors}:presence"  # sorted set: name -> last time a dashboard of theirs was open
SESSIONS = PREFIX + "{{counselors}}:sessions:{name}"  # sorted set: login nonce -> expiry time
# login throttling (state.limits): one script counts an attempt on three of these at once, so they share {login}
LOGIN_PAIR = PREFIX + "{{login}}:pair:{name}:{remote}"  # hash n, next: attempts on one name from one address
LOGIN_ACCOUNT = PREFIX + "{{login}}:name:{name}"  # hash n, next: attempts on one name from untrusted addresses
LOGIN_ADDRESS = PREFIX + "{{login}}:address:{remote}"  # hash n, next: attempts from one address on any name
LOGIN_TRUSTED = PREFIX + "{{login}}:trusted:{name}:{remote}"  # string: this name signed in from this address

# audit ----------------------------------------------------------------------------------------------------
AUDIT = PREFIX + "audit"  # stream: at, actor, action, target, detail
REFUSED_LOGINS = PREFIX + "audit:refused-logins"  # stream, same fields: refused logins, which anyone can cause


def texter_keys(tid: str) -> tuple[str, ...]:
    """Every key of one texter that expires with the retention period."""
    return tuple(template.format(tid=tid) for template in (TEXTER, TRANSCRIPT, CONVERSATION))


class TexterKeys(NamedTuple):
    """The keys of one texter that the webhook touches for every message, each equal to its template's `format`."""

    tag: str  # "hl:{<tid>}:", what every key of the texter starts with
    texter: str
    transcript: str
    conversation: str
    recent: str
    rate: str
    rate_notice: str

    def message(self, sid: str) -> str:
        """MESSAGE for this texter and an inbound MessageSid."""
        return self.tag + _MESSAGE + sid


# What each webhook key adds after a texter's tag, read off its template once: the templates stay the one place a key
# is named, and `of_texter` only joins.
_TAG_TEMPLATE = PREFIX + "{{{tid}}}:"
_TEXTER, _TRANSCRIPT, _CONVERSATION, _RECENT, _RATE, _RATE_NOTICE = (
    template.removeprefix(_TAG_TEMPLATE) for template in (TEXTER, TRANSCRIPT, CONVERSATION, RECENT, RATE, RATE_NOTICE)
)
_MESSAGE = MESSAGE.removeprefix(_TAG_TEMPLATE).removesuffix("{sid}")


@lru_cache(maxsize=4096)
def of_texter(tid: str) -> TexterKeys:
    """The webhook's keys of one texter, made once per texter and kept for the last 4,096 (a texter's message asks
    for them three times: its read, its rate count and its write; and a texter sends several messages).

    Why not the templates' `format`: with the hash tag's doubled braces it cost about 0.5 µs a key on the benchmark's
    machine, and a message named a dozen keys (bench/PROFILE.md, "Twenty-fifth look"); the tag joined with each
    template's own ending costs a fraction of that. tests/test_keys.py checks each against its template."""
    tag = PREFIX + "{" + tid + "}:"
    return TexterKeys(
        tag,
        tag + _TEXTER,
        tag + _TRANSCRIPT,
        tag + _CONVERSATION,
        tag + _RECENT,
        tag + _RATE,
        tag + _RATE_NOTICE,
    )
