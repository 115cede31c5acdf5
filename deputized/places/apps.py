from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "deputized.places"
    verbose_name = "Places"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from deputized.history.signals import history_updated
        from deputized.places.services import match_after_history

        # New agencies appear with new publications: place them as soon as the history has them.
        history_updated.connect(match_after_history, dispatch_uid="places-match")
