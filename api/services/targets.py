"""A user's daily reference intakes for their life stage."""

from __future__ import annotations

from api.schemas.intake import TargetsPublic, target_public
from api.services.profiles import to_profile, utc_today
from api.store.models import User
from nutrition.person.targets import life_stage, magnesium_supplement_ul, targets_for


def user_targets(user: User) -> TargetsPublic:
    """The National Academies DRIs for the user's life stage today, and the magnesium UL."""
    profile = to_profile(user, today=utc_today())
    return TargetsPublic(
        user_id=user.external_id,
        life_stage=life_stage(profile=profile),
        targets={k: target_public(t) for k, t in targets_for(profile=profile).items()},
        magnesium_supplement_ul=magnesium_supplement_ul(profile=profile),
    )
