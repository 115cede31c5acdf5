"""Loading the earlier agreements (shared/data/ice/historical/) on the real files."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from deputized.earlier.loader import NC_FILE, US_FILE, EarlierDataError, earlier_agreements_load
from deputized.earlier.models import EarlierAgreement, EarlierCounty, EarlierLoad

pytestmark = pytest.mark.django_db

REAL = Path(settings.EARLIER_AGREEMENTS_DIR)


def _copy_with(tmp_path: Path, line_number: int, old: str, new: str) -> Path:
    """The real files, with one line of the national file changed (`old` -> `new`)."""
    shutil.copy(REAL / NC_FILE, tmp_path / NC_FILE)
    lines = (REAL / US_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line_number - 1]
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    (tmp_path / US_FILE).write_text("".join(lines), encoding="utf-8")
    return tmp_path


def _line_of(agreement_id: str) -> int:
    lines = (REAL / US_FILE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(agreement_id + ","))


def test_loads_the_215_agreements_with_their_sources_and_counties():
    result = earlier_agreements_load()
    assert (result.rows, result.inserted, result.updated, result.deleted) == (215, 215, 0, 0)
    assert EarlierAgreement.objects.count() == 215
    assert EarlierAgreement.objects.filter(state="NC").count() == 23
    assert not EarlierAgreement.objects.filter(signed_source="").exists()
    assert not EarlierAgreement.objects.filter(signed_quote="").exists()
    meck = EarlierAgreement.objects.get(agreement_id="NC-mecklenburg-county-so-JEM-2006")
    assert str(meck.signed_date) == "2006-02-27" and meck.ended_date == "2018-12-05"
    assert "McFadden" in meck.ended_quote and meck.ended_source.startswith("https://www.wbtv.com/")
    jail = EarlierAgreement.objects.get(agreement_id="NC-albermarle-district-jail-WSO-2020")
    assert sorted(jail.counties.values_list("county_fips", flat=True)) == [
        "37029",
        "37139",
        "37143",
    ]
    assert EarlierLoad.objects.count() == 1


def test_loading_again_changes_nothing():
    earlier_agreements_load()
    counties = sorted(EarlierCounty.objects.values_list("agreement_id", "county_fips"))
    again = earlier_agreements_load()
    assert (again.inserted, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 215)
    assert EarlierLoad.objects.count() == 1  # an unchanged load is not recorded as a change
    assert sorted(EarlierCounty.objects.values_list("agreement_id", "county_fips")) == counties


def test_a_bad_row_is_refused_with_its_file_and_line_and_nothing_is_loaded(tmp_path):
    line = _line_of("NC-wake-county-so-JEM-2008")
    bad = _copy_with(tmp_path, line, ",2008-06-25,", ",2008-06-31,")
    with pytest.raises(EarlierDataError) as refused:
        earlier_agreements_load(base=bad)
    assert f"{US_FILE}:{line}:" in str(refused.value)
    assert "signed_date '2008-06-31' is not YYYY-MM-DD" in str(refused.value)
    assert EarlierAgreement.objects.count() == 0 and EarlierLoad.objects.count() == 0


def test_a_bad_row_leaves_the_loaded_layer_as_it_was(tmp_path):
    earlier_agreements_load()
    line = _line_of("NC-mecklenburg-county-so-JEM-2006")
    bad = _copy_with(tmp_path, line, ",37119,", ",3711,")
    with pytest.raises(CommandError, match=rf"{US_FILE}:{line}: county_fips '3711'"):
        _command(bad)
    assert EarlierAgreement.objects.count() == 215
    meck = EarlierAgreement.objects.get(agreement_id="NC-mecklenburg-county-so-JEM-2006")
    assert list(meck.counties.values_list("county_fips", flat=True)) == ["37119"]


def _command(base: Path) -> None:
    with override_settings(EARLIER_AGREEMENTS_DIR=base):
        call_command("load_earlier")


def test_the_nc_file_must_be_the_national_files_nc_rows(tmp_path):
    shutil.copy(REAL / US_FILE, tmp_path / US_FILE)
    lines = (REAL / NC_FILE).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("Sheriff's Office", "Sheriffs Office", 1)
    (tmp_path / NC_FILE).write_text("".join(lines), encoding="utf-8")
    with pytest.raises(EarlierDataError, match=rf"{NC_FILE}:3: not the same row"):
        earlier_agreements_load(base=tmp_path)
    assert EarlierAgreement.objects.count() == 0


def test_the_command_rebuilds_published_downloads_when_the_layer_changes(tmp_path, settings):
    from deputized.opendata.build import downloads_build, manifest_read

    settings.OPENDATA_DIR = tmp_path
    downloads_build()  # published once, with the layer empty
    assert _records(manifest_read(tmp_path), "earlier") == 0
    out = io.StringIO()
    call_command("load_earlier", stdout=out)
    assert _records(manifest_read(tmp_path), "earlier") == 215
    assert "215 earlier agreements: 215 inserted" in out.getvalue()


def _records(manifest: dict, dataset: str) -> int:
    return next(f["records"] for f in manifest["files"] if f["dataset"] == dataset)
