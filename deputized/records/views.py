"""Thin views: the cost calculator, the records request (page, PDF, DOCX), the tracker."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import TemplateView

from deputized.history.models import Agency
from deputized.records import costs, letters, selectors
from deputized.records.forms import CostForm


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
