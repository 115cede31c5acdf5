from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "deputized.documents"
    label = "documents"
    verbose_name = "Model policy documents and adoptions"
    default_auto_field = "django.db.models.BigAutoField"
