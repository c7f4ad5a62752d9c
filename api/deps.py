"""Dependencies shared by the routes, as ``Annotated`` aliases.

The rooms of ``api/``: ``routes/`` (HTTP: parse, call one service, answer), ``services/``
(one module per use case), ``schemas/`` (request and response shapes, with the presenters
that fill the responses) and ``store/`` (tables and queries; writes are only staged).

Where commits happen: only in ``api/services`` (``services/transaction.py``), never in the
store, a route or here. The session dependency just closes the session, which rolls back
anything left uncommitted; routes answer with what a service returns after its commit, so
a 2xx is never sent before its commit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from api.errors import Unauthorized
from api.schemas.common import UserIdPath
from api.services.catalog import Catalog
from api.services.client_foods import ClientFoods
from api.services.idempotency import IdempotentWrite
from api.services.keys import KeyCache, authenticate
from api.services.openfoodfacts import OpenFoodFacts
from api.services.prepared import UserAnswers
from api.services.profiles import client_user
from api.settings import Settings
from api.store.models import Client, User

_bearer = HTTPBearer(auto_error=False, description="An API key from `python -m api keys create`")


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A database session for one request. Async: making one does no I/O (a connection is
    taken on first use, in the route's thread), so it costs no thread hop."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


async def get_catalog(request: Request) -> Catalog:
    """The in-memory food catalog built at start-up (async: no I/O, so no thread hop)."""
    catalog: Catalog = request.app.state.catalog
    return catalog


async def get_app_settings(request: Request) -> Settings:
    """The settings the app was made with (async: no I/O, so no thread hop)."""
    settings: Settings = request.app.state.settings
    return settings


SessionDep = Annotated[Session, Depends(get_session)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


async def get_client(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Client:
    """The client app behind the request's Bearer API key; 401 otherwise. A key verified in
    the last few seconds is answered from memory; only the rest go to the database (in a
    worker thread)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("send an API key as 'Authorization: Bearer <key>'")
    cache: KeyCache = request.app.state.key_cache
    client = cache.client_for(credentials.credentials)
    if client is None:
        client = await run_in_threadpool(
            authenticate, session, credentials.credentials, cache=cache
        )
    if client is None:
        raise Unauthorized("the API key is unknown or revoked")
    return client


ClientDep = Annotated[Client, Depends(get_client)]


def get_current_user(user_id: UserIdPath, client: ClientDep, session: SessionDep) -> User:
    """The client's user named in the path; 404 when this client has no user by that id."""
    return client_user(session, client=client, user_id=user_id)


UserDep = Annotated[User, Depends(get_current_user)]


async def get_client_foods(
    request: Request, client: ClientDep, session: SessionDep, catalog: CatalogDep
) -> ClientFoods:
    """The foods the request's client can use: the catalog plus its own (looked up on use,
    so making it does no I/O: async, no thread hop)."""
    assert client.id is not None
    return ClientFoods(
        session,
        client_id=client.id,
        catalog=catalog,
        own_indexes=request.app.state.own_indexes,
    )


ClientFoodsDep = Annotated[ClientFoods, Depends(get_client_foods)]


async def get_openfoodfacts(request: Request) -> OpenFoodFacts:
    """The Open Food Facts gateway made at start-up (async: no I/O, so no thread hop)."""
    gateway: OpenFoodFacts = request.app.state.openfoodfacts
    return gateway


OpenFoodFactsDep = Annotated[OpenFoodFacts, Depends(get_openfoodfacts)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="a unique string per create (IETF Idempotency-Key draft): a retry with "
        "the same key and body replays the answer (Idempotent-Replayed: true); the same key "
        "with another body is a 422, while the first is in flight a 409",
        examples=["5f0c9d8e-7b1a-4c2e-9a3d-2b6f1e0c4d7a"],
    ),
]


async def get_idempotent_write(
    request: Request, idempotency_key: IdempotencyKey = None
) -> IdempotentWrite:
    """The ``Idempotency-Key`` of a create, with what its replay is matched on and for how
    long (``CRAMPFOOD_IDEMPOTENCY_TTL_HOURS``). Async: no I/O, so no thread hop."""
    return IdempotentWrite(
        key=idempotency_key,
        method=request.method,
        path=request.url.path,
        max_age=timedelta(hours=request.app.state.settings.idempotency_ttl_hours),
    )


IdempotentWriteDep = Annotated[IdempotentWrite, Depends(get_idempotent_write)]


async def get_user_answers(request: Request) -> UserAnswers:
    """The worker's cache of answers derived from users' logs (async: no I/O)."""
    answers: UserAnswers = request.app.state.user_answers
    return answers


UserAnswersDep = Annotated[UserAnswers, Depends(get_user_answers)]
