"""The measures North Carolina law forbids a local body to adopt, as patterns a text is checked
against: a generated document, and every curator's edit, must match none of them.

nc-policy.md §4 lists them ("Provisions found elsewhere that NC local governments cannot adopt"):
bans on entering 287(g), refusals to honor detainers or to notify ICE of a release, bans on asking
about or sharing immigration status; they conflict with G.S. 153A-145.5 and 160A-205.2 and, for
sheriffs, with G.S. 162-62. Ending or limiting cooperation (§8, rule 1) is added. The patterns
are deliberately broad: the project's texts are written so that they never need these words, and
a false alarm costs a curator a rewording, while a miss could cost a town a lawsuit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Forbidden:
    key: str
    why: str  # what the matched text would propose, for the curator's error message
    pattern: re.Pattern[str]


def _p(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


NOT_ENTER = "a ban on entering, renewing or expanding a 287(g) agreement"
NO_DETAINERS = "a refusal to honor ICE detainers or to notify ICE of a release"
NO_STATUS = "a ban on asking about or sharing immigration status"
ENDING = "ending or cancelling a 287(g) agreement"
LIMITING = "limiting cooperation with federal immigration enforcement"
SANCTUARY = "a sanctuary policy"

FORBIDDEN: tuple[Forbidden, ...] = (
    # English
    Forbidden("ban", NOT_ENTER, _p(r"\b(bans?|banning|banned|prohibit\w*|forbid\w*|outlaw\w*)\b")),
    Forbidden(
        "may-not-enter",
        NOT_ENTER,
        _p(r"\b(shall|may|must|will)\s+not\s+(enter|sign|join|renew|expand|participate)\b"),
    ),
    Forbidden(
        "no-agency-may",
        NOT_ENTER,
        _p(r"\bno\s+(department|officer|agency|employee|official)\s+(shall|may)\b"),
    ),
    Forbidden(
        "refuse-detainers",
        NO_DETAINERS,
        _p(
            r"\b(refus\w*|declin\w*|disregard\w*|ignor\w*|not\s+honou?r\w*|not\s+comply)\b"
            r"[^.;]{0,60}\b(detainers?|holds?|I-247\w*|notif\w*|ICE)\b"
        ),
    ),
    Forbidden(
        "may-not-notify",
        NO_DETAINERS,
        _p(r"\b(shall|may|must)\s+not\s+(notify|inform|hold|detain|honou?r|transfer|share)\b"),
    ),
    Forbidden(
        "status-questions",
        NO_STATUS,
        _p(
            r"\b(shall|may|must)\s+not\s+(ask|inquire|request|collect|record|disclose)\b"
            r"[^.;]{0,60}\b(status|citizenship|immigration)\b"
        ),
    ),
    Forbidden(
        "end-agreement",
        ENDING,
        _p(r"\b(terminat\w*|rescind\w*|cancel\w*|withdraw\w*\s+from)\b[^.;]{0,40}\bagreements?\b"),
    ),
    Forbidden(
        "limit-cooperation",
        LIMITING,
        _p(r"\b(limit\w*|restrict\w*|curtail\w*|end\w*)\b[^.;]{0,40}\bcooperat\w*"),
    ),
    Forbidden("sanctuary", SANCTUARY, _p(r"\bsanctuary\b")),
    # Spanish
    Forbidden("es-prohibir", NOT_ENTER, _p(r"\bprohib\w*")),
    Forbidden(
        "es-no-podra",
        NOT_ENTER,
        _p(
            r"\bno\s+(podrá|podrán|deberá|deberán)\s+(firmar|celebrar|renovar|ampliar|participar"
            r"|notificar|compartir|preguntar|retener|entregar|cumplir)\b"
        ),
    ),
    Forbidden(
        "es-rechazar",
        NO_DETAINERS,
        _p(
            r"\b(rechaz\w*|neg\w*\s+a|no\s+cumpl\w*|ignor\w*)\b[^.;]{0,60}"
            r"\b(órdenes?\s+de\s+detención|detainers?|retenciones?|ICE)\b"
        ),
    ),
    Forbidden(
        "es-terminar",
        ENDING,
        _p(r"\b(terminar|rescindir|cancelar|anular|retirarse\s+de)\b[^.;]{0,40}\bacuerdos?\b"),
    ),
    Forbidden(
        "es-limitar",
        LIMITING,
        _p(r"\b(limit\w*|restring\w*|restricci\w*)\b[^.;]{0,40}\bcooperaci\w*"),
    ),
    Forbidden("es-santuario", SANCTUARY, _p(r"\bsantuario\b")),
)


@dataclass(frozen=True, slots=True)
class Finding:
    key: str
    why: str
    excerpt: str


def scan(text: str) -> list[Finding]:
    """Every forbidden measure the text seems to propose, with the words that matched."""
    found = []
    for rule in FORBIDDEN:
        for match in rule.pattern.finditer(text):
            start, end = max(match.start() - 30, 0), min(match.end() + 30, len(text))
            found.append(Finding(rule.key, rule.why, text[start:end].replace("\n", " ")))
    return found
