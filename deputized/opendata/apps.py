from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "deputized.opendata"
    verbose_name = "Open data"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deputized.history.signals import history_settled
        from deputized.opendata.services import downloads_build_after_history

        # Once places and alerts have followed the history: the files hold the agencies' new
        # places, and the rebuild's seconds never delay an alert.
        history_settled.connect(downloads_build_after_history, dispatch_uid="opendata-build")
