"""Signals the history sends, so later layers (places, alerts) can follow without being called."""

from django.dispatch import Signal

# Sent after the history changed (replay or incremental update); kwargs: result (HistoryResult).
history_updated = Signal()
