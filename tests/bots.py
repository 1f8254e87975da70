"""Machines that text the helpline: an echo bot, an auto-responder, a second helpline, a flood.

Each plays a conversation against a `send(address, body) -> replies` function
(the webhook, signed as Twilio would, answering with TwiML) and counts the SMS
the helpline sent. A bot answers every SMS it gets, as the real ones do, so a
conversation ends only when the helpline stops answering.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

Send = Callable[[str, str], list[str]]


@dataclass
class Conversation:
    rounds: int = 0  # texts the bot sent
    answers: list[str] = field(default_factory=list)  # SMS the helpline sent
    rounds_answered: int = 0  # texts of the bot that got at least one SMS back

    @property
    def answered(self) -> int:
        return len(self.answers)


def echo_bot(send: Send, address: str, first: str, max_rounds: int = 20) -> Conversation:
    """Texts `first`, then sends back every SMS it gets, word for word."""
    conversation = Conversation()
    inbox = [first]
    while inbox and conversation.rounds < max_rounds:
        body = inbox.pop(0)
        conversation.rounds += 1
        replies = send(address, body)
        conversation.answers.extend(replies)
        conversation.rounds_answered += bool(replies)
        inbox.extend(replies)
    return conversation


def auto_responder(send: Send, address: str, reply: str, max_rounds: int = 30) -> Conversation:
    """Answers every SMS it gets with the same text ("Talk to you later, I'm busy")."""
    conversation = Conversation()
    pending = 1  # it starts by answering something we sent
    while pending and conversation.rounds < max_rounds:
        pending -= 1
        conversation.rounds += 1
        replies = send(address, reply)
        conversation.answers.extend(replies)
        conversation.rounds_answered += bool(replies)
        pending += len(replies)
    return conversation


def two_helplines(send_a: Send, address_of_a: str, send_b: Send, address_of_b: str, first: str, max_rounds: int = 20):
    """Helpline A's number texts helpline B once; from then on each answers what the other sent."""
    conversation = Conversation()
    inbox: list[tuple[str, str]] = [("b", first)]  # (who receives, body)
    while inbox and conversation.rounds < max_rounds:
        receiver, body = inbox.pop(0)
        conversation.rounds += 1
        if receiver == "b":
            replies = send_b(address_of_a, body)
            inbox.extend(("a", reply) for reply in replies)
        else:
            replies = send_a(address_of_b, body)
            inbox.extend(("b", reply) for reply in replies)
        conversation.answers.extend(replies)
        conversation.rounds_answered += bool(replies)
    return conversation


def flood(send: Send, address: str, bodies: list[str], workers: int = 8) -> Conversation:
    """Sends every body as fast as `workers` parallel senders can."""
    conversation = Conversation(rounds=len(bodies))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for replies in pool.map(lambda body: send(address, body), bodies):
            conversation.answers.extend(replies)
            conversation.rounds_answered += bool(replies)
    return conversation
