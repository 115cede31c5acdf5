from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "deputized.alerts"
    verbose_name = "Alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from anymail.signals import tracking
        from django.db.models.signals import post_save

        from deputized.alerts.bounces import record_tracking_event
        from deputized.alerts.civic import dispatch_civic_after_save
        from deputized.alerts.dispatch import dispatch_after_history
        from deputized.history.signals import history_updated
        from deputized.officials.models import Meeting
        from deputized.oversight.models import Adoption

        # Bounces and complaints from the mail provider (django-anymail's tracking webhooks).
        tracking.connect(record_tracking_event, dispatch_uid="alerts-bounces")
        # Connected after places (INSTALLED_APPS order), so new agencies are placed before the
        # events that name them are routed to subscribers of their county or town.
        history_updated.connect(dispatch_after_history, dispatch_uid="alerts-dispatch")

        # A curator's new meeting or recorded vote reaches the place's subscribers who asked.
        for model in (Meeting, Adoption):
            post_save.connect(
                dispatch_civic_after_save,
                sender=model,
                dispatch_uid=f"alerts-civic-{model.__name__}",
            )
