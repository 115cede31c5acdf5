"""Curators edit the documents' wording per language (each save kept, with who made it); the form
shows the default wording and the placeholders beside the edit."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from deputized.documents.kinds import BY_KEY
from deputized.documents.models import DocumentTemplate
from deputized.documents.texts import DEFAULTS, PLACEHOLDERS, SECTIONS


class DocumentTemplateForm(forms.ModelForm):
    key = forms.ChoiceField(choices=[(key, key) for key in BY_KEY])

    class Meta:
        model = DocumentTemplate
        fields = (
            "key",
            "language",
            *SECTIONS,
            "counsel_reviewed_on",
            "counsel_reviewed_by",
            "note",
        )


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(SimpleHistoryAdmin):
    form = DocumentTemplateForm
    list_display = ("key", "language", "counsel_reviewed_on", "updated_at")
    list_filter = ("language", "key")
    readonly_fields = ("default_wording", "placeholders")

    @admin.display(description="Default wording")
    def default_wording(self, obj: DocumentTemplate | None) -> str:
        if obj is None or obj.key not in DEFAULTS:
            return "-"
        default = DEFAULTS[obj.key][obj.language or "en"]
        return "\n\n".join(f"[{s}]\n{getattr(default, s)}" for s in SECTIONS)

    @admin.display(description="Placeholders")
    def placeholders(self, obj: DocumentTemplate | None) -> str:
        return "; ".join(f"{{{name}}}: {what}" for name, what in PLACEHOLDERS.items())
