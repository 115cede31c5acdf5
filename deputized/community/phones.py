"""Phone numbers as links: the one place a hotline's number becomes a `tel:` URI.

A `tel:` link is the one thing a person in a crisis taps, so it is built here once (RFC 3966,
global number in E.164: `tel:+` and the country code and number, digits only) and pages print
it as given; a page that added its own `tel:` prefix once produced `tel:tel:+1…`, which no phone
dials.
"""

from __future__ import annotations

import re

# E.164: a country code and number of at most 15 digits, never starting with 0. NANP (US, its
# territories, Canada) numbers are 1 + a 3-digit area code (2-9) + a 7-digit number (2-9).
E164 = re.compile(r"^\+[1-9]\d{1,14}$")
NANP = re.compile(r"^1[2-9]\d{2}[2-9]\d{6}$")


def phone_digits(phone: str) -> str:
    """The digits to dial, with the US country code: 704-740-7737 -> 17047407737."""
    digits = re.sub(r"\D", "", phone)
    return digits if len(digits) == 11 else f"1{digits}"


def tel_uri(phone: str) -> str:
    """`tel:+17047407737` for a US number as people write it, or "" when it is not a dialable
    US number (the page then shows the number without a link rather than a broken one)."""
    digits = phone_digits(phone)
    if not NANP.match(digits):
        return ""
    return f"tel:+{digits}"
