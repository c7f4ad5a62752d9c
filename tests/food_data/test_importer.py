"""The importer: complete, idempotent, and faithful to unknown values."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from api.store.engine import make_engine
from food_data.importer import current_fingerprint, import_foods, imported_fingerprint


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('imp') / 'f.sqlite3'}")
    report = import_foods(engine, progress=False)
    assert report.imported
    yield engine
    engine.dispose()


def _count(engine, sql):
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_every_food_of_both_sources(engine):
    assert _count(engine, "SELECT count(*) FROM food WHERE source = 'sr28'") == 8789
    assert _count(engine, "SELECT count(*) FROM food WHERE source = 'fndds'") == 7083


def test_unreported_values_are_absent_not_zero(engine):
    missing_mg = _count(
        engine,
        "SELECT count(*) FROM food f WHERE f.source = 'sr28' AND NOT EXISTS "
        "(SELECT 1 FROM food_nutrient n WHERE n.food_id = f.id AND n.nutrient = 'magnesium')",
    )
    assert missing_mg == 739


def test_leading_zeros_and_provenance(engine):
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT amount, data_points, derivation_code FROM food_nutrient "
                "WHERE food_id = 'sr28:09040' AND nutrient = 'potassium'"
            )
        ).one()
    assert tuple(row) == (358.0, 45, "A")


def test_portions_keep_every_weighed_measure(engine):
    assert _count(engine, "SELECT count(*) FROM food_portion WHERE food_id LIKE 'sr28:%'") == 15438
    assert _count(engine, "SELECT count(*) FROM food_portion WHERE grams <= 0") == 0


def test_second_import_does_nothing_and_force_rebuilds(engine):
    with engine.connect() as conn:
        assert imported_fingerprint(conn) == current_fingerprint()
    assert not import_foods(engine, progress=False).imported
    forced = import_foods(engine, force=True, progress=False)
    assert forced.imported and forced.foods == 15872
    assert _count(engine, "SELECT count(*) FROM food") == 15872
