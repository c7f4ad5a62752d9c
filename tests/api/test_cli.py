"""The command line, run as a user would: ``python -m api keys ...`` and ``import``."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from api.cli import parser


def _run(args, db_url, check=True):
    env = {**os.environ, "CRAMPFOOD_DATABASE_URL": db_url}
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        capture_output=True,
        text=True,
        env=env,
        check=check,
        timeout=120,
    )


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def test_keys_create_prints_only_the_key_then_list_and_revoke(db_url):
    created = _run(["keys", "create", "my-app"], db_url)
    key = created.stdout.strip()
    assert created.stdout == key + "\n"
    assert key.startswith("cf_") and len(key) > 40
    listing = _run(["keys", "list"], db_url).stdout
    assert "my-app" in listing and key[:10] in listing and key not in listing
    key_id = listing.splitlines()[1].split()[0]
    assert "revoked" in _run(["keys", "revoke", key_id], db_url).stdout
    again = _run(["keys", "revoke", key_id], db_url, check=False)
    assert again.returncode == 1


def test_import_is_idempotent_from_the_cli(db_url):
    first = _run(["import"], db_url)
    assert "imported 15872 foods" in first.stdout
    second = _run(["import"], db_url)
    assert "already up to date" in second.stdout


def test_serve_options_parse():
    args = parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert (args.host, args.port, args.workers) == ("0.0.0.0", 9000, 1)


def test_migrate_brings_a_new_database_to_head_and_reports_status(db_url):
    from api.store.migrate import head_revision

    assert head_revision() in _run(["migrate"], db_url).stdout
    status = _run(["migrate", "--status"], db_url).stdout
    assert f"database at {head_revision()}" in status


def test_a_database_newer_than_the_code_is_refused_with_a_clear_message(tmp_path):
    import sqlite3

    path = tmp_path / "newer.sqlite3"
    url = f"sqlite:///{path}"
    _run(["migrate"], url)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    result = _run(["keys", "list"], url, check=False)
    assert result.returncode == 1
    assert "newer than this crampfood release knows" in result.stderr
    assert "Traceback" not in result.stderr


def test_prune_removes_only_expired_answers(db_url):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import text

    from api.store.engine import make_engine
    from api.store.migrate import upgrade

    engine = make_engine(db_url)
    upgrade(engine)
    now = datetime.now(UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO client (id, name, created_at) VALUES (1, 'c', :t)"), {"t": now}
        )
        for key, age in (("fresh", 1), ("stale", 24 * 10)):
            conn.execute(
                text(
                    "INSERT INTO idempotency_record (client_id, key, request_hash, status_code, "
                    "response_body, created_at) VALUES (1, :k, 'h', 201, '{}', :t)"
                ),
                {"k": key, "t": now - timedelta(hours=age)},
            )
    assert "removed 1 " in _run(["prune"], db_url).stdout
    with engine.connect() as conn:
        left = [r[0] for r in conn.execute(text("SELECT key FROM idempotency_record"))]
    assert left == ["fresh"]
    engine.dispose()
