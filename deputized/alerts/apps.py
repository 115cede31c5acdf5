from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "deputized.alerts"
    verbose_name = "Alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from anymail.signals import tracking

        from deputized.alerts.bounces import record_tracking_event
        from deputized.alerts.dispatch import dispatch_after_history
        from deputized.history.signals import history_updated

        # Bounces and complaints from the mail provider (django-anymail's tracking webhooks).
        tracking.connect(record_tracking_event, dispatch_uid="alerts-bounces")
        # Connected after places (INSTALLED_APPS order), so new agencies are placed before the
        # events that name them are routed to subscribers of their county or town.
        history_updated.connect(dispatch_after_history, dispatch_uid="alerts-dispatch")
