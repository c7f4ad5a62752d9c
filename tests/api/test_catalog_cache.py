"""The built catalog is saved by data and code fingerprint, and loaded instead of rebuilt."""

from __future__ import annotations

import numpy as np
import pytest

from api.services.catalog import Catalog, catalog_key
from api.store.engine import make_engine


@pytest.fixture
def engine(api_app, database_url):  # the session's database, food data imported
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_a_saved_catalog_is_loaded_and_equals_a_built_one(engine, tmp_path):
    built = Catalog.load(engine, cache_dir=tmp_path)
    [saved] = list(tmp_path.glob("catalog-*.pickle"))
    loaded = Catalog.load(engine, cache_dir=tmp_path)
    assert loaded is not built
    assert loaded.matrix.ids == built.matrix.ids
    assert np.array_equal(loaded.matrix.per_portion, built.matrix.per_portion, equal_nan=True)
    assert not loaded.matrix.per_portion.flags.writeable
    assert (
        loaded.search.search(query="banana", limit=3).ids
        == built.search.search(query="banana", limit=3).ids
    )
    assert saved.exists()


def test_a_torn_file_is_rebuilt_not_fatal(engine, tmp_path):
    Catalog.load(engine, cache_dir=tmp_path)
    [saved] = list(tmp_path.glob("catalog-*.pickle"))
    saved.write_bytes(b"not a pickle")
    catalog = Catalog.load(engine, cache_dir=tmp_path)
    assert len(catalog.foods) == 15872
    assert saved.read_bytes() != b"not a pickle"


def test_the_name_changes_with_the_data():
    assert catalog_key("usda-a") != catalog_key("usda-b")
    assert catalog_key("usda-a") == catalog_key("usda-a")


def test_a_database_holding_less_than_its_dataset_row_says_gets_its_own_catalog(engine, tmp_path):
    from datetime import UTC, datetime

    from sqlmodel import Session

    from api.store.migrate import upgrade
    from food_data.importer import DATASET_NAME, current_fingerprint
    from food_data.schema import DatasetRow, FoodRow

    Catalog.load(engine, cache_dir=tmp_path)  # the full catalog is saved first
    small = make_engine(f"sqlite:///{tmp_path / 'small.sqlite3'}")
    upgrade(small)
    with Session(small) as session:
        session.add(
            FoodRow(
                id="sr28:09040",
                source="sr28",
                code="09040",
                description="Bananas, raw",
                group_code="0900",
                group_name="Fruits and Fruit Juices",
            )
        )
        session.add(
            DatasetRow(
                name=DATASET_NAME,
                fingerprint=current_fingerprint(),
                foods=15872,
                imported_at=datetime.now(UTC),
            )
        )
        session.commit()
    assert len(Catalog.load(small, cache_dir=tmp_path).foods) == 1
    small.dispose()
