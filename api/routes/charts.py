"""Charts an app can embed: standalone SVG of intake against target, and of the cramp diary."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import SessionDep, UserDep
from api.schemas.report import REPORT_NUTRIENTS
from api.services import charts
from api.views.charts import (
    DEFAULT_HEIGHT,
    DEFAULT_WIDTH,
    MAX_HEIGHT,
    MAX_WIDTH,
    MIN_HEIGHT,
    MIN_WIDTH,
)

router = APIRouter(prefix="/users/{user_id}/charts", tags=["report"])

SVG = "image/svg+xml"
SVG_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "A standalone SVG image", "content": {SVG: {"schema": {"type": "string"}}}}
}
Nutrient = Literal[REPORT_NUTRIENTS]  # type: ignore[valid-type]
Weeks = Annotated[int, Query(ge=1, le=52, description="weeks up to today")]
Width = Annotated[int, Query(ge=MIN_WIDTH, le=MAX_WIDTH, description="pixels")]
Height = Annotated[int, Query(ge=MIN_HEIGHT, le=MAX_HEIGHT, description="pixels")]


@router.get("/intake.svg", response_class=Response, responses=SVG_RESPONSES)
def intake_chart(
    user: UserDep,
    session: SessionDep,
    nutrient: Nutrient,
    weeks: Weeks = 4,
    width: Width = DEFAULT_WIDTH,
    height: Height = DEFAULT_HEIGHT,
) -> Response:
    """One nutrient's weekly average over logged days against the user's target."""
    svg = charts.intake_svg(
        session, user=user, nutrient=nutrient, weeks=weeks, width=width, height=height
    )
    return Response(svg, media_type=SVG)


@router.get("/cramps.svg", response_class=Response, responses=SVG_RESPONSES)
def cramps_chart(
    user: UserDep,
    session: SessionDep,
    weeks: Weeks = 4,
    width: Width = DEFAULT_WIDTH,
    height: Height = DEFAULT_HEIGHT,
) -> Response:
    """The cramp diary day by day: worst severity, minutes, disturbed sleep, red flags."""
    return Response(
        charts.cramps_svg(session, user=user, weeks=weeks, width=width, height=height),
        media_type=SVG,
    )
