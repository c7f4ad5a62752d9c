"""Between stored users and the domain's Profile: ages, validation of life-stage rules."""

from __future__ import annotations

from datetime import date

from api.errors import Unprocessable, field_error
from api.schemas.users import UserIn
from api.store.models import User
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


def check_profile(body: UserIn, *, today: date) -> int:
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
        field = exc.field or "body"
        raise Unprocessable(exc.message, errors=[field_error(field, exc.message)]) from exc
    return age
