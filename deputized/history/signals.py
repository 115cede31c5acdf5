"""Signals the history sends, so later layers can follow without being called.

After each update commits, `history.services` sends both, in this order:
- `history_updated`: what must follow at once. Places, then the alerts' dispatch (the order of
  INSTALLED_APPS), so that new agencies are placed before the events naming them are routed.
- `history_settled`: slow work that must never hold the alerts back, such as rebuilding the
  downloads (5 to 7 s on the whole archive): subscribers' alerts are already queued when it
  starts.
Both carry `result` (a HistoryResult).
"""

from django.dispatch import Signal

history_updated = Signal()
history_settled = Signal()
