"""Cursor pagination, the one list style of the API.

Every list takes ``limit`` and ``cursor`` and answers ``{"items": [...], "next_cursor": ...}``
(``next_cursor`` is null on the last page). A cursor is opaque to clients: base64url of a
JSON array naming the last item of the page in the list's documented order. A service reads
one more row than ``limit`` (``limit + 1``), and ``page_of`` cuts the page and makes the
cursor from the last item kept::

    after = decode_cursor(cursor, str, datetime)           # None, or the position
    rows = store.list_x(session, after=after, limit=limit + 1)
    rows, next_cursor = page_of(rows, limit, key=lambda r: (r.kind, r.when))
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, TypeVar

from fastapi import Query

from api.errors import Unprocessable, field_error
from api.schemas.common import control_character, parse_moment

T = TypeVar("T")
CursorPart = str | int | datetime

LimitQuery = Annotated[int, Query(ge=1, le=100, description="items per page, 1-100")]
CursorQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=500,
        description="the next_cursor of the previous page; omit for the first page",
    ),
]


def encode_cursor(parts: Sequence[CursorPart]) -> str:
    """An opaque cursor for the position ``parts``."""
    plain = [p.isoformat() if isinstance(p, datetime) else p for p in parts]
    raw = json.dumps(plain, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _invalid() -> Unprocessable:
    return Unprocessable(
        "invalid cursor", errors=[field_error("cursor", "is not a cursor from this list")]
    )


def _part(value: Any, kind: type) -> CursorPart:
    if kind is datetime:
        return parse_moment(value)
    if kind is int and isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if (
        kind is str
        and isinstance(value, str)
        and len(value) <= 200
        and control_character(value, allow_newlines=False) is None
    ):
        return value
    raise ValueError("bad part")


def decode_cursor(cursor: str | None, *kinds: type) -> tuple[Any, ...] | None:
    """The position a cursor names, one value per ``kinds`` (str, int or datetime, which
    is bounded like every date input); None without a cursor; 422 naming ``cursor`` when it
    is not one of ours."""
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        parts = json.loads(raw.decode())
        if not isinstance(parts, list) or len(parts) != len(kinds):
            raise ValueError("wrong shape")
        return tuple(_part(v, k) for v, k in zip(parts, kinds, strict=True))
    except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError):
        raise _invalid() from None


def page_of(
    rows: Sequence[T], limit: int, *, key: Callable[[T], Sequence[CursorPart]]
) -> tuple[list[T], str | None]:
    """The first ``limit`` of ``rows`` (read as ``limit + 1``) and the next page's cursor."""
    kept = list(rows[:limit])
    more = len(rows) > limit and bool(kept)
    return kept, encode_cursor(key(kept[-1])) if more else None
