"""/api/v1/: the API's URLs, each operation wrapped by `http.api_view` (CORS, rate limit, ETag,
response cache)."""

from __future__ import annotations

import re

from django.urls import URLPattern, path

from deputized.api.api import api
from deputized.api.http import api_view


def query_names_by_path() -> dict[str, frozenset[str]]:
    """Each operation's query parameters, by its path as the OpenAPI document writes it
    (`/agencies/{agency_id}`): the only parameters that key its cached answers."""
    schema = api.get_openapi_schema(path_prefix="")
    return {
        route: frozenset(
            parameter["name"]
            for operation in operations.values()
            for parameter in operation.get("parameters", ())
            if parameter["in"] == "query"
        )
        for route, operations in schema["paths"].items()
    }


_patterns, _app_name, _namespace = api.urls
_query_names = query_names_by_path()
for pattern in _patterns:
    if isinstance(pattern, URLPattern):
        route = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern.pattern))
        pattern.callback = api_view(
            pattern.callback, query_names=_query_names.get(route, frozenset())
        )

urlpatterns = [path("v1/", (_patterns, _app_name, _namespace))]
