"""The site's maps and charts: data from the selectors, labels in the reader's language, drawn as
SVG on the server by `places.maps` and `web.charts`. Every figure has a table beside it in the
templates."""

from __future__ import annotations

from dataclasses import replace

from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from deputized.oversight.adoptions import counties_with_adoptions
from deputized.oversight.reports import charted_series
from deputized.places import maps
from deputized.places.display import local_county_name
from deputized.places.maps import MapArea, nc_county_map, us_county_map, us_state_map
from deputized.places.models import County
from deputized.web import charts, selectors


def status_class(status: str, models: set[str] | frozenset[str] = frozenset()) -> str:
    """The map class of a place: its active model (or several), pending, ended or none."""
    if status == "active":
        if len(models) > 1:
            return maps.STATUS_ACTIVE_MULTIPLE
        return {"JEM": maps.STATUS_ACTIVE_JEM, "TFM": maps.STATUS_ACTIVE_TFM}.get(
            next(iter(models), ""), maps.STATUS_ACTIVE_WSO
        )
    return {
        "pending": maps.STATUS_PENDING,
        "suspected_ended": maps.STATUS_SUSPECTED_ENDED,
        "ended": maps.STATUS_ENDED,
        "earlier_only": maps.STATUS_ENDED,  # ended too, before 2021 (the earlier layer)
    }.get(status, maps.STATUS_NONE)


def legend() -> list[tuple[str, str]]:
    """(fill, words) for each status class, in the map's colours."""
    words = {
        maps.STATUS_ACTIVE_TFM: _("active: Task Force Model"),
        maps.STATUS_ACTIVE_JEM: _("active: Jail Enforcement Model"),
        maps.STATUS_ACTIVE_WSO: _("active: Warrant Service Officer"),
        maps.STATUS_ACTIVE_MULTIPLE: _("active: more than one model"),
        maps.STATUS_PENDING: _("pending"),
        maps.STATUS_SUSPECTED_ENDED: _("not on the latest list, unconfirmed"),
        maps.STATUS_ENDED: _("ended (since 2021, or before in earlier records)"),
        maps.STATUS_NONE: _("no agreement"),
    }
    return [(maps.STATUS_FILLS[name], label) for name, label in words.items()]


def status_words(status: str, models: set[str] | frozenset[str] = frozenset()) -> str:
    if status == "active":
        return _("active agreement (%(models)s)") % {"models": ", ".join(sorted(models))}
    if status == "pending":
        return _("pending agreement")
    if status == "suspected_ended":
        return _("agreement not on ICE's latest list, end unconfirmed")
    if status == "ended":
        return _("agreement ended")
    if status == "earlier_only":
        return _("agreement ended before 2021 (earlier records)")
    return _("no agreement")


def _county_area(county: County, status: str, models: set[str], *, name_state: bool) -> MapArea:
    """One county on a map: its status in words and colour, and a link to its page."""
    name = local_county_name(county) + (f", {county.state_id}" if name_state else "")
    return MapArea(
        fips=county.fips,
        label=f"{name}: {status_words(status, models)}",
        href=reverse("web:county", kwargs={"state": county.state.slug, "slug": county.slug}),
        css_class=status_class(status, models),
    )


def nc_map() -> SafeString:
    areas = {
        fips: _county_area(county, status, models, name_state=False)
        for fips, (county, status, models) in selectors.nc_county_statuses().items()
    }
    # The "oversight adopted" layer: a dashed outline (not a colour, which shows the status) on
    # counties whose board, or a town council in them, adopted an officials' measure.
    adopted = _("oversight measure adopted")
    for fips in counties_with_adoptions() & set(areas):
        area = areas[fips]
        areas[fips] = replace(
            area,
            label=f"{area.label}; {adopted}",
            css_class=f"{area.css_class} {maps.OVERSIGHT_ADOPTED}",
        )
    return nc_county_map(
        areas,
        title=_("North Carolina counties by 287(g) status"),
        description=_(
            "Each county is coloured by the agreements of the agencies that police it: its "
            "sheriff, its towns' police and regional bodies. The table below gives the same data."
        ),
    )


def us_map(rows: list[selectors.StateRow]) -> SafeString:
    areas = {}
    for row in rows:
        models = {m for m, n in row.counts.active.items() if n}
        counts = row.counts
        status = (
            "active"
            if counts.total
            else "suspected_ended"
            if counts.suspected_ended
            else "pending"
            if counts.pending_listings
            else "none"
        )
        label = _("%(state)s: %(count)s active agreements, %(pending)s pending") % {
            "state": row.state.name,
            "count": number_format(counts.total),
            "pending": number_format(counts.pending_listings),
        }
        areas[row.state.fips] = MapArea(
            fips=row.state.fips,
            label=label,
            href=reverse("web:state", kwargs={"state": row.state.slug}),
            css_class=status_class(status, models),
        )
    return us_state_map(
        areas,
        title=_("287(g) agreements by state"),
        description=_(
            "States with at least one active agreement, and their counts; see the table."
        ),
    )


def us_counties_map() -> SafeString:
    """Every county of the country by the status of the agencies that police it."""
    # Counties without an agreement get no link and the neutral colour: keeps the map light.
    areas = {
        fips: _county_area(county, status, models, name_state=True)
        for fips, (county, status, models) in selectors.county_statuses().items()
        if status != "none"
    }
    return us_county_map(
        areas,
        title=_("287(g) agreements by county"),
        description=_(
            "Counties policed by an agency with an agreement, coloured by model; the others are "
            "grey. The state table gives the figures."
        ),
    )


def growth_chart(*, state: str | None) -> SafeString:
    points = [
        charts.GrowthPoint(label=format_date(day, "M Y"), counts=counts)
        for day, counts in selectors.growth(state=state)
    ]
    where = _("North Carolina") if state == "NC" else _("the whole country")
    return charts.growth_chart(
        points,
        title=_("Agreements in %(where)s by model, at the start of each month") % {"where": where},
        description=_("A stacked bar per month: JEM, WSO and TFM agreements ICE listed."),
        labels={
            "JEM": _("Jail Enforcement Model"),
            "WSO": _("Warrant Service Officer"),
            "TFM": _("Task Force Model"),
        },
        empty_text=_("No lists yet."),
        format_number=number_format,
        html_id=f"growth-{(state or 'us').lower()}",
    )


def report_charts(reports: list) -> list[SafeString]:
    """One chart per charted figure of an agency's activity reports (oversight/reports.py), a bar
    per quarter, the latest on top."""
    return [
        charts.growth_chart(
            [
                charts.GrowthPoint(label=period, counts={series.field: value})
                for period, value in series.points
            ],
            title=series.label,
            description=_(
                "One bar per quarter, as the agency reported it; the table below gives the figures."
            ),
            labels={series.field: series.label},
            format_number=number_format,
            html_id=f"report-{series.field.replace('_', '-')}",
        )
        for series in charted_series(reports)
    ]
