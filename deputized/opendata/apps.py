from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "deputized.opendata"
    verbose_name = "Open data"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deputized.history.signals import history_updated
        from deputized.opendata.services import downloads_build_after_history

        # Connected after the places app's receiver (INSTALLED_APPS order), so the files hold the
        # agencies' new places too.
        history_updated.connect(downloads_build_after_history, dispatch_uid="opendata-build")
