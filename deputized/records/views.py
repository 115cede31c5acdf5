"""Thin views: the cost calculator, the records request (page, PDF, DOCX), the tracker."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from deputized import ratelimit
from deputized.clients import client_address
from deputized.history.models import Agency
from deputized.records import costs, letters, responses, selectors, tracker
from deputized.records.forms import CostForm, StatusForm, TrackForm, UploadForm
from deputized.records.models import TrackedRequest


def agency_or_404(agency_id: str) -> Agency:
    agency = Agency.objects.filter(pk=agency_id).select_related("place").first()
    if agency is None:
        raise Http404
    return agency


class CostView(TemplateView):
    """GET form (works without JavaScript); the figures once every required input is given."""

    template_name = "records/cost.html"
    query_parameters = ("officers", "salary", "benefits_percent", "overtime", "tier", "budget")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        agency = agency_or_404(kwargs["agency_id"])
        form = CostForm(self.request.GET or None)
        estimate = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            estimate = costs.estimate(
                officers=data["officers"],
                salary=data["salary"],
                benefits_rate=data["benefits_percent"] / 100,
                overtime=data["overtime"],
                tier=data["tier"],
                budget=data["budget"],
            )
        return super().get_context_data(
            agency=agency,
            form=form,
            estimate=estimate,
            dhs=costs.DHS_RELEASE,
            fop=costs.FOP_STATEMENT,
            **kwargs,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if request.GET:  # endless values: never kept in the page cache
            patch_cache_control(response, no_store=True)
        return response


def _request(agency_id: str) -> tuple[Agency, selectors.RequestContext]:
    agency = agency_or_404(agency_id)
    return agency, selectors.agency_request(agency, day=timezone.localdate())


class RecordsRequestView(TemplateView):
    """The request, ready to copy, with its PDF and DOCX; the page explains it in the reader's
    language, the request stays in English."""

    template_name = "records/request.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        agency, context = _request(kwargs["agency_id"])
        return super().get_context_data(agency=agency, req=context, **kwargs)


def records_request_file(request: HttpRequest, agency_id: str, fmt: str) -> HttpResponse:
    agency, context = _request(agency_id)
    if fmt == "pdf":
        body, kind = letters.to_pdf(context.letter), "application/pdf"
    else:
        body = letters.to_docx(context.letter)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="records-request-{agency.id}.{fmt}"'
    return response


@method_decorator(never_cache, name="dispatch")
class TrackView(View):
    """Follow a request sent to this agency: email (confirmed by a signed link), sent date,
    public or private."""

    template_name = "records/track.html"

    def get(self, request: HttpRequest, agency_id: str) -> HttpResponse:
        agency = agency_or_404(agency_id)
        return render(request, self.template_name, {"agency": agency, "form": TrackForm()})

    def post(self, request: HttpRequest, agency_id: str) -> HttpResponse:
        agency = agency_or_404(agency_id)
        form = TrackForm(request.POST)
        if form.is_robot():
            return render(request, "records/track_sent.html", {"agency": agency})
        if not form.is_valid():
            context = {"agency": agency, "form": form}
            return render(request, self.template_name, context, status=400)
        try:
            tracker.request_track(
                agency_id=agency.id,
                email=form.cleaned_data["email"],
                sent_on=form.cleaned_data["sent_on"],
                is_public=form.cleaned_data["is_public"],
                client=client_address(request),
                language=translation.get_language(),
            )
        except tracker.RateLimited:
            return render(request, "records/limited.html", status=429)
        return render(request, "records/track_sent.html", {"agency": agency})


@method_decorator(never_cache, name="dispatch")
class ManageView(View):
    """The requester's own page, reached by the signed link mailed to them: opening it confirms
    the email; the form changes the status and the public choice."""

    template_name = "records/manage.html"

    def _context(self, tracked: TrackedRequest, form: StatusForm) -> dict[str, Any]:
        today = timezone.localdate()
        return {
            "tracked": tracked,
            "agency": Agency.objects.filter(pk=tracked.agency_id).first(),
            "form": form,
            "step": tracker.next_step(tracked, today),
            "follow_up": tracker.FOLLOW_UP.format(sent_on=tracked.sent_on.isoformat()),
            "mediation": tracker.MEDIATION.format(sent_on=tracked.sent_on.isoformat()),
            "token": tracker.manage_token(tracked),
        }

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        tracked = tracker.from_token(token)
        if tracked is None:
            raise Http404
        tracker.request_confirm(tracked)
        form = StatusForm(
            initial={
                "status": tracked.status,
                "on": tracked.status_on,
                "is_public": tracked.is_public,
            }
        )
        return render(request, self.template_name, self._context(tracked, form))

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        tracked = tracker.from_token(token)
        if tracked is None:
            raise Http404
        tracker.request_confirm(tracked)
        form = StatusForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self._context(tracked, form), status=400)
        tracker.request_status_set(
            tracked,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
            is_public=form.cleaned_data["is_public"],
        )
        return redirect(request.path)


class PublicRequestView(TemplateView):
    """A request its requester made public (and confirmed): status, dates, next step."""

    template_name = "records/public_request.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        tracked = TrackedRequest.objects.filter(
            public_id=kwargs["public_id"], is_public=True, confirmed_at__isnull=False
        ).first()
        if tracked is None:
            raise Http404
        return super().get_context_data(
            tracked=tracked,
            agency=Agency.objects.filter(pk=tracked.agency_id).first(),
            step=tracker.next_step(tracked, timezone.localdate()),
            **kwargs,
        )


UPLOADS_PER_HOUR = 20


@method_decorator(never_cache, name="dispatch")
class UploadView(View):
    """The requester adds what came back; a curator reviews it before it is public."""

    template_name = "records/upload.html"

    def _tracked(self, token: str) -> TrackedRequest:
        tracked = tracker.from_token(token)
        if tracked is None:
            raise Http404
        return tracked

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        tracked = self._tracked(token)
        return render(request, self.template_name, {"tracked": tracked, "form": UploadForm()})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        tracked = self._tracked(token)
        form = UploadForm(request.POST, request.FILES)
        context = {"tracked": tracked, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        if not ratelimit.hit(f"records-upload:{tracked.pk}", UPLOADS_PER_HOUR):
            return render(request, "records/limited.html", status=429)
        upload = form.cleaned_data["file"]
        # A file already known to be too large is never read.
        data = b"" if upload.size > responses.MAX_BYTES else upload.read()
        try:
            responses.response_upload(
                agency_id=tracked.agency_id,
                upload=responses.Upload(upload.name, upload.size, data),
                title=form.cleaned_data["title"],
                received_on=form.cleaned_data["received_on"],
                source=form.cleaned_data["source"],
                request=tracked,
            )
        except responses.Refused as refused:
            form.add_error("file", str(refused))
            return render(request, self.template_name, context, status=400)
        context["uploaded"] = True
        return render(request, self.template_name, {**context, "form": UploadForm()})


@never_cache  # checked on every request: its request may turn private at any time
def response_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewed, public response: downloaded, never shown inline."""
    document = responses.public_responses().defer(None).filter(pk=pk).first()
    if document is None:
        raise Http404
    response = HttpResponse(
        bytes(document.data), content_type=responses.CONTENT_TYPES[document.kind]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="response-{document.pk}.{document.kind}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
