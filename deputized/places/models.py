"""States, counties, NC municipalities, law-enforcement agencies, and which place each ICE agency
polices. Place ids are Census codes; slugs are stable."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.Model):
    code = models.CharField(primary_key=True, max_length=2, help_text="USPS code, e.g. NC.")
    fips = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        return self.code.lower()


class County(models.Model):
    fips = models.CharField(primary_key=True, max_length=5, help_text="Census 5-digit code.")
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="counties")
    name = models.CharField(max_length=80, help_text="Without the suffix: Duplin, New Hanover.")
    full_name = models.CharField(max_length=100, help_text="Duplin County, La Salle Parish.")
    slug = models.SlugField(max_length=80)
    seat = models.CharField(max_length=80, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    sheriff_ori = models.CharField(max_length=9, blank=True)
    sheriff_name = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["state", "name"]
        constraints = [
            models.UniqueConstraint(fields=["state", "slug"], name="county_slug_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.full_name}, {self.state_id}"


class Municipality(models.Model):
    geoid = models.CharField(primary_key=True, max_length=7, help_text="Census place GEOID.")
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="municipalities")
    name = models.CharField(max_length=80)
    full_name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, help_text="city, town or village")
    slug = models.SlugField(max_length=80)
    counties = models.ManyToManyField(County, related_name="municipalities")
    primary_county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+")
    police_ori = models.CharField(
        max_length=9, blank=True, help_text="Empty: no police of its own."
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "municipalities"
        ordering = ["state", "name"]
        constraints = [
            models.UniqueConstraint(fields=["state", "slug"], name="municipality_slug_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.full_name}, {self.state_id}"


class RosterAgency(models.Model):
    """An agency of the FBI roster (ORI), with the NC roster's details where known."""

    ori = models.CharField(primary_key=True, max_length=9)
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=150, help_text="The roster's name (short forms).")
    display_name = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=30, help_text="sheriff, municipal_police, state_other …")
    counties = models.ManyToManyField(County, related_name="roster_agencies")
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Both names as matching compares them (`history.names.name_key`), set by `load_places`:
    # placing a few new agencies then looks their names up here rather than keying the whole
    # of their states' roster each time. A change to `name_key` needs `load_places` again.
    display_key = models.CharField(max_length=300, blank=True)
    name_key = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["state", "display_key"], name="roster_display_key"),
            models.Index(fields=["state", "name_key"], name="roster_name_key"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name or self.name} ({self.ori})"


class Scope(models.TextChoices):
    STATE = "state", _("a state agency")
    COUNTY = "county", _("a county")
    MUNICIPALITY = "municipality", _("a town or city")
    REGION = "region", _("several counties")
    UNMATCHED = "unmatched", _("not yet matched")


class AgencyPlace(models.Model):
    """Where one ICE-listed agency polices, and how that was decided (rebuilt by `match_places`)."""

    agency = models.OneToOneField("history.Agency", on_delete=models.CASCADE, related_name="place")
    scope = models.CharField(max_length=12, choices=Scope.choices)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(
        County,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The county it polices (or sits in).",
    )
    counties = models.ManyToManyField(County, blank=True, related_name="agency_places")
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="agency_places"
    )
    ori = models.CharField(max_length=9, blank=True)
    method = models.CharField(max_length=40, help_text="Which rule or override decided it.")
    note = models.TextField(blank=True, help_text="Why, in words; what a curator should check.")

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.scope}"


class PlaceOverride(models.Model):
    """A curator's reviewed decision for an agency the rules could not place with confidence."""

    agency = models.OneToOneField("history.Agency", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=12, choices=Scope.choices)
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    counties = models.ManyToManyField(County, blank=True, related_name="+")
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(help_text="Why; with a source.")
    reviewed_by = models.CharField(max_length=150, editable=False)
    reviewed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.scope} (reviewed by {self.reviewed_by})"
