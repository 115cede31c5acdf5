"""/api/v1/: the API's URLs, each operation wrapped by `http.api_view` (CORS, rate limit, ETag,
response cache)."""

from __future__ import annotations

from django.urls import URLPattern, path

from deputized.api.api import api
from deputized.api.http import api_view

_patterns, _app_name, _namespace = api.urls
for pattern in _patterns:
    if isinstance(pattern, URLPattern):
        pattern.callback = api_view(pattern.callback)

urlpatterns = [path("v1/", (_patterns, _app_name, _namespace))]
