"""API keys: every /v1 endpoint needs a valid, unrevoked key."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from api.services.keys import KeyCache
from api.store.keys import list_keys, revoke_key


def test_missing_key_is_401(api_app):
    r = api_app.get("/v1/nutrients")
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.headers["www-authenticate"] == "Bearer"


def test_wrong_key_is_401(api_app):
    r = api_app.get("/v1/nutrients", headers={"Authorization": "Bearer cf_nope"})
    assert r.status_code == 401


@pytest.fixture
def clock(api_app):
    """The worker's key cache on a clock the test moves (5 s TTL, as deployed)."""
    now = [0.0]
    real = api_app.app.state.key_cache
    api_app.app.state.key_cache = KeyCache(ttl=5.0, clock=lambda: now[0])
    yield now
    api_app.app.state.key_cache = real


def test_a_revoked_key_is_401_within_the_cache_ttl(client, api_app, clock):
    assert client.get("/v1/nutrients").status_code == 200
    engine = api_app.app.state.engine
    with Session(engine) as session:
        key = next(k for k in list_keys(session) if client.key.startswith(k.prefix))
        assert revoke_key(session, key_id=key.id)
        session.commit()
    clock[0] += 4.0  # still trusted from the last check: at most 5 s of grace
    assert client.get("/v1/nutrients").status_code == 200
    clock[0] += 1.0
    assert client.get("/v1/nutrients").status_code == 401
    clock[0] += 100.0
    assert client.get("/v1/nutrients").status_code == 401  # refusals are never cached


def test_only_hash_is_stored(client, api_app):
    from sqlalchemy import text

    with api_app.app.state.engine.connect() as conn:
        stored = [row[0] for row in conn.execute(text("SELECT key_hash FROM api_key"))]
    assert client.key not in stored
    assert all(len(h) == 64 for h in stored)
