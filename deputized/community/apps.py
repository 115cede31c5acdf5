from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "deputized.community"
    label = "community"
    verbose_name = "Hotlines and know-your-rights"
    default_auto_field = "django.db.models.BigAutoField"
