"""The cramp diary: record an episode (idempotently, with the advice it calls for), list,
read, change and delete episodes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlmodel import Session

from api.schemas.advice import advice_public
from api.schemas.cramps import (
    CrampCreate,
    CrampPage,
    CrampPublic,
    CrampUpdate,
    cramp_logged_public,
    cramp_public,
)
from api.schemas.pages import decode_cursor, page_of
from api.services.idempotency import Answer, Created, IdempotentWrite, idempotent_create
from api.services.transaction import write_transaction
from api.services.windows import local_bound, offset_minutes, with_offset
from api.store.models import CrampEpisode, User, utcnow
from api.store.queries import cramps as cramp_store
from api.store.queries.meals import new_id
from nutrition.cramps.advice import Advice
from nutrition.cramps.diary import CrampEpisode as Episode
from nutrition.cramps.diary import episode_advice

#: How far back earlier episodes count when advising on a new one.
RECENT_DAYS = 30
RECENT_LIMIT = 500


def to_episode(row: CrampEpisode) -> Episode:
    """The domain value of a stored episode, at the offset it was logged with."""
    return Episode(
        started_at=with_offset(row.started_at, row.utc_offset_minutes),
        duration_minutes=row.duration_minutes,
        severity=row.severity,
        leg=row.leg,  # type: ignore[arg-type]
        symptoms=frozenset(row.symptoms),
    )


def _new_episode(user: User, body: CrampCreate) -> CrampEpisode:
    assert user.id is not None
    return CrampEpisode(
        id=new_id(),
        user_id=user.id,
        started_at=body.started_at,
        utc_offset_minutes=offset_minutes(body.started_at),
        duration_minutes=body.duration_minutes,
        severity=body.severity,
        leg=body.leg,
        symptoms=list(body.symptoms),
        note=body.note,
        created_at=utcnow(),
    )


def _advice(session: Session, user: User, row: CrampEpisode) -> list[Advice]:
    """Advice for a new episode in the light of the user's recent ones."""
    now = utcnow()
    recent = cramp_store.list_episodes(
        session, user=user, start=now - timedelta(days=RECENT_DAYS), end=None, limit=RECENT_LIMIT
    )
    return episode_advice(episode=to_episode(row), recent=[to_episode(r) for r in recent], now=now)


def record_episode(
    session: Session, *, user: User, body: CrampCreate, write: IdempotentWrite
) -> Answer:
    """Record an episode; the answer carries advice, urgent when a symptom is a red flag."""

    def prepare() -> Created:
        row = _new_episode(user, body)
        advice = advice_public(_advice(session, user, row))
        return Created(
            cramp_logged_public(row, advice=advice),
            lambda s: cramp_store.add_episode(s, row),
        )

    return idempotent_create(
        session, write=write, client_id=user.client_id, user_id=user.id, body=body, prepare=prepare
    )


def list_episodes(
    session: Session,
    *,
    user: User,
    start: datetime | date | None,
    end: datetime | date | None,
    limit: int,
    cursor: str | None,
) -> CrampPage:
    """A page of episodes newest first; dates are whole days in the user's time zone."""
    rows = cramp_store.list_episodes(
        session,
        user=user,
        start=local_bound(start, user.timezone, end=False),
        end=local_bound(end, user.timezone, end=True),
        after=decode_cursor(cursor, datetime, str),
        limit=limit + 1,
    )
    kept, next_cursor = page_of(rows, limit, key=lambda r: (r.started_at, r.id))
    return CrampPage(items=[cramp_public(r) for r in kept], next_cursor=next_cursor)


def read_episode(session: Session, *, user: User, episode_id: str) -> CrampPublic:
    """One of the user's episodes; 404 otherwise."""
    return cramp_public(cramp_store.get_episode(session, user=user, episode_id=episode_id))


def change_episode(
    session: Session, *, user: User, episode_id: str, body: CrampUpdate
) -> CrampPublic:
    """Apply a patch and commit: only the fields sent change (``note`` may be set to null)."""
    row = cramp_store.get_episode(session, user=user, episode_id=episode_id)
    sent = body.model_fields_set
    if body.started_at is not None:
        row.started_at = body.started_at
        row.utc_offset_minutes = offset_minutes(body.started_at)
    for name in ("duration_minutes", "severity", "leg", "symptoms"):
        value = getattr(body, name)
        if value is not None:
            setattr(row, name, list(value) if name == "symptoms" else value)
    if "note" in sent:
        row.note = body.note
    with write_transaction(session):
        cramp_store.save_episode(session, row)
    return cramp_public(row)


def delete_episode(session: Session, *, user: User, episode_id: str) -> None:
    """Delete one of the user's episodes (404 if there is none), and commit."""
    row = cramp_store.get_episode(session, user=user, episode_id=episode_id)
    with write_transaction(session):
        cramp_store.delete_episode(session, row)
