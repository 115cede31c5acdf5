"""A place's model document as a page, a PDF and a DOCX, at stable URLs per place, kind and
language. Thin: the work is in selectors, compose and formats. The site's page cache keeps each
answer under the data version (web/cache.py), so a document is built once per change of data or
wording, and served from the cache after that."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView

from deputized.documents import formats, selectors
from deputized.documents.compose import Document
from deputized.oversight.adoptions import place_adoptions
from deputized.oversight.models import ActivityReport, Adoption


def _document(kwargs: dict[str, Any], place: str) -> tuple[Document, Any]:
    facts = selectors.place_facts(state=kwargs["state"], place=place, slug=kwargs["slug"])
    if facts is None:
        raise Http404
    language = translation.get_language() or "en"
    document = selectors.document_for(facts, kwargs["kind"], language.split("-")[0])
    if document is None:
        raise Http404
    return document, facts


class DocumentPage(TemplateView):
    template_name = "documents/page.html"
    place = selectors.COUNTY

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        document, facts = _document(kwargs, self.place)
        adoptions = [a for a in place_adoptions(facts.place) if a.measure in document.kind.anchors]
        return super().get_context_data(
            document=document,
            facts=facts,
            others=selectors.other_kinds(facts, document),
            adoptions=adoptions,
            **kwargs,
        )


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class DocumentFile(View):
    place = selectors.COUNTY
    fmt = "pdf"

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        document, facts = _document(kwargs, self.place)
        url = request.build_absolute_uri()
        build = formats.to_pdf if self.fmt == "pdf" else formats.to_docx
        response = HttpResponse(build(document, url), content_type=CONTENT_TYPES[self.fmt])
        name = f"{slugify(facts.place.name)}-{document.kind.slug}-{document.language}.{self.fmt}"
        disposition = "inline" if self.fmt == "pdf" else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{name}"'
        return response


def _kept_copy(record: Adoption | ActivityReport | None, name: str) -> FileResponse:
    if record is None or not record.copy or not record.copy.storage.exists(record.copy.name):
        raise Http404
    suffix = record.copy.name.rsplit(".", 1)[-1]
    response = FileResponse(record.copy.open("rb"), content_type=CONTENT_TYPES[suffix])
    disposition = "inline" if suffix == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{suffix}"'
    return response


def adoption_copy(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded copy of an adopted text (checked on upload: a PDF or a DOCX)."""
    return _kept_copy(Adoption.objects.filter(pk=pk).first(), f"adoption-{pk}")


def report_copy(request: HttpRequest, pk: int) -> FileResponse:
    """The uploaded copy of an activity and cost report (checked like an adopted text's)."""
    return _kept_copy(ActivityReport.objects.filter(pk=pk).first(), f"report-{pk}")
