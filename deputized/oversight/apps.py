from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "deputized.oversight"
    label = "oversight"
    verbose_name = "What local officials can do"
    default_auto_field = "django.db.models.BigAutoField"
