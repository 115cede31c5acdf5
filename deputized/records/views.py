"""Thin views: the cost calculator, the records request (page, PDF, DOCX), the tracker."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.generic import TemplateView

from deputized.history.models import Agency
from deputized.records import costs
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
