"""The one parser of a texter's address ("+14155550123", "whatsapp:+14155550123").

Everything that needs the channel, the number, the country or the masked form
of an address asks here, so the dashboard's country and the emergency numbers
a texter gets can never disagree again. Bad input never raises: an address we
cannot read has no country and a masked form without digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import phonenumbers
from babel import Locale

Scheme = Literal["sms", "whatsapp"]
WHATSAPP_PREFIX = "whatsapp:"
MASK = "•••• ••"
_ISO_CODE = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Address:
    raw: str
    scheme: Scheme
    number: str  # as given, without the scheme: "+14155550123"
    calling_code: int | None  # 1, 44, 66; None when the number cannot be read
    country: str | None  # ISO 3166 alpha-2, None when unknown

    @property
    def masked(self) -> str:
        """`+1 •••• •• 4567`: the calling code and the last four digits, enough to tell texters apart."""
        digits = "".join(ch for ch in self.number if ch.isdigit())
        prefix = "WhatsApp " if self.scheme == "whatsapp" else ""
        code = f"+{self.calling_code}" if self.calling_code else "+?"
        return f"{prefix}{code} {MASK} {digits[-4:]}" if len(digits) >= 4 else f"{prefix}{code} {MASK}"

    @property
    def country_name(self) -> str:
        return country_name(self.country)


@lru_cache(maxsize=4096)
def parse(raw: str) -> Address:
    """Scheme, number, calling code and country of a Twilio address.

    When phonenumbers does not recognise the exact range (new or test numbers,
    such as UK 07700 900xxx), the calling code's main country is a better guess
    than no country: its emergency number is far more likely to work than 112.
    """
    text = raw.strip() if isinstance(raw, str) else ""
    scheme: Scheme = "whatsapp" if text.startswith(WHATSAPP_PREFIX) else "sms"
    number = text.rpartition(":")[2].strip()
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return Address(raw=text, scheme=scheme, number=number, calling_code=None, country=None)
    calling_code = parsed.country_code or 0
    region = phonenumbers.region_code_for_number(parsed) or phonenumbers.region_code_for_country_code(calling_code)
    # "ZZ" is unknown and "001" a non-geographic code (satellite, +800).
    country = region if region and region != "ZZ" and _ISO_CODE.fullmatch(region) else None
    return Address(raw=text, scheme=scheme, number=number, calling_code=calling_code or None, country=country)


def country_of(raw: str) -> str | None:
    return parse(raw).country


def mask(raw: str) -> str:
    return parse(raw).masked


def country_name(region: str | None) -> str:
    """The English name of a country code, "unknown" for none."""
    return str(Locale("en").territories.get(region, region)) if region else "unknown"


def sender_for(to: str, number: str) -> str:
    """Our number in the form the recipient's channel needs (WhatsApp messages go from "whatsapp:+1...")."""
    if to.startswith(WHATSAPP_PREFIX) and not number.startswith(WHATSAPP_PREFIX):
        return WHATSAPP_PREFIX + number
    return number
