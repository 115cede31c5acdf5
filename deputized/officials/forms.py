from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CorrectionForm(forms.Form):
    what_is_wrong = forms.CharField(
        label=_("What is wrong or missing?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    source_url = forms.URLField(
        label=_("Where can we check it? (a link to an official page)"),
        max_length=500,
        assume_scheme="https",
    )
    person_name = forms.CharField(
        label=_("Who holds the office now (if you know)"), max_length=150, required=False
    )
    email = forms.EmailField(label=_("The office's public email (if you know)"), required=False)
    phone = forms.CharField(
        label=_("The office's public phone (if you know)"), max_length=40, required=False
    )
    submitter_contact = forms.CharField(
        label=_("Your email or phone, if we may ask you about it (optional, never shown)"),
        max_length=200,
        required=False,
    )
    # The honeypot: hidden from people (and screen readers), filled by form-filling robots.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and sum(ch.isdigit() for ch in phone) < 7:
            raise forms.ValidationError(_("Enter a phone number with its area code."))
        return phone
