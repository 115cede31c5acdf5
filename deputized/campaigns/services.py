"""Writes: campaigns, letters (submit, confirm, deliver), signatures, sign-on delivery, calls,
stories and text campaigns. Keyword-only, typed; views, commands, tasks and admin actions call
these. Never a name, address or phone number in a log line."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from deputized import ratelimit
from deputized.alerts.content import absolute
from deputized.campaigns import drafts, tokens
from deputized.campaigns.models import (
    Bundle,
    CallOutcome,
    Campaign,
    ContactFlag,
    Letter,
    LetterDelivery,
    Signature,
    SignOnDelivery,
    Story,
    TextBlast,
    TextDelivery,
    public_changed,
)
from deputized.officials.models import Contact, Office

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=10)
# Public forms, per client and hour, counted in the shared cache (every process together).
FORM_LIMITS = {"letter": 10, "sign": 20, "call": 60, "story": 5}
TEXTS_PER_CAMPAIGN_AND_DAY = 2
APPROVAL_ABOVE = 100  # recipients: a second organizer must approve a text above this


class RateLimited(Exception):
    pass


class NotSent(Exception):
    """The mail server did not take the message: nothing was kept."""


def form_allowed(*, form: str, client: str) -> bool:
    key = f"campaigns:{form}:{ratelimit.digest(client)}"
    return ratelimit.hit(key, FORM_LIMITS[form])


# --- campaigns ---


def campaign_drafts_fill(*, campaign: Campaign) -> Campaign:
    place = campaign.place
    if place is None:
        return campaign
    filled = drafts.drafts_for(place, campaign.ask)
    campaign.draft_en, campaign.draft_es = filled["en"], filled["es"]
    campaign.save(update_fields=["draft_en", "draft_es"])  # moves the version (signals.py)
    return campaign


def campaign_approve(*, campaign: Campaign, by: Any) -> Campaign:
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.APPROVED, approved_by=by)
    public_changed("campaign")
    campaign.refresh_from_db()
    return campaign


def target_email(office: Office) -> str:
    contact = office.contacts.filter(kind=Contact.Kind.EMAIL).first()
    return contact.value if contact else ""


# --- letters ---


def _same_words(a: str, b: str) -> bool:
    squash = lambda s: " ".join(s.lower().split())  # noqa: E731
    return squash(a) == squash(b)


def letter_is_unchanged(*, campaign: Campaign, body: str) -> bool:
    return any(_same_words(body, campaign.draft(lang)) for lang in ("en", "es"))


def letter_submit(
    *, campaign: Campaign, language: str, body: str, name: str, email: str, town: str
) -> Letter:
    """Keep the letter and email its author the confirmation link, in one transaction: when the
    mail server refuses, nothing is kept (NotSent) and the form shows what was typed."""
    with transaction.atomic():
        letter = Letter.objects.create(
            campaign=campaign,
            language=language,
            body=body.strip(),
            name=name.strip(),
            email=email.strip().lower(),
            town=town.strip(),
            nonce=secrets.token_hex(16),
        )
        url = absolute(reverse("campaigns:letter_confirm", args=[tokens.letter_token(letter)]))
        with translation.override(language):
            subject = _("Confirm your letter: %(title)s") % {"title": campaign.title(language)}
            text = render_to_string(
                "campaigns/email/confirm.txt",
                {"title": campaign.title(language), "url": url},
            )
        try:
            EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [letter.email]).send()
        except OSError as exc:  # smtplib's errors included
            log.warning("campaigns: a confirmation could not be sent (%s)", type(exc).__name__)
            transaction.set_rollback(True)
            raise NotSent from exc
    return letter


@dataclass
class Confirmed:
    letter: Letter
    queued: int
    already: bool


def letter_confirm(*, letter: Letter) -> Confirmed:
    """Confirm once: the first call queues one delivery per target with a public email; a
    replay (double click, link used again) queues nothing."""
    now = timezone.now()
    with transaction.atomic():
        first = Letter.objects.filter(pk=letter.pk, confirmed_at__isnull=True).update(
            confirmed_at=now
        )
        letter.refresh_from_db()
        if not first:
            return Confirmed(letter, 0, True)
        queued = _queue(letters=[letter.pk], campaign=letter.campaign)
    _kick()
    return Confirmed(letter, queued, False)


def _queue(*, letters: list[int], campaign: Campaign) -> int:
    targets = [o.pk for o in campaign.targets.all() if target_email(o)]
    rows = [LetterDelivery(letter_id=lid, target_id=t) for lid in letters for t in targets]
    LetterDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return len(rows)


def _kick() -> None:
    from deputized.campaigns.tasks import deliver_letters

    def enqueue() -> None:
        try:
            deliver_letters.enqueue()
        except Exception as exc:  # the queue of record is the table; `campaigns_deliver` runs it
            log.warning("campaigns: task not enqueued (%s)", type(exc).__name__)

    transaction.on_commit(enqueue)


@dataclass
class DeliverStats:
    sent: int = 0
    bundled: int = 0
    bundles: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def _letter_message(delivery: LetterDelivery, to: str) -> EmailMessage:
    letter = delivery.letter
    campaign = letter.campaign
    with translation.override(letter.language):
        subject = _("%(title)s: a letter from %(name)s, %(town)s") % {
            "title": campaign.title(letter.language),
            "name": letter.name,
            "town": letter.town,
        }
        body = render_to_string("campaigns/email/letter.txt", {"letter": letter})
    return EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        reply_to=[letter.email],
        headers={"X-Deputized-Letter": str(delivery.pk)},
    )


def letters_deliver(*, bundles_now: bool = False, now: dt.datetime | None = None) -> DeliverStats:
    """The worker's pass (task `deliver_letters`, command `campaigns_deliver`):

    1. per target, send queued letters up to its daily limit (each delivery claimed first, so
       two workers never send one twice);
    2. mark the rest as the day's bundle (one UPDATE);
    3. send the bundles of past days (or all, with `bundles_now`) as one message per campaign,
       target and day, with the count.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    stats = DeliverStats()
    stale = now - LEASE
    LetterDelivery.objects.filter(
        status=LetterDelivery.Status.CLAIMED, claimed_at__lt=stale
    ).update(status=LetterDelivery.Status.QUEUED)
    pairs = (
        LetterDelivery.objects.filter(status=LetterDelivery.Status.QUEUED)
        .values_list("target_id", "letter__campaign_id")
        .distinct()
    )
    connection = get_connection()
    addresses: dict[int, str] = {}
    for target_id, campaign_id in list(pairs):
        campaign = Campaign.objects.get(pk=campaign_id)
        if target_id not in addresses:
            addresses[target_id] = target_email(Office.objects.get(pk=target_id))
        sent_today = LetterDelivery.objects.filter(
            target_id=target_id, sent_on=today, bundle__isnull=True
        ).count()
        capacity = max(campaign.daily_limit - sent_today, 0)
        queued = LetterDelivery.objects.filter(
            status=LetterDelivery.Status.QUEUED, target_id=target_id, letter__campaign=campaign
        ).order_by("id")
        now_ids = list(queued.values_list("id", flat=True)[:capacity])
        stats.bundled += queued.exclude(id__in=now_ids).update(
            status=LetterDelivery.Status.BUNDLED, bundle_on=today
        )
        for delivery_id in now_ids:
            claimed = LetterDelivery.objects.filter(
                pk=delivery_id, status=LetterDelivery.Status.QUEUED
            ).update(
                status=LetterDelivery.Status.CLAIMED, claimed_at=now, attempts=F("attempts") + 1
            )
            if not claimed:
                continue
            delivery = LetterDelivery.objects.select_related("letter__campaign").get(pk=delivery_id)
            if not addresses[target_id]:  # the office's public email was removed since
                LetterDelivery.objects.filter(pk=delivery_id).update(
                    status=LetterDelivery.Status.FAILED, last_error="no public email"
                )
                stats.failed += 1
                continue
            try:
                connection.send_messages([_letter_message(delivery, addresses[target_id])])
            except OSError as exc:
                stats.failed += 1
                stats.errors.append(type(exc).__name__)
                LetterDelivery.objects.filter(pk=delivery_id).update(
                    status=LetterDelivery.Status.QUEUED, last_error=type(exc).__name__[:200]
                )
                with contextlib.suppress(Exception):  # the next message reconnects
                    connection.close()
                continue
            LetterDelivery.objects.filter(pk=delivery_id).update(
                status=LetterDelivery.Status.SENT, sent_on=today, sent_at=timezone.now()
            )
            stats.sent += 1
    stats.bundles = bundles_send(today=today, all_days=bundles_now, connection=connection)
    return stats


def bundles_send(*, today: dt.date, all_days: bool = False, connection: Any = None) -> int:
    waiting = LetterDelivery.objects.filter(status=LetterDelivery.Status.BUNDLED)
    if not all_days:
        waiting = waiting.filter(bundle_on__lt=today)
    groups = waiting.values_list("letter__campaign_id", "target_id", "bundle_on").distinct()
    connection = connection or get_connection()
    sent = 0
    for campaign_id, target_id, day in list(groups):
        bundle, _created = Bundle.objects.get_or_create(
            campaign_id=campaign_id, target_id=target_id, day=day
        )
        ids = list(
            LetterDelivery.objects.filter(
                status=LetterDelivery.Status.BUNDLED,
                letter__campaign_id=campaign_id,
                target_id=target_id,
                bundle_on=day,
            ).values_list("id", flat=True)
        )
        taken = LetterDelivery.objects.filter(
            id__in=ids, status=LetterDelivery.Status.BUNDLED
        ).update(status=LetterDelivery.Status.CLAIMED, claimed_at=timezone.now(), bundle=bundle)
        if not taken:
            continue
        letters = list(
            Letter.objects.filter(deliveries__bundle=bundle, deliveries__status="claimed")
            .order_by("id")
            .values("body", "name", "town")
        )
        campaign = Campaign.objects.get(pk=campaign_id)
        office = Office.objects.get(pk=target_id)
        to = target_email(office)
        if not to:  # the office's public email was removed since
            LetterDelivery.objects.filter(bundle=bundle, status="claimed").update(
                status=LetterDelivery.Status.FAILED, last_error="no public email"
            )
            continue
        with translation.override("en"):
            subject = _("%(title)s: %(count)s more letters from residents") % {
                "title": campaign.title_en,
                "count": len(letters),
            }
            body = render_to_string(
                "campaigns/email/bundle.txt",
                {"letters": letters, "count": len(letters), "campaign": campaign, "day": day},
            )
        message = EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [to],
            headers={"X-Deputized-Bundle": str(bundle.pk)},
        )
        try:
            connection.send_messages([message])
        except OSError:
            LetterDelivery.objects.filter(bundle=bundle, status="claimed").update(
                status=LetterDelivery.Status.BUNDLED
            )
            continue
        done = LetterDelivery.objects.filter(bundle=bundle, status="claimed").update(
            status=LetterDelivery.Status.SENT, sent_at=timezone.now()
        )
        Bundle.objects.filter(pk=bundle.pk).update(count=F("count") + done, sent_at=timezone.now())
        sent += 1
    return sent


# --- sign-on letters ---


def signature_add(
    *, campaign: Campaign, name: str, town: str, organization: str, listed: bool
) -> Signature:
    return Signature.objects.create(
        campaign=campaign,
        name=name.strip(),
        town=town.strip(),
        organization=organization.strip(),
        listed=listed,
    )


def signon_due(*, campaign: Campaign, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    if campaign.kind != Campaign.Kind.SIGNON or hasattr(campaign, "delivery"):
        return False
    if campaign.deliver_on and campaign.deliver_on <= today:
        return True
    count = campaign.signatures.count()
    return bool(campaign.deliver_at_count and count >= campaign.deliver_at_count)


def signon_deliver(*, campaign: Campaign, force: bool = False) -> SignOnDelivery | None:
    """Render the letter and its signatures as one PDF, send it to every target with a public
    email, and record the delivery (once per campaign)."""
    from deputized.campaigns.pdf import signon_pdf

    existing = SignOnDelivery.objects.filter(campaign=campaign).first()
    if existing and existing.sent_at:
        return existing
    if existing is None and not (force or signon_due(campaign=campaign)):
        return None
    pdf = signon_pdf(campaign=campaign)
    signatures = campaign.signatures.count()
    listed = campaign.signatures.filter(listed=True).count()
    targets = list(campaign.targets.all())
    if existing is None:
        try:
            existing = SignOnDelivery.objects.create(
                campaign=campaign,
                signatures=signatures,
                listed=listed,
                sha256=hashlib.sha256(pdf).hexdigest(),
                pdf=pdf,
                targets="; ".join(o.name for o in targets),
            )
        except IntegrityError:
            return SignOnDelivery.objects.get(campaign=campaign)
    pdf = bytes(existing.pdf)
    connection = get_connection()
    messages = []
    for office in targets:
        to = target_email(office)
        if not to:
            continue
        message = EmailMessage(
            _("%(title)s: a sign-on letter with %(count)s signatures")
            % {"title": campaign.title_en, "count": existing.signatures},
            render_to_string("campaigns/email/signon.txt", {"campaign": campaign}),
            settings.DEFAULT_FROM_EMAIL,
            [to],
            headers={"X-Deputized-Signon": str(existing.pk)},
        )
        message.attach(f"{campaign.slug}.pdf", pdf, "application/pdf")
        messages.append(message)
    connection.send_messages(messages)
    SignOnDelivery.objects.filter(pk=existing.pk).update(sent_at=timezone.now())
    existing.refresh_from_db()
    return existing


def signons_due_deliver() -> list[SignOnDelivery]:
    """Every open sign-on letter whose date or milestone has come: the worker's and the
    command's pass."""
    delivered = []
    for campaign in Campaign.objects.filter(
        kind=Campaign.Kind.SIGNON, status=Campaign.Status.APPROVED
    ):
        delivery = signon_deliver(campaign=campaign)
        if delivery is not None:
            delivered.append(delivery)
    return delivered


# --- calls ---


def call_record(*, campaign: Campaign, target: Office, outcome: str) -> CallOutcome:
    call = CallOutcome.objects.create(campaign=campaign, target=target, outcome=outcome)
    if outcome == CallOutcome.Outcome.WRONG:
        phone = target.contacts.filter(kind=Contact.Kind.PHONE).first()
        if phone is not None:
            flag, _created = ContactFlag.objects.get_or_create(contact=phone)
            ContactFlag.objects.filter(pk=flag.pk).update(
                reports=F("reports") + 1, resolved_at=None, last_reported_at=timezone.now()
            )
    return call


# --- stories ---


def story_submit(*, data: dict, language: str) -> Story:
    return Story.objects.create(language=language, secret=tokens.new_secret(), **data)


def story_update(*, story: Story, data: dict) -> Story:
    for name, value in data.items():
        setattr(story, name, value)
    if story.status == Story.Status.PUBLISHED:
        story.status = Story.Status.NEW  # an edited story is reviewed again
    story.save()
    return story


def story_withdraw(*, story: Story) -> None:
    """Withdrawn: gone from every page at once, and its words and photo erased."""
    Story.objects.filter(pk=story.pk).update(
        status=Story.Status.WITHDRAWN,
        what_happened="",
        impact="",
        where="",
        when="",
        first_name="",
        photo=None,
    )
    public_changed("story")


def story_review(*, story: Story, publish: bool, by: str) -> None:
    status = Story.Status.PUBLISHED if publish else Story.Status.REJECTED
    if story.share == Story.Share.ORGANIZERS or story.status == Story.Status.WITHDRAWN:
        status = Story.Status.REJECTED if story.status != Story.Status.WITHDRAWN else story.status
    Story.objects.filter(pk=story.pk).update(
        status=status, reviewed_by=by, reviewed_at=timezone.now()
    )
    public_changed("story")


# --- text campaigns ---


def text_recipients(*, campaign: Campaign) -> QuerySet:
    from deputized.alerts.models import Channel, Subscriber

    place = campaign.place
    if place is None:
        return Subscriber.objects.none()
    key = f"county:{place.pk}" if campaign.municipality_id is None else f"town:{place.pk}"
    return Subscriber.objects.filter(
        channel=Channel.SMS,
        status=Subscriber.Status.ACTIVE,
        kinds__contains=",actions,",
        topics__key=key,
    ).distinct()


class NeedsSecondOrganizer(Exception):
    pass


def text_approve(*, blast: TextBlast, by: Any) -> TextBlast:
    count = text_recipients(campaign=blast.campaign).count()
    if count > APPROVAL_ABOVE and by.pk == blast.created_by_id:
        raise NeedsSecondOrganizer
    TextBlast.objects.filter(pk=blast.pk).update(
        status=TextBlast.Status.APPROVED, approved_by=by, recipients=count
    )
    blast.refresh_from_db()
    return blast


def text_send(*, blast: TextBlast) -> int:
    """Send to the place's subscribers who chose "actions" and are still active (a STOP
    unsubscribes them); one text per subscriber (unique), so a second run sends nothing twice."""
    from deputized.alerts import sms

    count = text_recipients(campaign=blast.campaign).count()
    if blast.status == TextBlast.Status.DRAFT or (
        count > APPROVAL_ABOVE and blast.approved_by_id in (None, blast.created_by_id)
    ):
        raise NeedsSecondOrganizer
    if blast.status != TextBlast.Status.SENT and not ratelimit.hit(
        f"campaigns:text:{blast.campaign_id}", TEXTS_PER_CAMPAIGN_AND_DAY, window=86400
    ):
        raise RateLimited
    sent = 0
    for subscriber in text_recipients(campaign=blast.campaign).only("id", "address", "language"):
        try:
            with transaction.atomic():
                TextDelivery.objects.create(blast=blast, subscriber_id=subscriber.pk)
        except IntegrityError:
            continue
        body = blast.body_es if subscriber.language == "es" else blast.body_en
        with translation.override(subscriber.language):
            body = f"{body}\n{_('Reply STOP to stop.')}"
        try:
            sms.send_sms(subscriber.address, body)
        except sms.SMSError as exc:
            log.warning("campaigns: text #%s not sent (%s)", blast.pk, exc)
            TextDelivery.objects.filter(blast=blast, subscriber_id=subscriber.pk).delete()
            continue
        TextDelivery.objects.filter(blast=blast, subscriber_id=subscriber.pk).update(
            sent_at=timezone.now()
        )
        sent += 1
    TextBlast.objects.filter(pk=blast.pk).update(
        status=TextBlast.Status.SENT, sent=F("sent") + sent, sent_at=timezone.now()
    )
    return sent


# --- retention ---


def campaigns_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """docs/campaigns.md: unconfirmed letters after CONFIRM_DAYS; sent letters' names and
    addresses 90 days after their campaign ended; call outcomes are anonymous already."""
    now = now or timezone.now()
    expired = (
        Letter.objects.filter(
            confirmed_at__isnull=True, created_at__lt=now - dt.timedelta(days=tokens.CONFIRM_DAYS)
        )
        .delete()[1]
        .get("campaigns.Letter", 0)
    )
    ended = now.date() - dt.timedelta(days=90)
    erased = (
        Letter.objects.filter(
            erased_at__isnull=True, campaign__ends_on__lt=ended, confirmed_at__isnull=False
        )
        .exclude(deliveries__status__in=["queued", "claimed", "bundled"])
        .update(name="", email="", town="", body="", erased_at=now)
    )
    signatures = (
        Signature.objects.filter(
            campaign__ends_on__lt=ended, campaign__delivery__sent_at__isnull=False
        )
        .delete()[1]
        .get("campaigns.Signature", 0)
    )
    return {"expired_letters": expired, "erased_letters": erased, "signatures": signatures}


def counts_by_outcome(campaign: Campaign) -> dict:
    rows = campaign.calls.values("target_id", "outcome").annotate(n=Count("id"))
    out: dict = {}
    for row in rows:
        out.setdefault(row["target_id"], {})[row["outcome"]] = row["n"]
    return out
