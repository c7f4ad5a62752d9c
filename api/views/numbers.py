"""How the report and charts print numbers; one place, so the page, the PDF and the tests
that read them agree."""

from __future__ import annotations

from datetime import date


def amount(value: float) -> str:
    """A nutrient amount: whole numbers with thousands separators from 10 up, else 2 decimals
    (thiamin is about 1 mg a day)."""
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.2f}"


def percent(value: float) -> str:
    """A percentage of target, whole."""
    return f"{value:.0f} %"


def share(value: float) -> str:
    """A share in [0, 1] as a whole percentage."""
    return f"{value * 100:.0f} %"


def minutes(value: float) -> str:
    """Minutes as given, without a needless decimal."""
    return f"{value:g} min"


def rate(value: float) -> str:
    """A rate such as nights a week, one decimal."""
    return f"{value:.1f}"


def day(value: date) -> str:
    """A short date: "3 Mar"."""
    return f"{value.day} {value:%b}"


def long_day(value: date) -> str:
    """A full date: "3 Mar 2025"."""
    return f"{value.day} {value:%b %Y}"
