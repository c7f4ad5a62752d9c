"""Build the food tables from the shipped USDA files.

Idempotent: the ``dataset`` row records a fingerprint of the shipped files and of this
importer; when it matches, nothing is done. Otherwise the food tables are replaced in one
transaction, so a crash mid-import leaves the previous data in place.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, delete, insert, select, text
from sqlmodel import SQLModel, col
from tqdm import tqdm

from food_data.records import FoodRecord
from food_data.schema import DatasetRow, FoodNutrientRow, FoodPortionRow, FoodRow, food_tables
from food_data.sources import dataset_fingerprint, read_all

#: Bump when the importer's output changes for the same source files.
IMPORTER_VERSION = "4"
DATASET_NAME = "usda"
_BATCH = 5000
#: Arbitrary constant naming the PostgreSQL advisory lock that serialises imports.
_PG_LOCK_KEY = 0x6372616D70

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import run did."""

    imported: bool
    foods: int
    nutrient_values: int
    portions: int
    seconds: float


def current_fingerprint() -> str:
    """The fingerprint the database must carry to be up to date."""
    return f"{dataset_fingerprint()}-v{IMPORTER_VERSION}"


def imported_fingerprint(conn: Connection) -> str | None:
    """The fingerprint of the data in the database, or None if nothing was imported."""
    row = conn.execute(
        select(col(DatasetRow.fingerprint)).where(col(DatasetRow.name) == DATASET_NAME)
    ).first()
    return None if row is None else str(row[0])


def _rows(records: Iterable[FoodRecord], tags: dict[str, Any]) -> tuple[list[dict[str, Any]], ...]:
    foods: list[dict[str, Any]] = []
    values: list[dict[str, Any]] = []
    portions: list[dict[str, Any]] = []
    for r in records:
        tag = tags.get(r.id)
        foods.append(
            {
                "id": r.id,
                "source": r.source,
                "code": r.code,
                "description": r.description,
                "group_code": r.group_code,
                "group_name": r.group,
                "common_names": r.common_names,
                "manufacturer": r.manufacturer,
                "scientific_name": r.scientific_name,
                "allergens": " ".join(sorted(tag.allergens)) if tag else "",
                "animal": " ".join(sorted(tag.animal)) if tag else "",
                "commonness": r.commonness,
                "ingredient_codes": " ".join(dict.fromkeys(r.ingredient_codes)),
            }
        )
        for key, v in r.nutrients.items():
            values.append(
                {
                    "food_id": r.id,
                    "nutrient": key,
                    "amount": v.amount,
                    "data_points": v.data_points,
                    "std_error": v.std_error,
                    "source_code": v.source_code,
                    "derivation_code": v.derivation_code,
                }
            )
        for p in r.portions:
            portions.append(
                {"food_id": r.id, "seq": p.seq, "description": p.description, "grams": p.grams}
            )
    return foods, values, portions


def _batches(rows: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _lock(conn: Connection) -> None:
    """Serialise concurrent importers (several workers starting at once)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        # Take SQLite's write lock now, so the fingerprint check below cannot go stale.
        conn.execute(text("DELETE FROM dataset WHERE 0"))


def _tag(records: list[FoodRecord]) -> dict[str, Any]:
    from food_data.tagging import tag_records

    return dict(tag_records(records))


def import_foods(
    engine: Engine,
    *,
    force: bool = False,
    progress: bool | None = None,
    log: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import both USDA sources into ``engine`` unless the same data is already there.

    ``progress`` shows a progress bar (default: when stderr is a terminal).
    """
    started = time.perf_counter()
    SQLModel.metadata.create_all(engine, tables=food_tables())
    wanted = current_fingerprint()
    with engine.connect() as conn:
        if not force and imported_fingerprint(conn) == wanted:
            count = conn.execute(text("SELECT count(*) FROM food")).scalar_one()
            return ImportReport(False, int(count), 0, 0, time.perf_counter() - started)
    if log:
        log("importing USDA SR28 and FNDDS 2017-2018 food data ...")
    records = read_all()
    foods, values, portions = _rows(records, _tag(records))
    show = sys.stderr.isatty() if progress is None else progress
    with engine.begin() as conn:
        _lock(conn)
        if not force and imported_fingerprint(conn) == wanted:  # another worker did it
            return ImportReport(False, len(foods), 0, 0, time.perf_counter() - started)
        for table in (FoodNutrientRow, FoodPortionRow, FoodRow):
            conn.execute(delete(table))
        total = len(foods) + len(values) + len(portions)
        with tqdm(total=total, disable=not show, unit="row", desc="food data") as bar:
            for table, rows in (
                (FoodRow, foods),
                (FoodNutrientRow, values),
                (FoodPortionRow, portions),
            ):
                for batch in _batches(rows, _BATCH):
                    conn.execute(insert(table), batch)
                    bar.update(len(batch))
        conn.execute(delete(DatasetRow).where(col(DatasetRow.name) == DATASET_NAME))
        conn.execute(
            insert(DatasetRow),
            [
                {
                    "name": DATASET_NAME,
                    "fingerprint": wanted,
                    "foods": len(foods),
                    "imported_at": datetime.now(UTC),
                }
            ],
        )
    return ImportReport(True, len(foods), len(values), len(portions), time.perf_counter() - started)
