"""Schema migrations: bring a database to this release's schema (Alembic, run from code).

``upgrade(engine)`` is safe to call from every worker at start-up: one process migrates
while the others wait (PostgreSQL: a transaction-level advisory lock; SQLite: the write
lock, taken first with ``BEGIN IMMEDIATE``), and whoever comes next finds nothing to do.
Each run is one transaction on both engines: it all applies, or none of it does. On SQLite
foreign keys are off while it runs (batch ALTERs copy tables; dropping the old copy must
not cascade) and checked with ``PRAGMA foreign_key_check`` before the commit.

- Empty database: every revision is applied from the baseline.
- A database made before migrations (release e3404af: crampfood tables, no
  ``alembic_version``) is checked for the baseline's columns, stamped at the baseline (or
  completed by it, when only some tables exist), then upgraded.
- A database at a revision this code does not know (migrated by a newer crampfood) is
  refused with ``SchemaTooNew``: running old code on it could corrupt it.

The migrations live in ``api/store/migrations`` (``versions/NNNN_name.py``); there is no
``alembic.ini``: ``alembic_config()`` builds the configuration. New revision, from a
checkout, with the models' metadata for autogenerate::

    from alembic import command
    cfg = alembic_config()
    with engine.begin() as conn:  # a scratch database at head
        cfg.attributes.update(connection=conn, target_metadata=SQLModel.metadata)
        command.revision(cfg, "add x", autogenerate=True, rev_id="0002_add_x")

then edit the new ``versions/0002_add_x.py`` and run ``ruff check --fix`` and ``ruff format``
on it. Revision ids must fit ``alembic_version.version_num`` (32 characters). Migrations
never import the live models: they freeze the DDL of their day.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

#: The Alembic script directory (inside the package, so it ships in the wheel).
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: The first revision: the schema of release e3404af.
BASELINE = "0001_baseline"
#: The newest revision in ``migrations/versions`` (a test checks it against Alembic's own
#: reading): a database already there is recognised without importing Alembic, which keeps
#: about 10 MB out of every worker.
HEAD = "0003_user_data_version"
#: The tables of release e3404af; any of them without ``alembic_version`` marks its databases.
BASELINE_TABLES = (
    "client",
    "api_key",
    "app_user",
    "meal",
    "meal_item",
    "idempotency_record",
    "cramp_episode",
    "food",
    "food_nutrient",
    "food_portion",
    "dataset",
)
#: Arbitrary constant naming the PostgreSQL advisory lock that serialises migrations.
PG_LOCK_KEY = 0x63726D6967

_IN_PROCESS = threading.Lock()
#: Tries on SQLite when it answers "database is locked" without waiting (see upgrade).
_SQLITE_ATTEMPTS = 6


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer crampfood than this one."""


class LegacySchemaMismatch(RuntimeError):
    """A database without migration history whose tables are not those of e3404af."""


@dataclass(frozen=True, slots=True)
class MigrationReport:
    """What ``upgrade`` found and did."""

    #: The revision found (None: no migration history, an empty or pre-migration database).
    before: str | None
    #: The revision the database is at now (this code's head).
    after: str
    #: True when a database made before migrations (e3404af) was taken over at the baseline.
    adopted: bool
    #: The revisions applied, oldest first (empty: nothing to do).
    applied: tuple[str, ...]

    @property
    def changed(self) -> bool:
        """Whether this run wrote anything."""
        return self.adopted or bool(self.applied)

    def summary(self) -> str:
        """One line for the log or the CLI."""
        if not self.changed:
            return f"database schema already at {self.after}"
        if self.adopted and BASELINE in self.applied:
            start = "an e3404af database that lacked some tables"
        elif self.adopted:
            start = f"an e3404af database, stamped at {BASELINE},"
        else:
            start = f"revision {self.before}" if self.before else "an empty database"
        steps = ", ".join(self.applied) or "nothing more"
        return f"migrated {start} to {self.after}: applied {steps}"


def alembic_config() -> Config:
    """The Alembic configuration (built in code: no ``alembic.ini``)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    # New revision files are named by their id alone: versions/0002_add_x.py
    config.set_main_option("file_template", "%%(rev)s")
    return config


@cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision this code knows."""
    return HEAD


def revisions() -> tuple[str, ...]:
    """Every revision this code knows, oldest (the baseline) first."""
    return tuple(reversed([r.revision for r in _script().walk_revisions()]))


def current_revision(engine: Engine) -> str | None:
    """The database's revision (None: no migration history yet)."""
    with engine.connect() as conn:
        heads = _heads(conn)
    return heads[0] if len(heads) == 1 else None


def _heads(conn: Connection) -> tuple[str, ...]:
    """The revisions in ``alembic_version`` (empty: no migration history), read with plain
    SQL so that a database at head needs no Alembic at all."""
    if not inspect(conn).has_table("alembic_version"):
        return ()
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return tuple(sorted(rows))


def upgrade(engine: Engine) -> MigrationReport:
    """Apply the pending migrations to ``engine``'s database, one process at a time.

    Raises ``SchemaTooNew`` for a database migrated by a newer crampfood, and
    ``LegacySchemaMismatch`` for one without migration history that e3404af did not make.
    """
    for attempt in range(_SQLITE_ATTEMPTS):
        try:
            return _upgrade(engine)
        except OperationalError as exc:
            # Workers opening a brand-new SQLite file together race to switch it to WAL
            # (in make_engine's connect hook), and SQLite answers one of them "locked" at
            # once instead of waiting. Each try is one transaction, so try again.
            if engine.dialect.name != "sqlite" or "locked" not in str(exc.orig):
                raise
            if attempt == _SQLITE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def _upgrade(engine: Engine) -> MigrationReport:
    head = head_revision()
    with engine.connect() as conn:  # the usual case, without taking any lock
        if _heads(conn) == (head,):
            return MigrationReport(before=head, after=head, adopted=False, applied=())
    with _IN_PROCESS, _migration_transaction(engine) as conn:
        return _upgrade_locked(conn)


@contextmanager
def _migration_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the database-wide migration lock."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})
            yield conn
        return
    with engine.connect() as conn:
        # Table copies (batch ALTERs) must not cascade-delete or trip foreign keys midway;
        # SQLite only honours this pragma outside a transaction.
        foreign_keys = bool(conn.exec_driver_sql("PRAGMA foreign_keys").scalar())
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, before reading anything
            yield conn
            conn.commit()
        except BaseException:
            conn.rollback()
            raise
        finally:
            if foreign_keys:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def _upgrade_locked(conn: Connection) -> MigrationReport:
    from alembic.migration import MigrationContext
    from alembic.util import CommandError

    script = _script()
    head = head_revision()
    heads = MigrationContext.configure(conn).get_current_heads()
    for revision in heads:
        try:
            script.get_revision(revision)
        except CommandError:
            raise SchemaTooNew(
                f"the database schema is at revision {revision}, newer than this crampfood "
                f"release knows (head {head}); upgrade crampfood or point "
                "CRAMPFOOD_DATABASE_URL at another database"
            ) from None
    before = heads[0] if len(heads) == 1 else None
    if heads == (head,):
        return MigrationReport(before=head, after=head, adopted=False, applied=())
    adopted = False
    if not heads:
        present = set(inspect(conn).get_table_names()) & set(BASELINE_TABLES)
        if present:
            _check_legacy(conn, present)
            adopted = True
            if present == set(BASELINE_TABLES):
                MigrationContext.configure(conn).stamp(script, BASELINE)
    applied = _run(conn, "head")
    after = MigrationContext.configure(conn).get_current_revision()
    assert after == head, (after, head)
    if applied and conn.dialect.name == "sqlite":  # foreign keys were off while it ran
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"the migration left rows breaking foreign keys: {broken[:5]}")
    return MigrationReport(before=before, after=head, adopted=adopted, applied=applied)


def _run(conn: Connection, target: str) -> tuple[str, ...]:
    """Upgrade ``conn`` to ``target`` with Alembic; the revisions applied."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = conn
    command.upgrade(config, target)
    return tuple(config.attributes.get("applied", ()))


@cache
def _baseline_columns() -> dict[str, frozenset[str]]:
    """Each baseline table's columns, read back from the baseline run on in-memory SQLite."""
    scratch = create_engine("sqlite://")
    try:
        with scratch.begin() as conn:
            _run(conn, BASELINE)
            inspector = inspect(conn)
            return {
                t: frozenset(c["name"] for c in inspector.get_columns(t)) for t in BASELINE_TABLES
            }
    finally:
        scratch.dispose()


def _check_legacy(conn: Connection, present: set[str]) -> None:
    """Refuse a pre-migration database whose tables lack columns of e3404af's."""
    expected = _baseline_columns()
    inspector = inspect(conn)
    missing = [
        f"{table}.{column}"
        for table in sorted(present)
        for column in sorted(expected[table] - {c["name"] for c in inspector.get_columns(table)})
    ]
    if missing:
        raise LegacySchemaMismatch(
            "the database has crampfood tables but no migration history, and they lack "
            f"{', '.join(missing)}: it was made by a crampfood older than e3404af (or by "
            "something else); point CRAMPFOOD_DATABASE_URL at a new database"
        )
