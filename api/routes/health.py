"""Liveness and data status (no auth)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from api.deps import CatalogDep
from api.schemas.foods import HealthPublic

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request, catalog: CatalogDep) -> HealthPublic:
    """Report that the service is up and how many foods it serves."""
    engine = request.app.state.engine
    return HealthPublic(status="ok", foods=len(catalog.foods), database=engine.dialect.name)
