"""An organizer's CSV: a good file imports (with history, kept by the next load); a file with one
bad row is refused whole, naming the row and the reason, and nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from deputized.officials.models import Contact, Office, Term

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places")]

HEADER = "place,role,name,seat,email,phone,meeting_schedule,source_url,verified_on\n"
GOOD = (
    HEADER
    + "37001,commissioners,,,,(336) 228-1312,First and third Monday at 6 p.m.,https://www.alamance-nc.com/commissioners/,2026-11-20\n"
    + "37001,commissioners_chair,Ana Chair,,chair@example.gov,,,https://www.alamance-nc.com/commissioners/,2026-11-20\n"
    + "37001,commissioner,Ben Seat,District 2,,,,https://www.alamance-nc.com/commissioners/,2026-11-20\n"
    + "37001,county_attorney,Cal Counsel,,,,,https://www.alamance-nc.com/attorney/,2026-11-20\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "board.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_imports_and_shows_on_the_page(tmp_path: Path, client: Client) -> None:
    call_command("import_officials", write(tmp_path, GOOD), by="organizer@alamance")
    board = Office.objects.get(key="nc-county-37001-commissioners")
    assert board.meeting_schedule == "First and third Monday at 6 p.m."
    assert Contact.objects.get(office=board, kind="phone").value == "(336) 228-1312"
    seat = Office.objects.get(key="nc-county-37001-commissioner-district-2")
    assert seat.terms.get().person.name == "Ben Seat"
    attorney = Term.objects.get(office__key="nc-county-37001-attorney")
    assert attorney.history.first().history_change_reason.startswith(
        "import_officials row 5 by organizer@alamance"
    )
    html = client.get("/en/states/nc/counties/alamance/").content.decode()
    assert "Ana Chair" in html and "Cal Counsel" in html and "First and third Monday" in html
    call_command("load_officials")
    assert Term.objects.get(office__key="nc-county-37001-attorney").person.name == "Cal Counsel"


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        ("37001,mayor,Dee Mayor,,,,,https://a.gov,2026-11-20", "row 3: role 'mayor' is not one of"),
        ("99999,commissioner,X,,,,,https://a.gov,2026-11-20", "row 3: place '99999' is not"),
        ("37001,commissioner,X,,,,,not-a-link,2026-11-20", "row 3: source_url 'not-a-link'"),
        ("37001,commissioner,X,,,,,https://a.gov,20/11/2026", "row 3: verified_on '20/11/2026'"),
        ("37001,commissioner,X,,,,,https://a.gov,2099-01-01", "row 3: verified_on 2099-01-01 is"),
        ("37001,commissioner,X,,nope,,,https://a.gov,2026-11-20", "row 3: email 'nope'"),
        ("37001,county_attorney,,,,,,https://a.gov,2026-11-20", "row 3: name is empty"),
    ],
)
def test_one_bad_row_refuses_the_file_and_stores_nothing(
    tmp_path: Path, bad_row: str, reason: str
) -> None:
    lines = GOOD.splitlines(keepends=True)
    text = lines[0] + lines[1] + bad_row + "\n" + "".join(lines[2:])
    offices, terms = Office.objects.count(), Term.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("import_officials", write(tmp_path, text), by="organizer")
    assert "refused, nothing stored" in str(refused.value)
    assert reason in str(refused.value)
    assert (Office.objects.count(), Term.objects.count()) == (offices, terms)
    assert Office.objects.get(key="nc-county-37001-commissioners").meeting_schedule == ""


def test_a_file_without_the_required_columns_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"row 1 \(header\): missing column\(s\) source_url"):
        call_command("import_officials", write(tmp_path, "place,role,name,verified_on\n"), by="x")
