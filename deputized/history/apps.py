from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "deputized.history"
    verbose_name = "Agreement history"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deputized.archive.signals import publications_stored
        from deputized.history.services import update_after_ingest

        # The archive knows nothing of the history: it announces new publications, and the
        # history brings itself up to date (incrementally when it can).
        publications_stored.connect(update_after_ingest, dispatch_uid="history-update")
