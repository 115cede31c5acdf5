"""The public forms: the cost calculator (GET), the tracker's sign-up, and uploads."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

TIER_CHOICES = [
    ("none", _("No award (success rate below 70%)")),
    ("70", _("70–79%: $500 per officer per quarter")),
    ("80", _("80–89%: $750 per officer per quarter")),
    ("90", _("90–100%: $1,000 per officer per quarter")),
]


class CostForm(forms.Form):
    """Every field is what the user assumes or has obtained (by records request)."""

    officers = forms.IntegerField(
        label=_("Number of 287(g)-trained officers"),
        min_value=0,
        max_value=5000,
        help_text=_("Ask the agency for it: item 3 of the records request (names or counts)."),
    )
    salary = forms.DecimalField(
        label=_("Annual salary per officer (USD)"),
        min_value=Decimal("0"),
        max_value=Decimal("1000000"),
        decimal_places=2,
    )
    benefits_percent = forms.DecimalField(
        label=_("Benefits, as a percentage of salary"),
        min_value=Decimal("0"),
        max_value=Decimal("200"),
        decimal_places=2,
        initial=Decimal("0"),
    )
    overtime = forms.DecimalField(
        label=_("Overtime paid per officer per year (USD)"),
        min_value=Decimal("0"),
        max_value=Decimal("1000000"),
        decimal_places=2,
        initial=Decimal("0"),
    )
    tier = forms.ChoiceField(label=_("Performance award tier"), choices=TIER_CHOICES)
    budget = forms.DecimalField(
        label=_("The agency's annual budget (USD, optional)"),
        required=False,
        min_value=Decimal("1"),
        max_value=Decimal("100000000000"),
        decimal_places=2,
    )


class TrackForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email (to confirm, and for the reminders; never shown)"), max_length=254
    )
    sent_on = forms.DateField(
        label=_("The day you sent the request (YYYY-MM-DD)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    is_public = forms.BooleanField(
        label=_("Show this request's status publicly (never your email)"), required=False
    )
    # The honeypot: hidden from people (and screen readers), filled by form-filling robots.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[])
    on = forms.DateField(
        label=_("Since (YYYY-MM-DD)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    is_public = forms.BooleanField(
        label=_("Show this request's status publicly (never your email)"), required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        from deputized.records.models import RequestStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = RequestStatus.choices


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("The file (PDF, XLSX, CSV, DOCX, PNG, JPEG or WebP; at most 20 MB)")
    )
    title = forms.CharField(label=_("What it is"), max_length=200)
    received_on = forms.DateField(
        label=_("Received on (YYYY-MM-DD)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.CharField(
        label=_("Who released it, and how (e.g. the sheriff's office, by email)"), max_length=300
    )
