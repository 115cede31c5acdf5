"""A sign-on letter as one PDF (WeasyPrint): the letter, the count, and the names and towns of
the signers who agreed to be listed. Signatures are set as running text in paragraphs of 50, not a
table: WeasyPrint lays out 10,000 of them in about 4 s that way (bench/campaigns.py)."""

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
                "paragraphs": _paragraphs(listed),
                "unlisted": signatures.count() - len(listed),
                "targets": list(campaign.targets.all()),
                "today": timezone.localdate(),
            },
        )


def _paragraphs(listed: list[tuple[str, str, str]], size: int = 50) -> list[str]:
    """The consenting signers, "Name (Town, Organization)", in paragraphs of `size`: joined
    here rather than in the template, a twentieth of the boxes for WeasyPrint to lay out."""
    items = [f"{name} ({town}{', ' + org if org else ''})" for name, town, org in listed]
    return [" · ".join(items[i : i + size]) for i in range(0, len(items), size)]


def signon_pdf(*, campaign: Campaign, language: str = "en") -> bytes:
    return HTML(
        string=signon_html(campaign=campaign, language=language), url_fetcher=NO_FETCH
    ).write_pdf()


def draft_pdf(*, campaign: Campaign, language: str) -> bytes:
    """The campaign's letter as a page to print, sign and mail or hand in at a meeting."""
    with translation.override(language):
        html = render_to_string(
            "campaigns/draft_pdf.html",
            {
                "title": campaign.title(language),
                "letter": campaign.draft(language),
                "targets": list(campaign.targets.all()),
                "today": timezone.localdate(),
                "LANGUAGE_CODE": language,
            },
        )
    return HTML(string=html, url_fetcher=NO_FETCH).write_pdf()
