"""Ingesting ICE workbooks into the archive: one stage per module, orchestrated by `run.run`."""
