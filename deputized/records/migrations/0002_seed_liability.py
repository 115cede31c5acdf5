"""Seed the liability record with the Justice Department's 2012 suit against Alamance County's
sheriff (United States v. Johnson), with its justice.gov source; curators add the rest."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

SEEDS = [
    {
        "agency_id": "nc-alamance-county-sheriffs-office",
        "title": "United States v. Johnson (Justice Department civil rights suit)",
        "kind": "federal",
        "date": dt.date(2012, 12, 20),
        "summary": (
            "The Justice Department sued Sheriff Terry S. Johnson, in his official capacity as "
            "head of the Alamance County Sheriff's Office, alleging a pattern or practice of "
            "discriminatory policing against Latinos (targeting Latino drivers for traffic "
            "stops, checkpoints in Latino neighborhoods, arrests for minor violations), after "
            "its findings letter of September 18, 2012, during the office's 287(g) agreement."
        ),
        "source_url": (
            "https://www.justice.gov/opa/pr/justice-department-files-civil-rights-lawsuit-"
            "against-alamance-county-nc-sheriff-s-office"
        ),
        "source_name": "U.S. Department of Justice, Office of Public Affairs",
    }
]


def seed(apps, schema_editor):
    entry_model = apps.get_model("records", "LiabilityEntry")
    history_model = apps.get_model("records", "HistoricalLiabilityEntry")
    for values in SEEDS:
        if entry_model.objects.filter(
            agency_id=values["agency_id"], source_url=values["source_url"]
        ).exists():
            continue
        entry = entry_model.objects.create(**values)
        history_model.objects.create(
            id=entry.pk,
            history_date=timezone.now(),
            history_type="+",
            history_change_reason="seeded (records/migrations/0002)",
            **values,
        )


def unseed(apps, schema_editor):
    entry_model = apps.get_model("records", "LiabilityEntry")
    for values in SEEDS:
        entry_model.objects.filter(
            agency_id=values["agency_id"], source_url=values["source_url"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
