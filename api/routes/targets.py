"""A user's reference intakes."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import UserDep
from api.schemas.intake import TargetsPublic
from api.services.targets import user_targets

router = APIRouter(prefix="/users/{user_id}/targets", tags=["targets"])


@router.get("")
def get_targets(user: UserDep) -> TargetsPublic:
    """Show the user's daily reference intakes (National Academies DRIs) for their life stage."""
    return user_targets(user)
