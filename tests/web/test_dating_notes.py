"""The sources page's dating notes in the reader's language (`web.dating`): every sentence
`archive.dating` writes is said again in Spanish; one no pattern knows is shown as stored."""

from __future__ import annotations

import pytest
from django.utils import translation

from deputized.web.dating import dating_note

# The sentences as `archive.dating` stores them (the archive holds each of these forms).
NOTES = {
    "ICE's name says 08022025, but 81 rows of the file were signed after 2025-08-02 (the latest "
    "on 2025-08-28); read as 2025-09-02, the date 1 digit edit away that best fits the content": (
        "el nombre de ICE dice 08022025, pero 81 filas del archivo se firmaron después del 2 de "
        "agosto de 2025 (la más reciente, el 28 de agosto de 2025); se lee como 2 de septiembre "
        "de 2025, la fecha a 1 cifra de distancia que mejor encaja con el contenido"
    ),
    "ICE's name says 11114025, but 4025-11-11 is in the future; read as 2025-11-14, the date 2 "
    "digit edits away that best fits the content": (
        "el nombre de ICE dice 11114025, pero el 11 de noviembre de 4025 está en el futuro; se lee "
        "como 14 de noviembre de 2025, la fecha a 2 cifras de distancia que mejor encaja con el "
        "contenido"
    ),
    "ICE's name says 090022025, but the digits 090022025 are not a date; read as 2025-09-02, the "
    "date 1 digit edit away that best fits the content": (
        "el nombre de ICE dice 090022025, pero las cifras 090022025 no son una fecha; se lee como "
        "2 de septiembre de 2025, la fecha a 1 cifra de distancia que mejor encaja con el contenido"
    ),
    "ICE's name says 01062025; published with participatingAgencies01062025pm.xlsx, whose "
    "content dates both to 2026-01-06": (
        "el nombre de ICE dice 01062025; publicado junto con participatingAgencies01062025pm.xlsx, "
        "cuyo contenido fecha ambos el 6 de enero de 2026"
    ),
    "dated by its web-archive capture": "fechado por su captura en el archivo web",
}


@pytest.mark.parametrize(("stored", "spanish"), NOTES.items())
def test_each_stored_note_reads_in_spanish(stored, spanish):
    with translation.override("es"):
        assert dating_note(stored) == spanish
    with translation.override("en"):
        note = dating_note(stored)
    # English keeps the stored words; only its dates are written out.
    assert note.split(",")[0] == stored.split(",")[0]


def test_a_note_no_pattern_knows_is_shown_as_stored():
    with translation.override("es"):
        assert dating_note("read by hand from ICE's press release") == (
            "read by hand from ICE's press release"
        )
