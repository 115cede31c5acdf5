"""The loader on a small generated extract with every quirk of traffic-stops.md §1."""

from __future__ import annotations

import json
from datetime import date, datetime

import pyarrow.parquet as pq
import pytest
from django.core.management import CommandError, call_command

from deputized.stops.analysis.measures import counts
from deputized.stops.ingest import load
from deputized.stops.ingest.sbi import SBIFormatError, StopsIngestError

from .sbi_fixtures import Stop, tables, write_extract

DURHAM = "Durham Police Department"
MECK = "Mecklenburg County Sheriff's Office"
UNKNOWN = "Peña Town Police Dept"  # cp1252 ñ, not in the crosswalk


def sample() -> list[Stop]:
    return [
        Stop(
            DURHAM,
            datetime(2018, 1, 5, 14, 30),
            purpose=1,
            ethnicity="H",
            race="W",
            search_type=1,
            contraband="nonzero",
            passengers=1,
        ),
        Stop(DURHAM, datetime(2018, 1, 6), purpose=10, ethnicity="H", race="B"),  # 00:00 time
        Stop(
            DURHAM,
            datetime(2018, 3, 9, 8, 0),
            purpose=5,
            race="W",
            search_type=3,
            contraband="zero",
        ),
        Stop(DURHAM, datetime(2018, 3, 9), purpose=10, race="B", driver_arrest=True),  # 00:00
        Stop(
            MECK,
            datetime(2019, 6, 1, 23, 59),
            purpose=8,
            race="U",
            search_type=4,
            search_of_passenger=True,
            passengers=2,
        ),
        Stop(
            MECK, datetime(2019, 6, 2, 1, 15), purpose=6, ethnicity="H", race="U", engage_force=True
        ),
        Stop(UNKNOWN, datetime(2020, 2, 2, 2, 2), purpose=2, race="A"),
        Stop(UNKNOWN, datetime(2020, 2, 3), purpose=2, race="I"),  # 00:00
    ]


def test_quirky_extract_loads_with_documented_counts(tmp_path):
    raw = tables(sample())
    assert (
        b"\x00" in raw["Stop"] and b"\t\t " in raw["Stop"] and "ñ".encode("cp1252") in raw["Stop"]
    )
    result = load.run(write_extract(sample(), tmp_path / "in"), target=tmp_path / "stops")
    q = result.quality
    assert q["stops"] == 8
    assert q["missing_times"] == 3
    assert q["files"]["stop"]["nul_bytes"] == 1  # stop 5
    assert q["files"]["stop"]["extra_column_rows"] == 2  # stops 4 and 8
    assert q["files"]["person"]["rows"] == 11  # 8 drivers, 3 passengers
    assert q["zero_amount_contraband"] == 1
    assert result.unmatched == [UNKNOWN]
    assert {"agency": DURHAM, "month": "2018-02"} in q["zero_stop_months"]
    assert len(q["zero_stop_months"]) == 1
    shares = {r["agency"]: r for r in q["race_u_share"]}
    assert shares[MECK]["race_u"] == 2 and shares[DURHAM]["race_u"] == 0
    checkpoints = {r["agency"]: r["checkpoints"] for r in q["checkpoint_share"]}
    assert checkpoints == {DURHAM: 2, MECK: 0, UNKNOWN: 0}
    rows = {(r["agency"], r["race_group"]): r for r in counts(result.target)}
    assert rows[(DURHAM, "Hispanic")]["stops"] == 2  # Hispanic of any race
    assert rows[(DURHAM, "Hispanic")]["search_consent"] == 1
    assert rows[(DURHAM, "White")]["hits"] == 1 and rows[(DURHAM, "White")]["hits_nonzero"] == 0
    assert rows[(DURHAM, "Black")]["arrests"] == 1
    assert rows[(MECK, "Other")]["searches"] == 1  # the search of a passenger counts for the stop
    assert rows[(UNKNOWN, "Native American")]["stops"] == 1
    saved = json.loads((result.target / "quality.json").read_text())
    assert saved["stops"] == 8
    assert saved["source"] == {
        "file": "STOPS_Extract.zip",
        "kind": "sbi",
        "loaded_on": date.today().isoformat(),
        "first_stop": "2018-01-05",
        "last_stop": "2020-02-03",
    }
    agencies = (result.target / "agencies.parquet").exists()
    assert agencies


def test_an_extract_without_its_optional_files_loads(tmp_path):
    folder = write_extract(sample(), tmp_path / "in", zipped=False)
    for name in ("Search.txt", "Contraband.txt", "SearchBasis.txt"):
        (folder / name).unlink()
    result = load.run(folder, target=tmp_path / "stops")
    assert result.quality["stops"] == 8
    assert sum(r["searches"] for r in counts(result.target)) == 0


def test_folder_of_files_loads_too(tmp_path):
    folder = write_extract(sample(), tmp_path / "in", zipped=False)
    assert load.run(folder, target=tmp_path / "stops").quality["stops"] == 8


@pytest.mark.parametrize(
    "breakage, line",
    [
        (lambda b: b.replace(b"\r\n2\t", b"\r\nX\t", 1), 2),  # a non-numeric id
        (lambda b: b.replace(b"2018-03-09 08:00:00.000", b"9 March", 1), 3),  # a date
        (lambda b: b.replace(b"\t0\tOFF4", b"\tOFF4", 1), 4),  # a missing column
        (lambda b: b.replace(b"OFF1", b"OFF\x81", 1), 1),  # a byte cp1252 does not define
        (lambda b: b.replace(b"\r\n3\t", b"\tX\r\n3\t", 1), 2),  # a value in an extra column
        # So many extra columns that DuckDB refuses the row: the line reader still names it.
        (lambda b: b.replace(b"\r\n3\t", b"\t" * 9 + b"X\r\n3\t", 1), 2),
        # A blank line is a line: the broken id after it is on line 3.
        (lambda b: b.replace(b"\r\n2\t", b"\r\n\r\nX\t", 1), 3),
        # DuckDB reads a two-digit year as the year 18; refused, as Python's reader does.
        (lambda b: b.replace(b"2018-03-09 08:00:00.000", b"3/9/18 08:00", 1), 3),
        # A value in an extra column of an otherwise blank row is not skipped.
        (lambda b: b.replace(b"\r\n2\t", b"\r\n" + b"\t" * 15 + b"X\r\n2\t", 1), 2),
        (lambda b: b.replace(b"\r\n2\t", b"\r\ninf\t", 1), 2),  # an id that is no number
        # A no-break space is trimmed as padding on both sides: the wrong flag on line 3 is named.
        (
            lambda b: (
                b.replace(b"OFF1", b"OFF1", 1)
                .replace(b"\t0\tOFF", b"\t0\xa0\tOFF", 1)
                .replace(b"\t0\tOFF3", b"\tx\tOFF3", 1)
            ),
            3,
        ),
    ],
)
def test_malformed_file_is_refused_naming_file_and_line_and_keeps_previous_load(
    tmp_path, breakage, line
):
    target = tmp_path / "stops"
    load.run(write_extract(sample(), tmp_path / "good"), target=target)
    before = (target / "stops.parquet").read_bytes()
    bad = tmp_path / "bad"
    write_extract(sample(), bad, zipped=False)
    (bad / "Stop.txt").write_bytes(breakage((bad / "Stop.txt").read_bytes()))
    with pytest.raises(SBIFormatError) as caught:
        load.run(bad, target=target)
    assert caught.value.file == "Stop.txt" and caught.value.line == line
    assert f"Stop.txt, line {line}" in str(caught.value)
    assert (target / "stops.parquet").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".stops-")] == []
    with pytest.raises(CommandError, match=f"Stop.txt, line {line}"):
        call_command("load_stops", str(bad), "--target", str(target))


def test_line_ends_of_every_kind_and_a_byte_cp1252_lacks_on_line_3(tmp_path):
    folder = write_extract(sample(), tmp_path / "in", zipped=False)
    stop = (folder / "Stop.txt").read_bytes().replace(b"\r\n", b"\r")  # CR alone (old exports)
    (folder / "Stop.txt").write_bytes(stop.replace(b"OFF3", b"OFF\x81", 1))
    with pytest.raises(SBIFormatError) as caught:
        load.run(folder, target=tmp_path / "stops")
    assert caught.value.line == 3 and "0x81" in str(caught.value)
    (folder / "Stop.txt").write_bytes(stop)
    assert load.run(folder, target=tmp_path / "stops").quality["stops"] == 8


def test_blank_trailing_columns_and_quoted_line_breaks_load(tmp_path):
    folder = write_extract(sample(), tmp_path / "in", zipped=False)
    stop = (folder / "Stop.txt").read_bytes()
    stop = stop.replace(b"\r\n2\t", b"\t\t\t\t\t\t\t\t\r\n2\t", 1)  # eight blank columns
    stop = stop.replace(b"\r\n2\tDurham Police Department", b'\r\n2\t"Durham\r\nPolice"', 1)
    (folder / "Stop.txt").write_bytes(stop)
    result = load.run(folder, target=tmp_path / "stops")
    assert result.quality["stops"] == 8 and "Durham\r\nPolice" in result.unmatched


def test_an_extract_without_stops_changes_nothing(tmp_path):
    target = tmp_path / "stops"
    load.run(write_extract(sample(), tmp_path / "good"), target=target)
    before = (target / "measures.parquet").read_bytes()
    empty = write_extract(sample(), tmp_path / "empty", zipped=False)
    (empty / "Stop.txt").write_bytes(b"\r\n\r\n")
    with pytest.raises(StopsIngestError, match="no stop"):
        load.run(empty, target=target)
    assert (target / "measures.parquet").read_bytes() == before


def test_a_swap_stopped_halfway_is_put_back_by_the_next_load(tmp_path):
    target = tmp_path / "o'brien" / "stops"  # a quote in the path, too
    load.run(write_extract(sample(), tmp_path / "good"), target=target)
    target.rename(target.with_name("stops.old"))  # stopped between the two renames
    bad = write_extract(sample(), tmp_path / "bad", zipped=False)
    (bad / "Stop.txt").write_bytes((bad / "Stop.txt").read_bytes().replace(b"\r\n2\t", b"\r\nX\t"))
    with pytest.raises(SBIFormatError):
        load.run(bad, target=target)
    assert (target / "stops.parquet").exists() and not target.with_name("stops.old").exists()


def test_ratio_columns_exist_when_the_first_agency_has_no_hispanic_driver(tmp_path):
    stops = [*sample(), Stop("Aberdeen Police Department", datetime(2018, 5, 1, 9))]
    result = load.run(write_extract(stops, tmp_path / "in"), target=tmp_path / "stops")
    table = pq.read_table(result.target / "measures.parquet")
    assert table.column("agency")[0].as_py() == "Aberdeen Police Department"
    assert "search_rate_ratio" in table.column_names
    assert table.schema.field("hit_rate").type == "double"


def test_quoted_fields_keep_their_tabs_and_quotes(tmp_path):
    folder = write_extract(sample(), tmp_path / "in", zipped=False)
    stop = (folder / "Stop.txt").read_bytes()
    quoted = b'"Smith ""Jr""\tPolice"'
    (folder / "Stop.txt").write_bytes(
        stop.replace(b"\r\n2\tDurham Police Department", b"\r\n2\t" + quoted, 1)
    )
    result = load.run(folder, target=tmp_path / "stops")
    assert 'Smith "Jr"\tPolice' in result.unmatched and result.quality["stops"] == 8


def test_command_reports(tmp_path, capsys):
    call_command(
        "load_stops", str(write_extract(sample(), tmp_path / "in")), "--target", str(tmp_path / "s")
    )
    out = capsys.readouterr().out
    assert "8 stops from 3 agencies" in out and f"unmatched agency: {UNKNOWN}" in out


def test_stanford_csv_with_a_bad_date_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "nc_statewide.csv"
    path.write_text(
        "date,department_name,subject_race\n2010-03-01,Durham Police Department,white\n"
        "March 2,Durham Police Department,white\n",
        encoding="utf-8",
    )
    with pytest.raises(StopsIngestError, match=r"nc_statewide\.csv"):
        load.run(path, target=tmp_path / "stops")
    assert not (tmp_path / "stops").exists()
    path.write_text("date,agency\n2010-03-01,x\n", encoding="utf-8")
    with pytest.raises(StopsIngestError, match="missing columns department_name, subject_race"):
        load.run(path, target=tmp_path / "stops")


def test_stanford_csv_loads(tmp_path):
    path = tmp_path / "nc_statewide.csv"
    path.write_text(
        "raw_row_number,date,time,county_name,department_name,subject_age,subject_race,"
        "reason_for_stop,search_conducted,search_basis,contraband_found,arrest_made\n"
        "1,2010-03-01,00:00:00,Durham County,Durham Police Department,30,hispanic,"
        "Checkpoint,TRUE,consent,FALSE,FALSE\n"
        "2,2010-03-02,14:05:00,Durham County,Durham Police Department,40,white,"
        "Speed Limit Violation,FALSE,NA,NA,TRUE\n",
        encoding="utf-8",
    )
    result = load.run(path, target=tmp_path / "stops")
    assert result.quality["stops"] == 2 and result.quality["missing_times"] == 1
    rows = {r["race_group"]: r for r in counts(result.target)}
    assert rows["Hispanic"]["checkpoint"] == 1 and rows["Hispanic"]["search_consent"] == 1
    assert rows["White"]["arrests"] == 1 and rows["White"]["searches"] == 0
