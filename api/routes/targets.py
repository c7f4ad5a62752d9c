"""A user's reference intakes."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from api.deps import UserDep
from api.schemas.intake import TargetPublic, TargetsPublic
from api.services.profiles import to_profile
from nutrition.person.targets import life_stage, magnesium_supplement_ul, targets_for

router = APIRouter(prefix="/users/{user_id}/targets", tags=["intake"])


@router.get("")
def get_targets(user: UserDep) -> TargetsPublic:
    """Show the user's daily reference intakes (National Academies DRIs) for their life stage."""
    profile = to_profile(user, today=datetime.now(UTC).date())
    targets = targets_for(profile=profile)
    return TargetsPublic(
        user_id=user.external_id,
        life_stage=life_stage(profile=profile),
        targets={
            k: TargetPublic(
                amount=t.amount,
                unit=t.unit,
                kind=t.kind,
                upper=t.upper,
                upper_kind=t.upper_kind,
                source=t.source,
            )
            for k, t in targets.items()
        },
        magnesium_supplement_ul=magnesium_supplement_ul(profile=profile),
    )
