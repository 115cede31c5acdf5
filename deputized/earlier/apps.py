from django.apps import AppConfig


class EarlierConfig(AppConfig):
    name = "deputized.earlier"
    verbose_name = "Earlier agreements (before 2021)"
    default_auto_field = "django.db.models.BigAutoField"
