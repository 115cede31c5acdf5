"""Failed admin sign-ins are limited per client address and per username, in the shared cache."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client

from deputized import adminlogin

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user() -> User:
    return User.objects.create_superuser("curator", "curator@example.org", "right-password")


def sign_in(client: Client, username: str, password: str):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_a_client_guessing_is_refused_even_the_right_password(admin_user):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(adminlogin.PER_CLIENT):
        answer = sign_in(guesser, f"user{attempt}", "guess")  # a new name each time
        assert answer.status_code == 200 and "correct username" in answer.content.decode()
    refused = sign_in(guesser, "curator", "right-password")
    assert not signed_in(refused)
    assert "Too many failed sign-ins. Try again in" in refused.content.decode()
    # Another address is not held back by this one's guesses.
    assert signed_in(sign_in(Client(REMOTE_ADDR="198.51.100.4"), "curator", "right-password"))


def test_one_username_guessed_from_many_addresses_is_refused(admin_user):
    for attempt in range(adminlogin.PER_USERNAME):
        client = Client(REMOTE_ADDR=f"203.0.113.{attempt + 1}")
        assert not signed_in(sign_in(client, "Curator ", "guess"))  # as Django reads names
    late = sign_in(Client(REMOTE_ADDR="203.0.113.200"), "curator", "right-password")
    assert not signed_in(late) and "Too many failed sign-ins" in late.content.decode()
    # Other accounts still sign in.
    User.objects.create_superuser("editor", "editor@example.org", "editor-password")
    assert signed_in(sign_in(Client(REMOTE_ADDR="203.0.113.201"), "editor", "editor-password"))


def test_the_counts_outlive_a_restarted_worker_and_hold_no_address(admin_user):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(adminlogin.PER_CLIENT):
        sign_in(guesser, "curator", "guess")
    caches["default"].clear()  # a new server process starts with empty memory
    assert not signed_in(sign_in(guesser, "curator", "right-password"))
    shared = caches["shared"]
    names = "".join(path.read_text(errors="ignore") for path in _files(shared))
    assert "203.0.113.9" not in names and "curator" not in names


def _files(shared):
    from pathlib import Path

    return list(Path(shared._dir).glob("*.djcache"))


def test_a_successful_sign_in_is_not_counted(admin_user):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(adminlogin.PER_USERNAME * 3):
        assert signed_in(sign_in(client, "curator", "right-password"))
        client.logout()
