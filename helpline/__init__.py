"""helpline: a multilingual SMS/WhatsApp helpline for people who use kratom and those around them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the web app; imported lazily so the pure engine can be used without Flask."""
    from helpline.app import create_app as build

    return build(config)
