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


def init_app(app: Flask, private_prefixes: tuple[str, ...], connect_sources: Iterable[str] = ()) -> None:
    """Add the headers to every response; `private_prefixes` are the paths never to be cached."""
    policy = content_security_policy(connect_sources)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", f"max-age={HSTS_SECONDS}; includeSubDomains")
        if request.path.startswith(private_prefixes):
            headers["Cache-Control"] = "no-store"
            headers["Pragma"] = "no-cache"
        return response
