"""A model document for one place, kind and language: the curated wording filled with the
place's facts, plus its legal basis and open questions from the oversight guidance.

Pure assembly over what `facts.py`, `oversight.selectors` and the curated templates give; the
formats (page, PDF, DOCX) only lay out the `Document` built here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import formats, translation

from deputized.documents import texts
from deputized.documents.bodies import body_name, county_body
from deputized.documents.facts import PlaceFacts
from deputized.documents.forbidden import scan
from deputized.documents.kinds import Kind
from deputized.documents.models import DocumentTemplate
from deputized.oversight.jurisdiction import MODEL_NAMES, Citation
from deputized.oversight.selectors import guidance_for


@dataclass(frozen=True, slots=True)
class Basis:
    title: str
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    ask: str  # who can answer it


@dataclass(frozen=True, slots=True)
class Version:
    label: str  # "county-reporting-resolution/en v3", or "… default"
    counsel_reviewed_on: dt.date | None
    counsel_reviewed_by: str


@dataclass(frozen=True, slots=True)
class Document:
    kind: Kind
    language: str
    place_name: str
    body: str
    title: str
    adoptable_note: str  # which text a body adopts
    purpose: str
    findings: list[str]
    values: tuple[str, ...]
    operative: list[str]
    nothing_changes: str
    basis: list[Basis]
    frame: str  # the state-law frame every document works within
    questions: list[Question]
    facts: list[tuple[str, str]]  # (label, value) lines of the place's facts
    sources: list[tuple[str, str]]  # (text, url): ICE's lists and MOAs
    version: Version
    as_of: dt.date | None
    disclaimer: str

    @property
    def labels(self) -> dict[str, str]:
        return LABELS[self.language]

    def text(self) -> str:
        """Every word of the document, for checks and search."""
        parts = [self.title, self.adoptable_note, self.purpose, *self.findings, *self.values]
        parts += [*self.operative, self.nothing_changes, self.frame]
        parts += [f"{b.title} {b.text}" for b in self.basis]
        parts += [q.text for q in self.questions]
        parts += [f"{label} {value}" for label, value in self.facts]
        return "\n".join(parts)


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _date(day: dt.date | None) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def template_for(kind: Kind, language: str) -> tuple[texts.Template, Version]:
    default = texts.DEFAULTS[kind.key][language]
    row = DocumentTemplate.objects.filter(key=kind.key, language=language).first()
    if row is None:
        return default, Version(f"{kind.key}/{language} default", None, "")
    version = Version(
        f"{kind.key}/{language} v{row.history.count()}",
        row.counsel_reviewed_on,
        row.counsel_reviewed_by,
    )
    return row.apply(default), version


SPANISH = {
    "active": "activo",
    "pending": "pendiente",
}


def _agreements_sentence(facts: PlaceFacts, language: str) -> str:
    es = language == "es"
    if not facts.agreements:
        day = _date(facts.as_of)
        if es:
            when = f"al {day}, " if day else ""
            return f"{when}las listas de ICE no muestran ningún acuerdo 287(g) de {facts.agency};"
        when = f"as of {day}, " if day else ""
        return f"{when}ICE's lists show no 287(g) agreement for {_the(facts.agency)}; and"
    parts = []
    for a in facts.agreements:
        model = str(
            MODEL_NAMES.get(a.model, a.model or ("modelo sin indicar" if es else "model not given"))
        )
        source = (
            f"lista de ICE «{a.list_file}», publicada el {_date(a.list_published_on)}, fila {a.row}"
            if es
            else f"ICE list “{a.list_file}”, published {_date(a.list_published_on)}, row {a.row}"
        )
        if a.standing == "active":
            signed = (
                _date(a.signed) if a.signed else ("fecha no indicada" if es else "date not given")
            )
            parts.append(
                f"{a.agency} participa en 287(g) bajo el {model}, firmado el {signed} ({source})"
                if es
                else f"{_the(a.agency)} takes part in 287(g) under the {model}, signed {signed} "
                f"({source})"
            )
        else:
            parts.append(
                f"ICE lista como pendiente un acuerdo de {a.agency} ({model}; {source})"
                if es
                else f"ICE lists an agreement for {_the(a.agency)} as pending ({model}; {source})"
            )
    return "; ".join(parts) + (";" if es else "; and")


def _the(name: str) -> str:
    """An agency's name inside an English sentence: "the Carrboro Police Department"."""
    return name if name.lower().startswith("the ") else f"the {name}"


def _population(facts: PlaceFacts, language: str) -> str:
    if facts.population is None:
        return "sus residentes" if language == "es" else "its residents"
    number = formats.number_format(facts.population, force_grouping=True)
    if language == "es":
        return f"{number} residentes (Censo de 2020)"
    return f"{number} residents (2020 Census)"


def _place_name(facts: PlaceFacts, language: str) -> str:
    place = facts.place
    if facts.is_county:
        return f"el Condado de {place.name}" if language == "es" else place.full_name
    if language == "es":
        return {"city": "la ciudad de", "village": "la villa de"}.get(
            place.kind, "el pueblo de"
        ) + (f" {place.name}")
    return f"the {place.kind.title()} of {place.name}" if place.kind else place.name


def placeholders(facts: PlaceFacts, language: str) -> dict[str, str]:
    es = language == "es"
    if facts.is_county:
        attorney = "Abogado del Condado" if es else "County Attorney"
    else:
        attorney = "Abogado Municipal" if es else "Town Attorney"
    return {
        "body": body_name(facts.place, language),
        "place": _place_name(facts, language),
        "agency": facts.agency if es else _the(facts.agency),
        "agreements": _agreements_sentence(facts, language),
        "population": _population(facts, language),
        "attorney": attorney,
        "county_body": county_body(facts.county, language),
        "as_of": _date(facts.as_of),
    }


def _facts_lines(facts: PlaceFacts, language: str) -> list[tuple[str, str]]:
    es = language == "es"
    lines = [
        ("Órgano" if es else "Body", body_name(facts.place, language)),
        ("Agencia" if es else "Agency", facts.agency),
        (
            "Población (Censo 2020)" if es else "Population (2020 Census)",
            _population(facts, language),
        ),
    ]
    for a in facts.agreements:
        model = str(MODEL_NAMES.get(a.model, a.model or "?"))
        standing = SPANISH.get(a.standing, a.standing) if es else a.standing
        signed = _date(a.signed) or "-"
        lines.append(
            (
                "Acuerdo 287(g)" if es else "287(g) agreement",
                f"{a.agency}: {model}, {standing}, "
                + (f"firmado {signed}" if es else f"signed {signed}")
                + f"; {a.list_file}, "
                + ("fila" if es else "row")
                + f" {a.row}",
            )
        )
    lines.append(("Datos al" if es else "Data as of", _date(facts.as_of)))
    return lines


FRAME = {
    "en": (
        "State law (G.S. 153A-145.5 for counties, G.S. 160A-205.2 for towns and cities) does not "
        "allow a local policy that keeps officers from enforcing federal immigration law, and "
        "G.S. 162-62 sets what every jail must do with ICE detainers. This document asks only "
        "for information, reports and public process, which those laws leave to local bodies."
    ),
    "es": (
        "La ley estatal (G.S. 153A-145.5 para los condados, G.S. 160A-205.2 para los municipios) "
        "no permite una política local que impida a los agentes aplicar la ley federal de "
        "inmigración, y la G.S. 162-62 fija lo que toda cárcel debe hacer con las solicitudes de "
        "retención de ICE. Este documento pide solo información, informes y proceso público, que "
        "esas leyes dejan a los órganos locales."
    ),
}
ADOPTABLE = {
    "en": "Model text for adoption. The English text is the one a body adopts; have it reviewed "
    "by the body's attorney first.",
    "es": "Traducción para la comunidad. El texto que un órgano adopta es el inglés; esta versión "
    "en español es informativa.",
}


class ForbiddenMeasureError(ValueError):
    """A document would propose a measure NC law forbids (forbidden.py): it is never shown."""


def compose(kind: Kind, facts: PlaceFacts, language: str) -> Document:
    """The document of `kind` for the place of `facts`, in `language` (en or es); it raises
    `ForbiddenMeasureError` rather than return a text the scan flags (a curated edit saved
    around the admin's check, a place name that reads like one)."""
    document = _compose(kind, facts, language)
    found = scan(document.text())
    if found:
        words = "; ".join(f"{f.why}: “{f.excerpt}”" for f in found)
        raise ForbiddenMeasureError(f"{kind.key}/{language} for {facts.place}: {words}")
    return document


def _compose(kind: Kind, facts: PlaceFacts, language: str) -> Document:
    with translation.override(language):
        template, version = template_for(kind, language)
        fill = placeholders(facts, language)
        guidance = guidance_for(facts.jurisdiction, language=language)
        anchored = [m for m in guidance.measures if m.key in kind.anchors]
        instrument = texts.INSTRUMENTS[language][kind.instrument]
        questions = [Question(" ".join(q.split()), "") for q in _paragraphs(template.questions)]
        ask = fill["attorney"]
        questions = [Question(q.text.format_map(fill), ask) for q in questions]
        questions += [Question(str(m.question), str(m.ask)) for m in anchored if m.question]
        row_word = "fila" if language == "es" else "row"
        sources = [
            (
                f"{a.list_file} ({_date(a.list_published_on)}), {row_word} {a.row}",
                "",
            )
            for a in facts.agreements
        ] + [
            (f"MOA: {a.agency}", a.moa_url)
            for a in facts.agreements
            if a.moa_url.startswith("http")
        ]
        return Document(
            kind=kind,
            language=language,
            place_name=_place_name(facts, language),
            body=fill["body"],
            title=template.title.format_map(fill),
            adoptable_note=ADOPTABLE[language],
            purpose=" ".join(template.purpose.split()).format_map(fill),
            findings=[p.format_map(fill) for p in _paragraphs(template.findings)],
            values=texts.VALUES[language],
            operative=[p.format_map(fill) for p in _paragraphs(template.operative)],
            nothing_changes=texts.NOTHING_CHANGES[language].format(kind=instrument),
            basis=[Basis(str(m.title), str(m.basis), m.citations) for m in anchored],
            frame=FRAME[language],
            questions=questions,
            facts=_facts_lines(facts, language),
            sources=sources,
            version=version,
            as_of=facts.as_of,
            disclaimer=str(guidance.disclaimer),
        )


# The document's own headings, in its language (the site's chrome around it is translated by
# the catalogue; the document is one language throughout, whatever page shows it).
LABELS = {
    "en": {
        "values": "Values",
        "operative": "Operative text",
        "adopted": "Adopted",
        "date": "Date",
        "vote": "Vote",
        "signed": "Signed",
        "basis": "Legal basis",
        "questions": "Open legal questions for the attorney",
        "ask": "Ask",
        "facts": "The place's facts",
        "sources": "Sources",
        "version": "Template version",
        "reviewed": "Reviewed by counsel on",
        "by": "by",
        "not_reviewed": "Not yet reviewed by counsel",
        "as_of": "Data as of",
    },
    "es": {
        "values": "Valores",
        "operative": "Texto dispositivo",
        "adopted": "Adoptado",
        "date": "Fecha",
        "vote": "Votación",
        "signed": "Firma",
        "basis": "Base legal",
        "questions": "Preguntas legales abiertas para el abogado",
        "ask": "Preguntar a",
        "facts": "Datos del lugar",
        "sources": "Fuentes",
        "version": "Versión del texto",
        "reviewed": "Revisado por un abogado el",
        "by": "por",
        "not_reviewed": "Aún no revisado por un abogado",
        "as_of": "Datos al",
    },
}
