"""Issue 13, point 3: when the mail server is down or refuses, the sign-up form says what happened
(the confirmation could not be sent, nothing was saved, try again later), not "please correct the
form", and keeps nothing."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from deputized.alerts.models import PendingSignup, Subscriber
from tests.alerts.servers import MailSink, SMTPServer

pytestmark = pytest.mark.django_db

WAKE = "county:37183"
SAID = {
    "en": ("could not send the confirmation", "Nothing was saved", "try again"),
    "es": ("No pudimos enviar", "No se guardó nada", "vuelva a intentarlo"),
}
NOT_SAID = {"en": "Please correct the form", "es": "Corrija el formulario"}


class RefusingSink(MailSink):
    """A mail server that is up but refuses every message (554 at DATA)."""

    async def handle_DATA(self, server, session, envelope) -> str:
        return "554 5.7.1 Message refused"


def sign_up(language: str) -> str:
    response = Client().post(
        f"/{language}/alerts/",
        {
            "topic": WAKE,
            "channel": "email",
            "email": "resident@example.org",
            "kinds": ["activated", "new_active"],
            "language": language,
            "mode": "immediate",
            "website": "",
        },
    )
    assert response.status_code == 503
    return response.content.decode()


def assert_says_what_happened(html: str, language: str) -> None:
    assert 'role="alert"' in html
    for words in SAID[language]:
        assert words in html, words
    assert NOT_SAID[language] not in html
    assert 'value="resident@example.org"' in html  # what was typed is kept for the retry
    assert not PendingSignup.objects.exists() and not Subscriber.objects.exists()


@pytest.fixture
def smtp(places, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_TIMEOUT = "127.0.0.1", 5
    cache.clear()
    return settings


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_stopped_mail_server_is_said_and_nothing_is_kept(smtp, language):
    server = SMTPServer(MailSink())
    with server:
        pass  # it ran on this port, and has stopped: connections are refused
    smtp.EMAIL_PORT = server.port
    assert_says_what_happened(sign_up(language), language)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_mail_server_that_refuses_the_message_is_said_and_nothing_is_kept(smtp, language):
    sink = RefusingSink()
    with SMTPServer(sink) as server:
        smtp.EMAIL_PORT = server.port
        assert_says_what_happened(sign_up(language), language)
    assert sink.messages == []
