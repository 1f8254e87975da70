"""Counselor accounts against a real Redis: validation, login guards, sessions, availability, and the CLI."""

from __future__ import annotations

from typing import Any

import pytest
import redis
from click.testing import CliRunner

from helpline import cli, wiring
from helpline.state import accounts as counselors_module
from helpline.state import keys
from helpline.state.accounts import (
    SESSION_LIFETIME_SECONDS,
    Counselor,
    CounselorError,
    Counselors,
    LoginRefused,
)
from helpline.state.audit import AuditLog
from helpline.state.limits import PAIR, REMOTE
from tests.support import Clock, shared_knowledge

PASSWORD = "correct horse battery"
ADDRESS = "203.0.113.7"


@pytest.fixture
def clock() -> Clock:
    """Moved by hand, so lockouts and sessions expire without sleeping."""
    return Clock(1_800_000_000.0)


@pytest.fixture
def counselors(redis_client: redis.Redis, clock: Clock) -> Counselors:
    return Counselors(redis_client, clock=clock)


def refusal(counselors: Counselors, name: str, password: str, remote: str = ADDRESS) -> LoginRefused:
    with pytest.raises(LoginRefused) as caught:
        counselors.authenticate(name, password, remote)
    return caught.value


# accounts --------------------------------------------------------------------------------------------------


def test_add_stores_a_scrypt_hash_never_the_password(counselors: Counselors, redis_client: redis.Redis) -> None:
    added = counselors.add("ana", "supervisor", PASSWORD)
    assert added == Counselor(name="ana", role="supervisor", disabled=False, available=False)
    assert added.is_supervisor
    assert counselors.get("ana") == added
    stored = redis_client.hgetall("hl:{counselors}:account:ana")
    assert stored["password_hash"].startswith("scrypt:")
    assert PASSWORD not in str(stored)


def test_names_are_lower_case_and_every_key_is_namespaced(counselors: Counselors, redis_client: redis.Redis) -> None:
    assert counselors.add(" Ana ", "counselor", PASSWORD).name == "ana"
    assert counselors.authenticate("ANA", PASSWORD, ADDRESS).name == "ana"
    counselors.start_session("ana")
    keys = list(redis_client.scan_iter("*"))
    assert keys and all(key.startswith("hl:") for key in keys)
    # one slot each: multi-key transactions work on Cluster (accounts, and the login throttle's counters)
    assert all("{counselors}" in key or "{login}" in key for key in keys)


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("a", "counselor", PASSWORD, "invalid name 'a'"),
        ("has space", "counselor", PASSWORD, "invalid name"),
        ("x" * 33, "counselor", PASSWORD, "invalid name"),
        ("zoë", "counselor", PASSWORD, "invalid name"),
        ("ana", "admin", PASSWORD, "invalid role 'admin'"),
        ("ana", "counselor", "short pass1", "password too short: use at least 12 characters"),
        ("ana", "counselor", "x" * 1025, "password too long"),
    ],
)
def test_add_refuses_bad_input_with_a_reason(
    counselors: Counselors, name: str, role: str, password: str, message: str
) -> None:
    with pytest.raises(CounselorError, match=message):
        counselors.add(name, role, password)
    assert counselors.list() == []


def test_add_refuses_a_duplicate(counselors: Counselors) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    with pytest.raises(CounselorError, match="^counselor 'ana' already exists$"):
        counselors.add("ANA", "supervisor", "another password")
    assert counselors.get("ana").role == "counselor"  # type: ignore[union-attr]


def test_list_is_sorted_and_includes_disabled(counselors: Counselors) -> None:
    counselors.add("zoe", "counselor", PASSWORD)
    counselors.add("ana", "supervisor", PASSWORD)
    counselors.disable("zoe")
    assert [(c.name, c.role, c.disabled) for c in counselors.list()] == [
        ("ana", "supervisor", False),
        ("zoe", "counselor", True),
    ]
    assert counselors.get("nobody") is None


# logging in ----------------------------------------------------------------------------------------------


def test_right_password_logs_in_wrong_or_unknown_get_the_same_answer(counselors: Counselors) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    assert counselors.authenticate("ana", PASSWORD, ADDRESS).name == "ana"
    wrong = refusal(counselors, "ana", "not the password")
    unknown = refusal(counselors, "nobody", PASSWORD)
    assert (wrong.code, wrong.reason) == (unknown.code, unknown.reason)
    assert (wrong.code, wrong.reason) == ("bad_credentials", "Wrong name or password.")


def test_unknown_names_still_check_a_hash(counselors: Counselors, monkeypatch: pytest.MonkeyPatch) -> None:
    """Constant-ish time: an unknown name costs a scrypt check like a real one."""
    checked: list[str] = []
    real = counselors_module.check_password_hash

    def spy(stored: str, password: str) -> bool:
        checked.append(stored.split("$")[0])
        return real(stored, password)

    monkeypatch.setattr(counselors_module, "check_password_hash", spy)
    refusal(counselors, "nobody", PASSWORD)
    refusal(counselors, "not a valid name!", PASSWORD)
    assert checked == ["scrypt:32768:8:1", "scrypt:32768:8:1"]


def test_growing_delays_not_a_lock(counselors: Counselors, clock: Clock) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    codes = [refusal(counselors, "ana", f"wrong {i}").code for i in range(PAIR.free + 1)]
    assert codes == ["bad_credentials"] * (PAIR.free + 1)  # the last one already set a one-second delay
    waiting = refusal(counselors, "ana", PASSWORD)  # even the right password waits: it is not checked
    assert (waiting.code, waiting.reason, waiting.retry_after) == (
        "rate_limited",
        "Too many attempts. Try again in 1 second.",
        1,
    )
    clock.advance(1)
    assert refusal(counselors, "ana", "wrong again").code == "bad_credentials"
    assert refusal(counselors, "ana", PASSWORD).retry_after == 2  # the delay doubled
    clock.advance(2)
    assert counselors.authenticate("ana", PASSWORD, ADDRESS).name == "ana"
    assert refusal(counselors, "ana", "typo").code == "bad_credentials"  # success starts the pair afresh


def test_no_password_is_checked_while_waiting(counselors: Counselors, monkeypatch: pytest.MonkeyPatch) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    checked: list[str] = []
    real = counselors_module.check_password_hash

    def spy(stored: str, password: str) -> bool:
        checked.append(password)
        return real(stored, password)

    monkeypatch.setattr(counselors_module, "check_password_hash", spy)
    for number in range(20):
        refusal(counselors, "ana", f"guess {number}")
    assert len(checked) == PAIR.free + 1


def test_a_stranger_failing_on_her_name_does_not_keep_the_counselor_out(counselors: Counselors) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    assert counselors.authenticate("ana", PASSWORD, ADDRESS).name == "ana"  # her usual address
    for number in range(100):
        counselors_refusal = refusal(counselors, "ana", "guess", remote=f"198.51.100.{number}")
        assert counselors_refusal.code in ("bad_credentials", "rate_limited")
    assert refusal(counselors, "ana", PASSWORD, remote="192.0.2.200").code == "rate_limited"  # a new address waits
    assert counselors.authenticate("ana", PASSWORD, ADDRESS).name == "ana"  # hers does not


def test_unknown_names_are_slowed_like_real_ones(counselors: Counselors) -> None:
    codes = [refusal(counselors, "nobody", "wrong").code for _ in range(PAIR.free + 3)]
    assert codes[-2:] == ["rate_limited", "rate_limited"]


def test_one_address_is_slowed_across_names(counselors: Counselors, clock: Clock) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    for i in range(REMOTE.free + 1):  # a sweep: one guess at each of many names
        assert refusal(counselors, f"name{i}", "guess").code == "bad_credentials"
    limited = refusal(counselors, "ana", PASSWORD)
    assert limited.code == "rate_limited" and limited.retry_after == 1
    assert counselors.authenticate("ana", PASSWORD, "198.51.100.1").name == "ana"  # another address is fine
    clock.advance(1)
    assert counselors.authenticate("ana", PASSWORD, ADDRESS).name == "ana"


def test_an_office_signing_in_from_one_address_is_not_slowed(counselors: Counselors) -> None:
    """A whole office behind one NAT address logs in at nine: successes are not guesses."""
    for number in range(REMOTE.free * 2):
        counselors.add(f"counselor{number}", "counselor", PASSWORD)
        assert counselors.authenticate(f"counselor{number}", PASSWORD, ADDRESS).name == f"counselor{number}"


def test_disabled_account(counselors: Counselors, redis_client: redis.Redis) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    counselors.set_available("ana", True)
    counselors.disable("ana")
    assert counselors.get("ana") == Counselor(name="ana", role="counselor", disabled=True, available=False)
    assert not redis_client.sismember(keys.AVAILABLE, "ana")
    disabled = refusal(counselors, "ana", PASSWORD)
    assert (disabled.code, disabled.reason) == ("disabled", "This account is disabled. Ask a supervisor.")
    assert refusal(counselors, "ana", "wrong").code == "bad_credentials"  # no hint without the password
    with pytest.raises(CounselorError, match="no counselor named 'bob'"):
        counselors.disable("bob")


# sessions and availability ---------------------------------------------------------------------------------


def test_sessions_end_on_logout_disable_and_expiry(counselors: Counselors, clock: Clock) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    phone, laptop = counselors.start_session("ana"), counselors.start_session("ana")
    assert phone != laptop
    assert counselors.session_counselor("ana", phone).name == "ana"  # type: ignore[union-attr]
    assert counselors.session_counselor("ana", "forged") is None
    assert counselors.session_counselor("bob", phone) is None
    assert counselors.end_session("ana", phone) is False  # the laptop is still logged in
    assert counselors.session_counselor("ana", phone) is None
    assert counselors.session_counselor("ana", laptop) is not None
    clock.advance(SESSION_LIFETIME_SECONDS)
    assert counselors.session_counselor("ana", laptop) is None
    fresh = counselors.start_session("ana")
    counselors.disable("ana")
    assert counselors.session_counselor("ana", fresh) is None
    late = counselors.start_session("ana")  # a login racing the disable still gets nothing
    assert counselors.session_counselor("ana", late) is None


def test_on_shift_needs_available_and_logged_in(counselors: Counselors, clock: Clock) -> None:
    counselors.add("ana", "counselor", PASSWORD)
    assert counselors.any_available() is False
    counselors.set_available("ana", True)
    assert counselors.get("ana").available  # type: ignore[union-attr]
    assert counselors.any_available() is False  # available, but nobody is logged in
    nonce = counselors.start_session("ana")
    assert counselors.any_available() is True
    counselors.set_available("ana", False)
    assert counselors.any_available() is False
    counselors.set_available("ana", True)
    clock.advance(SESSION_LIFETIME_SECONDS)  # left "available" on, session ran out overnight
    assert counselors.any_available() is False
    assert counselors.end_session("ana", nonce) is True


def test_availability_refused_for_unknown_and_disabled(counselors: Counselors) -> None:
    with pytest.raises(CounselorError, match="no counselor named 'bob'"):
        counselors.set_available("bob", True)
    counselors.add("ana", "counselor", PASSWORD)
    counselors.disable("ana")
    with pytest.raises(CounselorError, match="counselor 'ana' is disabled"):
        counselors.set_available("ana", True)
    assert counselors.any_available() is False


# the CLI -----------------------------------------------------------------------------------------------------


@pytest.fixture
def cli_env(app_config: dict[str, Any]) -> dict[str, Any]:
    # HELPLINE_ENV unset: the CLI defaults to development, as `helpline serve` does
    return {**app_config, "HELPLINE_ENV": None}


def run(cli_env: dict[str, Any], *args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli.main, ["counselor", *args], input=stdin, env=cli_env)


def test_cli_add_list_disable(cli_env: dict[str, Any], redis_client: redis.Redis) -> None:
    added = run(cli_env, "add", "Ana", "--role", "supervisor", stdin=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    assert added.output.strip() == "added supervisor ana"
    assert run(cli_env, "add", "bob", "--password-stdin", stdin=PASSWORD + "\n").exit_code == 0
    accounts = Counselors(redis_client)
    assert accounts.authenticate("ana", PASSWORD, ADDRESS).is_supervisor
    assert accounts.get("bob").role == "counselor"  # type: ignore[union-attr]

    listed = run(cli_env, "list")
    assert listed.exit_code == 0
    assert [line.split() for line in listed.output.splitlines()] == [
        ["ana", "supervisor", "away"],
        ["bob", "counselor", "away"],
    ]

    disabled = run(cli_env, "disable", "bob")
    assert (disabled.exit_code, disabled.output.strip()) == (0, "disabled bob; 0 conversation(s) returned to the queue")
    assert run(cli_env, "list").output.splitlines()[1].split() == ["bob", "counselor", "disabled"]
    with pytest.raises(LoginRefused):
        accounts.authenticate("bob", PASSWORD, ADDRESS)

    actions = [(entry.action, entry.target) for entry in AuditLog(redis_client).recent()]
    assert actions == [("counselor.disable", "bob"), ("counselor.add", "bob"), ("counselor.add", "ana")]
    assert all(entry.actor.startswith("cli") for entry in AuditLog(redis_client).recent())


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["add", "ana"], "short\n", "Error: password too short: use at least 12 characters"),
        (["add", "ana"], "", "Error: password too short"),
        (["add", "a b"], PASSWORD + "\n", "Error: invalid name 'a b'"),
        (["add", "ana", "--role", "admin"], PASSWORD + "\n", "Invalid value for '--role'"),
        (["disable", "nobody"], None, "Error: no counselor named 'nobody'"),
    ],
)
def test_cli_refusals(
    cli_env: dict[str, Any], redis_client: redis.Redis, args: list[str], stdin: str | None, message: str
) -> None:
    result = run(cli_env, *args, stdin=stdin)
    assert result.exit_code != 0
    assert message in result.output
    assert Counselors(redis_client).list() == []


def test_cli_add_refuses_a_duplicate(cli_env: dict[str, Any]) -> None:
    assert run(cli_env, "add", "ana", stdin=PASSWORD + "\n").exit_code == 0
    again = run(cli_env, "add", "ana", stdin="another password\n")
    assert again.exit_code == 1
    assert "Error: counselor 'ana' already exists" in again.output


def test_cli_prompts_twice_on_a_terminal(
    cli_env: dict[str, Any], redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_stdin_is_terminal", lambda: True)
    mismatch = run(cli_env, "add", "ana", stdin=f"{PASSWORD}\nsomething else\n")
    assert mismatch.exit_code != 0
    assert "do not match" in mismatch.output
    assert PASSWORD not in mismatch.output  # hidden input is not echoed
    assert Counselors(redis_client).get("ana") is None
    matched = run(cli_env, "add", "ana", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert matched.exit_code == 0, matched.output
    assert "Repeat for confirmation" in matched.output
    assert Counselors(redis_client).authenticate("ana", PASSWORD, ADDRESS).name == "ana"


def test_cli_disable_returns_held_conversations_to_the_queue(
    cli_env: dict[str, Any], redis_client: redis.Redis
) -> None:
    assert run(cli_env, "add", "bob", stdin=PASSWORD + "\n").exit_code == 0
    config = {k: v for k, v in cli_env.items() if v is not None}
    parts = wiring.build(wiring.load_settings(config), knowledge=shared_knowledge())
    tid = parts.texters.texter_id("+14155550123")
    redis_client.hset(keys.TEXTER.format(tid=tid), mapping={"address": "+14155550123", "channel": "sms"})
    parts.conversations.request_counselor(tid, emergency=False, reason="talk", now=1.0)
    parts.conversations.claim(tid, "bob")
    assert parts.conversations.queue_ids() == []

    disabled = run(cli_env, "disable", "bob")
    assert disabled.output.strip() == "disabled bob; 1 conversation(s) returned to the queue"
    assert parts.conversations.queue_ids() == [tid]
    assert parts.conversations.held_by("bob") == []
