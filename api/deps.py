"""Dependencies shared by the routes, as ``Annotated`` aliases.

Where commits happen: only the write functions in ``api/queries`` commit. The session
dependency just closes the session, which rolls back anything left uncommitted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from api.errors import Unauthorized
from api.schemas.common import UserIdPath
from api.services.catalog import Catalog
from api.store.keys import client_for_key
from api.store.models import Client, User
from api.store.queries.users import get_user

_bearer = HTTPBearer(auto_error=False, description="An API key from `python -m api keys create`")


def get_session(request: Request) -> Iterator[Session]:
    """A database session for one request."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


async def get_catalog(request: Request) -> Catalog:
    """The in-memory food catalog built at start-up (async: no I/O, so no thread hop)."""
    catalog: Catalog = request.app.state.catalog
    return catalog


SessionDep = Annotated[Session, Depends(get_session)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]


def get_client(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Client:
    """The client app behind the request's Bearer API key; 401 otherwise."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("send an API key as 'Authorization: Bearer <key>'")
    client = client_for_key(session, credentials.credentials)
    if client is None:
        raise Unauthorized("the API key is unknown or revoked")
    return client


ClientDep = Annotated[Client, Depends(get_client)]


def get_current_user(user_id: UserIdPath, client: ClientDep, session: SessionDep) -> User:
    """The client's user named in the path; 404 when this client has no user by that id."""
    assert client.id is not None
    return get_user(session, client_id=client.id, user_id=user_id)


UserDep = Annotated[User, Depends(get_current_user)]
