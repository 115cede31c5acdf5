"""The "Act" section of a county or town page: open campaigns, what its status suggests, and
published stories (deputized/campaigns/selectors.py)."""

from __future__ import annotations

from typing import Any

from django import template

from deputized.campaigns.selectors import stories_published, suggestions_for

register = template.Library()


@register.inclusion_tag("campaigns/includes/act.html")
def suggested_campaigns(guidance: Any, place: Any) -> dict[str, Any]:
    campaigns, suggestions = suggestions_for(guidance=guidance, place=place)
    stories = list(stories_published(place=place)[:3])
    return {
        "campaigns": campaigns,
        "suggestions": suggestions,
        "stories": stories,
        "place": place,
        "topic": ("county:" if place.__class__.__name__ == "County" else "town:") + place.pk,
    }
