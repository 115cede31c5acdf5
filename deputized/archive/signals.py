"""Signals the archive sends, so later layers can react without the archive knowing them."""

from django.dispatch import Signal

# Sent after an ingest run that stored at least one new publication; kwargs: run (IngestRun).
publications_stored = Signal()
