"""Thin views: the sign-up page, the confirmation, the preferences and the unsubscribe pages, and
the endpoints providers call (RFC 8058 one-click unsubscribe, inbound texts). Bounces and
complaints arrive through django-anymail's tracking webhooks (bounces.py)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from deputized.alerts import kinds, services, sms, tokens
from deputized.alerts.forms import PreferencesForm, SignupForm, initial_preferences
from deputized.alerts.models import Channel, Subscriber
from deputized.alerts.selectors import topic_choices, topic_label
from deputized.clients import client_address

NOT_SENT = _(
    "We could not send the confirmation message just now: the mail or text message service did "
    "not take it. Nothing was saved, and nothing was wrong with what you typed. Please try again "
    "in a few minutes."
)


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/invalid.html", status=404)


@method_decorator(never_cache, name="dispatch")
class SignupView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        selected = request.GET.get("topic", "")
        initial = {**initial_preferences(get_language()), "topic": selected or "state:NC"}
        form = SignupForm(initial=initial, topics=topic_choices(selected))
        return render(request, "alerts/signup.html", {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        selected = request.POST.get("topic", "")
        form = SignupForm(request.POST, topics=topic_choices(selected))
        if form.is_robot():
            return render(request, "alerts/sent.html", {"channel": request.POST.get("channel")})
        if not form.is_valid():
            return render(request, "alerts/signup.html", {"form": form}, status=400)
        data = form.cleaned_data
        signup = services.SignupRequest(
            channel=data["channel"],
            address=data["address"],
            topic=data["topic"],
            kinds=data["kinds"],
            language=data["language"],
            mode=data["mode"],
            unconfirmed=data["unconfirmed"],
            contact_email=data.get("contact_email", ""),
        )
        try:
            services.signup_request(request=signup, client=client_address(request))
        except services.RateLimited:
            return render(request, "alerts/limited.html", status=429)
        except services.ConfirmationNotSent:
            # Nothing was wrong with the form: say what happened (the service kept nothing),
            # not "please correct the form", and keep what the person typed.
            context = {"form": form, "not_sent": NOT_SENT, "channel": signup.channel}
            return render(request, "alerts/signup.html", context, status=503)
        return render(request, "alerts/sent.html", {"channel": signup.channel})


def _link_used(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/link_used.html", status=410)


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """GET shows a button (link scanners follow GETs: they must not subscribe anyone); the POST
    uses the link up."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        pending = services.pending_signup_get(token=token)
        if pending is None:
            return _link_used(request)
        label = topic_label(pending.topic)
        return render(request, "alerts/confirm.html", {"topic": label, "channel": pending.channel})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            subscriber, topic = services.signup_confirm(token=token)
        except services.ConfirmationLinkUsed:
            return _link_used(request)
        context = {
            "subscriber": subscriber,
            "topic": topic_label(topic),
            "manage_token": tokens.subscriber_token(subscriber),
            "is_webhook": subscriber.channel == Channel.WEBHOOK,
        }
        return render(request, "alerts/confirmed.html", context)


@method_decorator(never_cache, name="dispatch")
class ManageView(View):
    def _context(self, subscriber: Subscriber, form: PreferencesForm, saved: bool = False) -> dict:
        return {
            "subscriber": subscriber,
            "form": form,
            "rotated": self.request.GET.get("rotated") == "1",
            "topics": subscriber.topics.order_by("label"),
            "saved": saved,
            "is_webhook": subscriber.channel == Channel.WEBHOOK,
            "active": subscriber.status == Subscriber.Status.ACTIVE,
        }

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        subscriber = tokens.read_subscriber_token(token)
        if subscriber is None:
            return _invalid(request)
        form = PreferencesForm(
            initial={
                "kinds": kinds.decode(subscriber.kinds),
                "unconfirmed": subscriber.unconfirmed,
                "language": subscriber.language,
                "mode": subscriber.mode,
            }
        )
        return render(request, "alerts/manage.html", self._context(subscriber, form))

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        subscriber = tokens.read_subscriber_token(token)
        if subscriber is None:
            return _invalid(request)
        if "unsubscribe" in request.POST:
            services.unsubscribe(subscriber=subscriber)
            return render(request, "alerts/unsubscribed.html")
        if "rotate_secret" in request.POST and subscriber.channel == Channel.WEBHOOK:
            services.webhook_secret_rotate(subscriber=subscriber)
            # The page's own address carried the old secret's digest: go to the new one.
            manage = reverse("alerts:manage", args=[tokens.subscriber_token(subscriber)])
            return redirect(f"{manage}?rotated=1", permanent=False)
        form = PreferencesForm(request.POST)
        if not form.is_valid():
            return render(
                request, "alerts/manage.html", self._context(subscriber, form), status=400
            )
        data = form.cleaned_data
        remove = [int(v) for v in request.POST.getlist("remove_topic") if v.isdigit()]
        services.preferences_update(
            subscriber=subscriber,
            kinds=data["kinds"],
            language=data["language"],
            mode=data["mode"],
            unconfirmed=data["unconfirmed"],
            remove_topics=remove,
        )
        return render(request, "alerts/manage.html", self._context(subscriber, form, saved=True))


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """RFC 8058: a mail client POSTs `List-Unsubscribe=One-Click` here, without cookies or a CSRF
    token, and that one request unsubscribes. The signed token in the URL is the authorization.
    A GET (a person following the link, or a scanner) only shows a button."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        if tokens.read_subscriber_token(token, salt=tokens.UNSUBSCRIBE_SALT) is None:
            return _invalid(request)
        return render(request, "alerts/unsubscribe.html")

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        subscriber = tokens.read_subscriber_token(token, salt=tokens.UNSUBSCRIBE_SALT)
        if subscriber is None:
            return _invalid(request)
        services.unsubscribe(subscriber=subscriber)
        return render(request, "alerts/unsubscribed.html")


@csrf_exempt
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    """Twilio's inbound-message webhook: STOP and START. Signed by Twilio (X-Twilio-Signature)."""
    auth_token = settings.ALERTS["TWILIO_AUTH_TOKEN"]
    given = request.headers.get("X-Twilio-Signature", "")
    # Twilio signs the public URL it was given: SITE_URL, whatever the proxy in between.
    url = settings.SITE_URL + request.get_full_path()
    expected = sms.twilio_signature(url, request.POST.dict(), auth_token)
    if not auth_token or not hmac.compare_digest(given.encode(), expected.encode()):
        return HttpResponse(status=403)
    reply = services.sms_inbound(
        phone=request.POST.get("From", ""), body=request.POST.get("Body", "")
    )
    twiml = "<Response></Response>"
    if reply:
        from xml.sax.saxutils import escape

        twiml = f"<Response><Message>{escape(reply)}</Message></Response>"
    return HttpResponse('<?xml version="1.0" encoding="UTF-8"?>' + twiml, content_type="text/xml")
