"""Food suggestions that close a user's gaps."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CatalogDep, SessionDep, UserDep
from api.schemas.suggestions import SuggestionsPublic
from api.services.profiles import to_profile
from api.services.suggestions import SuggestionRequest, build_suggestions
from api.services.windows import local_bound, local_today
from api.store.queries.intake import food_counts, logged_items

router = APIRouter(prefix="/users/{user_id}/suggestions", tags=["suggestions"])
SWAP_HISTORY_DAYS = 30


@router.get("", response_model_by_alias=True)
def get_suggestions(
    user: UserDep,
    session: SessionDep,
    catalog: CatalogDep,
    days: Annotated[int, Query(ge=1, le=90, description="window length, ending today")] = 7,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    max_kcal: Annotated[float | None, Query(gt=0, le=5000, description="energy budget")] = None,
    plan: Annotated[bool, Query(description="also solve the smallest exact plan")] = False,
) -> SuggestionsPublic:
    """Suggest foods in real portions that close the user's gaps, with swaps and advice."""
    end = local_today(user.timezone)
    start = end - timedelta(days=days - 1)
    upto = local_bound(end, user.timezone, end=True)
    since = local_bound(start, user.timezone, end=False)
    history = local_bound(end - timedelta(days=SWAP_HISTORY_DAYS - 1), user.timezone, end=False)
    request = SuggestionRequest(
        profile=to_profile(user, today=end),
        start=start,
        end=end,
        tz_name=user.timezone,
        items=logged_items(session, user=user, start=since, end=upto),  # type: ignore[arg-type]
        logged_counts=food_counts(session, user=user, start=history, end=upto),  # type: ignore[arg-type]
        limit=limit,
        max_kcal=max_kcal,
        with_plan=plan,
    )
    return build_suggestions(request, catalog)
