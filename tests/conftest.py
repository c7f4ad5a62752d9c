"""Shared fixtures: the API on SQLite and on PostgreSQL, one fresh tenant per test.

Each backend gets one app for the whole session (the food import and the in-memory catalog
are built once). Tests stay independent because every test gets its own client app (API
key), and a client never sees another client's users.

PostgreSQL: ``CRAMPFOOD_TEST_POSTGRES_URL`` (default the local ``test`` database). Where no
server answers, the PostgreSQL half of the suite is skipped with the reason.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import SQLModel

from api.app import create_app
from api.services.catalog import Catalog
from api.services.keys import create_key
from api.settings import Settings
from api.store.engine import make_engine

POSTGRES_URL = os.environ.get(
    "CRAMPFOOD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")


def _postgres_problem() -> str | None:
    try:
        engine = make_engine(POSTGRES_URL)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure means: no usable server here
        return f"PostgreSQL at {POSTGRES_URL} is not reachable ({type(exc).__name__}: {exc})"
    return None


def _reset_api_tables(engine: Engine) -> None:
    """Drop the API's own tables and the migration record, so each test session migrates
    from scratch (the food tables stay: no re-import)."""
    import api.store.models  # noqa: F401
    from food_data.schema import FOOD_TABLE_NAMES

    food = set(FOOD_TABLE_NAMES)
    tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in food]
    SQLModel.metadata.drop_all(engine, tables=tables)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(scope="session")
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database URL of the backend under test."""
    backend = request.param
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'crampfood.sqlite3'}"
    problem = _postgres_problem()
    if problem:
        pytest.skip(problem)
    engine = make_engine(POSTGRES_URL)
    _reset_api_tables(engine)
    engine.dispose()
    return POSTGRES_URL


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses the database once per backend."""
    if "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_url", BACKENDS, indirect=True, scope="session")


_catalogs: dict[str, Catalog] = {}
#: Built catalogs kept between test runs (same data and code: loaded, not rebuilt). Every
#: app a test makes uses it, so no test writes to the user's own cache directory.
CATALOG_CACHE = Path(tempfile.gettempdir()) / "crampfood-test-catalog"
os.environ.setdefault("CRAMPFOOD_CACHE_DIR", str(CATALOG_CACHE))


@pytest.fixture(scope="session")
def api_app(database_url: str) -> Iterator[TestClient]:
    """The app for one backend, started once (import + catalog) for the session."""
    settings = Settings(database_url=database_url, cache_dir=CATALOG_CACHE)
    engine = make_engine(database_url)
    from api.store.migrate import upgrade
    from food_data.importer import import_foods

    upgrade(engine)
    import_foods(engine, progress=False)
    if database_url not in _catalogs:
        _catalogs[database_url] = Catalog.load(engine, cache_dir=CATALOG_CACHE)
    engine.dispose()
    # Tests never reach the public Open Food Facts: this stand-in knows no product, and tests
    # that need one swap in their own (``tests/api/off_stub.py``).
    offline = httpx.Client(
        transport=httpx.MockTransport(
            lambda request: httpx.Response(404, json={"status": 0, "status_verbose": "no"})
        ),
        base_url="https://openfoodfacts.invalid",
    )
    app = create_app(settings, catalog=_catalogs[database_url], openfoodfacts=offline)
    with TestClient(app) as test_client:
        yield test_client
    offline.close()


class ApiClient:
    """A TestClient that sends one tenant's API key with every request."""

    def __init__(self, client: TestClient, key: str) -> None:
        self.raw = client
        self.key = key
        self.headers = {"Authorization": f"Bearer {key}"}

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.raw.request(method, url, headers=headers, **kwargs)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> Any:
        return self.request("PUT", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> Any:
        return self.request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> Any:
        return self.request("DELETE", url, **kwargs)


def new_api_client(api_app: TestClient) -> ApiClient:
    """A fresh tenant with its own API key."""
    engine = api_app.app.state.engine  # type: ignore[attr-defined]
    key = create_key(engine, client_name=f"test-{uuid.uuid4().hex[:12]}")
    return ApiClient(api_app, key)


@pytest.fixture
def client(api_app: TestClient) -> ApiClient:
    """An authenticated client for a tenant of its own."""
    return new_api_client(api_app)
