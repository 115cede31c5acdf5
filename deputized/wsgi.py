"""WSGI entry point for gunicorn and friends."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deputized.settings")
application = get_wsgi_application()
# Import every view now (WeasyPrint, DuckDB...: about two seconds), when the worker starts,
# rather than on the first visitor's request.
_views = get_resolver().url_patterns
