"""The `helpline` command: serve, worker, simulate and the operator tools."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from helpline.channels import twilio as channel


@click.group()
def main() -> None:
    """Run and look after a helpline."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int, envvar="PORT")
@click.option("--no-worker", is_flag=True, help="Do not start the worker (when one runs elsewhere).")
def serve(host: str, port: int, no_worker: bool) -> None:
    """Run the helpline for development: embedded Redis unless REDIS_URL is set, phone simulator on, and the
    worker that sends counselor replies as a supervised child process. Ctrl+C or SIGTERM stops all of it."""
    os.environ.setdefault("HELPLINE_ENV", "development")
    from helpline import create_app, devserver
    from helpline.app import services_of

    app = create_app()
    click.echo(f"helpline: phone simulator at http://{host}:{port}/simulator")
    worker = "not started (--no-worker)" if no_worker else "started: counselor replies are sent"
    click.echo(f"helpline: dashboard at http://{host}:{port}/dashboard; worker {worker}")
    services = services_of(app)
    if not services.counselors.list():
        click.echo("helpline: no counselor yet; to log in to the dashboard, add one from another terminal:")
        click.echo("  .venv/bin/helpline counselor add ana --role supervisor")
    devserver.run(services, app, host, port, with_worker=not no_worker)


@main.command()
def worker() -> None:
    """Send counselor replies and overdue notices (RQ queue "helpline"); sweep for overdue conversations.

    Without REDIS_URL it attaches to the embedded Redis of `helpline serve` started in the same folder, and
    runs in development mode like serve (replies then reach the phone simulator when Twilio is not set up).
    """
    if not os.environ.get("REDIS_URL"):
        os.environ.setdefault("HELPLINE_ENV", "development")
    from helpline.worker import run_worker

    run_worker()


@main.command()
@click.option("--from", "sender", default="+15555550100", show_default=True, help="The texter's number.")
@click.argument("message", required=False)
def simulate(sender: str, message: str | None) -> None:
    """Text the bot from a terminal: one MESSAGE, or an interactive session when none is given."""
    from helpline import create_app

    # Passed as config, not set in os.environ: a caller's environment (a test run) must not change under it.
    app = create_app({"HELPLINE_ENV": os.environ.get("HELPLINE_ENV") or "development"})
    client = app.test_client()
    from helpline.app import services_of

    settings = services_of(app).settings

    def text(body: str) -> list[str]:
        form = {"MessageSid": "SMcli" + os.urandom(12).hex(), "From": sender, "To": "+15555550000", "Body": body}
        url = "http://localhost/twilio/inbound"
        signature = channel.sign(
            settings.twilio_auth_token, channel.signed_url(url, "/twilio/inbound", settings.public_url), form
        )
        response = client.post("/twilio/inbound", data=form, headers={channel.SIGNATURE_HEADER: signature})
        return replies_of(response.get_data(as_text=True))

    if message is not None:
        for reply in text(message):
            click.echo(reply)
        return
    click.echo(f"Texting as {sender}. Ctrl-D to stop.")
    for line in sys.stdin:
        for reply in text(line.rstrip("\n")) or ["(no reply)"]:
            click.echo(f"< {reply}")


@main.group()
def catalog() -> None:
    """Translation catalogs."""


@catalog.command("check")
def catalog_check() -> None:
    """Fail when a language misses a message, breaks a placeholder or a reply exceeds its SMS budget."""
    from helpline import catalog_check as checker
    from helpline.catalogs import LOCALE_DIR
    from helpline.content import MESSAGES_DIR

    raise SystemExit(checker.run(MESSAGES_DIR, LOCALE_DIR))


@catalog.command("optout-texts")
@click.option("--country", default=None, help="Sender country (ISO code, e.g. US) whose emergency number to fill in.")
def catalog_optout_texts(country: str | None) -> None:
    """Print per language the STOP, START and HELP texts to paste into Twilio's Advanced Opt-Out."""
    from helpline import catalog_tools
    from helpline.knowledge import Knowledge

    knowledge = Knowledge.load()
    iso = country.upper() if country else None
    if iso is not None and iso not in knowledge.directory.countries:
        raise click.ClickException(f"{iso}: not in messages/crisis-lines.toml")
    texts = catalog_tools.optout_texts(knowledge.catalogs, knowledge.directory, iso)
    for line in catalog_tools.format_optout_texts(texts, iso):
        click.echo(line)


@catalog.command("review")
@click.argument("language")
@click.option("--country", default=None, help="Fill numbers for this country (ISO code); default: unlisted country.")
def catalog_review(language: str, country: str | None) -> None:
    """Print every entry of LANGUAGE beside its English source, with SMS segments, for a native reviewer."""
    from helpline import catalog_tools
    from helpline.catalog_check import review_status
    from helpline.catalogs import discover
    from helpline.knowledge import Knowledge

    knowledge = Knowledge.load()
    if language not in knowledge.catalogs.codes:
        raise click.ClickException(f"{language}: no catalog; languages: {', '.join(knowledge.catalogs.codes)}")
    path = discover().get(language)
    rows = catalog_tools.review_rows(knowledge.catalogs, knowledge.directory, language, country and country.upper())
    for line in catalog_tools.format_review(rows, language, review_status(path) if path else "source"):
        click.echo(line)


@main.command()
@click.option("--from", "sender", default="+15555550100", show_default=True, help="The texter's number.")
@click.option("--on-shift", is_flag=True, help="Answer as if a counselor were on shift.")
@click.option("--earlier", multiple=True, help="An earlier message of the conversation (repeat, oldest first).")
@click.argument("text")
def triage(sender: str, on_shift: bool, earlier: tuple[str, ...], text: str) -> None:
    """Show how the helpline would read TEXT: tier, what matched, the context read, the model's score, the reply."""
    from helpline import triage as triage_module
    from helpline.knowledge import Knowledge

    click.echo(triage_module.explain(text, sender, Knowledge.load(), on_shift=on_shift, earlier=earlier))


@main.group()
def counselor() -> None:
    """Counselor accounts. Uses REDIS_URL, or the embedded Redis under ./instance like `helpline serve`."""


@counselor.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["counselor", "supervisor"]), default="counselor", show_default=True)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin (implied when piped)."
)
def counselor_add(name: str, role: str, password_stdin: bool) -> None:
    """Add counselor NAME; the password is asked twice, hidden, or read from stdin."""
    if password_stdin or not _stdin_is_terminal():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    counselors, audit = _accounts()
    from helpline.state.accounts import CounselorError

    try:
        added = counselors.add(name, role, password)
    except CounselorError as error:
        raise click.ClickException(str(error)) from None
    audit.record(_operator(), "counselor.add", added.name, added.role)
    click.echo(f"added {added.role} {added.name}")


@counselor.command("list")
def counselor_list() -> None:
    """List counselors: name, role, and available, away or disabled."""
    counselors, _ = _accounts()
    if not counselors.list():
        click.echo("no counselors yet: helpline counselor add NAME [--role supervisor]")
    for each in counselors.list():
        status = "disabled" if each.disabled else "available" if each.available else "away"
        click.echo(f"{each.name:<32} {each.role:<10} {status}")


@counselor.command("disable")
@click.argument("name")
def counselor_disable(name: str) -> None:
    """Disable counselor NAME: no more logins, their open sessions end now, their conversations go back to the queue."""
    services = _services()
    counselors, audit = services.counselors, services.audit
    from helpline.state.accounts import CounselorError

    try:
        counselors.disable(name)
    except CounselorError as error:
        raise click.ClickException(str(error)) from None
    name = name.strip().lower()
    returned = services.conversations.return_all(name)
    audit.record(_operator(), "counselor.disable", name, f"{len(returned)} conversation(s) returned to the queue")
    click.echo(f"disabled {name}; {len(returned)} conversation(s) returned to the queue")


@main.group()
def texter() -> None:
    """What the helpline keeps about one texter: export it, or forget it (both audited)."""


@texter.command("export")
@click.argument("number")
def texter_export(number: str) -> None:
    """Print everything kept about NUMBER ("+14155550123" or "whatsapp:+14155550123") as JSON."""
    import json

    from helpline import privacy

    services = _services()
    found = privacy.export(services.texters, number)
    services.audit.record(_operator(), "texter.export", found["texter_id"], f"{len(found['keys'])} keys")
    click.echo(json.dumps(found, ensure_ascii=False, indent=2, default=str))


@texter.command("forget")
@click.argument("number")
def texter_forget(number: str) -> None:
    """Delete everything kept about NUMBER: texter, transcripts, notes, deliveries, queue entries."""
    from helpline import privacy

    services = _services()
    tid = services.texters.texter_id(number)
    removed = privacy.forget(services.texters, services.audit, services.events, tid, actor=_operator())
    click.echo(f"forgot texter {tid}: {removed} key(s) deleted")


def _accounts() -> tuple[Any, Any]:
    """The Counselors and AuditLog of the app the environment describes (development when HELPLINE_ENV is unset)."""
    services = _services()
    return services.counselors, services.audit


def _services() -> Any:
    """The services the environment describes, built without the web app (no blueprints, no phrase index)."""
    from helpline.wiring import from_cli_environment

    return from_cli_environment()


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _operator() -> str:
    """The audit actor for CLI changes: the operating-system user who ran the command."""
    import getpass

    try:
        return "cli:" + getpass.getuser()
    except (OSError, KeyError):
        return "cli"


def replies_of(twiml_text: str) -> list[str]:
    """The <Message> texts of a TwiML answer."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(twiml_text)  # noqa: S314 - our own TwiML, not untrusted XML
    return [element.text or "" for element in root.iter("Message")]


def run(args: list[str]) -> Any:  # pragma: no cover - convenience for `python -m helpline.cli`
    return main.main(args=args, standalone_mode=False)


if __name__ == "__main__":  # pragma: no cover
    main()
