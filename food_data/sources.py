"""Readers for the shipped USDA files (SR28 ASCII and FNDDS CSV), xz-compressed in sources/.

SR28 format: one record per line, fields separated by ``^``, text wrapped in ``~``, empty
field = null, latin-1. A food/nutrient pair absent from NUT_DATA was not reported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import lzma
import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from food_data.records import FoodRecord, NutrientValue, PortionRecord
from nutrition.nutrients import BY_USDA_NUMBER, NUTRIENTS

SOURCES_DIR = Path(__file__).parent / "sources"

SR28_CITATION = (
    "US Department of Agriculture, Agricultural Research Service, Nutrient Data Laboratory. "
    "USDA National Nutrient Database for Standard Reference, Release 28 (slightly revised), "
    "May 2016."
)
FNDDS_CITATION = (
    "US Department of Agriculture, Agricultural Research Service, Food Surveys Research Group. "
    "Food and Nutrient Database for Dietary Studies 2017-2018."
)


def _open_text(path: Path, encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(lzma.open(path, "rb"), encoding=encoding, newline="")


def _sr28_rows(name: str) -> Iterator[list[str]]:
    with _open_text(SOURCES_DIR / "sr28" / f"{name}.txt.xz", "latin-1") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if line:
                yield [f.strip("~") for f in line.split("^")]


def _fndds_rows(name: str) -> Iterator[dict[str, str]]:
    with _open_text(SOURCES_DIR / "fndds" / f"{name}.csv.xz", "utf-8") as fh:
        yield from csv.DictReader(fh)


def _int_or_none(text: str) -> int | None:
    return int(text) if text else None


def _float_or_none(text: str) -> float | None:
    return float(text) if text else None


def _amount_text(amount: float) -> str:
    return f"{amount:g}"


def dataset_fingerprint() -> str:
    """A short hash of the shipped source files: changes when the data changes."""
    digest = hashlib.sha256()
    for path in sorted(SOURCES_DIR.rglob("*.xz")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_sr28() -> dict[str, FoodRecord]:
    """Read every SR28 food with its tracked nutrients, portions and LanguaL descriptors."""
    groups = {row[0]: row[1] for row in _sr28_rows("FD_GROUP")}
    foods: dict[str, FoodRecord] = {}
    for row in _sr28_rows("FOOD_DES"):
        code = row[0]
        foods[code] = FoodRecord(
            source="sr28",
            code=code,
            description=row[2],
            group_code=row[1],
            group=groups[row[1]],
            common_names=row[4],
            manufacturer=row[5],
            scientific_name=row[9],
        )
    for row in _sr28_rows("NUT_DATA"):
        nutrient = BY_USDA_NUMBER.get(row[1])
        if nutrient is None:
            continue
        foods[row[0]].nutrients[nutrient.key] = NutrientValue(
            amount=float(row[2]),
            data_points=_int_or_none(row[3]),
            std_error=_float_or_none(row[4]),
            source_code=row[5] or None,
            derivation_code=row[6] or None,
        )
    for row in _sr28_rows("WEIGHT"):
        grams = float(row[4])
        if grams <= 0:
            continue
        description = f"{_amount_text(float(row[2]))} {row[3]}"
        foods[row[0]].portions.append(PortionRecord(int(row[1]), description, grams))
    descriptors = {row[0]: row[1] for row in _sr28_rows("LANGDESC")}
    for row in _sr28_rows("LANGUAL"):
        foods[row[0]].langual.append(descriptors.get(row[1], row[1]))
    return foods


def read_fndds() -> dict[str, FoodRecord]:
    """Read every FNDDS food with its nutrients, weighed portions and recipe ingredients."""
    foods: dict[str, FoodRecord] = {}
    for row in _fndds_rows("foods_nutrients_per_100g"):
        record = FoodRecord(
            source="fndds",
            code=row["food_code"],
            description=row["description"],
            group_code=row["wweia_category_number"],
            group=row["wweia_category_description"],
        )
        for nutrient in NUTRIENTS:
            value = row.get(nutrient.fndds_column, "")
            if value != "":
                record.nutrients[nutrient.key] = NutrientValue(amount=float(value))
        foods[record.code] = record
    for row in _fndds_rows("portions"):
        grams = float(row["portion_weight_g"] or 0)
        food = foods.get(row["food_code"])
        if food is None or grams <= 0 or not math.isfinite(grams):
            continue
        # seq_num repeats across product subcodes, so number portions in file order instead.
        seq = len(food.portions) + 1
        food.portions.append(PortionRecord(seq, row["portion_description"], grams))
    for row in _fndds_rows("ingredients"):
        food = foods.get(row["food_code"])
        if food is None:
            continue
        food.ingredients.append(row["ingredient_description"])
        kind = row["ingredient_kind"]
        prefix = {"sr28_ndb": "sr28", "fndds_food_code": "fndds"}.get(kind)
        if prefix is not None:
            code = row["ingredient_code"]
            code = code.zfill(5) if prefix == "sr28" else code
            food.ingredient_codes.append(f"{prefix}:{code}")
    return foods


def _set_commonness(records: list[FoodRecord]) -> None:
    """Count how many FNDDS recipes use each food: a data-driven sign of an everyday food."""
    uses: Counter[str] = Counter()
    for record in records:
        uses.update(set(record.ingredient_codes))
    for record in records:
        record.commonness = math.log1p(uses.get(record.id, 0))


def read_all() -> list[FoodRecord]:
    """Every food of both sources, SR28 first, each with its portions sorted by USDA's order."""
    records = [*read_sr28().values(), *read_fndds().values()]
    for record in records:
        record.portions.sort(key=lambda p: p.seq)
    _set_commonness(records)
    return records
