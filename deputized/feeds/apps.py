from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "deputized.feeds"
    label = "feeds"
    verbose_name = "Atom feeds"
