"""Thin views: each parses its input, calls one selector, and renders a template."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from deputized.archive.selectors import ingest_run_latest, publication_list
from deputized.community.selectors import (
    community_links,
    help_contacts,
    hotline_list,
    rights_sections,
)
from deputized.history.models import ChangeEvent
from deputized.history.selectors import event_list
from deputized.history.support_models import SUPPORT_MODELS
from deputized.history.version import data_version
from deputized.officials.selectors import head_of_agency, who_decides
from deputized.oversight.adoptions import counties_with_adoptions
from deputized.oversight.bills import bills_mentioned
from deputized.oversight.reports import agency_reports
from deputized.oversight.selectors import bill_statuses, place_guidance
from deputized.places.display import local_county_name, local_state_name
from deputized.places.models import County, State
from deputized.web import figures, selectors, share
from deputized.web.earlier import agency_earlier, county_earlier, town_earlier
from deputized.web.search import search


def _language() -> str:
    return (get_language() or "en")[:2]


class HomeView(TemplateView):
    template_name = "web/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            headline=selectors.headline(),
            growth_chart=figures.growth_chart(state=None),
            nc_growth_chart=figures.growth_chart(state="NC"),
            nc_map=figures.nc_map(),
            legend=figures.legend(),
            growth_rows=selectors.growth_rows(),
            nc_growth_rows=selectors.growth_rows(state="NC"),
            events=selectors.recent_events(limit=10),
            support_models=SUPPORT_MODELS.values(),
            **kwargs,
        )


class StatesView(TemplateView):
    template_name = "web/states.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        rows = selectors.states_overview()
        return super().get_context_data(
            rows=rows,
            us_map=figures.us_map(rows),
            county_map=figures.us_counties_map(),
            legend=figures.legend(),
            headline=selectors.headline(),
            **kwargs,
        )


class StateView(TemplateView):
    template_name = "web/state.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = selectors.state_page(code=kwargs["state"])
        if page is None:
            raise Http404
        context: dict[str, Any] = {"page": page}
        if page.state.code == "NC":
            context["links"] = community_links(language=_language(), where="state")
            context["nc_map"] = figures.nc_map()
            context["legend"] = figures.legend()
            context["oversight_adopted"] = bool(counties_with_adoptions())
            context["growth_chart"] = figures.growth_chart(state="NC")
            context["growth_rows"] = selectors.growth_rows(state="NC")
            context["support_models"] = SUPPORT_MODELS.values()
            context["county_rows"] = sorted(
                ((c, s, sorted(m)) for c, s, m in selectors.nc_county_statuses().values()),
                key=lambda row: row[0].name,
            )
        return super().get_context_data(**context, **kwargs)


class _LocalPageMixin:
    """County and town pages share the help box and the officials' measures."""

    def local_context(self, *, counties: list[County], **guidance_for: Any) -> dict[str, Any]:
        return {
            "guidance": place_guidance(**guidance_for),
            "hotlines": help_contacts(language=_language(), counties=[c.fips for c in counties]),
            "support_models": SUPPORT_MODELS,
            "links": community_links(language=_language(), where="places"),
        }


class CountyView(_LocalPageMixin, TemplateView):
    template_name = "web/county.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = selectors.county_page(state=kwargs["state"], slug=kwargs["slug"])
        if page is None:
            raise Http404
        context: dict[str, Any] = {
            "page": page,
            "earlier": county_earlier(page.county),
            "share": share.county_card(page),
        }
        if page.county.state_id == "NC":
            context.update(self.local_context(counties=[page.county], county=page.county))
            context["who"] = who_decides(county=page.county)
        return super().get_context_data(**context, **kwargs)


class TownView(_LocalPageMixin, TemplateView):
    template_name = "web/town.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = selectors.town_page(state=kwargs["state"], slug=kwargs["slug"])
        if page is None:
            raise Http404
        context = {
            "page": page,
            "earlier": town_earlier(page.town, page.policing, page.counties),
            **self.local_context(counties=list(page.counties), municipality=page.town),
            "who": who_decides(municipality=page.town) if page.town.state_id == "NC" else None,
            "share": share.town_card(page),
        }
        return super().get_context_data(**context, **kwargs)


class AgencyView(TemplateView):
    template_name = "web/agency.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = selectors.agency_page(agency_id=kwargs["agency_id"])
        if page is None:
            raise Http404
        reports = agency_reports(page.agency.id)
        return super().get_context_data(
            page=page,
            earlier=agency_earlier(page.agency),
            head=head_of_agency(page.place.ori) if page.place else None,
            reports=reports,
            report_charts=figures.report_charts(reports),
            share=share.agency_card(page),
            support_models=SUPPORT_MODELS,
            **kwargs,
        )


class ChangeFilter(forms.Form):
    state = forms.ModelChoiceField(
        queryset=State.objects.all(), required=False, to_field_name="code", label=_("State")
    )
    county = forms.ModelChoiceField(
        queryset=County.objects.filter(state_id="NC"),
        required=False,
        to_field_name="slug",
        label=_("NC county"),
    )
    kind = forms.ChoiceField(
        choices=[
            ("", _("Every kind")),
            *(
                c
                for c in ChangeEvent.Kind.choices
                if c[0] != ChangeEvent.Kind.FIRST_SEEN_IN_ARCHIVE
            ),
        ],
        required=False,
        label=_("Kind of change"),
    )
    status = forms.ChoiceField(
        choices=[("", _("Every status")), *ChangeEvent.Status.choices],
        required=False,
        label=_("Status"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Options named in the reader's language: "Carolina del Norte", "Condado de Duplin".
        self.fields["state"].label_from_instance = local_state_name
        self.fields["county"].label_from_instance = local_county_name


class ChangesView(TemplateView):
    template_name = "web/changes.html"
    per_page = 50
    query_parameters = (*ChangeFilter.base_fields, "page")  # all the page cache keys on

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ChangeFilter(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        events = event_list(
            state=filters["state"].code if filters.get("state") else None,
            county=filters.get("county"),
            kind=filters.get("kind") or None,
            status=filters.get("status") or None,
        )
        page = Paginator(events, self.per_page).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        status = 200 if form.is_bound is False or form.is_valid() else 400
        context = self.get_context_data(form=form, page=page, query=query.urlencode(), **kwargs)
        response = self.render_to_response(context, status=status)
        if request.GET.get("page", str(page.number)) != str(page.number):
            # ?page=abc, ?page=999999: shown as page 1 or the last, never kept under that name.
            add_never_cache_headers(response)
        return response


class SearchForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, label=_("County, town or agency"))


class SearchView(TemplateView):
    template_name = "web/search.html"
    query_parameters = ("q",)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        if request.GET.get("q"):
            add_never_cache_headers(response)  # endless queries: the index is cached instead
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = SearchForm(self.request.GET or None)
        query = form.cleaned_data["q"].strip() if form.is_valid() else ""
        hits = search(query, version=data_version()) if query else []
        return super().get_context_data(form=form, query=query, hits=hits, **kwargs)


class MethodologyView(TemplateView):
    template_name = "web/methodology.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            headline=selectors.headline(), support_models=SUPPORT_MODELS.values(), **kwargs
        )


class RightsView(TemplateView):
    template_name = "web/rights.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sections = rights_sections(language=_language())
        statuses = bill_statuses(language=_language())
        return super().get_context_data(
            hotlines=hotline_list(language=_language()),
            sections=sections,
            # The status of every bill a section names, shown beside it.
            section_bills={
                s.slug: bills_mentioned(" ".join(s.paragraphs), statuses) for s in sections
            },
            links=community_links(language=_language(), where="rights"),
            **kwargs,
        )


class SourcesView(TemplateView):
    """Every list ICE published that the archive holds, with its counts."""

    template_name = "web/publications.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        publications = list(publication_list().order_by("-published_on", "-slot_rank", "-id"))
        return super().get_context_data(
            publications=publications,
            participating_count=sum(p.list_kind == "participating" for p in publications),
            pending_count=sum(p.list_kind == "pending" for p in publications),
            latest_run=ingest_run_latest(),
            **kwargs,
        )
