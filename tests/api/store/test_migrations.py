"""Migrations: databases made by release e3404af survive, fresh ones match the models.

The e3404af fixtures (``fixtures/e3404af.*.sql``) were written by that release's own code
(``fixtures/make_e3404af_fixture.py``). PostgreSQL tests run in a scratch database created
and dropped here, on the server of ``CRAMPFOOD_TEST_POSTGRES_URL``; without a server they
skip and say why.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, make_url, text
from sqlmodel import SQLModel

from api.store import migrate
from api.store.engine import make_engine
from api.store.migrate import (
    BASELINE,
    BASELINE_TABLES,
    LegacySchemaMismatch,
    SchemaTooNew,
    current_revision,
    head_revision,
    revisions,
    upgrade,
)

FIXTURES = Path(__file__).parent / "fixtures"
DUMPS = {"sqlite": "e3404af.sqlite.sql", "postgresql": "e3404af.postgres.sql"}
POSTGRES_URL = os.environ.get(
    "CRAMPFOOD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
API_TABLES = tuple(
    t for t in BASELINE_TABLES if t not in {"food", "food_nutrient", "food_portion", "dataset"}
)


# --- scratch databases -------------------------------------------------------------------


def _server() -> Engine:
    """An autocommit engine on the maintenance database of the test PostgreSQL server."""
    url = make_url(POSTGRES_URL).set(database="postgres")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means: no usable server here
        engine.dispose()
        pytest.skip(f"PostgreSQL at {url} is not reachable ({type(exc).__name__}: {exc})")
    return engine


@contextmanager
def scratch_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of a new, empty database of ``backend``, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'crampfood-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    server = _server()
    name = f"crampfood_migrations_{uuid.uuid4().hex[:12]}"
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def scratch_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each engine."""
    with scratch_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engines(scratch_url: str) -> Iterator[Callable[[], Engine]]:
    """Make engines on the scratch database the way the service does; disposed afterwards."""
    made: list[Engine] = []

    def make() -> Engine:
        made.append(make_engine(scratch_url))
        return made[-1]

    yield make
    for engine in made:
        engine.dispose()


def _backend(url: str) -> str:
    return make_url(url).get_backend_name()


def load_e3404af(url: str) -> None:
    """Load the e3404af dump of ``url``'s engine into its (empty) database."""
    dump = (FIXTURES / DUMPS[_backend(url)]).read_text()
    if _backend(url) == "sqlite":
        conn = sqlite3.connect(make_url(url).database or "")
        try:
            conn.executescript(dump)
        finally:
            conn.close()
        return
    import psycopg

    # pg_dump's psql meta-commands (\restrict ...) are not SQL; the rest runs as one script
    # on a connection of its own (the dump empties search_path for its session).
    script = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq, autocommit=True) as pg:
        pg.execute(script.encode())


def dumped_counts(backend: str) -> dict[str, int]:
    """Rows per table as written in the dump itself."""
    dump = (FIXTURES / DUMPS[backend]).read_text()
    names = re.findall(r'^INSERT INTO (?:public\.)?"?(\w+)"?', dump, flags=re.MULTILINE)
    return {t: names.count(t) for t in BASELINE_TABLES}


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every baseline table, in primary-key order: the baseline's columns (later
    revisions may add columns; the old values must stay as they were)."""
    inspector = inspect(engine)
    columns = migrate._baseline_columns()
    rows = {}
    with engine.connect() as conn:
        for table in BASELINE_TABLES:
            order = ", ".join(
                f'"{c}"' for c in inspector.get_pk_constraint(table)["constrained_columns"]
            )
            names = ", ".join(f'"{c}"' for c in sorted(columns[table]))
            rows[table] = [
                tuple(r)
                for r in conn.execute(text(f'SELECT {names} FROM "{table}" ORDER BY {order}'))
            ]
    return rows


def snapshot_of(engine: Engine, tables: tuple[str, ...]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of ``tables``, sorted."""
    with engine.connect() as conn:
        return {
            t: sorted(tuple(r) for r in conn.execute(text(f'SELECT * FROM "{t}"'))) for t in tables
        }


def schema(engine: Engine) -> dict[str, Any]:
    """The reflected schema (tables, columns, keys, indexes), without alembic_version."""
    inspector = inspect(engine)
    out: dict[str, Any] = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        out[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in inspector.get_columns(table)
            ],
            "pk": inspector.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted(
                (
                    fk["name"] or "",
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    fk["options"].get("ondelete"),
                )
                for fk in inspector.get_foreign_keys(table)
            ),
            "unique": sorted(
                (u["name"] or "", tuple(u["column_names"]))
                for u in inspector.get_unique_constraints(table)
            ),
            "indexes": sorted(
                (i["name"] or "", tuple(i["column_names"]), i["unique"])
                for i in inspector.get_indexes(table)
            ),
        }
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            out["sqlite_master"] = sorted(
                tuple(r)
                for r in conn.execute(
                    text(
                        "SELECT type, name, tbl_name, sql FROM sqlite_master "
                        "WHERE name != 'alembic_version'"
                    )
                )
            )
    return out


# --- an e3404af database is taken over ---------------------------------------------------


def test_the_fixtures_hold_every_kind_of_row() -> None:
    for backend in DUMPS:
        counts = dumped_counts(backend)
        assert all(counts.values()), (backend, counts)
        assert counts["api_key"] == 3 and counts["client"] == 2, (backend, counts)
    keys = json.loads((FIXTURES / "e3404af.keys.json").read_text())
    assert set(keys) == set(DUMPS)
    assert all(set(k) == {"active", "revoked", "other"} for k in keys.values())


def test_an_e3404af_database_keeps_every_row(
    scratch_url: str, engines: Callable[[], Engine]
) -> None:
    load_e3404af(scratch_url)
    engine = engines()
    before = snapshot(engine)
    assert {t: len(rows) for t, rows in before.items()} == dumped_counts(_backend(scratch_url))
    assert current_revision(engine) is None

    report = upgrade(engine)

    assert report.adopted and report.before is None and report.after == head_revision()
    assert BASELINE not in report.applied  # stamped, not run
    assert f"stamped at {BASELINE}" in report.summary()
    assert current_revision(engine) == head_revision()
    assert snapshot(engine) == before

    again = upgrade(engine)
    assert not again.changed and again.before == again.after == head_revision()
    assert snapshot(engine) == before


def test_an_upgraded_e3404af_database_has_the_fresh_schema(
    scratch_url: str, engines: Callable[[], Engine], tmp_path: Path
) -> None:
    load_e3404af(scratch_url)
    old = engines()
    upgrade(old)
    with scratch_database(_backend(scratch_url), tmp_path) as fresh_url:
        fresh = make_engine(fresh_url)
        try:
            upgrade(fresh)
            assert schema(old) == schema(fresh)
        finally:
            fresh.dispose()


def test_keys_still_work_after_the_upgrade(scratch_url: str, engines: Callable[[], Engine]) -> None:
    """The old release's active key authenticates; its revoked key does not."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    load_e3404af(scratch_url)
    engine = engines()
    upgrade(engine)
    engine.dispose()
    keys = json.loads((FIXTURES / "e3404af.keys.json").read_text())[_backend(scratch_url)]
    app = create_app(Settings(database_url=scratch_url, auto_import=False))
    with TestClient(app) as http:

        def get(path: str, key: str) -> Any:
            return http.get(path, headers={"Authorization": f"Bearer {key}"})

        alice = get("/v1/users/alice", keys["active"])
        assert alice.status_code == 200, alice.text
        assert alice.json()["allergies"] == ["peanuts", "sesame", "shellfish"]
        assert alice.json()["medications"] == ["thiazide_diuretic", "statin"]
        meals = get("/v1/users/alice/meals", keys["active"])
        assert meals.status_code == 200, meals.text
        assert len(meals.json()["items"]) == 4
        assert get("/v1/users/alice", keys["revoked"]).status_code == 401
        assert get("/v1/users/alice", keys["other"]).status_code == 404  # another tenant
        assert get("/v1/users/carl/cramps", keys["other"]).json()["items"][0]["leg"] == "right"


def test_new_rows_follow_the_old_ids(scratch_url: str, engines: Callable[[], Engine]) -> None:
    """Sequences (PostgreSQL) and rowids (SQLite) carry on after the old rows."""
    load_e3404af(scratch_url)
    engine = engines()
    upgrade(engine)
    with engine.begin() as conn:
        new_id = conn.execute(
            text(
                "INSERT INTO client (name, created_at) VALUES ('new-app', CURRENT_TIMESTAMP) "
                "RETURNING id"
            )
        ).scalar_one()
    assert new_id == dumped_counts(_backend(scratch_url))["client"] + 1


def test_a_database_with_only_the_food_tables_is_completed(
    scratch_url: str, engines: Callable[[], Engine]
) -> None:
    """``import_foods`` creates the food tables by itself; the baseline adds the rest."""
    load_e3404af(scratch_url)
    engine = engines()
    with engine.begin() as conn:
        for table in reversed(API_TABLES):
            conn.execute(text(f'DROP TABLE "{table}"'))
    foods = snapshot_of(engine, ("food", "food_nutrient"))

    report = upgrade(engine)

    assert report.adopted and BASELINE in report.applied
    assert set(inspect(engine).get_table_names()) >= set(BASELINE_TABLES)
    assert snapshot_of(engine, ("food", "food_nutrient")) == foods
    assert current_revision(engine) == head_revision()


def test_a_database_older_than_e3404af_is_refused(
    scratch_url: str, engines: Callable[[], Engine]
) -> None:
    """Before ece5f1e, idempotency_record had no user_id: such a database is not stamped."""
    load_e3404af(scratch_url)
    engine = engines()
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE idempotency_record"))
        conn.execute(
            text(
                "CREATE TABLE idempotency_record (id INTEGER PRIMARY KEY, client_id INTEGER "
                "NOT NULL, key VARCHAR(255) NOT NULL, request_hash VARCHAR(64) NOT NULL, "
                "status_code INTEGER NOT NULL, response_body VARCHAR NOT NULL, "
                "created_at TIMESTAMP NOT NULL)"
            )
        )
    with pytest.raises(LegacySchemaMismatch, match=r"idempotency_record\.user_id"):
        upgrade(engine)
    assert "alembic_version" not in inspect(engine).get_table_names()


# --- fresh databases ---------------------------------------------------------------------


def test_an_empty_database_is_migrated_to_the_models(
    scratch_url: str, engines: Callable[[], Engine]
) -> None:
    import api.store.models  # noqa: F401  (registers the service's tables)
    import food_data.schema  # noqa: F401

    engine = engines()
    report = upgrade(engine)
    assert not report.adopted and report.before is None
    assert report.applied[0] == BASELINE and report.after == head_revision()
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        assert compare_metadata(context, SQLModel.metadata) == []
    assert not upgrade(engine).changed


def test_a_revision_from_a_newer_release_is_refused(
    scratch_url: str, engines: Callable[[], Engine]
) -> None:
    engine = engines()
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999_from_the_future'"))
    with pytest.raises(SchemaTooNew) as refused:
        upgrade(engine)
    message = str(refused.value)
    assert "0999_from_the_future" in message and f"head {head_revision()}" in message
    assert "CRAMPFOOD_DATABASE_URL" in message
    assert current_revision(engine) == "0999_from_the_future"


def test_a_failed_migration_leaves_the_database_as_it_was(
    scratch_url: str, engines: Callable[[], Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: DDL and version row commit together or not at all (both engines)."""
    original = migrate._run

    def run_then_fail(conn: Any, target: str) -> tuple[str, ...]:
        original(conn, target)
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrate, "_run", run_then_fail)
    engine = engines()
    with pytest.raises(RuntimeError, match="power cut"):
        upgrade(engine)
    assert inspect(engine).get_table_names() == []
    monkeypatch.undo()
    assert upgrade(engine).applied == revisions()


def test_sqlite_foreign_keys_stay_on_after_an_upgrade(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fk.sqlite3'}", pool_size=1)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


# --- several workers at once -------------------------------------------------------------

WORKER = """
import os, sys, time
from pathlib import Path
from api.store import migrate
from api.store.engine import make_engine
from api.store.migrate import upgrade
engine = make_engine(sys.argv[1])
folder = Path(sys.argv[2])
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.001)
print(upgrade(engine).applied)
engine.dispose()
"""


def test_concurrent_processes_migrate_once(scratch_url: str, tmp_path: Path) -> None:
    """Workers starting together on a fresh database: one migrates, the others wait."""
    n = 4
    root = Path(__file__).resolve().parents[3]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, scratch_url, str(tmp_path)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < n and time.monotonic() < deadline:
        time.sleep(0.01)
    (tmp_path / "go").touch()
    results = [w.communicate(timeout=120) for w in workers]
    assert [w.returncode for w in workers] == [0] * n, [err for _, err in results]
    applied = sorted(out.strip() for out, _ in results)
    assert applied == sorted(["()"] * (n - 1) + [repr(revisions())])  # one migrated
    engine = make_engine(scratch_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_concurrent_threads_on_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'threads.sqlite3'}"
    engines = [make_engine(url) for _ in range(4)]
    barrier = threading.Barrier(len(engines))
    reports: list[Any] = []
    errors: list[BaseException] = []

    def run(engine: Engine) -> None:
        barrier.wait()
        try:
            reports.append(upgrade(engine))
        except BaseException as exc:  # collected and re-raised by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert not errors, errors
        assert sorted(len(r.applied) for r in reports) == [0, 0, 0, len(revisions())]
        assert current_revision(engines[0]) == head_revision()
    finally:
        for engine in engines:
            engine.dispose()


# --- revision 0002: custom foods, recipes, stored barcodes, item coverage ------------------


def test_0002_upgrades_an_e3404af_database_and_old_meals_read_as_before(
    scratch_url: str, engines: Callable[[], Engine]
) -> None:
    """Old items get no coverage (their known values cover them), the new tables start empty,
    and the old client's key can create a custom food and log it next to its old meals."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    load_e3404af(scratch_url)
    engine = engines()
    before = snapshot(engine)
    report = upgrade(engine)
    assert "0002_custom_foods" in report.applied
    assert snapshot(engine) == before
    tables = set(inspect(engine).get_table_names())
    assert {"custom_food", "recipe", "recipe_ingredient", "barcode_product"} <= tables
    with engine.connect() as conn:
        for table in ("custom_food", "recipe", "recipe_ingredient", "barcode_product"):
            assert conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one() == 0
        coverage = conn.execute(text("SELECT coverage FROM meal_item")).scalars().all()
    assert coverage and all(c is None for c in coverage)
    engine.dispose()

    keys = json.loads((FIXTURES / "e3404af.keys.json").read_text())[_backend(scratch_url)]
    app = create_app(Settings(database_url=scratch_url, auto_import=False))
    with TestClient(app) as http:
        headers = {"Authorization": f"Bearer {keys['active']}"}
        meals = http.get("/v1/users/alice/meals", params={"limit": 100}, headers=headers).json()
        banana = next(i for m in meals["items"] for i in m["items"] if i["food_id"] == "sr28:09040")
        assert (
            banana["nutrients"]["potassium"] == 422.4
        )  # 358 mg/100 g x 118 g, rounded to 0.1 mg as every amount is
        assert banana["coverage"]["potassium"] == 1.0
        food = http.post(
            "/v1/foods",
            headers=headers,
            json={"description": "Grandma's rye crispbread", "nutrients": {"magnesium": 90}},
        )
        assert food.status_code == 201, food.text
        day = meals["items"][0]["eaten_at"][:10]
        logged = http.post(
            "/v1/users/alice/meals",
            headers=headers,
            json={
                "eaten_at": meals["items"][0]["eaten_at"],
                "meal": "snack",
                "items": [{"food_id": food.json()["id"], "grams": 50}],
            },
        )
        assert logged.status_code == 201, logged.text
        intake = http.get(
            "/v1/users/alice/intake", params={"from": day, "to": day}, headers=headers
        ).json()
        assert intake["days"][0]["items"] >= 2


# --- revision 0003: a data version per user ------------------------------------------------


def test_0003_gives_every_old_user_version_0_and_writes_raise_it(
    scratch_url: str, engines: Callable[[], Engine]
) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    load_e3404af(scratch_url)
    engine = engines()
    before = snapshot(engine)
    report = upgrade(engine)
    assert "0003_user_data_version" in report.applied
    assert snapshot(engine) == before  # every old row and value kept
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT data_version FROM app_user")).scalars().all()
    assert versions and set(versions) == {0}
    engine.dispose()

    keys = json.loads((FIXTURES / "e3404af.keys.json").read_text())[_backend(scratch_url)]
    app = create_app(Settings(database_url=scratch_url, auto_import=False))
    with TestClient(app) as http:
        headers = {"Authorization": f"Bearer {keys['active']}"}
        first = http.get("/v1/users/alice/intake", headers=headers)
        assert first.status_code == 200
        meals = http.get("/v1/users/alice/meals", headers=headers).json()["items"]
        day = meals[0]["eaten_at"][:10]
        window = {"from": day, "to": day}
        old = http.get("/v1/users/alice/intake", params=window, headers=headers).json()
        logged = http.post(
            "/v1/users/alice/meals",
            headers=headers,
            json={
                "eaten_at": meals[0]["eaten_at"],
                "meal": "snack",
                "items": [{"food_id": "sr28:09040", "grams": 100}],
            },
        )
        assert logged.status_code == 201, logged.text
        new = http.get("/v1/users/alice/intake", params=window, headers=headers).json()
        assert new["days"][0]["items"] == old["days"][0]["items"] + 1
    with engines().connect() as conn:
        raised = conn.execute(
            text("SELECT data_version FROM app_user WHERE external_id = 'alice'")
        ).scalar_one()
    assert raised == 1


# --- a database at head needs no Alembic --------------------------------------------------


def test_the_head_constant_is_alembics_head() -> None:
    from api.store.migrate import HEAD, _script

    assert _script().get_current_head() == HEAD == head_revision()
    assert revisions()[-1] == HEAD


def test_serving_a_database_at_head_never_imports_alembic(scratch_url: str) -> None:
    """Workers on a migrated database keep Alembic (about 10 MB) out of memory."""
    engine = make_engine(scratch_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    code = (
        "import sys\n"
        "from api.app import create_app\n"
        "from api.settings import Settings\n"
        "from api.store.engine import make_engine\n"
        "from api.store.migrate import current_revision, upgrade\n"
        f"engine = make_engine({scratch_url!r})\n"
        "report = upgrade(engine)\n"
        "assert not report.changed, report\n"
        "print(current_revision(engine), 'alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == [head_revision(), "False"]
