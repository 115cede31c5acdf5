"""The participants' forms: server-side validation, clear messages in both languages, no
JavaScript needed."""

from __future__ import annotations

import io

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from deputized.campaigns.models import CallOutcome, Story

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


class LetterForm(forms.Form):
    body = forms.CharField(
        label=_("Your letter, in your own words"),
        help_text=_(
            "Start from the draft above, then make it yours: say why this matters to you and your "
            "neighbors. Letters in a person's own words are the ones officials read."
        ),
        min_length=80,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={
            "required": _("Write your letter here."),
            "min_length": _("Your letter is very short: add a few sentences in your own words."),
        },
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Give your name: officials answer a person.")},
    )
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We email you a link to confirm; officials' replies come to this address."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Give your email address: we send you a link to confirm."),
            "invalid": _("This email address does not look right: check it."),
        },
    )
    town = forms.CharField(
        label=_("Your town"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        error_messages={"required": _("Give your town: officials listen to residents.")},
    )

    def __init__(self, *args, drafts: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.drafts = drafts

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        squash = " ".join(body.lower().split())
        if any(squash == " ".join(d.lower().split()) for d in self.drafts if d):
            raise ValidationError(
                _(
                    "This is still the draft, word for word. Officials give far more weight to a "
                    "letter in your own words: change it a little, say what it means to you."
                )
            )
        return body


class SignatureForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Give your name to sign.")},
    )
    town = forms.CharField(
        label=_("Your town"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        error_messages={"required": _("Give your town to sign.")},
    )
    organization = forms.CharField(
        label=_("Organization (optional)"), max_length=160, required=False
    )
    listed = forms.BooleanField(
        label=_("Show my name and town in the public list of signers"), required=False
    )


class CallForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=CallOutcome.Outcome.choices,
        error_messages={"required": _("Choose how the call went.")},
    )


class StoryForm(forms.Form):
    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell us what happened, in a few sentences.")},
    )
    where = forms.CharField(
        label=_("Where, in general terms"),
        help_text=_("A town or an area, such as “a traffic stop in Burlington”. Never an address."),
        max_length=200,
        error_messages={"required": _("Say where, in general terms (a town or an area).")},
    )
    when = forms.CharField(
        label=_("When?"),
        help_text=_("A month and year is enough."),
        max_length=100,
        error_messages={"required": _("Say when, roughly (a month and year is enough).")},
    )
    impact = forms.CharField(
        label=_("How did it affect you, your family or your community?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell us how it affected you or others.")},
    )
    share = forms.ChoiceField(
        label=_("Who may read it?"),
        choices=Story.Share.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who may read your story.")},
    )
    first_name = forms.CharField(
        label=_("First name (only if you chose to publish with it)"),
        max_length=60,
        required=False,
    )
    photo = forms.FileField(
        label=_("A photo (optional)"),
        help_text=_("JPEG, PNG or WebP, up to 5 MB. We remove its location and other details."),
        required=False,
    )

    def clean_where(self) -> str:
        where = self.cleaned_data["where"]
        digits = sum(c.isdigit() for c in where)
        if digits >= 3:
            raise ValidationError(
                _("Please leave out street numbers: say the town or the area only.")
            )
        return where

    def clean_photo(self) -> bytes | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size > MAX_PHOTO_BYTES:
            raise ValidationError(_("The photo is larger than 5 MB: choose a smaller one."))
        return clean_photo_bytes(upload.read())

    def clean(self) -> dict:
        data = super().clean()
        if data.get("share") == Story.Share.FIRST_NAME and not data.get("first_name", "").strip():
            self.add_error(
                "first_name", _("Give your first name, or choose to publish without it.")
            )
        if data.get("share") != Story.Share.FIRST_NAME:
            data["first_name"] = ""
        return data


def clean_photo_bytes(raw: bytes) -> bytes:
    """Check that it is a picture, then re-encode its pixels alone: EXIF (GPS, camera, dates),
    XMP and comments do not survive."""
    bad = ValidationError(_("This file is not a photo we can read (JPEG, PNG or WebP)."))
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format not in PHOTO_FORMATS:
                raise bad
            if probe.width * probe.height > MAX_PHOTO_PIXELS:
                raise bad
            probe.verify()
        with Image.open(io.BytesIO(raw)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((1600, 1600))
            clean = Image.new("RGB", image.size)
            clean.paste(image.convert("RGB"))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise bad from exc
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85)
    return out.getvalue()
