"""Issue 13: the Census list's FIPS 74 row (Midway Islands) has no postal code; it was loaded as a
state with an empty code and name. The loader now files it under UM, and a migration repairs
databases loaded before."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from deputized.places.models import County, State
from deputized.places.reference import load_reference

pytestmark = pytest.mark.django_db

repair = importlib.import_module("deputized.places.migrations.0004_state_for_fips_74").forwards


def test_every_county_has_a_named_state(places):
    assert not State.objects.filter(name="").exists()
    assert not County.objects.filter(state__code="").exists()
    assert County.objects.get(fips="74300").state_id == "UM"


def test_a_database_loaded_before_the_fix_is_repaired_and_reloading_changes_nothing(places):
    midway = County.objects.get(fips="74300")
    State.objects.filter(code="UM").update(fips="__")
    nameless = State.objects.create(code="", fips="74", name="")
    County.objects.filter(pk=midway.pk).update(state=nameless)
    State.objects.filter(code="UM").delete()  # as before the fix: no UM state at all
    repair(apps, None)
    assert not State.objects.filter(code="").exists()
    assert State.objects.get(code="UM").fips == "74"
    assert County.objects.get(fips="74300").state_id == "UM"
    states = State.objects.count()
    load_reference()
    assert State.objects.count() == states
    assert County.objects.get(fips="74300").state.name == "U.S. Minor Outlying Islands"
