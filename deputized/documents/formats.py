"""A document's print-ready PDF (WeasyPrint, from the print page's HTML) and editable DOCX
(python-docx, built from the same `Document`, so a body can put it on its own letterhead)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import formats, translation
from docx import Document as Docx
from docx.shared import Pt
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from deputized.documents.compose import Document


def print_html(document: Document, url: str) -> str:
    return render_to_string("documents/print.html", {"document": document, "url": url})


# A document's links (statutes, MOAs) are printed, never fetched: rendering stays offline.
NO_FETCH = URLFetcher(allowed_protocols={"data"})


def to_pdf(document: Document, url: str) -> bytes:
    """No network: the print page has its style inline and no images."""
    return HTML(string=print_html(document, url), url_fetcher=NO_FETCH).write_pdf()


def to_docx(document: Document, url: str) -> bytes:
    es = document.language == "es"
    with translation.override(document.language):
        docx = Docx()
        docx.styles["Normal"].font.name = "Times New Roman"
        docx.styles["Normal"].font.size = Pt(12)
        docx.core_properties.title = document.title
        docx.core_properties.language = document.language
        docx.add_paragraph(document.adoptable_note).runs[0].italic = True
        docx.add_heading(document.title, level=1)
        docx.add_paragraph(document.purpose)
        for paragraph in document.findings:
            docx.add_paragraph(paragraph)
        docx.add_heading("Valores" if es else "Values", level=2)
        for value in document.values:
            docx.add_paragraph(value, style="List Bullet")
        docx.add_heading("Texto dispositivo" if es else "Operative text", level=2)
        for clause in document.operative:
            docx.add_paragraph(clause)
        docx.add_paragraph(document.nothing_changes)
        docx.add_heading("Adoptado" if es else "Adopted", level=2)
        for line in (
            ("Fecha: ____________" if es else "Date: ____________"),
            ("Votación: ____________" if es else "Vote: ____________"),
            ("Firma: ____________" if es else "Signed: ____________"),
        ):
            docx.add_paragraph(line)
        docx.add_heading("Base legal" if es else "Legal basis", level=2)
        docx.add_paragraph(document.frame)
        for basis in document.basis:
            cited = "; ".join(f"{c.label} ({c.url})" for c in basis.citations)
            docx.add_paragraph(f"{basis.title}. {basis.text}" + (f" {cited}" if cited else ""))
        docx.add_heading(
            "Preguntas legales abiertas para el abogado"
            if es
            else "Open legal questions for the attorney",
            level=2,
        )
        for question in document.questions:
            docx.add_paragraph(
                question.text + (f" ({question.ask})" if question.ask else ""), style="List Number"
            )
        docx.add_heading("Datos del lugar" if es else "The place's facts", level=2)
        table = docx.add_table(rows=0, cols=2)
        for label, value in document.facts:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        for text, link in document.sources:
            docx.add_paragraph(f"{text} {link}".strip())
        reviewed = document.version.counsel_reviewed_on
        docx.add_paragraph(
            ("Versión del texto: " if es else "Template version: ")
            + document.version.label
            + "; "
            + (
                ("revisado por un abogado el " if es else "reviewed by counsel on ")
                + formats.date_format(reviewed, "DATE_FORMAT")
                if reviewed
                else ("aún no revisado por un abogado" if es else "not yet reviewed by counsel")
            )
        )
        docx.add_paragraph(document.disclaimer)
        docx.add_paragraph(url)
        out = io.BytesIO()
        docx.save(out)
        return out.getvalue()
