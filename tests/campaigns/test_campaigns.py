"""Campaigns: organizers create them in the admin, curators open them, drafts come filled with
the place's facts, and county and town pages suggest what to do from their status."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from deputized.campaigns.models import Campaign
from deputized.campaigns.selectors import SUGGESTED, suggestions_for
from deputized.oversight.jurisdiction import Body, Jurisdiction, Status
from deputized.oversight.measures import measures_for
from deputized.places.models import County, Municipality
from tests.campaigns.factories import (
    BOARD,
    SHERIFF,
    alamance_campaign,
    alamance_targets,
    organizers_group,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _db(places):
    yield


def organizer(name: str = "org") -> User:
    user = User.objects.create_user(name, password="pw", is_staff=True)
    user.groups.add(organizers_group())
    return user


def test_an_organizer_creates_a_campaign_that_waits_for_a_curator_who_opens_it():
    sheriff, board = alamance_targets()
    client = Client()
    client.force_login(organizer())
    response = client.post(
        "/admin/campaigns/campaign/add/",
        {
            "slug": "alamance-letters",
            "kind": "letter",
            "title_en": "Alamance: ask for reporting",
            "title_es": "Alamance: pida informes",
            "county": "37001",
            "agency_ori": "",
            "targets": [sheriff.pk, board.pk],
            "ask": "require-reporting",
            "draft_en": "",
            "draft_es": "",
            "goal": "100",
            "daily_limit": "20",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get(slug="alamance-letters")
    assert campaign.status == Campaign.Status.PENDING  # an organizer cannot open it
    assert "Alamance" in campaign.draft_en and "Alamance" in campaign.draft_es
    assert "287(g)" in campaign.draft_en
    assert Client().get("/en/campaigns/alamance-letters/").status_code == 404
    # the organizer cannot approve it
    client.post(
        "/admin/campaigns/campaign/",
        {"action": "approve", "_selected_action": [campaign.pk]},
    )
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.PENDING
    curator = User.objects.create_superuser("curator", password="pw")
    admin = Client()
    admin.force_login(curator)
    admin.post(
        "/admin/campaigns/campaign/", {"action": "approve", "_selected_action": [campaign.pk]}
    )
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.APPROVED and campaign.approved_by == curator
    page = Client().get("/es/campaigns/alamance-letters/")
    assert page.status_code == 200
    assert "Alamance: pida informes" in page.content.decode()


def test_the_draft_follows_value_problem_solution_action_in_both_languages():
    campaign = alamance_campaign()
    for draft in (campaign.draft_en, campaign.draft_es):
        assert len(draft.split("\n\n")) == 4
    assert "community safety" in campaign.draft_en
    assert "seguridad" in campaign.draft_es.lower()


def test_a_county_page_lists_its_open_campaigns():
    campaign = alamance_campaign()
    html = Client().get("/en/states/nc/counties/alamance/").content.decode()
    assert f"/en/campaigns/{campaign.slug}/" in html
    assert "Share your story" in html


def test_suggestions_follow_the_status():
    county = County.objects.get(fips="37001")
    guidance = measures_for(Jurisdiction(Body.COUNTY, Status.ACTIVE, frozenset({"JEM"})))
    campaigns, suggestions = suggestions_for(guidance=guidance, place=county)
    assert campaigns == []
    assert suggestions and "reporting-resolution" in suggestions[0].url
    campaign = alamance_campaign()
    campaigns, suggestions = suggestions_for(guidance=guidance, place=county)
    assert suggestions[0].campaign == campaign
    town = Municipality.objects.filter(state_id="NC").exclude(police_ori="").first()
    guidance = measures_for(Jurisdiction(Body.MUNICIPALITY_POLICE, Status.NONE))
    _campaigns, suggestions = suggestions_for(guidance=guidance, place=town)
    assert suggestions and "pre-approval-ordinance" in suggestions[0].url
    assert (Body.COUNTY, Status.ACTIVE) in SUGGESTED


def test_targets_are_offices_of_the_directory():
    campaign = alamance_campaign()
    assert {o.key for o in campaign.targets.all()} == {SHERIFF, BOARD}


def test_the_admin_list_shows_the_organizer_the_counts():
    campaign = alamance_campaign()
    campaign.signatures.create(name="A", town="B")
    client = Client()
    client.force_login(organizer())
    page = client.get("/admin/campaigns/campaign/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "letters confirmed" in html.lower() and "/results.csv" in html
