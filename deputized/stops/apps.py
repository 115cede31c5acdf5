from django.apps import AppConfig


class StopsConfig(AppConfig):
    name = "deputized.stops"
    verbose_name = "Traffic stops (SBI extract)"
    default_auto_field = "django.db.models.BigAutoField"
