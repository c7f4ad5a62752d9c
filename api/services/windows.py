"""Time helpers, in one place: local days and windows in a user's time zone, and the UTC
offsets a client sent (stored beside each UTC timestamp and shown back)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


def day_start(day: date, tz_name: str) -> datetime:
    """The start of a local day, in UTC."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(tz_name)).astimezone(UTC)


def local_bound(value: datetime | date | None, tz_name: str, *, end: bool) -> datetime | None:
    """A window bound: a datetime as given, or a whole local day (its start; the next day's
    start when ``end``, so ``to`` dates are inclusive); None (no bound) past the calendar."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    try:
        return day_start(value + timedelta(days=1) if end else value, tz_name)
    except OverflowError:
        # A day at the calendar's edge (year 1 or 9999): nothing lies beyond it to exclude.
        return None


def local_today(tz_name: str, *, now: datetime | None = None) -> date:
    """Today's date in the user's time zone."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(tz_name)).date()


def offset_minutes(moment: datetime) -> int:
    """The UTC offset of an aware datetime, in minutes."""
    offset = moment.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60)


def with_offset(moment: datetime, minutes: int) -> datetime:
    """A UTC datetime shown at the offset the client sent."""
    return moment.astimezone(timezone(timedelta(minutes=minutes)))


def week_spans(start: date, end: date) -> list[tuple[date, date]]:
    """``start`` to ``end`` (inclusive) in weeks of 7 days from ``start``; the last may be
    shorter."""
    spans = []
    first = start
    while first <= end:
        last = end if (end - first).days < 7 else first + timedelta(days=6)
        spans.append((first, last))
        first = last + timedelta(days=1)
    return spans
