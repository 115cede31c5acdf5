"""The "organizers" group: its members create campaigns and text campaigns in the admin and
moderate stories; curators (approve_campaign) open campaigns and add people to the group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    "add_campaign",
    "change_campaign",
    "view_campaign",
    "add_textblast",
    "change_textblast",
    "view_textblast",
    "view_story",
    "change_story",
    "view_signondelivery",
    "view_bundle",
]


def create_group(apps, schema_editor):
    for config in apps.get_app_configs():
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="organizers")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="campaigns", codename__in=PERMISSIONS),
        # The targets are chosen from the officials directory (the admin's autocomplete).
        *Permission.objects.filter(content_type__app_label="officials", codename="view_office"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("officials", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
