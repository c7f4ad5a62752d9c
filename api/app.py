"""The FastAPI application factory and its start-up (migrations, food import, catalog)."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import APIRouter, FastAPI

from api.errors import PROBLEM_RESPONSES, Problem, install_error_handlers
from api.middleware import BodySizeLimit
from api.routes import ROUTERS, health
from api.services.catalog import Catalog
from api.services.client_foods import OwnIndexes
from api.services.keys import KeyCache
from api.services.openfoodfacts import OpenFoodFacts
from api.settings import Settings, get_settings
from api.store.engine import make_engine
from api.store.migrate import upgrade
from food_data.importer import import_foods

log = logging.getLogger("crampfood")

DESCRIPTION = """\
Dietary suggestions for night leg cramps, from USDA food composition data
(SR28 and FNDDS 2017-2018), clients' own foods and recipes, and packaged products from
Open Food Facts (ODbL). Every `/v1` endpoint needs `Authorization: Bearer <API key>`.
Errors are RFC 9457 problem details. Not medical advice.
"""


def create_app(
    settings: Settings | None = None,
    *,
    catalog: Catalog | None = None,
    openfoodfacts: httpx.Client | None = None,
) -> FastAPI:
    """Build the app. ``catalog`` skips building the in-memory catalog (tests share one);
    ``openfoodfacts`` is the HTTP client for Open Food Facts (default: one made from the
    settings, closed at shutdown)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        http = openfoodfacts or httpx.Client(
            base_url=settings.openfoodfacts_url,
            timeout=settings.openfoodfacts_timeout_seconds,
            headers={"User-Agent": settings.openfoodfacts_user_agent},
        )
        app.state.openfoodfacts = OpenFoodFacts(
            http,
            user_agent=settings.openfoodfacts_user_agent,
            timeout=settings.openfoodfacts_timeout_seconds,
        )
        app.state.own_indexes = OwnIndexes()
        engine = make_engine(settings.database_url, pool_size=settings.pool_size)
        # Pending migrations first (serialised across workers); a database newer than this
        # code is refused here, before anything reads it.
        migrated = upgrade(engine)
        if migrated.changed:
            log.info("%s", migrated.summary())
        if settings.auto_import:
            report = import_foods(engine, log=log.info)
            if report.imported:
                log.info("imported %d foods in %.1f s", report.foods, report.seconds)
        app.state.engine = engine
        app.state.catalog = catalog or Catalog.load(engine, cache_dir=settings.cache_dir)
        # The catalog lives as long as the process and never changes: move it (and the
        # import's leftovers, collected first) out of the collector's reach, so full
        # collections stop re-walking it mid-request.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            engine.dispose()
            if openfoodfacts is None:
                http.close()

    app = FastAPI(
        title="crampfood",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        separate_input_output_schemas=False,
    )
    app.state.settings = settings
    app.state.key_cache = KeyCache(ttl=settings.key_cache_seconds)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    v1 = APIRouter(prefix="/v1", responses=PROBLEM_RESPONSES)
    for router in ROUTERS:
        v1.include_router(router)
    app.include_router(health.router)
    app.include_router(v1)
    _register_problem_schema(app)
    return app


def _register_problem_schema(app: FastAPI) -> None:
    """Make ``Problem`` part of the OpenAPI components the error responses refer to."""
    original = app.openapi

    def openapi() -> dict[str, object]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        defs = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in defs.pop("$defs", {}).items():
            components.setdefault(name, sub)
        components["Problem"] = defs
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def app_factory() -> FastAPI:
    """Entry point for ``uvicorn --factory api.app:app_factory``."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    return create_app()
