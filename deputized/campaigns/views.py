"""Thin views: the campaign page (letter, sign-on or call), the letter's confirmation, call
outcomes, the story form and its private link, a story's photo, and the organizers' CSV."""

from __future__ import annotations

import csv

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from deputized.campaigns import selectors, services, tokens
from deputized.campaigns.forms import CallForm, LetterForm, SignatureForm, StoryForm
from deputized.campaigns.models import Campaign, Story
from deputized.clients import client_address
from deputized.places.display import local_county_name
from deputized.places.models import County, Municipality


def _language() -> str:
    return (get_language() or "en")[:2]


def _limited(request: HttpRequest) -> HttpResponse:
    return render(request, "campaigns/limited.html", status=429)


def _open(slug: str) -> Campaign:
    campaign = selectors.campaign_open_get(slug=slug)
    if campaign is None:
        raise Http404
    return campaign


def _closed(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    return _page(request, campaign, status=410)


def _drafts(campaign: Campaign) -> tuple[str, ...]:
    return (campaign.draft_en, campaign.draft_es)


def _page(request: HttpRequest, campaign: Campaign, *, status: int = 200, **extra) -> HttpResponse:
    language = _language()
    place = campaign.place
    context = {
        "campaign": campaign,
        "place_name": local_county_name(place) if isinstance(place, County) else place,
        "title": campaign.title(language),
        "draft": campaign.draft(language),
        "results": selectors.campaign_results(campaign=campaign),
        "signers": selectors.listed_signers(campaign=campaign)
        if campaign.kind == Campaign.Kind.SIGNON
        else [],
        "stories": list(selectors.stories_published(campaign=campaign)[:5]),
        "call_form": CallForm(),
        **extra,
    }
    if campaign.kind == Campaign.Kind.LETTER:
        context.setdefault("form", LetterForm(initial={"body": context["draft"]}))
    elif campaign.kind == Campaign.Kind.SIGNON:
        context.setdefault("form", SignatureForm())
    return render(request, "campaigns/campaign.html", context, status=status)


@method_decorator(never_cache, name="dispatch")
class CampaignPage(View):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return _page(request, _open(slug))


@method_decorator(never_cache, name="dispatch")
class LetterSubmit(View):
    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        campaign = _open(slug)
        if campaign.kind != Campaign.Kind.LETTER:
            raise Http404
        if not campaign.accepting:
            return _closed(request, campaign)
        form = LetterForm(request.POST, drafts=_drafts(campaign))
        if not form.is_valid():
            return _page(request, campaign, form=form, status=400)
        if not services.form_allowed(form="letter", client=client_address(request)):
            return _limited(request)
        data = form.cleaned_data
        try:
            services.letter_submit(campaign=campaign, language=_language(), **data)
        except services.NotSent:
            return _page(request, campaign, form=form, not_sent=True, status=503)
        return render(request, "campaigns/letter_sent.html", {"campaign": campaign})


@method_decorator(never_cache, name="dispatch")
class LetterConfirm(View):
    """GET shows a button (mail scanners follow links: they must not send anything); the POST
    confirms, once."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        letter = tokens.read_letter_token(token)
        if letter is None:
            return render(request, "campaigns/link_invalid.html", status=404)
        return render(
            request,
            "campaigns/letter_confirm.html",
            {"letter": letter, "campaign": letter.campaign, "done": bool(letter.confirmed_at)},
        )

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        letter = tokens.read_letter_token(token)
        if letter is None:
            return render(request, "campaigns/link_invalid.html", status=404)
        result = services.letter_confirm(letter=letter)
        return render(
            request,
            "campaigns/letter_confirmed.html",
            {"campaign": letter.campaign, "already": result.already},
        )


@method_decorator(never_cache, name="dispatch")
class SignatureSubmit(View):
    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        campaign = _open(slug)
        if campaign.kind != Campaign.Kind.SIGNON:
            raise Http404
        if not campaign.accepting:
            return _closed(request, campaign)
        form = SignatureForm(request.POST)
        if not form.is_valid():
            return _page(request, campaign, form=form, status=400)
        if not services.form_allowed(form="sign", client=client_address(request)):
            return _limited(request)
        services.signature_add(campaign=campaign, **form.cleaned_data)
        return _page(request, campaign, signed=True, form=SignatureForm())


@never_cache
@require_POST
def call_outcome(request: HttpRequest, slug: str, office: str) -> HttpResponse:
    campaign = _open(slug)
    target = get_object_or_404(campaign.targets, key=office)
    if not campaign.accepting:
        return _closed(request, campaign)
    form = CallForm(request.POST)
    if not form.is_valid():
        return _page(request, campaign, call_error=True, status=400)
    if not services.form_allowed(form="call", client=client_address(request)):
        return _limited(request)
    services.call_record(campaign=campaign, target=target, outcome=form.cleaned_data["outcome"])
    return _page(request, campaign, called=target)


def _story_place(value: str) -> County | Municipality | None:
    kind, _sep, code = value.partition(":")
    if kind == "county":
        return County.objects.filter(fips=code, state_id="NC").first()
    if kind == "town":
        return Municipality.objects.filter(geoid=code, state_id="NC").first()
    return None


@method_decorator(never_cache, name="dispatch")
class StoryNew(View):
    def _render(
        self,
        request: HttpRequest,
        form: StoryForm,
        place_key: str,
        *,
        status: int = 200,
        **extra: object,
    ) -> HttpResponse:
        place = _story_place(place_key)
        campaign = selectors.campaign_open_get(slug=request.GET.get("campaign", ""))
        return render(
            request,
            "campaigns/story_form.html",
            {"form": form, "place": place, "place_key": place_key, "campaign": campaign, **extra},
            status=status,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, StoryForm(), request.GET.get("place", ""))

    def post(self, request: HttpRequest) -> HttpResponse:
        place_key = request.POST.get("place", "")
        form = StoryForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form, place_key, status=400)
        if not services.form_allowed(form="story", client=client_address(request)):
            return _limited(request)
        place = _story_place(place_key)
        data = dict(form.cleaned_data)
        data["county"] = place if isinstance(place, County) else None
        data["municipality"] = place if isinstance(place, Municipality) else None
        campaign = selectors.campaign_open_get(slug=request.POST.get("campaign", ""))
        data["campaign"] = campaign
        story = services.story_submit(data=data, language=_language())
        link = request.build_absolute_uri(
            reverse("campaigns:story_private", args=[tokens.story_token(story)])
        )
        return render(request, "campaigns/story_thanks.html", {"story": story, "link": link})


@method_decorator(never_cache, name="dispatch")
class StoryPrivate(View):
    """The teller's own link: read, edit or withdraw the story at any time."""

    def _get(self, token: str) -> Story:
        story = tokens.read_story_token(token)
        if story is None or story.status == Story.Status.WITHDRAWN:
            raise Http404
        return story

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        story = self._get(token)
        form = StoryForm(
            initial={
                f: getattr(story, f)
                for f in ("what_happened", "where", "when", "impact", "share", "first_name")
            }
        )
        return render(request, "campaigns/story_private.html", {"form": form, "story": story})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        story = self._get(token)
        if "withdraw" in request.POST:
            services.story_withdraw(story=story)
            return render(request, "campaigns/story_withdrawn.html")
        form = StoryForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(
                request, "campaigns/story_private.html", {"form": form, "story": story}, status=400
            )
        data = dict(form.cleaned_data)
        if data.get("photo") is None:
            data.pop("photo")
        services.story_update(story=story, data=data)
        return render(
            request, "campaigns/story_private.html", {"form": form, "story": story, "saved": True}
        )


def story_photo(request: HttpRequest, pk: int) -> HttpResponse:
    story = selectors.stories_published().filter(pk=pk).only("photo").first()
    if story is None or not story.photo:
        raise Http404
    response = HttpResponse(bytes(story.photo), content_type="image/jpeg")
    response["Cache-Control"] = "no-store"  # a withdrawn story's photo must not linger
    return response


def letter_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The draft as a printable PDF (no personal data: the reader writes name and town by
    hand)."""
    from deputized.campaigns.pdf import draft_pdf

    campaign = _open(slug)
    response = HttpResponse(
        draft_pdf(campaign=campaign, language=_language()), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{campaign.slug}.pdf"'
    return response


@staff_member_required
def results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """For organizers: the public counts per target, and nobody's name, address or words."""
    campaign = get_object_or_404(Campaign, slug=slug)
    results = selectors.campaign_results(campaign=campaign)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-results.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    outcomes = list(selectors.OUTCOMES)
    writer.writerow(["campaign", "target", "office_key", "letters_sent", "signatures", *outcomes])
    for tally in results.targets:
        writer.writerow(
            [
                campaign.slug,
                _safe(tally.office.name),
                tally.office.key,
                tally.letters,
                results.signatures,
                *[tally.calls[selectors.OUTCOMES[k]] for k in outcomes],
            ]
        )
    return response


def _safe(value: str) -> str:
    """No spreadsheet formulas (open-data.md): a leading =, +, - or @ is quoted."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
