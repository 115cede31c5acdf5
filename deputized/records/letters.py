"""The public records request for one agency, tailored to its 287(g) model and its jail
(`../shared/docs/nc-policy.md` §6), addressed to its records custodian from the officials
directory. The request itself is always in English (it goes to a North Carolina office); the
page around it explains it in the reader's language.

`request_letter(...)` is pure: it takes what the selectors found and returns a `Letter`, which the
page, the PDF (WeasyPrint) and the DOCX (python-docx) all render.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from docx import Document as Docx
from docx.shared import Pt
from weasyprint import HTML
from weasyprint.urls import URLFetcher

JAIL_MODELS = frozenset({"JEM", "WSO"})
TASK_FORCE = "TFM"


@dataclass(frozen=True)
class Item:
    key: str
    text: str


# The §6 list, keyed; `items_for` picks and orders them for an agency.
ITEMS: dict[str, str] = {
    "moa": (
        "The signed 287(g) Memorandum(s) of Agreement with U.S. Immigration and Customs "
        "Enforcement (ICE), all amendments and addenda, standard operating procedures and "
        "appendices, the agency's compliance policy required by G.S. 162-62, and any pending "
        "application or draft agreement."
    ),
    "correspondence": (
        "Correspondence with ICE or the Department of Homeland Security about joining, "
        "expanding, renewing or terminating the 287(g) agreement, including emails, letters and "
        "meeting notes."
    ),
    "officers": (
        "The names and ranks (or, if withheld, the number) of officers nominated for and "
        "certified under the 287(g) program, their training dates, and ICE's authorization or "
        "revocation letters."
    ),
    "steering": (
        "Agendas, sign-in sheets, minutes and presentations of any steering committee or "
        "ICE–agency compliance meeting held under the agreement."
    ),
    "jail_stats": (
        "287(g) statistics maintained under the agreement and any reports sent to ICE; the "
        "query, detainer and hold logs kept under G.S. 162-62; jail records of ICE holds, "
        "release notifications to ICE and transfers to ICE custody (aggregate or de-identified "
        "data is acceptable)."
    ),
    "task_force": (
        "Task Force Model records: the statistics maintained under the agreement (TFM MOA "
        "§ XII) and reports sent to ICE; records of task-force operations, encounters, "
        "arrests and vehicle stops made by task force officers under 287(g) authority, and any "
        "ICE operational plans or requests the agency received (aggregate or de-identified "
        "data is acceptable)."
    ),
    "force_stops": (
        "Use-of-force reports and traffic-stop data for the 287(g) task force officers (the stop "
        "data reported to the State Bureau of Investigation under G.S. 143B-903 suffices for "
        "stops)."
    ),
    "money": (
        "Reimbursement and award records: applications, invoices or claims to ICE, payment "
        "confirmations, performance-award notices and the metrics used, and the budget lines, "
        "payroll and overtime records of the designated officers."
    ),
    "igsa": (
        "Any intergovernmental service agreement (IGSA) or intergovernmental agreement with ICE "
        "or the U.S. Marshals Service for housing detainees in the jail: the contract and its "
        "modifications, rate sheets, monthly invoices, bed-day counts and inspection reports."
    ),
    "complaints": (
        "Complaints received under the agreement's complaint procedure (MOA Appendix B): "
        "counts, categories and dispositions, and related civil claims and settlements."
    ),
    "assessment": (
        "Any non-privileged final assessment of the agreement's legal or financial liability "
        "presented to the governing board in open session."
    ),
}
# Money records also go to the county manager or the town clerk (copies).
MONEY_ITEMS = frozenset({"money", "igsa"})


def items_for(*, models: set[str], jail: bool, sheriff: bool) -> list[Item]:
    """The §6 list tailored: jail items for a jail model (or a sheriff with no known model),
    task-force items for the Task Force Model, the IGSA item when the agency's jail holds ICE
    detainees by contract (detention data)."""
    keys = ["moa", "correspondence", "officers", "steering"]
    jail_model = bool(models & JAIL_MODELS) or (not models and sheriff)
    if jail_model:
        keys.append("jail_stats")
    if TASK_FORCE in models:
        keys += ["task_force", "force_stops"]
    keys.append("money")
    if jail:
        keys.append("igsa")
    keys += ["complaints", "assessment"]
    return [Item(key, ITEMS[key]) for key in keys]


@dataclass(frozen=True)
class Addressee:
    office: str  # "Sheriff, Alamance County Sheriff's Office"
    person: str  # "" when the directory does not know
    email: str = ""
    phone: str = ""
    source: str = ""


@dataclass(frozen=True)
class Letter:
    agency_name: str
    models: tuple[str, ...]
    to: Addressee | None
    copies: tuple[Addressee, ...]
    items: tuple[Item, ...]
    jail_name: str = ""
    day: dt.date = field(default_factory=dt.date.today)

    @property
    def subject(self) -> str:
        return f"Public records request: {self.agency_name} and the 287(g) program"

    @property
    def salutation(self) -> str:
        if self.to and self.to.person:
            return f"Dear {self.to.person}:"
        return "Dear Records Custodian:"

    @property
    def opening(self) -> str:
        models = ", ".join(self.models) or "any"
        return (
            "Pursuant to the North Carolina Public Records Act, N.C. Gen. Stat. § 132-1 et seq. "
            "(including §§ 132-6 and 132-6.2), I request copies of the following public records "
            f"of the {self.agency_name} concerning its participation in the 287(g) program "
            f"(model: {models}), from January 1, 2019 to the date of this request:"
        )

    @property
    def terms(self) -> list[str]:
        return [
            "Please provide electronic copies, with spreadsheets and data in their native format "
            "(for example .xlsx or .csv), by email or a download link. Rolling production is "
            "welcome: please send records as they become available.",
            "If any special service charge under G.S. 132-6.2(b) or other fee would apply, "
            "please send me a fee estimate before incurring it.",
            "If any record or part of a record is withheld, please release the rest and state "
            "in writing the reason and the legal authority for each withholding (G.S. 132-6; "
            "G.S. 132-9).",
            "G.S. 132-6(a) requires public records to be made available as promptly as "
            "possible. Please acknowledge this request and tell me when I may expect the "
            "records.",
        ]

    @property
    def closing(self) -> list[str]:
        return ["Thank you.", "Sincerely,", "[Your name]", "[Your email or mailing address]"]

    @property
    def recipients(self) -> list[str]:
        lines = []
        if self.to:
            lines.append(
                "To: " + self.to.office + (f", {self.to.person}" if self.to.person else "")
            )
            if self.to.email:
                lines.append(f"Email: {self.to.email}")
        else:
            lines.append(f"To: Records Custodian, {self.agency_name}")
        for copy in self.copies:
            who = copy.office + (f", {copy.person}" if copy.person else "")
            lines.append(f"Copy (money records, items on reimbursement and contracts): {who}")
        return lines

    def plain_text(self) -> str:
        parts = [self.day.isoformat(), *self.recipients, "", f"Re: {self.subject}", ""]
        parts += [self.salutation, "", self.opening, ""]
        parts += [f"{n}. {item.text}" for n, item in enumerate(self.items, start=1)]
        parts += ["", *self.terms, "", *self.closing]
        return "\n".join(parts)


def request_letter(
    *,
    agency_name: str,
    models: set[str],
    sheriff: bool,
    jail_name: str,
    to: Addressee | None,
    copies: list[Addressee],
    day: dt.date,
) -> Letter:
    items = items_for(models=models, jail=bool(jail_name), sheriff=sheriff)
    return Letter(
        agency_name=agency_name,
        models=tuple(sorted(models)),
        to=to,
        copies=tuple(copies),
        items=tuple(items),
        jail_name=jail_name,
        day=day,
    )


NO_FETCH = URLFetcher(allowed_protocols={"data"})


def to_pdf(letter: Letter) -> bytes:
    """Offline: the print page has its style inline and no images."""
    html = render_to_string("records/request_print.html", {"letter": letter})
    return HTML(string=html, url_fetcher=NO_FETCH).write_pdf()


def to_docx(letter: Letter) -> bytes:
    docx = Docx()
    docx.styles["Normal"].font.name = "Times New Roman"
    docx.styles["Normal"].font.size = Pt(12)
    docx.core_properties.title = letter.subject
    docx.core_properties.language = "en"
    docx.add_paragraph(letter.day.isoformat())
    for line in letter.recipients:
        docx.add_paragraph(line)
    docx.add_paragraph(f"Re: {letter.subject}").runs[0].bold = True
    docx.add_paragraph(letter.salutation)
    docx.add_paragraph(letter.opening)
    for item in letter.items:
        docx.add_paragraph(item.text, style="List Number")
    for paragraph in (*letter.terms, *letter.closing):
        docx.add_paragraph(paragraph)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()
