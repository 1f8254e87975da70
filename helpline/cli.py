"""The `helpline` command: serve, worker, simulate and the operator tools."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from helpline import channel


@click.group()
def main() -> None:
    """Run and look after a helpline."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int, envvar="PORT")
def serve(host: str, port: int) -> None:
    """Run the helpline for development: embedded Redis unless REDIS_URL is set, phone simulator on."""
    os.environ.setdefault("HELPLINE_ENV", "development")
    from helpline import create_app

    app = create_app()
    click.echo(f"helpline: phone simulator at http://{host}:{port}/simulator")
    app.run(host=host, port=port, threaded=True, use_reloader=False)


@main.command()
def worker() -> None:
    """Run background jobs (outbound messages) from the RQ queue."""
    from helpline.jobs import run_worker

    run_worker()


@main.command()
@click.option("--from", "sender", default="+15555550100", show_default=True, help="The texter's number.")
@click.argument("message", required=False)
def simulate(sender: str, message: str | None) -> None:
    """Text the bot from a terminal: one MESSAGE, or an interactive session when none is given."""
    os.environ.setdefault("HELPLINE_ENV", "development")
    from helpline import create_app

    app = create_app()
    client = app.test_client()
    settings = app.extensions["helpline"]["settings"]

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


@main.command()
@click.option("--from", "sender", default="+15555550100", show_default=True, help="The texter's number.")
@click.option("--on-shift", is_flag=True, help="Answer as if a counselor were on shift.")
@click.argument("text")
def triage(sender: str, on_shift: bool, text: str) -> None:
    """Show how the helpline would read TEXT: emergency verdict, matched phrase, language and the reply."""
    from helpline import triage as triage_module
    from helpline.knowledge import Knowledge

    click.echo(triage_module.explain(text, sender, Knowledge.load(), on_shift=on_shift))


def replies_of(twiml_text: str) -> list[str]:
    """The <Message> texts of a TwiML answer."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(twiml_text)  # noqa: S314 - our own TwiML, not untrusted XML
    return [element.text or "" for element in root.iter("Message")]


def run(args: list[str]) -> Any:  # pragma: no cover - convenience for `python -m helpline.cli`
    return main.main(args=args, standalone_mode=False)


if __name__ == "__main__":  # pragma: no cover
    main()
