"""The figures of a 287(g) activity and cost report (nc-policy.md §5) that curators enter, in the
order pages and files show them: (field, label, group). Money is in whole US dollars.

Labels are marked for translation but kept as plain English here (`gettext_noop`), so that the
API's schema can describe its fields with them before Django's translations are ready; a page
translates them when it shows them (`gettext(label)`)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

REPORT_FIGURES: tuple[tuple[str, str, str], ...] = (
    ("people_booked", gettext_noop("People booked into the jail"), "activity"),
    (
        "people_screened",
        gettext_noop("People screened or interviewed by 287(g) officers"),
        "activity",
    ),
    ("database_queries", gettext_noop("ICE database queries"), "activity"),
    ("detainers_issued", gettext_noop("Detainers issued by 287(g) officers"), "activity"),
    ("detainers_received", gettext_noop("Detainers received from ICE"), "activity"),
    ("warrants_served", gettext_noop("ICE administrative warrants served"), "activity"),
    ("held_beyond_release", gettext_noop("People held past their release for ICE"), "activity"),
    ("transfers_to_ice", gettext_noop("People transferred to ICE custody"), "activity"),
    ("notices_to_appear", gettext_noop("Notices to Appear prepared"), "activity"),
    ("field_encounters", gettext_noop("Field encounters (Task Force Model)"), "activity"),
    ("warrantless_arrests", gettext_noop("Immigration arrests without a warrant"), "activity"),
    ("citizenship_claims", gettext_noop("U.S. citizenship claims reported to ICE"), "activity"),
    ("complaints", gettext_noop("Complaints under the agreement"), "activity"),
    ("designated_officers", gettext_noop("287(g)-designated officers"), "cost"),
    ("duty_hours", gettext_noop("Hours on 287(g) duties"), "cost"),
    ("personnel_cost", gettext_noop("Salary, benefits and overtime of that time (USD)"), "cost"),
    ("reimbursement_claimed", gettext_noop("ICE reimbursement claimed (USD)"), "cost"),
    ("reimbursement_received", gettext_noop("ICE reimbursement received (USD)"), "cost"),
    ("awards_received", gettext_noop("ICE performance awards received (USD)"), "cost"),
    ("igsa_revenue", gettext_noop("Jail-bed (IGSA) revenue from ICE (USD)"), "cost"),
)
FIGURE_FIELDS: tuple[str, ...] = tuple(field for field, _label, _group in REPORT_FIGURES)
