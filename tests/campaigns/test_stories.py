"""Stories: the intake form, the teller's private link (edit, withdraw), the moderation queue,
photos with their metadata stripped; an organizers-only story never appears on any public page,
feed, API answer or download, and a withdrawn story disappears everywhere."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from deputized.campaigns import services
from deputized.campaigns.models import Story
from deputized.opendata.build import downloads_build
from tests.campaigns.factories import alamance_campaign

pytestmark = pytest.mark.django_db

SECRET_WORDS = "Zorzal-organizers-only-7731"
PUBLIC_WORDS = "Golondrina-published-4410"


@pytest.fixture(scope="module", autouse=True)
def _db(places):
    yield


def photo_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x8825] = {1: "N", 2: (35.0, 58.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def tell(words: str, share: str, *, language: str = "en", **extra) -> tuple[Story, str]:
    data = {
        "place": "county:37001",
        "what_happened": f"{words}: my brother was stopped and held for ICE.",
        "where": "a traffic stop near Graham",
        "when": "March 2026",
        "impact": "Our family is afraid to drive to work.",
        "share": share,
        "first_name": "Rosa",
        **extra,
    }
    response = Client().post(f"/{language}/stories/new/", data)
    assert response.status_code == 200, response.content.decode()[:3000]
    link = re.search(r'href="(https?://[^"]+/stories/private/[^"]+)"', response.content.decode())
    story = Story.objects.get(what_happened__startswith=words)
    return story, re.sub(r"^https?://[^/]+", "", link.group(1))


def publish(story: Story) -> None:
    curator = User.objects.create_superuser(f"c{story.pk}", password="pw")
    client = Client()
    client.force_login(curator)
    client.post("/admin/campaigns/story/", {"action": "publish", "_selected_action": [story.pk]})


def public_texts(tmp_path: Path, campaign_slug: str) -> dict[str, str]:
    """Every public face that could show a story: pages, feeds, API answers, downloads."""
    client = Client()
    urls = [
        "/en/",
        "/es/",
        "/en/states/nc/counties/alamance/",
        "/es/states/nc/counties/alamance/",
        "/en/states/nc/places/graham/",
        "/en/states/nc/",
        f"/en/campaigns/{campaign_slug}/",
        f"/es/campaigns/{campaign_slug}/",
        "/feeds/changes.atom",
        "/en/feeds/states/nc/counties/alamance.atom",
        "/sitemap.xml",
        "/api/v1/openapi.json",
    ]
    schema = client.get("/api/v1/openapi.json").json()
    urls += [f"/api/v1{path}" for path in schema["paths"] if "{" not in path]
    urls += [
        f"/api/v1{path}".replace("{fips}", "37001").replace("{county}", "alamance")
        for path in schema["paths"]
        if "{" in path and ("fips" in path or "{county}" in path)
    ]
    texts = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts[url] = body.decode("utf-8", "replace")
    folder = tmp_path / "downloads"
    downloads_build(folder=folder)
    for path in folder.rglob("*"):
        if path.is_file():
            texts[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return texts


def test_an_organizers_only_story_never_appears_and_a_withdrawn_one_disappears(tmp_path):
    campaign = alamance_campaign()
    secret, _ = tell(SECRET_WORDS, "organizers", campaign=campaign.slug)
    public, private_link = tell(PUBLIC_WORDS, "first_name", language="es")
    publish(secret)  # a curator's mistake cannot publish it
    publish(public)
    secret.refresh_from_db()
    assert secret.status == Story.Status.REJECTED
    texts = public_texts(tmp_path, campaign.slug)
    assert [url for url, text in texts.items() if SECRET_WORDS in text] == []
    shown = [url for url, text in texts.items() if PUBLIC_WORDS in text]
    assert "/en/states/nc/counties/alamance/" in shown
    # Even a status set by hand does not show an organizers-only story.
    Story.objects.filter(pk=secret.pk).update(status=Story.Status.PUBLISHED)
    services.story_review(story=public, publish=True, by="x")  # moves the data version
    texts = public_texts(tmp_path, campaign.slug)
    assert [url for url, text in texts.items() if SECRET_WORDS in text] == []

    # The teller withdraws the published story with the private link.
    page = Client().get(private_link)
    assert page.status_code == 200 and PUBLIC_WORDS in page.content.decode()
    assert Client().post(private_link, {"withdraw": "1"}).status_code == 200
    texts = public_texts(tmp_path, campaign.slug)
    assert [url for url, text in texts.items() if PUBLIC_WORDS in text] == []
    assert Client().get(private_link).status_code == 404
    public.refresh_from_db()
    assert public.what_happened == "" and public.status == Story.Status.WITHDRAWN


def test_the_teller_edits_the_story_and_it_is_reviewed_again():
    story, link = tell(PUBLIC_WORDS, "anonymous")
    publish(story)
    data = {
        "what_happened": "Edited words about what happened to us.",
        "where": "Graham",
        "when": "2026",
        "impact": "We moved.",
        "share": "anonymous",
    }
    assert Client().post(link, data).status_code == 200
    story.refresh_from_db()
    assert story.what_happened.startswith("Edited") and story.status == Story.Status.NEW


def test_a_photo_loses_its_metadata_and_a_non_photo_is_refused():
    story, _ = tell(
        "Photo story",
        "anonymous",
        photo=SimpleUploadedFile("p.jpg", photo_with_gps(), content_type="image/jpeg"),
    )
    kept = bytes(story.photo)
    with Image.open(io.BytesIO(kept)) as image:
        assert not image.getexif()
    assert b"SecretCamera" not in kept
    response = Client().post(
        "/es/stories/new/",
        {
            "place": "county:37001",
            "what_happened": "x",
            "where": "Graham",
            "when": "2026",
            "impact": "y",
            "share": "anonymous",
            "photo": SimpleUploadedFile("p.jpg", b"<?php evil ?>", content_type="image/jpeg"),
        },
    )
    assert response.status_code == 400
    assert "no es una foto" in response.content.decode()


def test_the_form_refuses_an_address_and_asks_for_a_first_name_in_both_languages():
    for language, words in (("en", "street numbers"), ("es", "números de calle")):
        response = Client().post(
            f"/{language}/stories/new/",
            {
                "where": "1234 Main Street",
                "what_happened": "x",
                "when": "2026",
                "impact": "y",
                "share": "first_name",
            },
        )
        assert response.status_code == 400
        html = response.content.decode()
        assert words in html
    assert not Story.objects.exists()
