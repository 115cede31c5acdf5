from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "deputized.records"
    verbose_name = "Records (requests, money, jail contracts, liability)"
    default_auto_field = "django.db.models.BigAutoField"
