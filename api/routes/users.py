"""User profiles: create or replace, read, erase, and export everything about a user."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response, status

from api.deps import ClientDep, SessionDep, UserDep
from api.schemas.common import UserIdPath
from api.schemas.export import CSV, EXPORT_RESPONSES, ExportPublic, export_csv
from api.schemas.users import UserPublic, UserUpdate
from api.services import export, profiles

router = APIRouter(prefix="/users", tags=["users"])


@router.put("/{user_id}", responses={201: {"model": UserPublic, "description": "Created"}})
def put_user(
    user_id: UserIdPath,
    body: UserUpdate,
    client: ClientDep,
    session: SessionDep,
    response: Response,
) -> UserPublic:
    """Create or replace a user's profile (200 when replaced, 201 when created)."""
    user, created = profiles.put_profile(session, client=client, user_id=user_id, body=body)
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return user


@router.get("/{user_id}")
def get_user(user: UserDep) -> UserPublic:
    """Read a user's profile."""
    return profiles.profile_public(user)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_user(user: UserDep, session: SessionDep) -> None:
    """Erase a user and all of that user's logs, leaving no copy in the database files."""
    profiles.erase_profile(session, user=user)


@router.get("/{user_id}/export", response_model=ExportPublic, responses=EXPORT_RESPONSES)
def export_user(
    user: UserDep,
    session: SessionDep,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Any:
    """Export all of a user's data: profile, targets, meals with items, cramp episodes."""
    data = export.export_user(session, user=user)
    return Response(export_csv(data), media_type=CSV) if format == "csv" else data
