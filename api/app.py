"""The FastAPI application factory and its start-up (migrations, food import, catalog)."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from api.conditional import Representations
from api.errors import install_error_handlers
from api.middleware import BodySizeLimit, InputHygiene, RequestContext, UnexpectedErrors
from api.openapi import finish, operation_id
from api.ratelimit import RateLimit, make_storage, parse_rate
from api.routes import ROUTERS, health, problems
from api.services.catalog import Catalog
from api.services.client_foods import OwnIndexes
from api.services.keys import KeyCache
from api.services.openfoodfacts import OpenFoodFacts
from api.services.prepared import UserAnswers
from api.settings import Settings, get_settings
from api.store.engine import make_engine
from api.store.migrate import upgrade
from food_data.importer import import_foods

log = logging.getLogger("crampfood")

DESCRIPTION = """\
Dietary suggestions for night leg cramps, from USDA food composition data
(SR28 and FNDDS 2017-2018), clients' own foods and recipes, and packaged products from
Open Food Facts (ODbL). Every `/v1` endpoint needs `Authorization: Bearer <API key>`.
Errors are RFC 9457 problem details with a stable `code`; `GET /problems/{code}` describes
each kind. Lists page with `limit` and `cursor` (`next_cursor` is null on the last page).
Resources carry strong ETags (`If-None-Match` gives 304, a stale `If-Match` 412). Creates take
an `Idempotency-Key`. Every `/v1` answer carries `RateLimit` headers. Not medical advice.
"""

#: One tag per resource, in the order the docs show them.
OPENAPI_TAGS = [
    {"name": "users", "description": "Profiles (create or replace, read, erase) and export"},
    {"name": "meals", "description": "Meal logs"},
    {"name": "cramps", "description": "The cramp diary"},
    {"name": "intake", "description": "Daily intake against the targets"},
    {"name": "targets", "description": "Daily reference intakes for the user's life stage"},
    {"name": "suggestions", "description": "Foods that close the user's gaps"},
    {"name": "insights", "description": "Cramp nights against the previous day's intake"},
    {"name": "foods", "description": "Foods: the USDA catalog, custom foods, barcodes, parsing"},
    {"name": "recipes", "description": "A client's recipes, each usable as a food"},
    {"name": "report", "description": "A report to take to the doctor, and embeddable charts"},
    {"name": "nutrients", "description": "The tracked nutrients"},
    {"name": "health", "description": "Liveness and readiness"},
    {"name": "problems", "description": "The kinds of error, by code"},
]
#: What browsers may send and read when CORS is on.
CORS_REQUEST_HEADERS = [
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "If-None-Match",
    "X-Request-ID",
]
CORS_EXPOSED_HEADERS = [
    "ETag",
    "Location",
    "Idempotent-Replayed",
    "RateLimit",
    "RateLimit-Policy",
    "Retry-After",
    "X-Request-ID",
]


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
        app.state.own_indexes = OwnIndexes(ttl=settings.own_foods_cache_seconds)
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
        generate_unique_id_function=operation_id,
        openapi_tags=OPENAPI_TAGS,
    )
    app.state.settings = settings
    app.state.key_cache = KeyCache(ttl=settings.key_cache_seconds)
    app.state.user_answers = UserAnswers()
    install_error_handlers(app)
    install_middlewares(app, settings)
    app.include_router(health.router)
    app.include_router(problems.router)
    # Each resource's router straight under the app: a nested /v1 router would make every
    # request match its path twice over (FastAPI matches an included router, then within it).
    for router in ROUTERS:
        app.include_router(router, prefix="/v1")
    _finish_openapi(app)
    return app


def install_middlewares(app: FastAPI, settings: Settings) -> None:
    """Stack the middlewares that give every route the same HTTP contract (innermost first;
    see api/middleware.py for the order and what each does)."""
    app.add_middleware(Representations)
    app.add_middleware(InputHygiene)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    rate = parse_rate(settings.rate_limit)
    if rate is not None:
        storage = make_storage(settings.redis_url, prefix=settings.redis_prefix)
        app.add_middleware(RateLimit, rate=rate, storage=storage)
    app.add_middleware(UnexpectedErrors)
    app.add_middleware(RequestContext)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=CORS_REQUEST_HEADERS,
            expose_headers=CORS_EXPOSED_HEADERS,
            max_age=600,
        )


def _finish_openapi(app: FastAPI) -> None:
    """Serve the document shaped by ``api.openapi.finish`` (built once)."""
    original = app.openapi

    def openapi() -> dict[str, Any]:
        if not app.openapi_schema:
            app.openapi_schema = finish(original())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def app_factory() -> FastAPI:
    """Entry point for ``uvicorn --factory api.app:app_factory``."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    return create_app()
