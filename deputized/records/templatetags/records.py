"""`{% jail_contracts county %}` on a county's page; `{% agency_records agency place %}` on an
agency's page (liability record, links to the cost calculator and the records request)."""

from __future__ import annotations

from typing import Any

from django import template

from deputized.records import responses, selectors

register = template.Library()


@register.inclusion_tag("records/includes/jail_contracts.html")
def jail_contracts(county: Any) -> dict[str, Any]:
    return {"jails": selectors.county_jails(county) if county is not None else [], "county": county}


@register.inclusion_tag("records/includes/agency.html")
def agency_records(agency: Any, place: Any = None) -> dict[str, Any]:
    return {
        "agency": agency,
        "liability": list(selectors.liability_for(agency.id)),
        "responses": list(responses.public_for_agency(agency.id)),
        "nc": agency.state == "NC",
    }
