"""Small template helpers the pages need."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

register = template.Library()


@register.filter
def get_item(mapping: Mapping[str, object] | None, key: str) -> object:
    """`{{ support_models|get_item:a.model }}`: a dictionary lookup by a variable key."""
    return mapping.get(key) if mapping else None
