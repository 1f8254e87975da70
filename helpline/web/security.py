"""Security headers on every response, and no caching of pages that show a texter.

The dashboard shows transcripts and (to supervisors) full phone numbers. So:
- a strict Content-Security-Policy: scripts, styles, fonts, images and
  connections from our own origin only (the templates have no inline script
  or style; the JSON data blocks are not executed), no plugins, no <base>
  tricks, forms posting only to us, and no framing by anyone (with
  X-Frame-Options for old browsers): a page on another port framed the
  logged-in conversation with its buttons;
- nosniff, so an uploaded or echoed text is never run as script;
- Referrer-Policy: no URL (they carry conversation ids) leaks to another site;
- HSTS when the request came over https (directly or via a trusted proxy):
  browsers then never try http for the dashboard again;
- Cache-Control: no-store on every page behind the login, the event stream and
  the simulator: a shared or stolen computer's cache holds no transcript or number.
Twilio's webhooks get the same headers; they are harmless there.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, request

HSTS_SECONDS = 365 * 24 * 3600


def content_security_policy(connect_sources: Iterable[str] = ()) -> str:
    connect = " ".join(["'self'", *connect_sources])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "media-src 'self'",
            "font-src 'self'",
            f"connect-src {connect}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def headers_for(connect_sources: Iterable[str] = ()) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The headers every response gets (name, value): over http, and over https (with HSTS). The webhook's fast
    path (helpline.web.fast_inbound) sends the same ones without Flask."""
    plain = [
        ("Content-Security-Policy", content_security_policy(connect_sources)),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    return plain, plain + [("Strict-Transport-Security", f"max-age={HSTS_SECONDS}; includeSubDomains")]


def init_app(app: Flask, private_prefixes: tuple[str, ...], connect_sources: Iterable[str] = ()) -> None:
    """Add the headers to every response; `private_prefixes` are the paths never to be cached.

    Each header is set only when the response has none of that name (as `setdefault` would), checked in one pass
    over the response's headers: five `setdefault` calls walked them five times, a measurable share of a webhook."""
    plain, secure = headers_for(connect_sources)
    defaults, secure_defaults = _lowered(plain), _lowered(secure)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        present = {name.lower() for name, _ in headers.items()}
        for lowered, name, value in secure_defaults if request.is_secure else defaults:
            if lowered not in present:
                headers.add(name, value)
        if request.path.startswith(private_prefixes):
            headers["Cache-Control"] = "no-store"
            headers["Pragma"] = "no-cache"
        return response


def _lowered(pairs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [(name.lower(), name, value) for name, value in pairs]
