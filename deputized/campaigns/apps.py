from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "deputized.campaigns"
    label = "campaigns"
    verbose_name = "Campaigns: letters, sign-on letters, calls, texts and stories"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deputized.campaigns import signals  # noqa: F401
