"""A sign-on letter as one PDF (WeasyPrint): the letter, the count, and the names and towns of
the signers who agreed to be listed. Signatures are set as running text, not a table: WeasyPrint
lays out 10,000 of them in seconds that way (bench/)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from deputized.campaigns.models import Campaign
from deputized.documents.formats import NO_FETCH


def signon_html(*, campaign: Campaign, language: str = "en") -> str:
    signatures = campaign.signatures.order_by("id")
    listed = list(signatures.filter(listed=True).values_list("name", "town", "organization"))
    with translation.override(language):
        return render_to_string(
            "campaigns/signon_pdf.html",
            {
                "campaign": campaign,
                "letter": campaign.draft(language),
                "title": campaign.title(language),
                "count": signatures.count(),
                "listed": listed,
                "unlisted": signatures.count() - len(listed),
                "targets": list(campaign.targets.all()),
                "today": timezone.localdate(),
            },
        )


def signon_pdf(*, campaign: Campaign, language: str = "en") -> bytes:
    return HTML(
        string=signon_html(campaign=campaign, language=language), url_fetcher=NO_FETCH
    ).write_pdf()
