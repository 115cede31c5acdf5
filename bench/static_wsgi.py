"""gunicorn entry point for the load benchmark (bench-only): the site, and in the same process a
folder of plain files served by whitenoise under /bench-static/, the baseline the site is compared
with. gunicorn calls it with the folder: `bench.static_wsgi:with_static('/tmp/...')`."""

from __future__ import annotations

from whitenoise import WhiteNoise

STATIC_PREFIX = "/bench-static/"


def with_static(root: str) -> WhiteNoise:
    from deputized.wsgi import application

    return WhiteNoise(application, root=root, prefix=STATIC_PREFIX)
