"""Counselor accounts: who may log in, with which role, and who is on shift.

Plain Python over Redis, no Flask: the CLI, the web layer and the service all
use the same rules. Passwords are hashed with werkzeug's scrypt (a current,
memory-hard KDF); we never write our own.

Logins are guarded twice, because one guard alone leaves a gap: an account
locks after LOCKOUT_FAILURES failed attempts (so one name cannot be
brute-forced from many addresses), and each remote address may fail
REMOTE_FAILURES times per window (so one address cannot sweep many names).
Unknown names are locked and hashed exactly like real ones, so neither the
answer nor its timing tells an attacker which names exist.

A login is a random nonce kept server-side with its expiry. The browser's
signed cookie holds only the name and that nonce, so logout and `disable`
end a session at once, which a signed cookie alone could not do.

All account keys (helpline.state.keys) share the hash tag `{counselors}`: a team is a few dozen
people, and one slot lets add/disable/availability change several keys in one
transaction on Redis Cluster too.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

import redis
from werkzeug.security import check_password_hash, generate_password_hash

from helpline import offload
from helpline.state import keys
from helpline.state.events import EventKind, Events

ROLES = ("counselor", "supervisor")
NAME_PATTERN = re.compile(r"[a-z0-9._-]{2,32}")
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing megabytes of "password" would be a cheap denial of service
PASSWORD_METHOD = "scrypt"  # noqa: S105 - the name of the KDF, not a password

LOCKOUT_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
FAILURE_WINDOW_SECONDS = 15 * 60  # failures older than this no longer count towards a lockout
REMOTE_FAILURES = 20  # failures only: a whole office behind one NAT address may log in at 9:00
REMOTE_WINDOW_SECONDS = 10 * 60
SESSION_LIFETIME_SECONDS = 12 * 3600  # one long shift; the cookie lifetime matches it

# Count one failed login and lock the account on the limit, atomically (parallel guesses must all count).
# KEYS[1] failures hash; ARGV: now, window, limit, locked_until if this failure locks, ttl in ms.
_RECORD_FAILURE = """
local now = tonumber(ARGV[1])
local first = tonumber(redis.call('HGET', KEYS[1], 'first') or ARGV[1])
local locked = tonumber(redis.call('HGET', KEYS[1], 'locked_until') or '0')
if (locked > 0 and now >= locked) or (now - first >= tonumber(ARGV[2])) then
  redis.call('DEL', KEYS[1])
end
redis.call('HSETNX', KEYS[1], 'first', ARGV[1])
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
if failures >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'locked_until', ARGV[4])
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return failures
"""

# Count one failure from an address in the current window; the key outlives its window a little.
_COUNT_REMOTE_FAILURE = """
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return failures
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
        self._record_failure = client.register_script(_RECORD_FAILURE)
        self._count_remote_failure = client.register_script(_COUNT_REMOTE_FAILURE)

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
                pipe.hset(key, mapping=fields)
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
        return [_counselor(name, fields, name in available) for name, fields in pairs if fields]

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

    def any_available(self) -> bool:
        """True when someone marked available is logged in right now.

        A live session is required as well as the flag: a counselor who left
        "available" on and whose session ran out overnight must not make the
        bot promise texters that someone will answer. So is presence, when the
        window is set: a dashboard of theirs open within it. Closing the browser
        without logging out leaves the session alive; presence notices in a minute.
        """
        names = list(self.redis.smembers(keys.AVAILABLE))
        if not names:
            return False
        now = self.clock()
        with self.redis.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.zcount(keys.SESSIONS.format(name=name), f"({now!r}", "+inf")
                pipe.zscore(keys.PRESENCE, name)
            results = pipe.execute()
        since = now - self.presence_seconds if self.presence_seconds is not None else None
        return any(
            count > 0 and (since is None or (seen is not None and float(seen) > since))
            for count, seen in zip(results[0::2], results[1::2], strict=True)
        )

    # logging in -------------------------------------------------------------------
    def authenticate(self, name: str, password: str, remote: str) -> Counselor:
        """The counselor for a correct name and password; LoginRefused with a reason otherwise."""
        name = normalize_name(name)[:64]
        now = self.clock()
        remote_key = _remote_key(remote, now)
        self._check_remote(remote_key, now)
        failures_key = keys.LOGIN_FAILURES.format(name=name)
        locked_until = float(self.redis.hget(failures_key, "locked_until") or 0)
        if locked_until > now:
            raise _locked(locked_until - now)
        account = self.redis.hgetall(keys.ACCOUNT.format(name=name)) if NAME_PATTERN.fullmatch(name) else {}
        stored_hash = account.get("password_hash") or _dummy_hash()
        correct = len(password) <= MAX_PASSWORD_LENGTH and offload.run(check_password_hash, stored_hash, password)
        if not (account and correct):
            raise self._failed(failures_key, remote_key, now)
        if account.get("disabled") == "1":
            raise LoginRefused("This account is disabled. Ask a supervisor.", "disabled")
        self.redis.delete(failures_key)
        return _counselor(name, account, bool(self.redis.sismember(keys.AVAILABLE, name)))

    def _check_remote(self, remote_key: str, now: float) -> None:
        if int(self.redis.get(remote_key) or 0) >= REMOTE_FAILURES:
            wait = (int(now // REMOTE_WINDOW_SECONDS) + 1) * REMOTE_WINDOW_SECONDS - now
            raise LoginRefused(
                f"Too many failed logins from your address. Try again in {_minutes(wait)}.",
                "rate_limited",
                retry_after=int(wait) + 1,
            )

    def _failed(self, failures_key: str, remote_key: str, now: float) -> LoginRefused:
        self._count_remote_failure(keys=[remote_key], args=[(REMOTE_WINDOW_SECONDS + 60) * 1000])
        ttl_ms = (FAILURE_WINDOW_SECONDS + LOCKOUT_SECONDS) * 1000
        failures = int(
            self._record_failure(
                keys=[failures_key],
                args=[repr(now), FAILURE_WINDOW_SECONDS, LOCKOUT_FAILURES, repr(now + LOCKOUT_SECONDS), ttl_ms],
            )
        )
        if failures >= LOCKOUT_FAILURES:
            return _locked(LOCKOUT_SECONDS)
        left = LOCKOUT_FAILURES - failures
        warning = "" if left > 2 else (
            f" {left} more failed attempt{'s' if left > 1 else ''} will lock the account"
            f" for {LOCKOUT_SECONDS // 60} minutes."
        )
        return LoginRefused("Wrong name or password." + warning, "bad_credentials")

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
    )


def _remote_key(remote: str, now: float) -> str:
    return keys.LOGIN_REMOTE.format(remote=(remote or "unknown")[:64], window=int(now // REMOTE_WINDOW_SECONDS))


def _locked(seconds: float) -> LoginRefused:
    return LoginRefused(
        f"Too many failed attempts: this account is locked. Try again in {_minutes(seconds)}.",
        "locked",
        retry_after=int(seconds) + 1,
    )
