"""Per-key rate limits (draft-ietf-httpapi-ratelimit-headers), in memory and through Redis."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.services.keys import create_key
from api.settings import Settings
from tests.api.live_server import LiveServer
from tests.conftest import ApiClient

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_problem() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_timeout=2).ping()
    except Exception as exc:  # any failure means: no usable server here
        return f"Redis at {REDIS_URL} is not reachable ({type(exc).__name__})"
    return None


def _limited_app(
    api_app: TestClient, *, rate: str, redis_prefix: str | None = None
) -> Iterator[TestClient]:
    state = api_app.app.state  # type: ignore[attr-defined]
    settings = Settings(
        database_url=state.settings.database_url,
        rate_limit=rate,
        redis_url=REDIS_URL if redis_prefix else None,
        redis_prefix=redis_prefix or "crampfood",
        auto_import=False,
    )
    with TestClient(create_app(settings, catalog=state.catalog)) as client:
        yield client


@pytest.fixture
def memory_limited(api_app: TestClient) -> Iterator[TestClient]:
    yield from _limited_app(api_app, rate="5/minute")


def _tenant(app: TestClient) -> ApiClient:
    return ApiClient(
        app, create_key(app.app.state.engine, client_name=f"rl-{uuid.uuid4().hex[:10]}")
    )  # type: ignore[attr-defined]


def test_a_burst_past_the_limit_gets_429_with_retry_after(memory_limited):
    tenant = _tenant(memory_limited)
    answers = [tenant.get("/v1/nutrients") for _ in range(7)]
    assert [r.status_code for r in answers] == [200] * 5 + [429] * 2
    assert answers[0].headers["ratelimit-policy"] == '"default";q=5;w=60'
    remaining = [int(re.search(r"r=(\d+)", r.headers["ratelimit"]).group(1)) for r in answers[:5]]
    assert remaining == [4, 3, 2, 1, 0]
    refused = answers[5]
    assert refused.json()["code"] == "rate-limited"
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "ratelimit" in refused.headers


def test_limits_are_per_key_and_spare_health(memory_limited):
    busy, calm = _tenant(memory_limited), _tenant(memory_limited)
    for _ in range(6):
        busy.get("/v1/nutrients")
    assert busy.get("/v1/nutrients").status_code == 429
    assert calm.get("/v1/nutrients").status_code == 200
    assert all(memory_limited.get("/health").status_code == 200 for _ in range(8))


def test_off_disables_the_limit(api_app):
    for app in _limited_app(api_app, rate="off"):
        tenant = _tenant(app)
        answers = [tenant.get("/v1/nutrients") for _ in range(8)]
        assert all(r.status_code == 200 and "ratelimit" not in r.headers for r in answers)


def test_a_bad_rate_is_refused_at_start():
    with pytest.raises(ValueError, match="limits notation"):
        Settings(database_url="sqlite://", rate_limit="lots")


def test_two_apps_share_one_count_through_redis(api_app):
    problem = _redis_problem()
    if problem:
        pytest.skip(problem)
    prefix = f"crampfood-test-{uuid.uuid4().hex[:8]}"
    first = _limited_app(api_app, rate="5/minute", redis_prefix=prefix)
    second = _limited_app(api_app, rate="5/minute", redis_prefix=prefix)
    a, b = next(first), next(second)
    try:
        key = create_key(a.app.state.engine, client_name=f"rl-{uuid.uuid4().hex[:10]}")  # type: ignore[attr-defined]
        on_a, on_b = ApiClient(a, key), ApiClient(b, key)
        codes = [on_a.get("/v1/nutrients").status_code for _ in range(3)]
        codes += [on_b.get("/v1/nutrients").status_code for _ in range(3)]
        assert codes == [200] * 5 + [429]
    finally:
        for gen in (first, second):
            gen.close()


@pytest.mark.slow
def test_two_workers_share_the_limit_through_redis(database_url, tmp_path, api_app):
    if not database_url.startswith("sqlite"):
        pytest.skip("one backend is enough to show workers sharing Redis")
    problem = _redis_problem()
    if problem:
        pytest.skip(problem)
    env = {
        "CRAMPFOOD_RATE_LIMIT": "10/minute",
        "CRAMPFOOD_REDIS_URL": REDIS_URL,
        "CRAMPFOOD_REDIS_PREFIX": f"crampfood-test-{uuid.uuid4().hex[:8]}",
    }
    server = LiveServer(
        database_url=database_url, log_path=tmp_path / "server.log", workers=2, env=env
    )
    try:
        server.wait_ready()
        key = create_key(api_app.app.state.engine, client_name=f"rl-{uuid.uuid4().hex[:10]}")  # type: ignore[attr-defined]
        codes = []
        for _ in range(30):  # a new connection each time, so both workers take requests
            with httpx.Client(base_url=server.url, timeout=30) as http:
                r = http.get("/v1/nutrients", headers={"Authorization": f"Bearer {key}"})
                codes.append(r.status_code)
                if r.status_code == 429:
                    assert int(r.headers["retry-after"]) >= 1
    finally:
        server.stop()
    assert codes.count(200) == 10 and codes.count(429) == 20, codes


def test_cors_is_off_by_default(api_app):
    r = api_app.options(
        "/v1/nutrients",
        headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in r.headers


def test_cors_allows_the_listed_origins_only(api_app, monkeypatch):
    monkeypatch.setenv("CRAMPFOOD_CORS_ORIGINS", "https://app.example, https://admin.example")
    state = api_app.app.state  # type: ignore[attr-defined]
    settings = Settings(database_url=state.settings.database_url, auto_import=False)
    assert settings.cors_origins == ["https://app.example", "https://admin.example"]
    with TestClient(create_app(settings, catalog=state.catalog)) as app:
        preflight = app.options(
            "/v1/users/u/meals",
            headers={
                "Origin": "https://app.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "Authorization, Idempotency-Key",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://app.example"
        tenant = _tenant(app)
        r = tenant.get("/v1/nutrients", headers={"Origin": "https://app.example"})
        assert r.headers["access-control-allow-origin"] == "https://app.example"
        assert "ETag" in r.headers["access-control-expose-headers"]
        other = tenant.get("/v1/nutrients", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
