"""The report's reference case: 4 weeks of meals and six cramp nights, logged through HTTP.

Days are counted back from today in the user's time zone, so the default report window (the
last 28 days) holds all of it. Four days have no meals; the second week adds, each day, a food
whose magnesium is unknown, so that week's magnesium coverage is thin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from api.services.windows import local_today
from tests.api.helpers import create_user

TIMEZONE = "Europe/London"
BANANA = "sr28:09040"
SPINACH_COOKED = "sr28:11458"
WHITE_BREAD = "sr28:18069"
MILK = "sr28:01077"
#: Day offsets from the window's first day with no meals.
UNLOGGED = frozenset({3, 10, 11, 20})
#: (day offset, minutes, severity, symptoms) of each cramp, at 03:00 local time.
CRAMPS = (
    (2, 2, 4, []),
    (5, 5, 6, ["sleep_disrupted"]),
    (9, 3, 5, []),
    (16, 20, 8, ["sleep_disrupted", "soreness_after"]),
    (22, 4, 3, []),
    (26, 6, 7, ["sleep_disrupted"]),
)


@dataclass(frozen=True)
class Scenario:
    """The user's path and the report's default window."""

    path: str
    start: date
    end: date


def _at(day: date, hour: int) -> str:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(TIMEZONE)).isoformat()


def _meals(start: date, thin_food: str) -> list[dict[str, Any]]:
    meals = []
    for offset in range(28):
        if offset in UNLOGGED:
            continue
        day = start + timedelta(days=offset)
        items = [
            {"food_id": BANANA, "quantity": 1, "unit": "medium"},
            {"food_id": WHITE_BREAD, "grams": 60 + offset},
            {"food_id": MILK, "grams": 250},
        ]
        if offset % 3 == 0:
            items.append({"food_id": SPINACH_COOKED, "grams": 90})
        if 7 <= offset < 14:
            items.append({"food_id": thin_food, "grams": 400})
        meals.append({"eaten_at": _at(day, 8), "meal": "breakfast", "items": items})
    return meals


def episode(day: date, minutes: float, severity: int, symptoms: list[str]) -> dict[str, Any]:
    """A POST /cramps body at 03:00 local time on ``day``."""
    return {
        "started_at": _at(day, 3),
        "duration_minutes": minutes,
        "severity": severity,
        "leg": "left",
        "symptoms": symptoms,
    }


def four_weeks_six_nights(client: Any, *, thin_food: str, user_id: str = "gp") -> Scenario:
    """Create the user and log the meals and the six cramps; return where to find them."""
    create_user(
        client,
        user_id,
        age=67,
        sex="female",
        timezone=TIMEZONE,
        medications=["statin", "loop_diuretic"],
        conditions=["hypertension"],
    )
    path = f"/v1/users/{user_id}"
    end = local_today(TIMEZONE)
    start = end - timedelta(days=27)
    r = client.post(f"{path}/meals/batch", json={"meals": _meals(start, thin_food)})
    assert r.status_code == 201, r.text
    for offset, minutes, severity, symptoms in CRAMPS:
        day = start + timedelta(days=offset)
        r = client.post(f"{path}/cramps", json=episode(day, minutes, severity, symptoms))
        assert r.status_code == 201, r.text
    return Scenario(path=path, start=start, end=end)


def thin_magnesium_food(api_app: Any) -> str:
    """A food in the catalog whose magnesium is unknown but whose potassium, calcium, sodium
    and thiamin are known, with little sodium (so it only thins magnesium's coverage)."""
    catalog = api_app.app.state.catalog
    for food in sorted(catalog.foods.values(), key=lambda f: f.id):
        n = food.nutrients
        known = all(n[k] is not None for k in ("potassium", "calcium", "sodium", "thiamin"))
        if n["magnesium"] is None and known and n["sodium"] < 20:
            return str(food.id)
    raise AssertionError("no food with unknown magnesium and little sodium")
