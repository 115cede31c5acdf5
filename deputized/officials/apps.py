from django.apps import AppConfig


class OfficialsConfig(AppConfig):
    name = "deputized.officials"
    verbose_name = "Officials (who decides)"
    default_auto_field = "django.db.models.BigAutoField"
