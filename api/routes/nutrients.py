"""The tracked nutrients."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ClientDep
from api.schemas.foods import NutrientInfo, NutrientList
from nutrition.nutrients import NUTRIENTS

router = APIRouter(prefix="/nutrients", tags=["nutrients"])


@router.get("")
def list_nutrients(_: ClientDep) -> NutrientList:
    """List the nutrients crampfood tracks, with unit, USDA number and Daily Value."""
    return NutrientList(
        items=[
            NutrientInfo(
                key=n.key,
                name=n.name,
                unit=n.unit,
                usda_number=n.usda_number,
                daily_value=n.daily_value,
            )
            for n in NUTRIENTS
        ]
    )
