"""Food suggestions that close a user's gaps."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import ClientFoodsDep, SessionDep, UserDep
from api.schemas.suggestions import SuggestionsPublic
from api.services.suggestions import Options, suggestions_for

router = APIRouter(prefix="/users/{user_id}/suggestions", tags=["suggestions"])


@router.get("", response_model_by_alias=True)
def get_suggestions(
    user: UserDep,
    session: SessionDep,
    foods: ClientFoodsDep,
    days: Annotated[int, Query(ge=1, le=90, description="window length, ending today")] = 7,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    max_kcal: Annotated[float | None, Query(gt=0, le=5000, description="energy budget")] = None,
    plan: Annotated[bool, Query(description="also solve the smallest exact plan")] = False,
) -> SuggestionsPublic:
    """Suggest foods in real portions that close the user's gaps, with swaps and advice."""
    options = Options(days=days, limit=limit, max_kcal=max_kcal, plan=plan)
    return suggestions_for(session, user=user, foods=foods, options=options)
