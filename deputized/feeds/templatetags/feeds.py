"""The feed that goes with a page, for the pages' templates."""

from __future__ import annotations

from django import forms, template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def changes_feed_url(form: forms.Form) -> str:
    """The change log's feed: the county's or the state's when the log is filtered by one (its
    other filters, kind and status, have no feed), else the feed of every change."""
    data = getattr(form, "cleaned_data", None) or {}
    county = data.get("county")
    if county is not None:
        state_slug = county.state_id.lower()
        return reverse("feeds:county", kwargs={"state": state_slug, "slug": county.slug})
    state = data.get("state")
    if state is not None:
        return reverse("feeds:state", kwargs={"state": state.slug})
    return reverse("feeds:changes")
