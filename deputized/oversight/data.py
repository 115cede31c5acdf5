"""What local officials can do about 287(g) in North Carolina, as data: one entry per measure,
limit and state duty, with its wording, legal basis, sources and the matrix rows that include it.

The rows follow the measures matrix of nc-policy.md §3. Every measure is a reporting, process or
transparency step: state law (G.S. 153A-145.5, 160A-205.2) bars local policies that limit
immigration enforcement, so nothing here asks a body to stop or restrict cooperation (§8).

Each entry is shown as legal notes of three kinds, kept apart so a reader can tell the law from
advice and from doubt: what the law says (`basis`, with the statutes in `citations`), what the
ACLU of North Carolina recommends (`aclu`, cited to its June 2026 briefing), and an open legal
question (`question`, with who should be asked, `ask`). Bills in `citations` carry their status
from the curated bill table (`models.Bill`). Whether a curator has checked an entry against the
official text is data too (`models.NoteCheck`), never a flag here.

Curators can reword any entry from the admin (`MeasureText`); this module is the default text and
the source of the Spanish catalogue. The selection logic lives in `measures.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from deputized.oversight.jurisdiction import Addressee, Body, Citation, Row, Status, Text

NCLEG = "https://www.ncleg.gov"


def gs(section: str) -> Citation:
    """A section of the General Statutes, linked to its official text."""
    chapter = section.split("-", 1)[0]
    url = f"{NCLEG}/EnactedLegislation/Statutes/HTML/BySection/Chapter_{chapter}/GS_{section}.html"
    return Citation(f"G.S. {section}", url)


def gs_chapter(chapter: str) -> Citation:
    url = f"{NCLEG}/EnactedLegislation/Statutes/HTML/ByChapter/Chapter_{chapter}.html"
    return Citation(f"G.S. Chapter {chapter}", url)


def bill(session: int, number: str, label: str, key: str) -> Citation:
    """A bill's page at ncleg.gov (history, versions and the session law it became); `key` is
    its row in the curated bill table, whose status is shown wherever the bill is cited."""
    return Citation(label, f"{NCLEG}/BillLookUp/{session}/{number}", bill=key)


CONSTITUTION_SHERIFF = Citation(
    _("N.C. Constitution, Article VII, Section 2"), f"{NCLEG}/Laws/Constitution/Article7"
)
HB10_2024 = bill(2023, "H10", "HB 10 (2024)", "hb10-2024")
HB318_2025 = bill(2025, "H318", "HB 318 (2025)", "hb318-2025")
HB318_2015 = bill(2015, "H318", "HB 318 (2015)", "hb318-2015")
SB153_2025 = bill(2025, "S153", "SB 153 (2025)", "sb153-2025")
# The ACLU of North Carolina's briefing the recommendations come from (notes of the session,
# published by Engaged Defenders for Democracy, Durham, on 15 June 2026).
ACLU_BRIEFING = Citation(
    _("ACLU of North Carolina, briefing on opposing 287(g) agreements, 9 June 2026"),
    "https://engageddefendersfordemocracy.substack.com/p/we-all-need-to-know-about-287g-and",
)
PUBLIC_RECORDS = (gs("132-1"), gs("132-6"))
BUDGET = gs_chapter("159")


@dataclass(frozen=True, slots=True)
class Entry:
    """One measure, limit or state duty as written by the project, before any curator's edit."""

    key: str
    title: Text
    text: Text
    basis: Text
    rows: frozenset[Row] = frozenset()
    addressed_to: tuple[Addressee, ...] = ()
    # Recommended by the ACLU of North Carolina in its June 2026 briefing (ACLU_BRIEFING).
    aclu: bool = False
    # An open legal question about the entry, and who can answer it for the reader's place.
    question: Text = ""
    ask: Addressee | None = None
    citations: tuple[Citation, ...] = ()
    # Also offered when an active jurisdiction has a new agreement pending (renewal or expansion).
    on_expansion: bool = False


def rows(body: Body, *statuses: Status, model: str | None = None) -> frozenset[Row]:
    return frozenset(Row(body, status, model) for status in statuses)


NONE, PENDING, ACTIVE = Status.NONE, Status.PENDING, Status.ACTIVE
ALL = (NONE, PENDING, ACTIVE)
COUNTY, TOWN, SHERIFF_TOWN, STATE = (
    Body.COUNTY,
    Body.MUNICIPALITY_POLICE,
    Body.MUNICIPALITY_NO_POLICE,
    Body.STATE,
)
COUNTY_TFM = rows(COUNTY, ACTIVE, model="TFM")

A = Addressee

MEASURES: tuple[Entry, ...] = (
    # --- County: the board of commissioners and the county attorney; the sheriff is asked. ---
    Entry(
        key="county-values-resolution",
        title=_("Pass a resolution asking for advance notice"),
        text=_(
            "The Board of County Commissioners can adopt a resolution that states the county's "
            "values (public safety, trust between residents and deputies, open government, civil "
            "rights) and asks the sheriff to tell the board and the public before seeking a "
            "287(g) agreement with ICE. A resolution is a public request: the decision stays "
            "with the sheriff."
        ),
        basis=_(
            "Boards of commissioners can adopt resolutions on county matters. The sheriff is "
            "elected separately and signs any 287(g) agreement, so the board can ask but not "
            "decide."
        ),
        rows=rows(COUNTY, NONE, PENDING),
        addressed_to=(A.COMMISSIONERS,),
        citations=(CONSTITUTION_SHERIFF, gs("153A-103")),
    ),
    Entry(
        key="county-sheriff-presentation",
        title=_("Invite the sheriff to present to the board"),
        text=_(
            "The board can formally invite the sheriff to a public meeting, before any agreement "
            "is signed, to explain what it would involve: which model, how many officers, what "
            "it would cost, and how complaints would be handled. The invitation is a request, "
            "and residents get to hear the answers."
        ),
        basis=_(
            "A request to an independently elected official. Board meetings are open to the "
            "public under the Open Meetings Law."
        ),
        rows=rows(COUNTY, NONE, PENDING),
        addressed_to=(A.COMMISSIONERS, A.SHERIFF),
        citations=(gs("143-318.10"),),
    ),
    Entry(
        key="county-special-meeting",
        title=_("Call a special meeting before the agreement is signed"),
        text=_(
            "ICE lists a 287(g) agreement for the sheriff as pending, and pending agreements are "
            "often signed within weeks. The board can call a special meeting or public hearing "
            "now, so that residents are heard and the County Attorney's assessment is public "
            "before anything is signed."
        ),
        basis=_(
            "Special meetings need public notice under the Open Meetings Law. The ACLU of North "
            "Carolina reports that pending listings often become active quickly."
        ),
        rows=rows(COUNTY, PENDING),
        addressed_to=(A.COMMISSIONERS,),
        citations=(gs("143-318.12"),),
        on_expansion=True,
    ),
    Entry(
        key="county-delay-resolution",
        title=_("Ask the sheriff to wait until the public has been heard"),
        text=_(
            "The board can adopt a resolution asking the sheriff to hold off on signing until "
            "residents have been heard and the County Attorney's assessment is public. It is a "
            "request: the sheriff decides."
        ),
        basis=_("The sheriff is an independently elected official who signs the agreement."),
        rows=rows(COUNTY, PENDING),
        addressed_to=(A.COMMISSIONERS, A.SHERIFF),
        citations=(CONSTITUTION_SHERIFF, gs("153A-103")),
        on_expansion=True,
    ),
    Entry(
        key="sheriff-records-request",
        title=_("Request the sheriff's records on 287(g)"),
        text=_(
            "Anyone (a commissioner, a council member or a resident) can ask the sheriff's "
            "office for its public records on 287(g): the draft or signed agreement, letters and "
            "emails exchanged with ICE, the officers nominated for ICE training, and 287(g) "
            "statistics, payroll and overtime records. No reason has to be given, and electronic "
            "copies can be requested."
        ),
        basis=_(
            "North Carolina Public Records Act: any person may ask, without giving a reason, and "
            "the custodian must provide copies as promptly as possible."
        ),
        # Pending and active alike: the records it lists (statistics, payroll, overtime) exist
        # once an agreement is signed. Only the matrix row for pending counties names records
        # requests (nc-policy.md §3), so active counties once lost it; §6 applies to both.
        rows=rows(COUNTY, PENDING, ACTIVE) | rows(SHERIFF_TOWN, *ALL),
        addressed_to=(A.SHERIFF,),
        citations=PUBLIC_RECORDS,
        on_expansion=True,
    ),
    Entry(
        key="county-attorney-assessment",
        title=_("Ask the County Attorney for a legal and cost assessment"),
        text=_(
            "The board can direct the County Attorney, who advises the board, to assess in "
            "writing the legal and financial risks of a 287(g) agreement: who pays if a lawsuit "
            "or injury arises (the agreement puts those costs on the local agency); the risk of "
            "holding someone longer than the law allows or detaining a U.S. citizen by mistake; "
            "claims of racial profiling; whether the county's insurance covers these risks; and "
            "the net cost after any money from ICE. The board can ask for the final assessment "
            "to be presented at a public meeting."
        ),
        basis=_(
            "The County Attorney serves the board. The agreement's liability clause places these "
            "costs on the local agency, and the board adopts the budget that pays them."
        ),
        aclu=True,
        rows=rows(COUNTY, *ALL),
        addressed_to=(A.COMMISSIONERS, A.COUNTY_ATTORNEY),
        citations=(BUDGET,),
    ),
    Entry(
        key="county-public-hearing",
        title=_("Hold a public hearing or community forum"),
        text=_(
            "The board can hold a public hearing or forum on 287(g), announced in advance, where "
            "residents, the sheriff's office and the County Attorney can all be heard."
        ),
        basis=_("Board meetings are public under the Open Meetings Law."),
        rows=rows(COUNTY, NONE),
        addressed_to=(A.COMMISSIONERS,),
        citations=(gs("143-318.10"),),
    ),
    Entry(
        key="county-advisory-committee",
        title=_("Create a 287(g) advisory committee"),
        text=_(
            "The board can create an advisory committee by resolution, with members such as "
            "residents, immigrant-serving groups, defense lawyers and faith leaders. Because the "
            "board appoints it, the committee is a public body: its meetings must be announced "
            "and open, and it keeps minutes. It can receive the agreement, activity reports and "
            "complaint figures. The steering committee ICE may hold with the sheriff is optional "
            "and rarely public."
        ),
        basis=_(
            "Open Meetings Law: a committee appointed by the board, even an advisory one, is a "
            "public body. ICE's agreements leave steering-committee meetings optional."
        ),
        rows=rows(COUNTY, *ALL),
        addressed_to=(A.COMMISSIONERS,),
        citations=(gs("143-318.10"),),
    ),
    Entry(
        key="county-reporting-commitment",
        title=_("Decide now on reporting if an agreement is ever signed"),
        text=_(
            "Before any agreement exists, the board can commit to asking for regular public "
            "reports on 287(g) activity and cost if one is signed, and to setting up the county "
            "budget so that those costs can be seen."
        ),
        basis=_(
            "The board adopts the county budget (Local Government Budget and Fiscal Control Act). "
            "A reporting commitment does not limit enforcement."
        ),
        aclu=True,
        rows=rows(COUNTY, NONE, PENDING),
        addressed_to=(A.COMMISSIONERS,),
        citations=(BUDGET,),
    ),
    Entry(
        key="county-rights-outreach",
        title=_("Fund know-your-rights outreach and legal help"),
        text=_(
            "The board can fund outreach that explains residents' rights and connects people "
            "with legal services and community organizations, in English and Spanish."
        ),
        basis=_("ACLU of North Carolina; county spending is set in the budget the board adopts."),
        rows=rows(COUNTY, NONE, PENDING),
        addressed_to=(A.COMMISSIONERS,),
        citations=(BUDGET,),
    ),
    Entry(
        key="county-activity-cost-reports",
        title=_("Ask for regular activity and cost reports"),
        text=_(
            "The board can ask the sheriff for a public report every quarter or every year: how "
            "many people 287(g) officers screened or questioned, detainers issued and ICE "
            "warrants served, people handed to ICE and what they were charged with, officer "
            "hours and overtime, and any money received from ICE. Holds that state law requires "
            "(HB 10 and HB 318) should be counted apart from actions under the 287(g) agreement, "
            "so residents can tell the two apart."
        ),
        basis=_(
            "The agreement already requires the agency to keep 287(g) statistics, and the board "
            "adopts the budget that funds the sheriff's office. Detainer holds are governed by "
            "G.S. 162-62."
        ),
        aclu=True,
        rows=rows(COUNTY, ACTIVE),
        addressed_to=(A.COMMISSIONERS, A.SHERIFF),
        citations=(BUDGET, gs("162-62"), HB10_2024, HB318_2025),
    ),
    Entry(
        key="county-cost-center",
        title=_("Track 287(g) costs in their own budget line"),
        text=_(
            "The board can set up a separate budget line for the pay and overtime of 287(g) "
            "officers and for any payments received from ICE, so the real cost to taxpayers can "
            "be seen every year."
        ),
        basis=_(
            "Local Government Budget and Fiscal Control Act. This is an accounting and reporting "
            "step; it does not limit enforcement."
        ),
        rows=rows(COUNTY, ACTIVE),
        addressed_to=(A.COMMISSIONERS,),
        question=_("How far can the board set line items inside the sheriff's budget?"),
        ask=A.COUNTY_ATTORNEY,
        citations=(BUDGET,),
    ),
    Entry(
        key="county-annual-forum",
        title=_("Hold a yearly public forum on the agreement"),
        text=_(
            "Once a year, the board can hold a public forum where the sheriff's office is invited "
            "to present its 287(g) figures and residents can respond. California counties hold "
            "such forums under a state law (the TRUTH Act); a North Carolina board can choose to "
            "do the same."
        ),
        basis=_(
            "Open Meetings Law; modeled on the forums required by California's TRUTH Act "
            "(Government Code section 7283.1)."
        ),
        rows=rows(COUNTY, ACTIVE),
        addressed_to=(A.COMMISSIONERS, A.SHERIFF),
        citations=(gs("143-318.10"),),
    ),
    Entry(
        key="county-detention-contract-review",
        title=_("Review any contract to hold ICE detainees in the jail"),
        text=_(
            "Some counties also rent jail beds to ICE under a separate contract signed by the "
            "county (an intergovernmental service agreement). The board can review that "
            "contract: the daily rate, the bed-days billed, what holding ICE detainees really "
            "costs, and how long people are held. The contract, invoices and payments are county "
            "public records."
        ),
        basis=_(
            "These contracts are county records under the Public Records Act. They are separate "
            "from the 287(g) agreement, and they are what lets a jail keep people for ICE beyond "
            "the short holds the 287(g) agreement allows."
        ),
        rows=rows(COUNTY, ACTIVE),
        addressed_to=(A.COMMISSIONERS,),
        citations=PUBLIC_RECORDS,
    ),
    Entry(
        key="county-traffic-stop-review",
        title=_("Watch traffic-stop data for signs of profiling"),
        text=_(
            "Under the Task Force Model, deputies use immigration powers during ordinary patrols, "
            "so traffic stops are where problems show first. Sheriffs' offices already report "
            "every traffic stop to the state, with the driver's race and ethnicity, searches and "
            "arrests. The board can ask for a yearly public comparison of stops, searches and "
            "arrests of Hispanic drivers before and after the agreement."
        ),
        basis=_(
            "State traffic-stop reporting law; the Task Force agreement lets officers use "
            "immigration authority in the field."
        ),
        rows=COUNTY_TFM,
        addressed_to=(A.COMMISSIONERS, A.SHERIFF),
        citations=(gs("143B-902"), gs("143B-903")),
    ),
    Entry(
        key="county-reimbursement-disclosure",
        title=_("Disclose ICE reimbursements and performance awards"),
        text=_(
            "Since October 2025, ICE offers to repay the salary and benefits of eligible trained "
            "287(g) officers, plus overtime up to a quarter of their salary, and pays task force "
            "officers quarterly awards of $500 to $1,000 each depending on how often they locate "
            "the people ICE identifies. The board can ask that every claim, payment and award be "
            "reported publicly and shown in the budget."
        ),
        basis=_(
            "Department of Homeland Security announcement of 2 September 2025; the county "
            "budget the board adopts."
        ),
        rows=COUNTY_TFM,
        addressed_to=(A.COMMISSIONERS, A.SHERIFF),
        citations=(BUDGET,),
    ),
    Entry(
        key="county-task-force-operations",
        title=_("Ask for a list of task force operations and arrests"),
        text=_(
            "The board can ask the sheriff for a regular list of joint operations with ICE and "
            "of immigration arrests made by the county's task force officers: the date, the kind "
            "of place, and what the person was charged with, if anything. The agreement already "
            "requires the agency to keep 287(g) statistics, so these records exist."
        ),
        basis=_(
            "Task Force Model agreement: the agency must track and keep data on its 287(g) "
            "program and give it to ICE on request."
        ),
        rows=COUNTY_TFM,
        addressed_to=(A.COMMISSIONERS, A.SHERIFF),
    ),
    Entry(
        key="county-complaint-figures",
        title=_("Ask for complaint figures"),
        text=_(
            "Every 287(g) agreement sets out a complaint process, and the agency must tell ICE "
            "about complaints against its 287(g) officers. The board can ask the sheriff to "
            "publish how to file a complaint, in English and Spanish, and to report each year "
            "how many complaints were made, of what kind, and how they ended, within the limits "
            "of personnel privacy."
        ),
        basis=_(
            "The complaint procedure in Appendix B of the 287(g) agreement; county personnel "
            "privacy law."
        ),
        rows=COUNTY_TFM,
        addressed_to=(A.COMMISSIONERS, A.SHERIFF),
        citations=(gs("153A-98"),),
    ),
    # --- Town or city with its own police: the council and its attorney. ---
    Entry(
        key="council-pre-approval",
        title=_("Require a council vote before any 287(g) agreement"),
        text=_(
            "The council can adopt a rule that any 287(g) agreement, renewal or expansion (for "
            "example, adding the Task Force Model) comes to the council for a vote at a public "
            "meeting before the police department signs it. The police chief and officers are "
            "town employees, and the council controls town contracts and the budget."
        ),
        basis=_(
            "The police chief and officers are town employees (G.S. 160A-281), and the council "
            "has general ordinance power (G.S. 160A-174) and controls town contracts and the "
            "budget."
        ),
        rows=rows(TOWN, NONE, PENDING),
        addressed_to=(A.COUNCIL,),
        aclu=True,
        question=_(
            "Could someone argue that a pre-approval rule limits immigration enforcement, which "
            "G.S. 160A-205.2 does not allow towns to do? SB 153 (2025), if it becomes law, would "
            "let people sue towns over such policies. Have the wording reviewed before it is "
            "adopted."
        ),
        ask=A.TOWN_ATTORNEY,
        citations=(gs("160A-281"), gs("160A-174"), gs("160A-205.2"), SB153_2025),
        on_expansion=True,
    ),
    Entry(
        key="council-public-comment",
        title=_("Require notice and public comment before the vote"),
        text=_(
            "Along with the council vote, the council can require public notice, a comment "
            "period (for example, 30 days) and a public hearing before it decides on any 287(g) "
            "agreement."
        ),
        basis=_(
            "The council's general ordinance power; the 30 days mirror the notice California "
            "requires for its TRUTH Act forums."
        ),
        rows=rows(TOWN, NONE, PENDING),
        addressed_to=(A.COUNCIL,),
        aclu=True,
        question=_(
            "The comment period is part of the pre-approval process, so the same question "
            "applies: could it be read as limiting immigration enforcement (G.S. 160A-205.2)?"
        ),
        ask=A.TOWN_ATTORNEY,
        citations=(gs("160A-174"), gs("160A-205.2")),
        on_expansion=True,
    ),
    Entry(
        key="council-special-meeting",
        title=_("Call a special meeting before the agreement is signed"),
        text=_(
            "ICE lists a 287(g) agreement for the police department as pending, and pending "
            "agreements are often signed within weeks. The council can call a special meeting "
            "now and take up a pre-approval rule: a rule adopted before signing is the strongest."
        ),
        basis=_(
            "Special meetings need public notice under the Open Meetings Law. The ACLU of North "
            "Carolina reports that pending listings often become active quickly."
        ),
        rows=rows(TOWN, PENDING),
        addressed_to=(A.COUNCIL,),
        citations=(gs("143-318.12"),),
        on_expansion=True,
    ),
    Entry(
        key="police-records-request",
        title=_("Request the police department's records on 287(g)"),
        text=_(
            "Anyone (a council member or a resident) can ask the police department for its public "
            "records on 287(g): the draft or signed agreement, letters and emails exchanged with "
            "ICE, and the officers nominated for ICE training. No reason has to be given, and "
            "electronic copies can be requested."
        ),
        basis=_(
            "North Carolina Public Records Act: any person may ask, without giving a reason, and "
            "the custodian must provide copies as promptly as possible."
        ),
        rows=rows(TOWN, PENDING, ACTIVE),  # as the sheriff's: a signed agreement has records
        addressed_to=(A.POLICE,),
        citations=PUBLIC_RECORDS,
        on_expansion=True,
    ),
    Entry(
        key="council-attorney-assessment",
        title=_("Ask the town attorney for a legal and cost assessment"),
        text=_(
            "The council can direct the town or city attorney to assess in writing the legal and "
            "financial risks of a 287(g) agreement: who pays if a lawsuit or injury arises (the "
            "agreement puts those costs on the local agency); the risk of unlawful detention or "
            "racial-profiling claims; insurance coverage; and the net cost after any money from "
            "ICE. The council can ask for it before any vote, or now if an agreement is already "
            "in place, and have it presented at a public meeting."
        ),
        basis=_(
            "The town attorney advises the council, and the council adopts the budget that pays "
            "for these risks."
        ),
        aclu=True,
        rows=rows(TOWN, *ALL),
        addressed_to=(A.COUNCIL, A.TOWN_ATTORNEY),
        citations=(BUDGET,),
    ),
    Entry(
        key="council-reporting-requirement",
        title=_("Require activity and cost reports if an agreement is ever approved"),
        text=_(
            "The council can decide now that any approved agreement comes with regular public "
            "reports from the police department on 287(g) activity and costs."
        ),
        basis=_("The council's authority over the town police and the town budget."),
        aclu=True,
        rows=rows(TOWN, NONE, PENDING),
        addressed_to=(A.COUNCIL,),
        citations=(gs("160A-281"), BUDGET),
    ),
    Entry(
        key="council-values-resolution",
        title=_("Adopt a resolution on community values"),
        text=_(
            "The council can adopt a resolution that states the town's values (public safety, "
            "trust between residents and police, open government, civil rights, human dignity) "
            "and how it wants any decision on 287(g) to be made."
        ),
        basis=_("ACLU of North Carolina; councils can adopt resolutions on town matters."),
        rows=rows(TOWN, NONE, PENDING),
        addressed_to=(A.COUNCIL,),
    ),
    Entry(
        key="council-trust-programs",
        title=_("Support trust-building with immigrant residents"),
        text=_(
            "The council can support programs that build trust between the police and immigrant "
            "residents: community meetings, interpreters and translated notices, and police "
            "taking part in nonprofit community ID programs such as FaithAction ID. Such an ID "
            "stays a nonprofit ID: state law does not let a town make it an accepted government "
            "ID."
        ),
        basis=_(
            "G.S. 15A-311 on identity documents. FaithAction ID began in Greensboro in 2014; the "
            "Wake County Sheriff's Office and Raleigh police joined it in 2022."
        ),
        rows=rows(TOWN, NONE, PENDING),
        addressed_to=(A.COUNCIL, A.POLICE),
        question=_(
            "What do the narrow exceptions in G.S. 15A-311 allow, before the town takes any "
            "formal role in an ID program?"
        ),
        ask=A.TOWN_ATTORNEY,
        citations=(gs("15A-311"),),
    ),
    Entry(
        key="council-activity-cost-reports",
        title=_("Require regular activity and cost reports"),
        text=_(
            "The council can require the police department to publish regular reports on 287(g): "
            "people stopped, questioned or arrested by 287(g) officers, people handed to ICE and "
            "what they were charged with, joint operations with ICE, officer hours and overtime, "
            "and any money received from ICE."
        ),
        basis=_(
            "The council's authority over the town police and budget; the agreement already "
            "requires the agency to keep 287(g) statistics."
        ),
        aclu=True,
        rows=rows(TOWN, ACTIVE),
        addressed_to=(A.COUNCIL, A.POLICE),
        citations=(gs("160A-281"), gs("160A-174"), BUDGET),
    ),
    Entry(
        key="council-annual-forum",
        title=_("Hold a work session and a yearly public forum"),
        text=_(
            "The council can hold a work session on the agreement and a yearly public forum where "
            "the police department presents its 287(g) figures and residents can respond."
        ),
        basis=_(
            "Open Meetings Law; modeled on the forums required by California's TRUTH Act "
            "(Government Code section 7283.1)."
        ),
        rows=rows(TOWN, ACTIVE),
        addressed_to=(A.COUNCIL, A.POLICE),
        citations=(gs("143-318.10"),),
    ),
    Entry(
        key="council-budget-transparency",
        title=_("Show ICE reimbursements and awards in the budget"),
        text=_(
            "Since October 2025, ICE offers to repay the salary and benefits of eligible trained "
            "287(g) officers, plus overtime up to a quarter of their salary, and pays task force "
            "officers quarterly awards of $500 to $1,000 each depending on how often they locate "
            "the people ICE identifies. The council can require that every claim, payment and "
            "award appear in the town budget and in public reports."
        ),
        basis=_(
            "Department of Homeland Security announcement of 2 September 2025; the town budget "
            "the council adopts."
        ),
        rows=rows(TOWN, ACTIVE),
        addressed_to=(A.COUNCIL,),
        citations=(BUDGET,),
    ),
    Entry(
        key="council-traffic-stop-review",
        title=_("Review traffic-stop data for signs of profiling"),
        text=_(
            "Town police agreements usually follow the Task Force Model, under which officers use "
            "immigration powers during ordinary patrols. Police departments that report traffic "
            "stops to the state record the driver's race and ethnicity, searches and arrests. The "
            "council can ask for a yearly public comparison of stops, searches and arrests of "
            "Hispanic drivers before and after the agreement."
        ),
        basis=_("State traffic-stop reporting law; ACLU of North Carolina."),
        rows=rows(TOWN, ACTIVE),
        addressed_to=(A.COUNCIL, A.POLICE),
        question=_(
            "Does this department have to report its stops to the state? Smaller departments may "
            "not: the State Bureau of Investigation publishes the list of agencies required to "
            "report. The department can also be asked for its own stop records."
        ),
        ask=A.POLICE,
        citations=(gs("143B-902"), gs("143B-903")),
    ),
    # --- Town policed by the sheriff: everything goes through the county and the sheriff. ---
    Entry(
        key="town-resolution-to-county",
        title=_("Send a resolution to the county commissioners"),
        text=_(
            "The town is policed by the sheriff, so the council cannot act on 287(g) directly. It "
            "can adopt a resolution asking the Board of County Commissioners to take the steps "
            "open to the county: public hearings, a County Attorney assessment, an advisory "
            "committee, and regular activity and cost reports."
        ),
        basis=_("The sheriff answers to the county's voters, not to the town or the county."),
        rows=rows(SHERIFF_TOWN, *ALL),
        addressed_to=(A.COMMISSIONERS,),
        citations=(CONSTITUTION_SHERIFF,),
    ),
    Entry(
        key="town-speak-at-commissioners",
        title=_("Speak at county commissioners' meetings"),
        text=_(
            "Council members and residents can speak during the public comment period at county "
            "commissioners' meetings and ask the board to put 287(g) on its agenda."
        ),
        basis=_(
            "Boards of commissioners must hold a public comment period at a regular meeting at "
            "least once a month."
        ),
        rows=rows(SHERIFF_TOWN, *ALL),
        addressed_to=(A.COMMISSIONERS,),
        citations=(gs("153A-52.1"),),
    ),
    Entry(
        key="town-sheriff-presentation",
        title=_("Invite the sheriff to present to the town"),
        text=_(
            "The council can invite the sheriff to a town meeting to explain the office's 287(g) "
            "plans or agreement, what it means for the town, and how residents can raise "
            "concerns. It is a request, which the sheriff may accept or decline."
        ),
        basis=_("A request to an independently elected official."),
        rows=rows(SHERIFF_TOWN, *ALL),
        addressed_to=(A.SHERIFF,),
        citations=(CONSTITUTION_SHERIFF,),
    ),
    # --- Any local jurisdiction: state-required detainer holds can still be reported. ---
    Entry(
        key="detainer-figures-request",
        title=_("Ask the sheriff for figures on state-required detainer holds"),
        text=_(
            "Whatever the local choice on 287(g), the county jail must follow the state's "
            "detainer rules (see below). Commissioners, council members and residents can still "
            "ask the sheriff for overall figures: how many people the jail checked with ICE, "
            "detainers received, people held and for how long, people released, and people "
            "handed to ICE."
        ),
        basis=_(
            "G.S. 162-62 and G.S. 15A-534 as amended by HB 10 (2024) and HB 318 (2025); overall "
            "jail figures are public records."
        ),
        rows=rows(COUNTY, *ALL) | rows(TOWN, *ALL) | rows(SHERIFF_TOWN, *ALL),
        addressed_to=(A.SHERIFF,),
        citations=(gs("162-62"), gs("15A-534"), gs("132-1"), HB10_2024, HB318_2025),
    ),
    # --- State agencies: local officials advocate and ask for records. ---
    Entry(
        key="state-legislators",
        title=_("Talk to state legislators"),
        text=_(
            "State agencies such as the Highway Patrol, the State Bureau of Investigation, the "
            "Department of Public Safety and the Department of Adult Correction answer to the "
            "state, not to county or town boards. Local officials and residents can speak to "
            "their state legislators about these agencies' role in immigration enforcement."
        ),
        basis=_("State agencies are governed by state law, not by local boards."),
        rows=rows(STATE, *ALL),
        addressed_to=(A.LEGISLATORS,),
    ),
    Entry(
        key="state-records-request",
        title=_("Request state agencies' 287(g) records"),
        text=_(
            "State agencies are covered by the Public Records Act too. Anyone can ask them for "
            "their 287(g) agreements, their policies on checking immigration status, their "
            "correspondence with ICE, and their statistics."
        ),
        basis=_(
            "North Carolina Public Records Act: any person may ask, without giving a reason, and "
            "the custodian must provide copies as promptly as possible."
        ),
        rows=rows(STATE, *ALL),
        addressed_to=(A.STATE_AGENCIES,),
        citations=PUBLIC_RECORDS,
    ),
    Entry(
        key="state-oversight-reports",
        title=_("Ask for the agencies' reports to the legislature"),
        text=_(
            "If SB 153 becomes law, these agencies will have to report their 287(g) agreements "
            "and policies to the Joint Legislative Oversight Committee on Justice and Public "
            "Safety, and those reports can be requested and read by the public. Any report they "
            "already send is a public record."
        ),
        basis=_("SB 153 (2025), the North Carolina Border Protection Act."),
        rows=rows(STATE, *ALL),
        addressed_to=(A.LEGISLATORS, A.STATE_AGENCIES),
        citations=(SB153_2025,),
    ),
)

LIMITS: tuple[Entry, ...] = (
    Entry(
        key="county-no-pre-approval",
        title=_("The board cannot require approval of the sheriff's agreement"),
        text=_(
            "The sheriff is a constitutional officer elected by the county's voters, and alone "
            "hires, supervises and directs the office's staff. The sheriff, not the county, signs "
            "a 287(g) agreement. So the commissioners cannot require the sheriff to get their "
            "approval first, and cannot cancel the agreement. They can ask, inform the public, "
            "and decide how the county's money is accounted for."
        ),
        basis=_("N.C. Constitution, Article VII, Section 2; G.S. 153A-103."),
        aclu=True,
        rows=rows(COUNTY, *ALL),
        citations=(CONSTITUTION_SHERIFF, gs("153A-103")),
    ),
    Entry(
        key="town-no-authority-over-sheriff",
        title=_("The town has no authority over the sheriff"),
        text=_(
            "Without its own police department, the town is policed by the sheriff, who is "
            "elected countywide and answers to the voters. The council's influence comes through "
            "the county commissioners, public meetings and public records."
        ),
        basis=_("N.C. Constitution, Article VII, Section 2."),
        rows=rows(SHERIFF_TOWN, *ALL),
        citations=(CONSTITUTION_SHERIFF,),
    ),
    Entry(
        key="county-no-limiting-policy",
        title=_("No county policy may limit immigration enforcement"),
        text=_(
            "State law does not allow a county to have any policy that limits immigration "
            "enforcement, or that stops officers from gathering immigration-status information or "
            "sharing it with federal agencies. That is why the steps listed here are about "
            "reporting, public process and transparency."
        ),
        basis=_("G.S. 153A-145.5, enacted by HB 318 (2015), Session Law 2015-294."),
        rows=rows(COUNTY, *ALL) | rows(SHERIFF_TOWN, *ALL),
        citations=(gs("153A-145.5"), HB318_2015),
    ),
    Entry(
        key="town-no-limiting-policy",
        title=_("No town policy may limit immigration enforcement"),
        text=_(
            "A parallel state law covers cities and towns: no town policy may limit immigration "
            "enforcement or stop officers from gathering or sharing immigration-status "
            "information. According to the NC Justice Center's analysis, it does not require a "
            "town to take part in immigration enforcement, and it does not allow racial "
            "profiling or stops prolonged to check status."
        ),
        basis=_(
            "G.S. 160A-205.2, enacted by HB 318 (2015), Session Law 2015-294; NC Justice Center "
            "analysis (2015)."
        ),
        rows=rows(TOWN, *ALL) | rows(SHERIFF_TOWN, *ALL),
        citations=(gs("160A-205.2"), HB318_2015),
    ),
    Entry(
        key="town-ending-agreement",
        title=_("Ending an agreement: get legal advice first"),
        text=_(
            "A 287(g) agreement lets the police department end it by written notice at any time. "
            "Whether the council can direct that is unsettled: a council directive could be "
            "challenged under G.S. 160A-205.2. Ask the town or city attorney before acting."
        ),
        basis=_("The termination clause of ICE's 287(g) agreements; G.S. 160A-205.2."),
        rows=rows(TOWN, ACTIVE),
        question=_(
            "Can the council direct the police department to end the agreement, or could such a "
            "directive be challenged under G.S. 160A-205.2? This is not settled."
        ),
        ask=A.TOWN_ATTORNEY,
        citations=(gs("160A-205.2"),),
    ),
    Entry(
        key="town-community-ids",
        title=_("Community IDs cannot become official government IDs"),
        text=_(
            "State law does not let local governments or police make a community or consular ID "
            "an accepted proof of identity or residence. Nonprofit ID programs can continue, "
            "outside government."
        ),
        basis=_("G.S. 15A-311, enacted by HB 318 (2015)."),
        rows=rows(TOWN, NONE, PENDING),
        question=_("What do the section's narrow exceptions allow?"),
        ask=A.TOWN_ATTORNEY,
        citations=(gs("15A-311"), HB318_2015),
    ),
    Entry(
        key="state-no-local-say",
        title=_("Local boards have no say over state agencies"),
        text=_(
            "County and town boards have no authority over state agencies. If SB 153 (2025) "
            "becomes law, it will direct the Highway Patrol, the State Bureau of Investigation, "
            "the Department of Public Safety and the Department of Adult Correction to seek "
            "287(g) agreements."
        ),
        basis=_("SB 153 (2025), the North Carolina Border Protection Act."),
        rows=rows(STATE, *ALL),
        citations=(SB153_2025,),
    ),
)

# Duties that apply whatever a sheriff, town or county decides about 287(g): shown apart from
# the measures so nobody mistakes a state-mandated hold for a voluntary agreement.
STATE_DUTIES: tuple[Entry, ...] = (
    Entry(
        key="hb10-2024",
        title=_("HB 10 (2024): jails must act on ICE detainers"),
        text=_(
            "Since 1 December 2024, every county jail must try to find out the immigration status "
            "of people charged with felonies, impaired driving and certain other offenses, and "
            "ask ICE when it cannot. When ICE sends a detainer together with an administrative "
            "warrant, the person must be brought before a judicial official, who can order them "
            "held for up to 48 hours so ICE can take custody. Sheriffs must adopt a policy to "
            "comply. This applies whether or not the sheriff has a 287(g) agreement."
        ),
        basis=_("G.S. 162-62 as amended by HB 10 (2023-2024 session), effective 1 December 2024."),
        question=_(
            "Does the final law require sheriffs to report their detainer figures? Earlier drafts "
            "did; whether that survived has not been confirmed."
        ),
        ask=A.COUNTY_ATTORNEY,
        citations=(gs("162-62"), HB10_2024),
    ),
    Entry(
        key="hb318-2025",
        title=_("HB 318 (2025): longer holds and release notices"),
        text=_(
            "Since 1 October 2025, the status check covers anyone charged with a felony or "
            "impaired driving. A hold under an ICE detainer and administrative warrant can last "
            "up to 48 hours from the time the person would otherwise be released, and the jail "
            "must notify ICE of the release date and time. Judicial officials setting pretrial "
            "release must also try to determine immigration status; when they cannot, the person "
            "is held up to two hours for fingerprinting and an ICE check. This applies whether or "
            "not there is a 287(g) agreement."
        ),
        basis=_(
            "G.S. 162-62 and G.S. 15A-534 as amended by HB 318 (2025), the Criminal Illegal Alien "
            "Enforcement Act, effective 1 October 2025. Not to be confused with HB 318 (2015)."
        ),
        citations=(gs("162-62"), gs("15A-534"), HB318_2025, HB318_2015),
    ),
    Entry(
        key="sb153-2025",
        title=_("SB 153 (2025), if it becomes law: state agencies and lawsuits"),
        text=_(
            "SB 153, the North Carolina Border Protection Act, is a bill, not a law, unless its "
            "status below says otherwise. If it becomes law, it will direct the Department of "
            "Public Safety, the Department of Adult Correction, the Highway Patrol and the State "
            "Bureau of Investigation to enter 287(g) agreements and cooperate with ICE, and let "
            "people sue local governments whose policies break the state's anti-sanctuary laws."
        ),
        basis=_(
            "The anti-sanctuary statutes in force since 2015, which the bill's lawsuits would "
            "enforce: G.S. 153A-145.5 (counties) and G.S. 160A-205.2 (cities and towns)."
        ),
        citations=(SB153_2025, gs("153A-145.5"), gs("160A-205.2")),
    ),
    Entry(
        key="fingerprint-sharing",
        title=_("Fingerprints are shared with immigration authorities automatically"),
        text=_(
            "When anyone is booked into a jail, their fingerprints go to the FBI, which shares "
            "them with the Department of Homeland Security (the federal program called Secure "
            "Communities). This happens in every county, with or without a 287(g) agreement, and "
            "no local body decides it."
        ),
        basis=_("A federal program, not a state or local law."),
    ),
)

WHO: dict[Body, Text] = {
    Body.COUNTY: _("Board of County Commissioners and the County Attorney"),
    Body.MUNICIPALITY_POLICE: _("Town or city council and the town or city attorney"),
    Body.MUNICIPALITY_NO_POLICE: _(
        "Town council, through the Board of County Commissioners and the sheriff"
    ),
    Body.STATE: _("State legislators and the leaders of state agencies"),
}

PENDING_URGENCY: dict[Body, Text] = {
    Body.COUNTY: _(
        "ICE lists the sheriff's 287(g) agreement as pending. Pending agreements are often "
        "signed within weeks: the steps below matter most before signing."
    ),
    Body.MUNICIPALITY_POLICE: _(
        "ICE lists the police department's 287(g) agreement as pending. Pending agreements are "
        "often signed within weeks: a council rule adopted before signing is the strongest step."
    ),
    Body.MUNICIPALITY_NO_POLICE: _(
        "ICE lists the sheriff's 287(g) agreement as pending. Pending agreements are often "
        "signed within weeks: ask the county commissioners to act now."
    ),
    Body.STATE: _(
        "ICE lists a state agency's 287(g) agreement as pending. Pending agreements are often "
        "signed within weeks."
    ),
}

EXPANSION_URGENCY: Text = _(
    "ICE lists a new 287(g) agreement as pending alongside the one already active. Pending "
    "agreements are often signed within weeks, so the steps for a pending agreement apply now "
    "too."
)

TASK_FORCE_PENDING: Text = _(
    "The pending agreement is the Task Force Model, under which officers use immigration powers "
    "during ordinary patrols, not only in the jail."
)

DISCLAIMER: Text = _(
    "This is general information, not legal advice. Laws change: check the current text at "
    "ncleg.gov and ask an attorney before acting."
)
