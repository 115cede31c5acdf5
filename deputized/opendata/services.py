"""Writes of the open-data layer: the downloads, rebuilt after each history update."""

from __future__ import annotations

import logging

from django.conf import settings

from deputized.opendata.build import BuildReport, downloads_build, manifest_read

logger = logging.getLogger(__name__)


def downloads_build_after_history(**_: object) -> BuildReport | None:
    """Receiver of `history.signals.history_settled`: rebuild the downloads once they exist.

    The first build is explicit (`deputized build_downloads`, which `make run`'s setup can call),
    so a process that never published downloads (a test run, a one-off ingest on a laptop) does
    not spend seconds writing files nobody serves. `OPENDATA_AUTO_BUILD = False` turns it off.
    A failed build must not fail the ingest that triggered it: the previous files stay in place
    (each is replaced only once all are written) and the error is logged."""
    if not settings.OPENDATA_AUTO_BUILD or manifest_read() is None:
        return None
    try:
        report = downloads_build()
    except Exception:
        logger.exception("building the downloads failed; the previous files stay in place")
        return None
    logger.info("downloads rebuilt in %.2f s", report.seconds)
    return report
