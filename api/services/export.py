"""Export all of a user's data: profile, targets, meals with items, cramp episodes."""

from __future__ import annotations

from sqlmodel import Session

from api.schemas.cramps import cramp_public
from api.schemas.export import ExportPublic
from api.schemas.meals import meal_public
from api.services.profiles import profile_public
from api.services.targets import user_targets
from api.store.models import User, utcnow
from api.store.queries import cramps as cramp_store
from api.store.queries import meals as meal_store


def export_user(session: Session, *, user: User) -> ExportPublic:
    """Everything held about ``user``, oldest first, with the targets derived today."""
    meals = meal_store.all_meals(session, user=user)
    episodes = cramp_store.all_episodes(session, user=user)
    return ExportPublic(
        exported_at=utcnow(),
        profile=profile_public(user),
        targets=user_targets(user),
        meals=[meal_public(m) for m in meals],
        cramps=[cramp_public(e) for e in episodes],
    )
