"""What a subscriber can be told about: the change log's events, as alert kinds.

Two kinds are the place's own news rather than ICE's (`civic.py`): a meeting of its board or
council coming within a week, and a vote of that body on an oversight measure. They are offered
but never chosen by default.

A model change (ICE drops one model of an agency and lists another in the same publication) is the
`new_active` half of a pair the history marks in `details`; it is announced once, as
`model_changed`, and the paired removal is not announced again as a removal.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PENDING_LISTED = "pending_listed"
ACTIVATED = "activated"
NEW_ACTIVE = "new_active"
REMOVED = "removed"
RELISTED = "relisted"
MODEL_CHANGED = "model_changed"
PENDING_WITHDRAWN = "pending_withdrawn"
MAYBE_ENDED = "maybe_ended"  # a suspected removal: only for subscribers who asked for these
# Not ICE's news but the place's (alerts/civic.py): never on by default.
MEETING = "meeting"
BODY_VOTE = "body_vote"
CIVIC = (MEETING, BODY_VOTE)
# Not a change event: organizers' calls to action (deputized/campaigns), never on by default.
ACTIONS = "actions"

KIND_LABELS = {
    PENDING_LISTED: _("An agency is listed as pending (an agreement is coming)"),
    ACTIVATED: _("A pending agreement is now in force"),
    NEW_ACTIVE: _("A new agreement is listed"),
    MODEL_CHANGED: _("An agency changes model"),
    REMOVED: _("An agreement ended (confirmed)"),
    RELISTED: _("An agreement is listed again after it ended"),
    PENDING_WITHDRAWN: _("A pending listing was withdrawn"),
    MEETING: _("A meeting where 287(g) can be raised is coming (a week ahead)"),
    BODY_VOTE: _("The local board or council adopts or votes on a 287(g) measure"),
    ACTIONS: _("Local organizers call for action (letters, calls, meetings)"),
}
CHOOSABLE = list(KIND_LABELS)
DEFAULT_KINDS = [PENDING_LISTED, ACTIVATED, NEW_ACTIVE, REMOVED, RELISTED, MODEL_CHANGED]


def encode(kinds: list[str]) -> str:
    """Stored as `,a,b,` so that one `contains` lookup filters on a kind on every database."""
    chosen = [k for k in CHOOSABLE if k in set(kinds)]
    return "," + ",".join(chosen) + "," if chosen else ""


def decode(stored: str) -> list[str]:
    return [k for k in stored.split(",") if k]


def alert_kind(event_kind: str, status: str, details: dict) -> tuple[str, str] | None:
    """The alert kind and stage of a change event, or None when no alert is ever sent for it.

    Stage `confirmed` is sent to subscribers of the kind; stage `suspected` (a removal not yet
    confirmed) only to those who opted in to unconfirmed notices; retracted events never."""
    if status == "retracted" or event_kind == "first_seen_in_archive":
        return None  # never happened, or listed when the archive starts: not news
    if event_kind == "removed":
        if details.get("model_change_to"):
            return None  # announced with its pair, as a model change
        return (REMOVED, "confirmed") if status == "confirmed" else (MAYBE_ENDED, "suspected")
    if status != "confirmed":
        return None
    if event_kind == "new_active" and details.get("model_change_from"):
        return MODEL_CHANGED, "confirmed"
    if event_kind in {PENDING_LISTED, ACTIVATED, NEW_ACTIVE, RELISTED, PENDING_WITHDRAWN}:
        return event_kind, "confirmed"
    return None  # renamed, renewed, signing date corrected, MOA posted: no alert
