"""User profiles: create or replace, read, erase."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Response, status

from api.deps import ClientDep, SessionDep, UserDep
from api.schemas.common import UserIdPath
from api.schemas.users import UserIn, UserPublic
from api.services.profiles import check_profile, current_age, to_profile
from api.store.models import User
from api.store.queries import users as user_queries
from nutrition.person.targets import life_stage

router = APIRouter(prefix="/users", tags=["users"])


def user_public(user: User) -> UserPublic:
    """The public form of a stored user."""
    today = datetime.now(UTC).date()
    return UserPublic(
        user_id=user.external_id,
        birth_date=user.birth_date,
        age=current_age(user, today=today),
        life_stage=life_stage(profile=to_profile(user, today=today)),
        sex=user.sex,
        pregnant=user.pregnant,
        lactating=user.lactating,
        timezone=user.timezone,
        diet=user.diet,
        allergies=user.allergies,
        dislikes=user.dislikes,
        medications=user.medications,
        conditions=user.conditions,
        created_at=user.created_at,
        updated_at=user.updated_at,
    )


@router.put("/{user_id}", responses={201: {"model": UserPublic, "description": "Created"}})
def put_user(
    user_id: UserIdPath, body: UserIn, client: ClientDep, session: SessionDep, response: Response
) -> UserPublic:
    """Create or replace a user's profile (200 when replaced, 201 when created)."""
    today = datetime.now(UTC).date()
    check_profile(body, today=today)
    assert client.id is not None
    user, created = user_queries.put_user(
        session, client_id=client.id, user_id=user_id, body=body, today=today
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return user_public(user)


@router.get("/{user_id}")
def get_user(user: UserDep) -> UserPublic:
    """Read a user's profile."""
    return user_public(user)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_user(user: UserDep, session: SessionDep) -> None:
    """Erase a user and all of that user's logs."""
    user_queries.delete_user(session, user=user)
