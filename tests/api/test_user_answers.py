"""Intake and suggestions are kept per worker under the user's data version: repeated polls
are answered from memory (same bytes, same ETag, 304), and every kind of write to the user's
logs or profile, through this worker or another, is seen by the next poll."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.app import create_app
from api.settings import Settings
from api.store.keys import hash_key
from api.store.models import ApiKey, User
from tests.api.helpers import create_user, make_meal
from tests.conftest import CATALOG_CACHE, ApiClient

TODAY = datetime.now(UTC).date()
NOON = datetime.combine(TODAY, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)


@pytest.fixture
def user(client):
    create_user(client, "poll", age=58, sex="female")
    return "/v1/users/poll"


@pytest.fixture
def other_worker(api_app, database_url) -> Iterator[Callable[[ApiClient], ApiClient]]:
    """A second app (another worker) on the same database."""
    settings = Settings(database_url=database_url, cache_dir=CATALOG_CACHE)
    with TestClient(create_app(settings, catalog=api_app.app.state.catalog)) as app:
        yield lambda client: ApiClient(app, client.key)


def _meal(client: Any, user: str, food_id: str = "sr28:09040", grams: float = 200) -> str:
    body = make_meal(eaten_at=NOON.isoformat(), items=[{"food_id": food_id, "grams": grams}])
    r = client.post(f"{user}/meals", json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _potassium(answer: Any) -> float:
    return float(answer.json()["days"][-1]["nutrients"]["potassium"]["amount"])


def test_repeated_polls_give_the_same_tagged_bytes(client, user):
    _meal(client, user)
    for path in (f"{user}/intake", f"{user}/suggestions"):
        first, second = client.get(path), client.get(path)
        assert first.status_code == 200 and first.content == second.content
        assert first.headers["etag"] == second.headers["etag"]
        assert first.headers["cache-control"] == "no-store"
        unchanged = client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert unchanged.status_code == 304


def test_every_write_is_seen_by_the_next_poll(client, user):
    meal = _meal(client, user)
    before = client.get(f"{user}/intake")
    more = _meal(client, user, grams=100)
    after_post = client.get(f"{user}/intake")
    assert _potassium(after_post) == pytest.approx(_potassium(before) * 1.5, abs=0.2)
    batch = {"meals": [make_meal(eaten_at=NOON.isoformat())]}
    assert client.post(f"{user}/meals/batch", json=batch).status_code == 201
    after_batch = client.get(f"{user}/intake")
    assert _potassium(after_batch) > _potassium(after_post)
    patched = client.patch(
        f"{user}/meals/{more}", json={"items": [{"food_id": "sr28:09040", "grams": 1}]}
    )
    assert patched.status_code == 200
    assert _potassium(client.get(f"{user}/intake")) < _potassium(after_batch)
    assert client.delete(f"{user}/meals/{meal}").status_code == 204
    after_delete = client.get(f"{user}/intake")
    assert _potassium(after_delete) == pytest.approx(3.58 + 422.4, abs=0.2)  # 1 g + 1 banana
    suggestions = client.get(f"{user}/suggestions").json()
    create_user(client, "poll", age=58, sex="male")  # the profile: other targets
    assert client.get(f"{user}/suggestions").json() != suggestions
    targets = client.get(f"{user}/intake").json()["days"][-1]["nutrients"]["magnesium"]["target"]
    assert targets == 420  # men 51+: RDA 420 mg (women: 320)


def test_a_write_through_another_worker_is_seen_at_once(client, user, other_worker):
    _meal(client, user)
    before = client.get(f"{user}/intake")
    _meal(other_worker(client), user, grams=200)
    after = client.get(f"{user}/intake")
    assert after.headers["etag"] != before.headers["etag"]
    assert _potassium(after) == pytest.approx(2 * _potassium(before), abs=0.2)


def _version(api_app: Any, client: Any, user_id: str) -> int:
    with Session(api_app.app.state.engine) as session:
        row = session.exec(
            select(User)
            .join(ApiKey, col(ApiKey.client_id) == col(User.client_id))
            .where(User.external_id == user_id, ApiKey.key_hash == hash_key(client.key))
        ).one()
        return row.data_version


def test_every_kind_of_write_raises_the_users_data_version(client, user, api_app):
    seen = [_version(api_app, client, "poll")]

    def raised() -> bool:
        seen.append(_version(api_app, client, "poll"))
        return seen[-1] > seen[-2]

    meal = _meal(client, user)
    assert raised()
    episode = {"started_at": NOON.isoformat(), "duration_minutes": 3, "severity": 4, "leg": "left"}
    cramp = client.post(f"{user}/cramps", json=episode).json()["id"]
    assert raised()
    assert client.patch(f"{user}/cramps/{cramp}", json={"severity": 5}).status_code == 200
    assert raised()
    assert client.delete(f"{user}/cramps/{cramp}").status_code == 204
    assert raised()
    assert client.patch(f"{user}/meals/{meal}", json={"note": "half"}).status_code == 200
    assert raised()
    assert client.delete(f"{user}/meals/{meal}").status_code == 204
    assert raised()
    create_user(client, "poll", age=59, sex="female")
    assert raised()
    assert client.get(f"{user}/intake").status_code == 200
    assert not raised()  # reads change nothing


def test_another_clients_user_with_the_same_id_has_its_own_answers(client, user, api_app):
    from tests.conftest import new_api_client

    _meal(client, user, grams=300)
    neighbour = new_api_client(api_app)
    create_user(neighbour, "poll", age=58, sex="female")
    assert neighbour.get(f"{user}/intake").json()["days"][-1]["logged"] is False
