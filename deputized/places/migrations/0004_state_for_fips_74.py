"""Databases loaded before the fix in places/reference.py hold a nameless state (code "", FIPS 74)
for the Census list's Midway Islands row, which has no postal code: the change log's state filter
showed it as an empty option and the API gave its county the address /en/states//counties/….
Move what points to it to its real code, UM (the U.S. Minor Outlying Islands), as a new load
would, and drop it."""

from django.db import migrations

CODE, NAME = "UM", "U.S. Minor Outlying Islands"


def forwards(apps, schema_editor):
    state = apps.get_model("places", "State")
    nameless = state.objects.filter(code="").first()
    if nameless is None:
        return
    fips = nameless.fips
    nameless.fips = "__"  # frees the unique FIPS for the real state
    nameless.save(update_fields=["fips"])
    real, _created = state.objects.get_or_create(code=CODE, defaults={"fips": fips, "name": NAME})
    for model in ("County", "Municipality", "RosterAgency", "AgencyPlace"):
        apps.get_model("places", model).objects.filter(state_id="").update(state_id=real.code)
    nameless.delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0003_roster_name_keys")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
