"""Two-factor sign-in with time-based one-time codes (RFC 6238), as authenticator apps do them.

pyotp makes and checks the codes; segno draws the enrolment QR code as SVG,
shown as a data: image (the dashboard's CSP allows no other origin). A code is
accepted one step either side of now (phones' clocks drift), and never twice:
the caller stores the last step used and passes it back, so a code read over
a counselor's shoulder is worthless once she has used it.
"""

from __future__ import annotations

import base64
import io
import time

import pyotp
import segno

ISSUER = "Kratom Helpline"
STEP_SECONDS = 30
DRIFT_STEPS = 1


def new_secret() -> str:
    return pyotp.random_base32()


def enrolment_uri(secret: str, name: str, issuer: str = ISSUER) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=issuer)


def qr_data_uri(uri: str) -> str:
    """The QR code of `uri` as a data:image/svg+xml URI for an <img>."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def accepted_step(secret: str, code: str, last_step: int | None, now: float | None = None) -> int | None:
    """The time step `code` belongs to when it is valid and newer than `last_step`, else None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    at = time.time() if now is None else now
    current = int(at // STEP_SECONDS)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if last_step is not None and step <= last_step:
            continue
        if pyotp.utils.strings_equal(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def code_at(secret: str, at: float) -> str:
    """The code an authenticator shows at `at` (for tests and the enrolment check)."""
    return pyotp.TOTP(secret).at(at)
