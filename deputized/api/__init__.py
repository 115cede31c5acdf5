"""The open-data JSON API, /api/v1/ (django-ninja): see docs/open-data.md."""
