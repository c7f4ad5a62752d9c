"""User profiles: put (create or replace), read, erase; and between stored users and the
domain's Profile (ages, the rules that span fields)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Session

from api.errors import Unprocessable, field_error
from api.schemas.users import UserPublic, UserUpdate, user_public
from api.services.transaction import write_transaction
from api.store.engine import checkpoint_after_erasure
from api.store.models import Client, User, utcnow
from api.store.queries import users as user_store
from nutrition.errors import InvalidProfile
from nutrition.person.profile import Profile
from nutrition.person.targets import life_stage


def years_between(earlier: date, later: date) -> int:
    """Whole years from ``earlier`` to ``later`` (birthdays on 29 February count on 1 March)."""
    years = later.year - earlier.year
    if (later.month, later.day) < (earlier.month, earlier.day):
        years -= 1
    return years


def current_age(user: User, *, today: date) -> int:
    """The user's age today, from the birth date or the age given on a past date."""
    if user.birth_date is not None:
        return years_between(user.birth_date, today)
    assert user.age is not None and user.age_recorded_on is not None
    return user.age + years_between(user.age_recorded_on, today)


def to_profile(user: User, *, today: date) -> Profile:
    """The domain profile of a stored user."""
    return Profile(
        age=current_age(user, today=today),
        sex=user.sex,  # type: ignore[arg-type]
        pregnant=user.pregnant,
        lactating=user.lactating,
        diet=user.diet,  # type: ignore[arg-type]
        allergies=frozenset(user.allergies),
        dislikes=tuple(user.dislikes),
        medications=frozenset(user.medications),
        conditions=frozenset(user.conditions),
    )


def check_profile(body: UserUpdate, *, today: date) -> int:
    """Check the rules that span fields; return the age today. Raise 422 naming the field."""
    if body.birth_date is None and body.age is None:
        raise Unprocessable(
            "give birth_date or age",
            errors=[field_error("birth_date", "birth_date or age is required")],
        )
    if body.birth_date is not None and body.age is not None:
        raise Unprocessable(
            "give birth_date or age, not both",
            errors=[field_error("age", "give birth_date or age, not both")],
        )
    if body.birth_date is not None:
        if body.birth_date > today:
            raise Unprocessable(
                "birth_date is in the future",
                errors=[field_error("birth_date", "must not be in the future")],
            )
        age = years_between(body.birth_date, today)
        if age < 1:
            raise Unprocessable(
                "reference intakes start at 1 year of age",
                errors=[field_error("birth_date", "the user must be at least 1 year old")],
            )
        if age > 125:
            raise Unprocessable(
                "birth_date is implausibly early",
                errors=[field_error("birth_date", "gives an age over 125 years")],
            )
    else:
        assert body.age is not None
        age = body.age
    profile = Profile(age=age, sex=body.sex, pregnant=body.pregnant, lactating=body.lactating)
    try:
        life_stage(profile=profile)
    except InvalidProfile as exc:
        fields = (exc.field or "body", *exc.also)
        errors = [field_error(f, exc.message) for f in fields]
        raise Unprocessable(exc.message, errors=errors) from exc
    return age


def utc_today() -> date:
    """Today in UTC: the day ages are counted on."""
    return datetime.now(UTC).date()


def client_user(session: Session, *, client: Client, user_id: str) -> User:
    """The client's user with external id ``user_id``; NotFound otherwise."""
    assert client.id is not None
    return user_store.get_user(session, client_id=client.id, user_id=user_id)


def profile_public(user: User, *, today: date | None = None) -> UserPublic:
    """The public profile, with the age and life stage of ``today`` (default: UTC today)."""
    today = today or utc_today()
    return user_public(
        user,
        age=current_age(user, today=today),
        life_stage=life_stage(profile=to_profile(user, today=today)),
    )


def put_profile(
    session: Session, *, client: Client, user_id: str, body: UserUpdate
) -> tuple[UserPublic, bool]:
    """Create or replace a profile and commit; return it and whether it is new."""
    today = utc_today()
    check_profile(body, today=today)
    assert client.id is not None
    user = user_store.find_user(session, client_id=client.id, user_id=user_id)
    created = user is None
    now = utcnow()
    if user is None:
        user = User(
            client_id=client.id, external_id=user_id, sex=body.sex, created_at=now, updated_at=now
        )
    for name, value in body.model_dump().items():
        setattr(user, name, value)
    user.age_recorded_on = today if body.age is not None else None
    user.updated_at = now
    with write_transaction(session):
        user_store.save_user(session, user)
    session.refresh(user)
    return profile_public(user, today=today), created


def erase_profile(session: Session, *, user: User) -> None:
    """Erase the user, every log of theirs and their stored answers, and commit."""
    with write_transaction(session):
        user_store.delete_user(session, user=user)
    session.close()  # give the connection back before the checkpoint needs every reader gone
    checkpoint_after_erasure(session)
