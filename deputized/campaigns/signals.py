"""Any save or delete of a campaign or a story moves the data version (models.PublicChange)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from deputized.campaigns.models import Campaign, Story, public_changed


@receiver(post_save, sender=Campaign)
@receiver(post_delete, sender=Campaign)
@receiver(post_save, sender=Story)
@receiver(post_delete, sender=Story)
def _changed(sender: type, **kwargs: Any) -> None:
    public_changed(sender.__name__.lower())


@receiver(m2m_changed, sender=Campaign.targets.through)
def _targets_changed(sender: type, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        public_changed("targets")
