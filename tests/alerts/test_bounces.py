"""Bounces and complaints through django-anymail's tracking webhooks, with the payloads the
providers send (anymail's documented formats), authenticated by anymail's webhook secret.

Amazon SES publishes to an SNS topic, which POSTs to /anymail/amazon_ses/tracking/: first a
SubscriptionConfirmation (anymail confirms it through SNS's API: here a fake SNS on loopback,
the only thing not real), then each notification in an SNS envelope.
"""

from __future__ import annotations

import base64
import json

import pytest
from django.test import Client

from deputized.alerts.models import Subscriber
from tests.alerts.servers import FakeSNS
from tests.alerts.test_alerts import _alert_settings, subscriber  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SES = "/anymail/amazon_ses/tracking/"
POSTMARK = "/anymail/postmark/tracking/"
TOPIC = "arn:aws:sns:us-east-1:123456789012:deputized-bounces"


@pytest.fixture(autouse=True)
def _anymail(settings):
    settings.ANYMAIL = {**getattr(settings, "ANYMAIL", {}), "WEBHOOK_SECRET": "ses:s3cret-words"}


def basic(credentials: str) -> str:
    return "Basic " + base64.b64encode(credentials.encode()).decode()


def sns(message_type: str, message_id: str, **fields: str) -> dict:
    """An SNS HTTP(S) delivery, as SNS posts it (docs.aws.amazon.com/sns/latest/dg/
    sns-message-and-json-formats.html)."""
    return {
        "Type": message_type,
        "MessageId": message_id,
        "TopicArn": TOPIC,
        "Timestamp": "2026-12-04T15:12:51.215Z",
        "SignatureVersion": "1",
        "Signature": "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2",
        "SigningCertURL": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        **fields,
    }


def ses_notification(message_id: str, event: dict) -> dict:
    return sns(
        "Notification",
        message_id,
        Message=json.dumps(event),
        UnsubscribeURL=f"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={TOPIC}:1",
    )


def ses_bounce(address: str, bounce_type: str = "Permanent") -> dict:
    """Amazon SES's bounce notification
    (docs.aws.amazon.com/ses/latest/dg/notification-contents.html)."""
    return {
        "notificationType": "Bounce",
        "bounce": {
            "bounceType": bounce_type,
            "bounceSubType": "General",
            "bouncedRecipients": [
                {
                    "emailAddress": address,
                    "action": "failed",
                    "status": "5.1.1",
                    "diagnosticCode": "smtp; 550 5.1.1 user unknown",
                }
            ],
            "timestamp": "2026-12-04T15:12:50.000Z",
            "feedbackId": "0100017a-bounce-feedback",
            "remoteMtaIp": "203.0.113.7",
        },
        "mail": {
            "timestamp": "2026-12-04T15:12:49.000Z",
            "source": "alerts@example.org",
            "messageId": "0100017a-message-id",
            "destination": [address],
        },
    }


def ses_complaint(address: str) -> dict:
    return {
        "notificationType": "Complaint",
        "complaint": {
            "complainedRecipients": [{"emailAddress": address}],
            "timestamp": "2026-12-04T16:00:00.000Z",
            "feedbackId": "0100017a-complaint-feedback",
            "complaintFeedbackType": "abuse",
            "userAgent": "ExampleCorp Feedback Loop (V0.01)",
        },
        "mail": {
            "timestamp": "2026-12-04T15:12:49.000Z",
            "source": "alerts@example.org",
            "messageId": "0100017a-message-id-2",
            "destination": [address],
        },
    }


def post_sns(body: dict, credentials: str | None = "ses:s3cret-words") -> int:
    headers = {
        "HTTP_X_AMZ_SNS_MESSAGE_TYPE": body["Type"],
        "HTTP_X_AMZ_SNS_MESSAGE_ID": body["MessageId"],
        "HTTP_X_AMZ_SNS_TOPIC_ARN": TOPIC,
    }
    if credentials is not None:
        headers["HTTP_AUTHORIZATION"] = basic(credentials)
    # SNS sends JSON as text/plain.
    response = Client().post(SES, json.dumps(body), content_type="text/plain", **headers)
    return response.status_code


def test_ses_confirms_its_sns_subscription_then_bounces_and_complaints_stop_alerts(settings):
    gone = subscriber(address="gone@example.org")
    angry = subscriber(address="angry@example.org")
    busy = subscriber(address="busy@example.org")
    with FakeSNS() as fake:
        settings.ANYMAIL = {
            **settings.ANYMAIL,
            "AMAZON_SES_CLIENT_PARAMS": {"endpoint_url": fake.url},
            "AMAZON_SES_SESSION_PARAMS": {
                "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
                "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            },
        }
        confirmation = sns(
            "SubscriptionConfirmation",
            "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
            Token="2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a",
            Message=f"You have chosen to subscribe to the topic {TOPIC}.",
            SubscribeURL=f"https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn={TOPIC}&Token=2336",
        )
        assert post_sns(confirmation) == 200  # not the old endpoint's 400
    [call] = fake.calls
    assert call["Action"] == ["ConfirmSubscription"] and call["TopicArn"] == [TOPIC]
    assert call["Token"] == [confirmation["Token"]]

    assert post_sns(ses_notification("b-1", ses_bounce("GONE@example.org"))) == 200
    assert post_sns(ses_notification("b-2", ses_bounce("busy@example.org", "Transient"))) == 200
    assert post_sns(ses_notification("c-1", ses_complaint("angry@example.org"))) == 200
    statuses = {s.address: s.status for s in Subscriber.objects.all()}
    assert statuses == {
        gone.address: "bounced",
        angry.address: "unsubscribed",
        busy.address: "active",  # a transient bounce: the next message may get through
    }


def test_a_notification_without_the_webhook_secret_changes_nothing():
    gone = subscriber(address="gone@example.org")
    bounce = ses_notification("b-1", ses_bounce("gone@example.org"))
    # SNS first calls without credentials and expects a 401 challenge before sending them.
    assert post_sns(bounce, credentials=None) == 401
    assert post_sns(bounce, credentials="ses:guess") == 400
    gone.refresh_from_db()
    assert gone.status == "active"


def test_without_a_configured_secret_every_notification_is_refused(settings):
    from importlib import reload

    import deputized.settings as project_settings

    gone = subscriber(address="gone@example.org")
    settings.ANYMAIL = reload(project_settings).ANYMAIL  # ANYMAIL_WEBHOOK_SECRET unset here
    for credentials in ("ses:s3cret-words", ":", "unset:"):
        assert post_sns(ses_notification("b-1", ses_bounce("gone@example.org")), credentials) == 400
    gone.refresh_from_db()
    assert gone.status == "active"


def test_other_providers_through_anymail_postmark_hard_bounce_and_spam_complaint():
    gone = subscriber(address="gone@example.org")
    angry = subscriber(address="angry@example.org")
    soft = subscriber(address="soft@example.org")
    browser = Client()

    def postmark(record: dict) -> int:
        return browser.post(
            POSTMARK,
            json.dumps(record),
            content_type="application/json",
            HTTP_AUTHORIZATION=basic("ses:s3cret-words"),
        ).status_code

    # Postmark's bounce webhook (postmarkapp.com/developer/webhooks/bounce-webhook).
    hard = {
        "RecordType": "Bounce",
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "TypeCode": 1,
        "Name": "Hard bounce",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": "gone@example.org",
        "From": "alerts@example.org",
        "BouncedAt": "2026-12-04T16:33:54.9070259Z",
        "Inactive": True,
        "CanActivate": True,
        "Subject": "287(g) alerts",
    }
    assert postmark(hard) == 200
    assert postmark({**hard, "Type": "SoftBounce", "TypeCode": 4096, "Email": soft.address}) == 200
    # Postmark's spam complaint webhook.
    complaint = {
        "RecordType": "SpamComplaint",
        "MessageStream": "outbound",
        "ID": 42,
        "Type": "SpamComplaint",
        "TypeCode": 512,
        "Name": "Spam complaint",
        "MessageID": "00000000-0000-0000-0000-000000000000",
        "Email": "angry@example.org",
        "From": "alerts@example.org",
        "BouncedAt": "2026-12-04T16:40:00Z",
    }
    assert postmark(complaint) == 200
    statuses = {s.address: s.status for s in Subscriber.objects.all()}
    assert statuses == {
        gone.address: "bounced",
        angry.address: "unsubscribed",
        "soft@example.org": "active",
    }


def test_the_hand_written_endpoint_is_gone():
    assert Client().post("/en/alerts/bounces/", {}).status_code == 404
