"""A user's intake over days against their targets."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import SessionDep, UserDep
from api.errors import Unprocessable, field_error
from api.schemas.intake import IntakePublic
from api.services.intake import intake_window
from api.services.profiles import to_profile
from api.services.windows import local_bound, local_today
from api.store.queries.intake import logged_items
from nutrition.person.targets import life_stage, targets_for

router = APIRouter(prefix="/users/{user_id}/intake", tags=["intake"])
MAX_DAYS = 366


def check_window(start: date, end: date) -> None:
    """422 for a reversed or over-long window."""
    if end < start:
        raise Unprocessable(
            "'to' is before 'from'", errors=[field_error("to", "must not be before from")]
        )
    if (end - start).days + 1 > MAX_DAYS:
        raise Unprocessable(
            "window too long", errors=[field_error("to", f"the window is at most {MAX_DAYS} days")]
        )


@router.get("", response_model_by_alias=True)
def get_intake(
    user: UserDep,
    session: SessionDep,
    from_: Annotated[
        date | None, Query(alias="from", description="YYYY-MM-DD, default to - 6 days")
    ] = None,
    to: Annotated[date | None, Query(description="YYYY-MM-DD inclusive, default today")] = None,
) -> IntakePublic:
    """Report daily intake in the user's time zone and the average over logged days."""
    end = to or local_today(user.timezone)
    start = from_ or end - timedelta(days=6)
    check_window(start, end)
    profile = to_profile(user, today=local_today(user.timezone))
    items = logged_items(
        session,
        user=user,
        start=local_bound(start, user.timezone, end=False),  # type: ignore[arg-type]
        end=local_bound(end, user.timezone, end=True),  # type: ignore[arg-type]
    )
    days, average, _ = intake_window(
        items=items,
        tz_name=user.timezone,
        start=start,
        end=end,
        targets=targets_for(profile=profile),
    )
    return IntakePublic(
        user_id=user.external_id,
        timezone=user.timezone,
        life_stage=life_stage(profile=profile),
        from_=start,
        to=end,
        days=days,
        average=average,
    )
