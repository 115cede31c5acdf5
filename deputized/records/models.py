"""Jail contracts (ICE detention facilities and their reports), liability entries, public records
requests and their responses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from deputized.places.models import County


class Facility(models.Model):
    """An NC facility in ICE's detention statistics (`nc_ice_detention_facilities.csv`, one field
    per column used)."""

    facility_id = models.CharField(primary_key=True, max_length=120)
    name = models.CharField(max_length=200)
    detloc_code = models.CharField(max_length=20, blank=True)
    address = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=80, blank=True)
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.SET_NULL, related_name="ice_facilities"
    )
    operator_sheriff_ori = models.CharField(max_length=9, blank=True)
    type_detailed = models.CharField(max_length=20, blank=True, help_text="ICE's latest type code.")
    type_detailed_all = models.CharField(max_length=100, blank=True)
    first_ice_report = models.CharField(max_length=100, blank=True)
    last_ice_report = models.CharField(max_length=100, blank=True)
    last_data_pull_date = models.DateField(null=True, blank=True)
    latest_reported_adp = models.FloatField(null=True, blank=True)
    max_reported_adp = models.FloatField(null=True, blank=True)
    latest_guaranteed_minimum = models.FloatField(null=True, blank=True)
    in_latest_fy26_report = models.BooleanField(default=False)
    per_diem_rate_2017 = models.CharField(max_length=40, blank=True, help_text="As printed.")
    source = models.TextField()
    license = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name


class FacilityReport(models.Model):
    """One facility in one archived ICE report (`nc_ice_facility_report_history.csv`)."""

    observation_id = models.CharField(primary_key=True, max_length=200)
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="reports")
    ice_report_file = models.CharField(max_length=100)
    archived_copy_date = models.DateField()
    report_sheet = models.CharField(max_length=60, blank=True)
    data_pull_date = models.DateField(null=True, blank=True)
    type_detailed = models.CharField(max_length=20, blank=True)
    adp = models.FloatField(
        null=True, blank=True, help_text="Average daily population, FY to date."
    )
    alos_days = models.FloatField(null=True, blank=True)
    guaranteed_minimum = models.FloatField(null=True, blank=True)
    data_quality_flag = models.TextField(blank=True, help_text="Set: left out of every figure.")
    source = models.TextField()

    class Meta:
        ordering = ["facility", "archived_copy_date", "observation_id"]

    def __str__(self) -> str:
        return self.observation_id


class RateObservation(models.Model):
    """A published per-diem or contract figure with its exact quote (nc_igsa_rate_observations)."""

    observation_id = models.CharField(primary_key=True, max_length=120)
    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="rates")
    agreement = models.TextField()
    rate_usd_per_detainee_day = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )
    guaranteed_minimum_beds = models.CharField(max_length=100, blank=True)
    contract_value_usd = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    as_of = models.CharField(max_length=20, blank=True)
    source_type = models.CharField(max_length=100, blank=True)
    quote = models.TextField()
    source_url = models.URLField(max_length=500)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["facility", "as_of", "observation_id"]

    def __str__(self) -> str:
        return self.observation_id


class DetentionLoad(models.Model):
    """One row per `load_detention` run that changed something (it moves the data version)."""

    loaded_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"load {self.pk}"


class LiabilityKind(models.TextChoices):
    FEDERAL = "federal", _("Federal finding or suit")
    CIVIL = "civil", _("Civil suit or settlement")
    COMPLAINT = "complaint", _("Complaint under the agreement")
    DETENTION = "detention", _("Wrongful detention reported in the press")


class LiabilityEntry(models.Model):
    """What makes an agency's participation a legal and financial risk, with its source; entered
    by curators (every version kept)."""

    agency_id = models.CharField(
        max_length=200, db_index=True, help_text="The agency's public id (nc-…-sheriffs-office)."
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=LiabilityKind.choices)
    date = models.DateField(help_text="When it was filed, found or reported.")
    summary = models.TextField()
    source_url = models.URLField(max_length=500)
    source_name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency_id", "-date"]
        verbose_name_plural = "liability entries"

    def __str__(self) -> str:
        return self.title


class RequestStatus(models.TextChoices):
    SENT = "sent", _("sent")
    ACKNOWLEDGED = "acknowledged", _("acknowledged")
    FEE_ESTIMATE = "fee_estimate", _("fee estimate received")
    PARTIAL = "partial", _("partly answered")
    COMPLETE = "complete", _("complete")
    DENIED = "denied", _("denied")
    NO_RESPONSE = "no_response", _("no response")


# Statuses after which nothing more is owed: no reminder is sent.
CLOSED_STATUSES = frozenset({RequestStatus.COMPLETE})


class TrackedRequest(models.Model):
    """A records request someone sent and follows here. The only personal data is the email
    (confirmed by a signed link; never shown, never in a URL, the API or the logs)."""

    public_id = models.SlugField(max_length=32, unique=True, help_text="Random; the public URL.")
    agency_id = models.CharField(max_length=200, db_index=True)
    email = models.EmailField(help_text="The requester's; private.")
    is_public = models.BooleanField(default=False, help_text="The requester's choice.")
    reviewed = models.BooleanField(
        default=False, help_text="A curator checked it: listed in the API (if public)."
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(help_text="The day the request was sent to the agency.")
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.SENT
    )
    status_on = models.DateField(help_text="When the status last changed.")
    follow_up_due = models.DateField(help_text="10 business days after it was sent.")
    mediation_due = models.DateField(help_text="10 business days after the follow-up was due.")
    follow_up_reminded_at = models.DateTimeField(null=True, blank=True)
    mediation_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_on", "pk"]
        indexes = [models.Index(fields=["is_public", "reviewed", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.sent_on}"


class ResponseDocument(models.Model):
    """What came back from a records request, uploaded by its requester or a curator. Its type
    was checked by content; nothing is public until a curator reviews it."""

    agency_id = models.CharField(max_length=200, db_index=True)
    request = models.ForeignKey(
        TrackedRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    title = models.CharField(max_length=200)
    received_on = models.DateField()
    source = models.CharField(max_length=300, help_text="Who released it, and how.")
    kind = models.CharField(max_length=10, help_text="pdf, xlsx, csv, docx, png, jpeg, webp")
    filename = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    text = models.TextField(blank=True, help_text="Extracted for search; never executed.")
    reviewed = models.BooleanField(default=False, help_text="Public once a curator checks it.")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "pk"]

    def __str__(self) -> str:
        return self.title
