"""Every user-facing string has a Spanish translation, and the compiled catalogue is current."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "deputized" / "locale"
PO = LOCALE / "es" / "LC_MESSAGES" / "django.po"


def entries(text: str) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for each entry of a .po file."""
    found = []
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid "(.*)"', block, re.M)
        if not msgid or (msgid.group(1) == "" and "msgid_plural" not in block):
            continue
        # A msgstr may continue over several quoted lines: join them before judging it empty.
        strs = [
            "".join(re.findall(r'"(.*)"', value))
            for value in re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        ]
        found.append((msgid.group(1), strs, "#, fuzzy" in block))
    return found


def test_every_string_is_translated_to_spanish():
    text = PO.read_text(encoding="utf-8")
    untranslated = [m for m, strs, fuzzy in entries(text) if fuzzy or not all(strs)]
    assert untranslated == []


def test_every_plural_has_every_spanish_form():
    """Spanish has three plural forms (one, many, other): a missing one falls back to English."""
    text = PO.read_text(encoding="utf-8")
    forms = int(re.search(r"nplurals=(\d+)", text).group(1))
    plurals = [block for block in text.split("\n\n") if "msgid_plural" in block]
    assert plurals, "the catalogue has plural strings"
    short = [b.split("\n")[0] for b in plurals if len(re.findall(r"^msgstr\[", b, re.M)) != forms]
    assert short == []


def test_the_catalogue_covers_every_string_in_the_code(tmp_path):
    """Re-extract the strings; a new string without a translation fails here."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext (gettext) is needed to check the translations")
    root = Path(__file__).resolve().parents[1]
    copy = tmp_path / "deputized"
    shutil.copytree(root / "deputized", copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            str(root / ".venv" / "bin" / "python"),
            "-m",
            "django",
            "makemessages",
            "-l",
            "es",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "deputized.settings",
            "PYTHONPATH": str(tmp_path),
            "PATH": "/usr/bin:/bin",
            "VAR_DIR": str(tmp_path / "var"),
            "DEBUG": "true",
        },
    )
    fresh = {m for m, _, _ in entries((copy / "locale/es/LC_MESSAGES/django.po").read_text())}
    committed = {m for m, _, _ in entries(PO.read_text(encoding="utf-8"))}
    assert fresh - committed == set()


def test_the_compiled_catalogue_is_current():
    """The committed .mo is what `compilemessages` makes of the committed .po."""
    compiled = subprocess.run(
        ["msgfmt", "--check-format", "-o", "-", str(PO)], capture_output=True, check=True
    ).stdout
    assert compiled == PO.with_suffix(".mo").read_bytes()
