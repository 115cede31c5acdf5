"""Campaigns on real places and offices (the `places` database has the officials loaded)."""

from __future__ import annotations

import datetime as dt
import importlib

from django.contrib.auth.models import Group, Permission

from deputized.campaigns import services
from deputized.campaigns.models import Campaign
from deputized.officials.models import Contact, Office

SHERIFF = "nc-sheriff-37001"
BOARD = "nc-county-37001-commissioners"
BOARD_EMAIL = "commissioners@alamance.example.gov"


def alamance_targets() -> list[Office]:
    sheriff = Office.objects.get(key=SHERIFF)
    board = Office.objects.get(key=BOARD)
    if not board.contacts.filter(kind=Contact.Kind.EMAIL).exists():
        # The data has no email for this board: the test gives it one, as a curator would.
        Contact.objects.create(
            office=board,
            kind=Contact.Kind.EMAIL,
            value=BOARD_EMAIL,
            source="test",
            verified_on=dt.date(2026, 12, 1),
        )
    return [sheriff, board]


def alamance_campaign(
    *, kind: str = "letter", slug: str = "alamance-reporting", **extra
) -> Campaign:
    from deputized.places.models import County

    campaign = Campaign.objects.create(
        slug=slug,
        kind=kind,
        title_en="Alamance: ask for reporting on 287(g)",
        title_es="Alamance: pida informes sobre el 287(g)",
        county=County.objects.get(fips="37001"),
        ask="require-reporting",
        status=Campaign.Status.APPROVED,
        **extra,
    )
    campaign.targets.set(alamance_targets())
    return services.campaign_drafts_fill(campaign=campaign)


def organizers_group() -> Group:
    """The "organizers" group as its migration makes it (0002_organizers_group). A transactional
    test's flush deletes it (and a shared database copied after one lacks it): made again here."""
    migration = importlib.import_module("deputized.campaigns.migrations.0002_organizers_group")
    group, _ = Group.objects.get_or_create(name="organizers")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="campaigns", codename__in=migration.PERMISSIONS
        ),
        *Permission.objects.filter(content_type__app_label="officials", codename="view_office"),
    )
    return group
