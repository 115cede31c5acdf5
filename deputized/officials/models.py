"""Who holds each public office that can act on 287(g) in North Carolina, and how to reach them.

An office belongs to a place (the state, a county, a town) and, for a sheriff or a police chief,
to an agency (its FBI ORI). A person holds an office for a term; contacts belong to the office
(the sheriff's office phone outlives a sheriff). Every fact carries its source and the day it was
last verified, and every change is kept with who made it (django-simple-history).

`curated_at` marks a row a curator (or an applied public correction) edited: `load_officials`
never overwrites such a row with data published before that edit.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from deputized.community.phones import tel_uri
from deputized.places.models import County, Municipality


class Role(models.TextChoices):
    # Its own context: in Spanish the office is "Alguacil"; pages gloss "alguacil (sheriff)"
    # once, where they first name it, not in every list of officials.
    SHERIFF = "sheriff", pgettext_lazy("office", "Sheriff")
    COMMISSIONERS = "commissioners", _("Board of County Commissioners")
    COMMISSIONER = "commissioner", _("County commissioner")
    COMMISSIONERS_CHAIR = "commissioners_chair", _("Chair of the Board of County Commissioners")
    COUNTY_MANAGER = "county_manager", _("County manager")
    COUNTY_ATTORNEY = "county_attorney", _("County attorney")
    CLERK_TO_BOARD = "clerk_to_board", _("Clerk to the board")
    COUNCIL = "council", _("Town or city council")
    COUNCIL_MEMBER = "council_member", _("Council member")
    MAYOR = "mayor", _("Mayor")
    TOWN_MANAGER = "town_manager", _("Town or city manager")
    TOWN_ATTORNEY = "town_attorney", _("Town or city attorney")
    TOWN_CLERK = "town_clerk", _("Town or city clerk")
    POLICE_CHIEF = "police_chief", _("Police chief")
    STATE_HOUSE = "state_house", _("State House member")
    STATE_SENATE = "state_senate", _("State Senate member")


# A body (a board or council) is reached as a whole: its members' seats are offices of their own.
BODIES = frozenset({Role.COMMISSIONERS, Role.COUNCIL})
LEGISLATIVE = frozenset({Role.STATE_HOUSE, Role.STATE_SENATE})


class Office(models.Model):
    key = models.SlugField(
        max_length=80, unique=True, help_text="Stable id: nc-sheriff-37001, nc-house-63 …"
    )
    role = models.CharField(max_length=24, choices=Role.choices)
    name = models.CharField(max_length=200, help_text="As the office is called: Alamance County …")
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.CASCADE, related_name="offices"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.CASCADE, related_name="offices"
    )
    agency_ori = models.CharField(
        max_length=9, blank=True, help_text="The agency it heads (FBI ORI), for a sheriff or chief."
    )
    district = models.CharField(max_length=10, blank=True, help_text="Legislative district.")
    represented_counties = models.ManyToManyField(
        County, blank=True, related_name="legislative_offices"
    )
    counties_source = models.TextField(
        blank=True, help_text="Where the district's counties come from."
    )
    meeting_schedule = models.TextField(
        blank=True, help_text="A board or council's regular schedule, in words."
    )
    public_comment = models.TextField(
        blank=True, help_text="How to speak at its meetings or comment in writing."
    )
    source = models.TextField(blank=True, help_text="Where the office's facts come from.")
    verified_on = models.DateField(null=True, blank=True, help_text="Last checked by a curator.")
    curated_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when a curator edits it: the loader keeps the edit."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["key"]
        indexes = [models.Index(fields=["role"], name="office_role")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    key = models.CharField(
        max_length=80, unique=True, help_text="Stable id: an Open States id, or the office's key."
    )
    name = models.CharField(max_length=150)
    party = models.CharField(max_length=40, blank=True)
    source = models.TextField(blank=True)
    curated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """A person holding an office. The current holder is the term with no end, or ending later."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="terms")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="terms")
    started_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    source = models.TextField()
    verified_on = models.DateField(help_text="When the source (or a curator) last confirmed it.")
    curated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "-started_on"]

    def __str__(self) -> str:
        return f"{self.person} — {self.office}"


class Contact(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")
        ADDRESS = "address", _("Office address")
        WEBSITE = "website", _("Website")
        COMMENT = "comment", _("How to comment in public")

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    value = models.CharField(max_length=500)
    source = models.TextField()
    verified_on = models.DateField()
    curated_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["office", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["office", "kind"], name="one_contact_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.office}: {self.kind}"

    @property
    def kind_label(self) -> str:
        return str(CONTACT_KINDS[self.kind])

    @property
    def tel(self) -> str:
        """The `tel:` link of a phone contact ("" when not a dialable US number)."""
        return tel_uri(self.value) if self.kind == self.Kind.PHONE else ""


CONTACT_KINDS = dict(Contact.Kind.choices)


class Meeting(models.Model):
    """One meeting of a board or council, where 287(g) can be raised."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=300, blank=True)
    agenda_url = models.URLField(blank=True)
    comment_deadline = models.DateTimeField(
        null=True, blank=True, help_text="Last moment to sign up to speak or send a comment."
    )
    source = models.TextField()
    verified_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.office} {self.starts_at:%Y-%m-%d}"


class Correction(models.Model):
    """A member of the public's report that an office's facts are out of date. The submitter's
    contact is for the curator only: never shown, exported or logged, and purged after
    `OFFICIALS_CORRECTION_CONTACT_DAYS` (`officials_purge`)."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        APPLIED = "applied", _("Applied")
        REJECTED = "rejected", _("Rejected")

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="corrections")
    what_is_wrong = models.TextField()
    source_url = models.URLField(max_length=500)
    person_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    submitter_contact = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.office} ({self.status})"
