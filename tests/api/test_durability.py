"""A meal acknowledged with 201 survives a SIGKILL of the server, on SQLite and PostgreSQL.

SQLite runs in WAL mode with ``synchronous=FULL`` (``api.store.engine``); PostgreSQL commits are
durable transactions. Clients write meals concurrently, the server is killed mid-stream and
restarted on the same database, and every acknowledged meal must read back unchanged. A
request cut off by the crash is retried with its Idempotency-Key and must leave exactly one
meal, whether or not its first attempt had committed.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from api.store.engine import make_engine
from api.store.migrate import upgrade
from food_data.importer import import_foods
from tests.api.helpers import make_meal, make_user
from tests.api.live_server import LiveServer, create_key
from tests.conftest import POSTGRES_URL, _reset_api_tables

pytestmark = pytest.mark.slow

WRITERS = 12
ACKED_BEFORE_KILL = 50
ITEMS = (
    {"food_id": "sr28:09040", "quantity": 1, "unit": "medium"},
    {"food_id": "sr28:09040", "grams": 80},
    {"food_id": "fndds:11111000", "quantity": 250, "unit": "ml"},
)


#: Named after the test database, so test runs on other test databases (other checkouts on
#: one server, each with its own schema) never share it.
CRASH_DATABASE = f"{make_url(POSTGRES_URL).database or 'test'}_crash"


def ensure_postgres_database(*, url: str, name: str) -> str:
    """Create database ``name`` on the server of ``url`` if missing; return its URL."""
    import psycopg

    base = make_url(url)
    admin = base.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if found is None:
            # Another run may create it between the check and here.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def crash_database_url(database_url: str, request: pytest.FixtureRequest) -> str:
    """A database with the food data that no other test resets while a server writes to it.

    SQLite: the session's own file (the shared app fixture imports the food data). PostgreSQL:
    a database of its own, because other test sessions may reset the shared one's tables.
    """
    if database_url.startswith("sqlite"):
        request.getfixturevalue("api_app")
        return database_url
    url = ensure_postgres_database(url=POSTGRES_URL, name=CRASH_DATABASE)
    engine = make_engine(url)
    try:
        _reset_api_tables(engine)  # the schema may have changed since the last run
        upgrade(engine)
        import_foods(engine, progress=False)  # a no-op once the same data is there
    finally:
        engine.dispose()
    return url


@dataclass
class Sent:
    """One POST: its key and body, and the 201 answer if one arrived."""

    key: str
    body: dict[str, Any]
    answer: dict[str, Any] | None = None
    error: str | None = None


@dataclass
class Log:
    """Everything the writers sent, shared between threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: list[Sent] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    def acked(self) -> list[Sent]:
        with self.lock:
            return [s for s in self.sent if s.answer is not None]


def make_crash_meal(*, run: str, writer: int, n: int) -> dict[str, Any]:
    """A three-item meal whose note names it uniquely."""
    minute = (writer * 1000 + n) % 1440
    return make_meal(
        eaten_at=f"2025-03-10T{minute // 60:02d}:{minute % 60:02d}:00+01:00",
        meal="lunch",
        items=[dict(i) for i in ITEMS],
        note=f"crash-{run}-{writer}-{n}",
    )


def write_until_stopped(
    *, url: str, key: str, run: str, writer: int, log: Log, stop: threading.Event
) -> None:
    """Post meals one after another until ``stop`` is set or the server goes away."""
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as http:
        n = 0
        while not stop.is_set():
            sent = Sent(key=uuid.uuid4().hex, body=make_crash_meal(run=run, writer=writer, n=n))
            with log.lock:
                log.sent.append(sent)
            n += 1
            try:
                r = http.post(
                    "/v1/users/crash/meals",
                    json=sent.body,
                    headers={"Idempotency-Key": sent.key},
                )
            except httpx.TransportError as exc:
                sent.error = type(exc).__name__
                return
            if r.status_code == 201:
                sent.answer = r.json()
            else:
                with log.lock:
                    log.unexpected.append(f"{r.status_code}: {r.text[:300]}")
                return


def all_meals(http: httpx.Client) -> list[dict[str, Any]]:
    """Every meal of the crash user, following the cursor."""
    meals: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 100}
        if cursor:
            params["cursor"] = cursor
        r = http.get("/v1/users/crash/meals", params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        meals.extend(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return meals


def test_acknowledged_meals_survive_sigkill(crash_database_url: str, tmp_path: Path) -> None:
    database_url = crash_database_url
    run = uuid.uuid4().hex[:8]
    key = create_key(database_url=database_url, name=f"crash-{run}")
    headers = {"Authorization": f"Bearer {key}"}
    log = Log()
    stop = threading.Event()
    server = LiveServer(database_url=database_url, log_path=tmp_path / "server.log")
    writers: list[threading.Thread] = []
    try:
        server.wait_ready()
        r = httpx.put(
            f"{server.url}/v1/users/crash",
            json=make_user(timezone="Europe/Paris"),
            headers=headers,
            timeout=30,
        )
        assert r.status_code in (200, 201), r.text
        writers = [
            threading.Thread(
                target=write_until_stopped,
                kwargs={
                    "url": server.url,
                    "key": key,
                    "run": run,
                    "writer": w,
                    "log": log,
                    "stop": stop,
                },
            )
            for w in range(WRITERS)
        ]
        for t in writers:
            t.start()
        deadline = time.monotonic() + 30
        while len(log.acked()) < ACKED_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.02)
        server.kill()
    finally:
        stop.set()
        for t in writers:
            t.join(timeout=30)
        server.stop()

    assert not log.unexpected, log.unexpected[:3]
    acked = log.acked()
    assert len(acked) >= ACKED_BEFORE_KILL, f"only {len(acked)} meals acknowledged before the kill"
    cut_off = [s for s in log.sent if s.answer is None]
    assert cut_off, "the kill cut no request off"

    restarted_at = datetime.now(UTC)
    again = LiveServer(database_url=database_url, log_path=tmp_path / "server.log")
    try:
        again.wait_ready()
        with httpx.Client(base_url=again.url, headers=headers, timeout=30) as http:
            for sent in acked:
                assert sent.answer is not None
                r = http.get(f"/v1/users/crash/meals/{sent.answer['id']}")
                assert r.status_code == 200, f"acknowledged meal lost: {r.status_code} {r.text}"
                assert r.json() == sent.answer

            retried: dict[str, str] = {}
            committed_before_crash = 0
            for sent in cut_off:
                r = http.post(
                    "/v1/users/crash/meals", json=sent.body, headers={"Idempotency-Key": sent.key}
                )
                assert r.status_code == 201, r.text
                retried[sent.body["note"]] = r.json()["id"]
                if datetime.fromisoformat(r.json()["created_at"]) < restarted_at:
                    committed_before_crash += 1  # stored, but its 201 never arrived: a replay
                # A second retry replays the same answer: the key now names one meal for good.
                r2 = http.post(
                    "/v1/users/crash/meals", json=sent.body, headers={"Idempotency-Key": sent.key}
                )
                assert r2.status_code == 201
                assert r2.json()["id"] == r.json()["id"]

            stored = all_meals(http)
    finally:
        again.stop()

    by_note = Counter(m["note"] for m in stored)
    assert max(by_note.values()) == 1, "some request was stored twice"
    ids = {m["note"]: m["id"] for m in stored}
    for sent in acked:
        assert sent.answer is not None
        assert ids[sent.body["note"]] == sent.answer["id"]
    for note, meal_id in retried.items():
        assert ids[note] == meal_id
    assert len(stored) == len(acked) + len(cut_off)
    print(  # shown with -s: how much the crash actually cut off
        f"{len(acked)} acknowledged, {len(cut_off)} cut off, "
        f"{committed_before_crash} of those had committed before the crash"
    )
