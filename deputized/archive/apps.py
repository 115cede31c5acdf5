from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "deputized.archive"
    verbose_name = "ICE publications archive"
    default_auto_field = "django.db.models.BigAutoField"
