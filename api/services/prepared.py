"""Answers serialised ahead: JSON bytes with their strong ETag, kept per worker.

Two kinds are kept. Food data (a USDA food's detail, a page of catalog foods, a meal text
read against the catalog) is the same for every client, and is kept on the catalog it came
from (``Catalog.answers``). Answers
derived from one user's logs (intake, suggestions) are kept under the user's
``data_version``, which every write to their profile, meals or cramp diary raises in its own
transaction, and under the user's date, so a write or a new day is never answered from an
older entry, on any worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from api.conditional import etag_of
from api.services.catalog import LruCache
from api.services.windows import local_today
from api.store.models import User


@dataclass(frozen=True, slots=True)
class Prepared:
    """An answer as sent: its JSON bytes and their strong ETag."""

    body: bytes
    etag: str


def prepare(model: BaseModel) -> Prepared:
    """Serialise ``model`` (by alias, as FastAPI would) and tag it."""
    body = model.model_dump_json(by_alias=True).encode()
    return Prepared(body=body, etag=etag_of(body))


class UserAnswers:
    """Answers derived from users' logs, kept by one worker (a few KB each), under the
    user's data version and date."""

    def __init__(self, *, size: int = 4_096) -> None:
        self._cache = LruCache(size=size)

    @staticmethod
    def _key(kind: str, user: User, params: tuple[object, ...]) -> tuple[object, ...]:
        return (kind, user.id, user.data_version, local_today(user.timezone), *params)

    def get(self, kind: str, user: User, params: tuple[object, ...]) -> Prepared | None:
        """The ``kind`` answer for ``user`` and ``params`` made since their last write today."""
        found: Prepared | None = self._cache.get(self._key(kind, user, params))
        return found

    def keep(self, kind: str, user: User, params: tuple[object, ...], model: BaseModel) -> Prepared:
        """Serialise ``model`` and keep it as the ``kind`` answer for ``user`` and ``params``."""
        made = prepare(model)
        self._cache.put(self._key(kind, user, params), made)
        return made
