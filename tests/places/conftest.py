"""Places tests: reference data loaded, then the whole archive ingested (which places agencies)."""

from __future__ import annotations

import pytest

from deputized.places.models import County, Municipality, RosterAgency, State
from deputized.places.reference import load_reference
from tests.history.conftest import (
    archive,  # noqa: F401  (the module fixture)
    wipe,
)


@pytest.fixture(scope="module")
def places(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_reference()
        yield
        wipe()
        for model in (RosterAgency, Municipality, County, State):
            model.objects.all().delete()


@pytest.fixture(scope="module")
def placed(places, archive):
    """Reference data first, then the archive: the history's update places every agency."""
    return None
