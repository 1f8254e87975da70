"""helpline.channels.twilio.signature_is_valid answers as twilio's RequestValidator.validate does, for the URL with
or without its port, forms with repeated or blank parameters, and bad signatures."""

from __future__ import annotations

import random

from twilio.request_validator import RequestValidator
from werkzeug.datastructures import ImmutableMultiDict

from helpline.channels.twilio import signature_is_valid

TOKEN = "test-token"  # noqa: S105 - a test value
URLS = (
    "http://localhost/twilio/inbound",
    "https://example.org/twilio/inbound",
    "https://example.org:443/twilio/inbound?x=1",
    "http://example.org:80/twilio/inbound",
    "http://host:5000/twilio/inbound",
    "https://example.org/twilio/inbound?bodySHA256=abc",
)


def test_same_answers_as_twilios_validator() -> None:
    rng = random.Random(5)
    validator = RequestValidator(TOKEN)
    answers = {True: 0, False: 0}
    for _ in range(2000):
        pairs = [
            (rng.choice(["From", "To", "Body", "MessageSid", "x"]), "".join(rng.choice("ab é+") for _ in range(3)))
            for _ in range(rng.randrange(6))
        ]
        form = ImmutableMultiDict(pairs)
        url, signed_url = rng.choice(URLS), rng.choice(URLS)
        signature = rng.choice(
            [
                validator.compute_signature(signed_url, dict(form)),
                validator.compute_signature(signed_url, form),
                validator.compute_signature(url, dict(form)),
                "",
                "not a signature",
                "é" * 28,
            ]
        )
        expected = bool(signature) and bool(validator.validate(url, dict(form), signature))
        assert signature_is_valid(TOKEN, url, form, signature) is expected, (url, signed_url, pairs, signature)
        answers[expected] += 1
    assert answers[True] > 300 and answers[False] > 300


def test_a_missing_signature_is_refused() -> None:
    assert not signature_is_valid(TOKEN, URLS[0], ImmutableMultiDict(), None)


def test_the_url_form_that_matched_last_is_tried_first_and_the_other_still_counts() -> None:
    """Which of the URL's two forms (without and with its port) is signed first changes no answer: a request signed
    over either is valid, whichever matched the request before it."""
    validator = RequestValidator(TOKEN)
    form = {"From": "+14155550123", "Body": "hello", "MessageSid": "SM1"}
    received = "http://host:5000/twilio/inbound"
    with_port, without_port = received, "http://host/twilio/inbound"
    for signed in (with_port, with_port, without_port, without_port, with_port, without_port):
        assert signature_is_valid(TOKEN, received, form, validator.compute_signature(signed, form))
        assert not signature_is_valid(TOKEN, received, form, validator.compute_signature(signed, {**form, "x": ""}))
        assert not signature_is_valid(TOKEN, received, form, validator.compute_signature(signed, form)[:-1] + "A=")
