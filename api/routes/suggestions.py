"""Food suggestions that close a user's gaps."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool

from api.deps import ClientFoodsDep, SessionDep, UserAnswersDep, UserDep
from api.responses import prepared_response
from api.schemas.suggestions import SuggestionsPublic
from api.services.suggestions import Options, cached_suggestions, suggestions_answer

router = APIRouter(prefix="/users/{user_id}/suggestions", tags=["suggestions"])


@router.get("", response_model=SuggestionsPublic, response_model_by_alias=True)
async def get_suggestions(
    user: UserDep,
    session: SessionDep,
    answers: UserAnswersDep,
    foods: ClientFoodsDep,
    days: Annotated[int, Query(ge=1, le=90, description="window length, ending today")] = 7,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    max_kcal: Annotated[float | None, Query(gt=0, le=5000, description="energy budget")] = None,
    plan: Annotated[bool, Query(description="also solve the smallest exact plan")] = False,
) -> Any:
    """Suggest foods in real portions that close the user's gaps, with swaps and advice."""
    options = Options(days=days, limit=limit, max_kcal=max_kcal, plan=plan)
    answer = cached_suggestions(answers, user, foods=foods, options=options)
    if answer is None:  # not made since the user's last write: compute it in a thread
        answer = await run_in_threadpool(
            suggestions_answer, session, answers, user=user, foods=foods, options=options
        )
    return prepared_response(answer)
