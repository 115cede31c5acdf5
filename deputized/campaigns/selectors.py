"""Reads: a campaign's public page, its counts, what a place's page suggests, published stories.
Only public data leaves here: no name, address or phone number of a participant, except the
names and towns signers agreed to list."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from deputized.campaigns.models import CallOutcome, Campaign, LetterDelivery, Story
from deputized.documents.kinds import offered
from deputized.officials.models import Contact, Office
from deputized.oversight.jurisdiction import Body, Status
from deputized.oversight.measures import Guidance
from deputized.places.models import County, Municipality

OUTCOMES = dict(CallOutcome.Outcome.choices)


def campaign_open_get(*, slug: str) -> Campaign | None:
    return (
        Campaign.objects.filter(slug=slug, status=Campaign.Status.APPROVED)
        .select_related("county", "municipality")
        .first()
    )


@dataclass(frozen=True, slots=True)
class TargetTally:
    office: Office
    email: str
    phone: Contact | None
    letters: int
    calls: dict[str, int]
    calls_total: int


@dataclass(frozen=True, slots=True)
class Results:
    letters: int  # letters delivered (one per letter and target counts once per letter)
    signatures: int
    calls: int
    targets: tuple[TargetTally, ...]


def campaign_results(*, campaign: Campaign) -> Results:
    offices = list(campaign.targets.prefetch_related("contacts").order_by("role", "name"))
    sent = dict(
        LetterDelivery.objects.filter(letter__campaign=campaign, status="sent")
        .values_list("target_id")
        .annotate(n=Count("id"))
    )
    calls: dict[int, dict[str, int]] = {}
    for target_id, outcome, n in (
        campaign.calls.values_list("target_id", "outcome").annotate(n=Count("id")).order_by()
    ):
        calls.setdefault(target_id, {})[outcome] = n
    tallies = []
    for office in offices:
        contacts = {c.kind: c for c in office.contacts.all()}
        mine = calls.get(office.pk, {})
        tallies.append(
            TargetTally(
                office=office,
                email=contacts["email"].value if "email" in contacts else "",
                phone=contacts.get("phone"),
                letters=sent.get(office.pk, 0),
                calls={OUTCOMES[k]: mine.get(k, 0) for k in OUTCOMES},
                calls_total=sum(mine.values()),
            )
        )
    letters = (
        campaign.letters.filter(deliveries__status="sent").distinct().count()
        if campaign.kind == Campaign.Kind.LETTER
        else 0
    )
    return Results(
        letters=letters,
        signatures=campaign.signatures.count(),
        calls=sum(t.calls_total for t in tallies),
        targets=tuple(tallies),
    )


def listed_signers(*, campaign: Campaign, limit: int = 200) -> list[tuple[str, str]]:
    return list(
        campaign.signatures.filter(listed=True).order_by("-id").values_list("name", "town")[:limit]
    )


def _place_filter(place: County | Municipality) -> Q:
    if isinstance(place, County):
        return Q(county=place, municipality__isnull=True)
    return Q(municipality=place)


def stories_published(
    *, place: County | Municipality | None = None, campaign: Campaign | None = None
) -> QuerySet[Story]:
    """The only query that shows stories to the public: published, and never the
    organizers-only ones, whatever their status says."""
    stories = Story.objects.filter(status=Story.Status.PUBLISHED).exclude(
        share=Story.Share.ORGANIZERS
    )
    if place is not None:
        stories = stories.filter(_place_filter(place))
    if campaign is not None:
        stories = stories.filter(campaign=campaign)
    return stories.defer("photo").order_by("-created_at")


@dataclass(frozen=True, slots=True)
class Suggestion:
    title: str
    url: str
    campaign: Campaign | None


# What a place's status suggests: (body, status) → the ask, and the model document it offers.
SUGGESTED = {
    (Body.COUNTY, Status.ACTIVE): (
        "require-reporting",
        "county-reporting-resolution",
        _("Ask the county commissioners to require reporting on the 287(g) agreement"),
    ),
    (Body.COUNTY, Status.PENDING): (
        "county-sheriff-presentation",
        "county-sheriff-presentation",
        _("Ask the commissioners to hear the sheriff in public before the agreement starts"),
    ),
    (Body.MUNICIPALITY_POLICE, Status.NONE): (
        "pre-approve",
        "town-pre-approval-ordinance",
        _("Ask the council to require its approval before any 287(g) agreement"),
    ),
    (Body.MUNICIPALITY_POLICE, Status.PENDING): (
        "pre-approve",
        "town-pre-approval-ordinance",
        _("Ask the council to require its approval before the agreement is signed"),
    ),
    (Body.MUNICIPALITY_POLICE, Status.ACTIVE): (
        "require-reporting",
        "town-reporting-ordinance",
        _("Ask the council to require reporting on the 287(g) agreement"),
    ),
    (Body.MUNICIPALITY_NO_POLICE, Status.ACTIVE): (
        "require-reporting",
        "town-resolution-to-county",
        _("Ask the council to pass a resolution to the county about the sheriff's agreement"),
    ),
}


def suggestions_for(
    *, guidance: Guidance | None, place: County | Municipality
) -> tuple[list[Campaign], list[Suggestion]]:
    """The place's open campaigns, and what its status suggests: the campaign for that ask if
    one is open, else the model document the place is offered."""
    campaigns = list(
        Campaign.objects.filter(_place_filter(place), status=Campaign.Status.APPROVED).order_by(
            "-created_at"
        )[:5]
    )
    if guidance is None or place.state_id != "NC":
        return campaigns, []
    rule = SUGGESTED.get((guidance.jurisdiction.body, guidance.jurisdiction.status))
    if rule is None:
        return campaigns, []
    ask, document, title = rule
    match = next((c for c in campaigns if c.ask in (ask, document)), None)
    if match is not None:
        url = reverse("campaigns:page", args=[match.slug])
        return campaigns, [Suggestion(str(title), url, match)]
    keys = {m.key for m in guidance.measures}
    kinds = [k for k in offered(guidance.jurisdiction.body, keys) if k.key == document]
    if not kinds:
        return campaigns, []
    name = "documents:county" if isinstance(place, County) else "documents:town"
    url = reverse(name, kwargs={"state": "nc", "slug": place.slug, "kind": kinds[0].slug})
    return campaigns, [Suggestion(str(title), url, None)]
