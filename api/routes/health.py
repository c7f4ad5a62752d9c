"""Liveness and readiness (no auth)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.deps import CatalogDep
from api.schemas.foods import HealthPublic, ReadyPublic
from api.services.readiness import readiness

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request, catalog: CatalogDep) -> HealthPublic:
    """Liveness: the process is up (touches nothing); how many foods it serves."""
    engine = request.app.state.engine
    return HealthPublic(status="ok", foods=len(catalog.foods), database=engine.dialect.name)


@router.get(
    "/ready",
    response_model=ReadyPublic,
    responses={503: {"model": ReadyPublic, "description": "Not ready: a check failed"}},
)
def ready(request: Request, catalog: CatalogDep) -> Any:
    """Readiness: the database answers, the catalog is loaded, migrations are at head."""
    report = readiness(request.app.state.engine, catalog)
    return report if report.ready else JSONResponse(report.model_dump(), status_code=503)
