from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "deputized.web"
    verbose_name = "Public site"
