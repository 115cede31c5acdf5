"""Thin views: each calls one selector and renders."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from deputized.archive.selectors import ingest_run_latest, publication_list


class PublicationsView(TemplateView):
    """The first page: every list ICE published that the archive holds, with its counts."""

    template_name = "web/publications.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        publications = list(publication_list().order_by("-published_on", "-slot_rank", "-id"))
        context["publications"] = publications
        context["participating_count"] = sum(p.list_kind == "participating" for p in publications)
        context["pending_count"] = sum(p.list_kind == "pending" for p in publications)
        context["latest_run"] = ingest_run_latest()
        return context
