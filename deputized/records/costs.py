"""What ICE's 2025 287(g) reimbursement program would pay an agency: pure functions, no Django
models. Every rule is quoted from `REFERENCE_DATA_DIR/detention/reimbursement-sources.md`.

The program's terms (DHS press release of 2 September 2025, effective 1 October 2025):

    "ICE will fully reimburse participating agencies for the annual salary and benefits of each
    eligible trained 287(g) officer, including overtime coverage up to 25% of the officer's
    annual salary."

    "Law enforcement agencies will be eligible for quarterly monetary performance awards based on
    the successful location of illegal aliens provided by ICE ...:
    90% - 100% - $1,000 per eligible task force officer
    80% - 89% - $750 per eligible task force officer
    70% - 79% - $500 per eligible task force officer"

Equipment, relayed by a police union (Fraternal Order of Police, September 2025), not a DHS
document:

    "Every trained and credentialed TFO will receive up to $7,500 for essential equipment,
    including a laptop and mobile phone with cellular service upon becoming operational."
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

DHS_RELEASE = (
    "DHS press release, 2 September 2025 (verbatim republication: https://www.einpresswire.com/"
    "article/845414058/dhs-announces-new-reimbursement-opportunities-for-state-and-local-law-"
    "enforcement-partnering-with-ice-to-arrest-the-worst-of-the-worst-criminal)"
)
FOP_STATEMENT = (
    "Fraternal Order of Police statement, September 2025 (a police union relaying ICE; "
    "https://fop.net/2025/09/statement-from-patrick-yoes-national-president-of-the-fraternal-"
    "order-of-police-supporting-287g-program-partnerships)"
)

OVERTIME_CAP = Decimal("0.25")
QUARTERS = 4
# Success rate tier -> award per eligible task force officer per quarter.
AWARD_TIERS: dict[str, Decimal] = {
    "none": Decimal("0"),
    "70": Decimal("500"),
    "80": Decimal("750"),
    "90": Decimal("1000"),
}
EQUIPMENT_PER_OFFICER = Decimal("7500")
CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def overtime_reimbursed(*, salary: Decimal, overtime: Decimal) -> Decimal:
    """Overtime paid back for one officer: "including overtime coverage up to 25% of the
    officer's annual salary" (DHS, 2 September 2025)."""
    return _money(min(overtime, salary * OVERTIME_CAP))


def reimbursement_per_officer(
    *, salary: Decimal, benefits_rate: Decimal, overtime: Decimal
) -> Decimal:
    """One eligible trained officer's year: "ICE will fully reimburse participating agencies for
    the annual salary and benefits of each eligible trained 287(g) officer, including overtime
    coverage up to 25% of the officer's annual salary." Benefits are `benefits_rate` (a fraction)
    of the salary."""
    return _money(
        salary * (1 + benefits_rate) + overtime_reimbursed(salary=salary, overtime=overtime)
    )


def reimbursement_per_year(
    *, officers: int, salary: Decimal, benefits_rate: Decimal, overtime: Decimal
) -> Decimal:
    """Every eligible trained officer's year ("each eligible trained 287(g) officer")."""
    return _money(
        officers
        * reimbursement_per_officer(salary=salary, benefits_rate=benefits_rate, overtime=overtime)
    )


def awards_per_year(*, officers: int, tier: str) -> Decimal:
    """Quarterly performance awards over a year: "$1,000 / $750 / $500 per eligible task force
    officer" for a success rate of 90–100% / 80–89% / 70–79%, paid each quarter."""
    return _money(AWARD_TIERS[tier] * officers * QUARTERS)


def awards_range(*, officers: int) -> tuple[Decimal, Decimal]:
    """From no award (below 70%) to the top tier every quarter ($1,000 per officer)."""
    return Decimal("0.00"), awards_per_year(officers=officers, tier="90")


def equipment_at_most(*, officers: int) -> Decimal:
    """One-time, as relayed by the FOP (not a DHS text): "Every trained and credentialed TFO will
    receive up to $7,500 for essential equipment"."""
    return _money(EQUIPMENT_PER_OFFICER * officers)


def budget_share(*, from_ice: Decimal, budget: Decimal) -> Decimal | None:
    """The share of the agency's budget that would come from ICE, in percent (two decimals)."""
    if budget <= 0:
        return None
    return (from_ice / budget * 100).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Estimate:
    """Every input and figure of one calculation (for the page and the API)."""

    officers: int
    salary: Decimal
    benefits_rate: Decimal
    overtime: Decimal
    tier: str
    budget: Decimal | None
    overtime_reimbursed: Decimal
    per_officer: Decimal
    per_year: Decimal
    awards: Decimal
    awards_low: Decimal
    awards_high: Decimal
    equipment: Decimal
    from_ice: Decimal
    share: Decimal | None

    @property
    def benefits_percent(self) -> Decimal:
        return (self.benefits_rate * 100).normalize()


def estimate(
    *,
    officers: int,
    salary: Decimal,
    benefits_rate: Decimal,
    overtime: Decimal,
    tier: str,
    budget: Decimal | None = None,
) -> Estimate:
    """All the figures: reimbursement per officer and per year, the awards at the chosen tier and
    their range, equipment (one-time, at most), and the budget share of reimbursement + awards."""
    per_year = reimbursement_per_year(
        officers=officers, salary=salary, benefits_rate=benefits_rate, overtime=overtime
    )
    awards = awards_per_year(officers=officers, tier=tier)
    low, high = awards_range(officers=officers)
    from_ice = per_year + awards
    return Estimate(
        officers=officers,
        salary=salary,
        benefits_rate=benefits_rate,
        overtime=overtime,
        tier=tier,
        budget=budget,
        overtime_reimbursed=overtime_reimbursed(salary=salary, overtime=overtime),
        per_officer=reimbursement_per_officer(
            salary=salary, benefits_rate=benefits_rate, overtime=overtime
        ),
        per_year=per_year,
        awards=awards,
        awards_low=low,
        awards_high=high,
        equipment=equipment_at_most(officers=officers),
        from_ice=from_ice,
        share=budget_share(from_ice=from_ice, budget=budget) if budget else None,
    )
