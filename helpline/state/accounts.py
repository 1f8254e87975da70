"""Counselor accounts: who may log in, with which role, and who is on shift.

Plain Python over Redis, no Flask: the CLI, the web layer and the service all
use the same rules. Passwords are hashed with werkzeug's scrypt (a current,
memory-hard KDF); we never write our own.

Guessing is slowed by growing delays (helpline.state.limits.LoginThrottle),
counted before the password is checked, per name and address, per name and per
address; never a hard lock, and an address the counselor signed in from before
is not slowed by strangers failing on her name elsewhere. Unknown names are
hashed exactly like real ones, so neither the answer nor its timing tells an
attacker which names exist.

A login is a random nonce kept server-side with its expiry. The browser's
signed cookie holds only the name and that nonce, so logout and `disable`
end a session at once, which a signed cookie alone could not do.

All account keys (helpline.state.keys) share the hash tag `{counselors}`: a team is a few dozen
people, and one slot lets add/disable/availability change several keys in one
transaction on Redis Cluster too.
"""

from __future__ import annotations

import builtins
import math
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import redis
from werkzeug.security import check_password_hash, generate_password_hash

from helpline import offload, totp
from helpline.state import keys
from helpline.state.events import EventKind, Events
from helpline.state.limits import LoginThrottle
from helpline.state.redis import text, text_map
from helpline.state.scripts import Batch, Lua

ROLES = ("counselor", "supervisor")
NAME_PATTERN = re.compile(r"[a-z0-9._-]{2,32}")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing megabytes of "password" would be a cheap denial of service
PASSWORD_METHOD = "scrypt"  # noqa: S105 - the name of the KDF, not a password

SESSION_LIFETIME_SECONDS = 12 * 3600  # one long shift; the cookie lifetime matches it

# KEYS[1] account; ARGV[1] a code's time step. 1 (and stored) when newer than the last step used.
_NEWER_STEP = """
local last = tonumber(redis.call('HGET', KEYS[1], 'totp_step') or '-1')
if tonumber(ARGV[1]) <= last then return 0 end
redis.call('HSET', KEYS[1], 'totp_step', ARGV[1])
return 1
"""


class CounselorError(ValueError):
    """An account operation that cannot be done; the message is one line for the operator."""


class LoginRefused(Exception):
    """A login that did not succeed. `reason` is shown to the person logging in; `code` goes to the audit log."""

    def __init__(self, reason: str, code: str, retry_after: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.code = code  # "bad_credentials", "locked", "rate_limited" or "disabled"
        self.retry_after = retry_after


@dataclass(frozen=True)
class Counselor:
    name: str
    role: Literal["counselor", "supervisor"]
    disabled: bool
    available: bool
    two_factor: bool = False  # signs in with an authenticator code too (helpline.totp)

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def normalize_name(name: str) -> str:
    """Names are compared lower-case, so "Ana" at the login form is the account "ana"."""
    return name.strip().lower()


@cache
def _dummy_hash() -> str:
    """A hash to check unknown names against, so they cost the same time as real ones."""
    return generate_password_hash(secrets.token_urlsafe(16), method=PASSWORD_METHOD)


def _minutes(seconds: float) -> str:
    """Whole minutes, rounded up: "1 minute", "15 minutes"."""
    minutes = max(1, int(-(-seconds // 60)))
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


# KEYS[1] the available set, KEYS[2] presence; ARGV: now, present since ('' = no presence check). 1 when a name in
# the set has a live session (and a dashboard open since ARGV[2]). The sessions' key prefix is written into the source.
# The session and presence keys share the set's hash tag {counselors}, so this stays in one slot on a cluster too.
_ANY_AVAILABLE = (
    f"local SESSIONS = {keys.SESSIONS.format(name='')!r}\n"
    + """
for _, name in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('ZCOUNT', SESSIONS .. name, '(' .. ARGV[1], '+inf') > 0 then
    if ARGV[2] == '' then return 1 end
    local seen = redis.call('ZSCORE', KEYS[2], name)
    if seen and tonumber(seen) > tonumber(ARGV[2]) then return 1 end
  end
end
return 0
"""
)


class Counselors:
    def __init__(
        self,
        client: redis.Redis,
        clock: Callable[[], float] = time.time,
        session_lifetime: int = SESSION_LIFETIME_SECONDS,
        events: Events | None = None,
        presence_seconds: float | None = None,
    ):
        self.redis = client
        # With a window, "available" also needs a dashboard open within it (helpline.state.presence).
        self.presence_seconds = presence_seconds
        self.events = events or Events(client)
        self.clock = clock
        self.session_lifetime = session_lifetime
        self.throttle = LoginThrottle(client, clock=lambda: self.clock())
        self._newer_step = Lua(client, _NEWER_STEP)
        self._any_available = Lua(client, _ANY_AVAILABLE)

    # accounts -------------------------------------------------------------------
    def add(self, name: str, role: str, password: str) -> Counselor:
        name = normalize_name(name)
        if not NAME_PATTERN.fullmatch(name):
            raise CounselorError(f"invalid name {name!r}: use 2 to 32 of a-z, 0-9, '.', '_' and '-'")
        if role not in ROLES:
            raise CounselorError(f"invalid role {role!r}: use counselor or supervisor")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise CounselorError(f"password too short: use at least {MIN_PASSWORD_LENGTH} characters")
        if len(password) > MAX_PASSWORD_LENGTH:
            raise CounselorError(f"password too long: use at most {MAX_PASSWORD_LENGTH} characters")
        fields = {
            "role": role,
            "password_hash": generate_password_hash(password, method=PASSWORD_METHOD),
            "disabled": "0",
            "created_at": repr(self.clock()),
        }
        key = keys.ACCOUNT.format(name=name)
        with self.redis.pipeline() as pipe:
            try:
                pipe.watch(key)
                if pipe.exists(key):
                    raise CounselorError(f"counselor {name!r} already exists")
                pipe.multi()
                pipe.hset(key, mapping=dict(fields))  # type: ignore[arg-type]  # redis-py's dict type is invariant
                pipe.sadd(keys.NAMES, name)
                pipe.execute()
            except redis.WatchError:
                raise CounselorError(f"counselor {name!r} already exists") from None
        return _counselor(name, fields, available=False)

    def get(self, name: str) -> Counselor | None:
        name = normalize_name(name)
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.hgetall(keys.ACCOUNT.format(name=name))
            pipe.sismember(keys.AVAILABLE, name)
            fields, available = pipe.execute()
        return _counselor(name, fields, bool(available)) if fields else None

    def list(self) -> list[Counselor]:
        names = sorted(self.redis.smembers(keys.NAMES))
        with self.redis.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.hgetall(keys.ACCOUNT.format(name=name))
            pipe.smembers(keys.AVAILABLE)
            *accounts, available = pipe.execute()
        pairs = zip(names, accounts, strict=True)
        return [_counselor(text(name), text_map(fields), name in available) for name, fields in pairs if fields]

    def disable(self, name: str) -> None:
        """Lock the account for good: no login, every session ends, no longer available."""
        name = normalize_name(name)
        key = keys.ACCOUNT.format(name=name)
        if not self.redis.exists(key):
            raise CounselorError(f"no counselor named {name!r}")
        with self.redis.pipeline() as pipe:
            pipe.hset(key, "disabled", "1")
            pipe.srem(keys.AVAILABLE, name)
            pipe.delete(keys.SESSIONS.format(name=name))
            pipe.execute()

    # on shift -------------------------------------------------------------------
    def set_available(self, name: str, available: bool) -> None:
        name = normalize_name(name)
        key = keys.ACCOUNT.format(name=name)
        with self.redis.pipeline() as pipe:
            try:
                pipe.watch(key)  # a disable in between must win
                disabled = pipe.hget(key, "disabled")
                if disabled is None:
                    raise CounselorError(f"no counselor named {name!r}")
                if available and disabled == "1":
                    raise CounselorError(f"counselor {name!r} is disabled")
                pipe.multi()
                if available:
                    pipe.sadd(keys.AVAILABLE, name)
                else:
                    pipe.srem(keys.AVAILABLE, name)
                pipe.execute()
            except redis.WatchError:
                raise CounselorError(f"counselor {name!r} changed meanwhile; try again") from None
        self.events.publish(EventKind.AVAILABILITY, counselor=name, available=available)

    def queue_any_available(self, batch: Batch) -> Callable[[builtins.list[Any]], bool]:
        """`any_available` as one script queued in a batch (the webhook's read round trip); returns its reader."""
        now = self.clock()
        since = "" if self.presence_seconds is None else repr(now - self.presence_seconds)
        index = batch.run(self._any_available, [keys.AVAILABLE, keys.PRESENCE], [repr(now), since])
        return lambda results: int(results[index]) == 1

    def any_available(self) -> bool:
        """True when someone marked available is logged in right now.

        A live session is required as well as the flag: a counselor who left
        "available" on and whose session ran out overnight must not make the
        bot promise texters that someone will answer. So is presence, when the
        window is set: a dashboard of theirs open within it. Closing the browser
        without logging out leaves the session alive; presence notices in a minute.
        """
        batch = Batch(self.redis)  # the webhook's script, run alone: one rule, written once
        read = self.queue_any_available(batch)
        return read(batch.execute())

    # logging in -------------------------------------------------------------------
    def authenticate(self, name: str, password: str, remote: str, code: str | None = None) -> Counselor:
        """The counselor for a correct name and password; LoginRefused with a reason otherwise."""
        name = normalize_name(name)[:64]
        wait = self.throttle.attempt(name, remote)  # counted before the password is checked
        if wait > 0:
            raise LoginRefused(
                f"Too many attempts. Try again in {_seconds(wait)}.", "rate_limited", retry_after=math.ceil(wait)
            )
        account = text_map(self.redis.hgetall(keys.ACCOUNT.format(name=name))) if NAME_PATTERN.fullmatch(name) else {}
        stored_hash = account.get("password_hash") or _dummy_hash()
        correct = len(password) <= MAX_PASSWORD_LENGTH and offload.run(check_password_hash, stored_hash, password)
        if not (account and correct):
            raise LoginRefused("Wrong name or password.", "bad_credentials")
        if account.get("disabled") == "1":
            raise LoginRefused("This account is disabled. Ask a supervisor.", "disabled")
        if account.get("totp") and not self._code_accepted(name, account["totp"], code):
            raise LoginRefused("Enter the current 6-digit code from your authenticator app.", "bad_credentials")
        self.throttle.succeeded(name, remote)
        return _counselor(name, account, bool(self.redis.sismember(keys.AVAILABLE, name)))

    # two-factor sign-in ----------------------------------------------------------
    def start_two_factor(self, name: str) -> str:
        """A new authenticator secret for `name`, kept pending until a code from it is confirmed."""
        secret = totp.new_secret()
        self.redis.hset(keys.ACCOUNT.format(name=name), "totp_pending", secret)
        return secret

    def pending_two_factor(self, name: str) -> str | None:
        return text(self.redis.hget(keys.ACCOUNT.format(name=name), "totp_pending")) or None

    def confirm_two_factor(self, name: str, code: str) -> bool:
        """Turn two-factor sign-in on when `code` comes from the pending secret (the QR code was read)."""
        key = keys.ACCOUNT.format(name=name)
        secret = self.pending_two_factor(name)
        step = totp.accepted_step(secret, code, None, self.clock()) if secret else None
        if step is None:
            return False
        self.redis.hset(key, mapping={"totp": secret or "", "totp_step": step})
        self.redis.hdel(key, "totp_pending")
        return True

    def _code_accepted(self, name: str, secret: str, code: str | None) -> bool:
        """A valid code newer than the last one used; recorded atomically, so a code works once."""
        key = keys.ACCOUNT.format(name=name)
        last = text(self.redis.hget(key, "totp_step"))
        step = totp.accepted_step(secret, code or "", int(last) if last else None, self.clock())
        return step is not None and int(self._newer_step([key], [step])) == 1

    # sessions ------------------------------------------------------------------
    def start_session(self, name: str) -> str:
        """A new login nonce for `name`, valid for the session lifetime."""
        name = normalize_name(name)
        nonce = secrets.token_urlsafe(24)
        now = self.clock()
        key = keys.SESSIONS.format(name=name)
        with self.redis.pipeline() as pipe:
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.zadd(key, {nonce: now + self.session_lifetime})
            pipe.expire(key, self.session_lifetime + 60)
            pipe.execute()
        return nonce

    def session_counselor(self, name: str, nonce: str) -> Counselor | None:
        """The counselor of a live, enabled session; None when it ended, expired or the account is disabled."""
        name = normalize_name(name)
        with self.redis.pipeline(transaction=False) as pipe:
            pipe.hgetall(keys.ACCOUNT.format(name=name))
            pipe.zscore(keys.SESSIONS.format(name=name), nonce)
            pipe.sismember(keys.AVAILABLE, name)
            fields, expires_at, available = pipe.execute()
        if not fields or fields.get("disabled") == "1" or expires_at is None or expires_at <= self.clock():
            return None
        return _counselor(name, fields, bool(available))

    def end_session(self, name: str, nonce: str) -> bool:
        """End one login; True when the counselor has no other live session left."""
        name = normalize_name(name)
        key = keys.SESSIONS.format(name=name)
        with self.redis.pipeline() as pipe:
            pipe.zrem(key, nonce)
            pipe.zcount(key, f"({self.clock()!r}", "+inf")
            _, others = pipe.execute()
        return int(others) == 0


def _counselor(name: str, fields: dict[str, str], available: bool) -> Counselor:
    role = fields.get("role", "counselor")
    return Counselor(
        name=name,
        role="supervisor" if role == "supervisor" else "counselor",
        disabled=fields.get("disabled") == "1",
        available=available and fields.get("disabled") != "1",
        two_factor=bool(fields.get("totp")),
    )


def _seconds(wait: float) -> str:
    seconds = math.ceil(wait)
    return "1 second" if seconds == 1 else (f"{seconds} seconds" if seconds < 120 else _minutes(wait))
