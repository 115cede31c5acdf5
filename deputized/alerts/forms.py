"""The sign-up and preferences forms (server-side validation; the pages need no JavaScript)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from deputized.alerts import kinds
from deputized.alerts.models import Channel, Mode
from deputized.alerts.services import normalize_address, normalize_email

LANGUAGE_CHOICES = [("en", "English"), ("es", "Español")]


class PreferencesForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Tell me when"),
        choices=list(kinds.KIND_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of change.")},
    )
    unconfirmed = forms.BooleanField(
        label=_(
            "Also tell me when an agreement may have ended but it is not confirmed yet "
            "(ICE sometimes leaves an agency off one list by mistake)"
        ),
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the alerts"), choices=LANGUAGE_CHOICES, widget=forms.RadioSelect
    )
    mode = forms.ChoiceField(label=_("How often"), choices=Mode.choices, widget=forms.RadioSelect)


class SignupForm(PreferencesForm):
    field_order = ["topic", "channel", "email", "phone", "webhook_url"]

    topic = forms.ChoiceField(label=_("Alerts about"))
    channel = forms.ChoiceField(
        label=_("Send them by"), choices=Channel.choices, widget=forms.RadioSelect
    )
    email = forms.CharField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("For webhooks: where we send failure reports."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number (for text messages)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    webhook_url = forms.CharField(
        label=_("Webhook address (https://…)"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )
    # The honeypot: hidden from people (and from screen readers), filled by form-filling robots.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, topics: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = topics
        # Said before anyone types a number from elsewhere (the operator's list, US by default).
        self.fields["phone"].help_text = _("Mobile numbers from: %(countries)s.") % {
            "countries": ", ".join(settings.ALERTS["SMS_COUNTRIES"])
        }

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self) -> dict:
        data = super().clean()
        channel = data.get("channel")
        needed = {
            Channel.EMAIL: ("email", _("Enter your email address.")),
            Channel.SMS: ("phone", _("Enter your mobile phone number.")),
            Channel.WEBHOOK: ("webhook_url", _("Enter the webhook's address.")),
        }
        if channel not in needed:
            return data
        name, missing = needed[channel]
        raw = data.get(name, "")
        if not raw:
            self.add_error(name, missing)
            return data
        try:
            data["address"] = normalize_address(channel, raw)
        except ValidationError as exc:
            message = exc.messages[0] if name != "email" else _("Enter a valid email address.")
            self.add_error(name, message)
            return data
        if channel == Channel.WEBHOOK:
            try:
                data["contact_email"] = normalize_email(data.get("email", ""))
            except ValidationError:
                self.add_error("email", _("Webhooks need an email address for reports."))
        return data


def initial_preferences(language: str) -> dict:
    return {
        "kinds": kinds.DEFAULT_KINDS,
        "language": language if language in dict(settings.LANGUAGES) else "en",
        "mode": Mode.IMMEDIATE,
        "channel": Channel.EMAIL,
    }
