"""Which bills a free text mentions (a curated know-your-rights section, say), so a page can show
each one's status beside it. Pure Python: the statuses come from `selectors.bill_statuses`."""

from __future__ import annotations

import re
from collections.abc import Mapping

from deputized.oversight.jurisdiction import BillStatus

# "HB 10", "SB153", "HB 318 (2015)": a chamber, a number, and the year when the text gives one.
MENTION = re.compile(r"\b(HB|SB) ?(\d+)(?: \((\d{4})\))?")


def bills_mentioned(text: str, statuses: Mapping[str, BillStatus]) -> list[BillStatus]:
    """The bills the text names, in order of first mention, each once. A number without a year
    means the newest bill of that number in the table (texts about today's rules cite today's
    bills: "HB 318" is the 2025 act unless the text says 2015)."""
    found: list[BillStatus] = []
    for chamber, number, year in MENTION.findall(text):
        prefix = f"{chamber.lower()}{number}-"
        keys = sorted(k for k in statuses if k.startswith(prefix))
        if year:
            keys = [k for k in keys if k == prefix + year]
        if keys and statuses[keys[-1]] not in found:
            found.append(statuses[keys[-1]])
    return found
