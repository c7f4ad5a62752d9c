"""The tracked nutrients."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import ClientDep
from api.schemas.foods import NutrientList, nutrient_public
from nutrition.nutrients import NUTRIENTS

router = APIRouter(prefix="/nutrients", tags=["nutrients"])


_LIST = NutrientList(items=[nutrient_public(n) for n in NUTRIENTS])


@router.get("")
async def list_nutrients(_: ClientDep) -> NutrientList:
    """List the nutrients crampfood tracks, with unit, USDA number and Daily Value."""
    return _LIST
