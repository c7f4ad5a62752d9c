"""The HTTP contract through HTTP, on every backend: no 500 from any input, problem codes,
request ids and headers, media types and sizes, strict types, ETags, Location,
Idempotency-Key per the IETF draft, cursors, the cramp resource, export and readiness."""

from __future__ import annotations

import base64
import json
import logging
import threading

import pytest

from tests.api.helpers import create_user, fields_of, make_meal
from tests.conftest import new_api_client

CURSOR_YEAR_1 = base64.urlsafe_b64encode(b'["0001-01-01T00:00:00+00:00","a"]').decode()
CURSOR_NUL = base64.urlsafe_b64encode(b'["2025-01-01T00:00:00+00:00","a\\u0000b"]').decode()
NUL_NOTE = "a\u0000b"
CRAMP = {"started_at": "2025-03-11T03:10:00+01:00", "duration_minutes": 4, "severity": 6}


def _cramp(**fields):
    return {**CRAMP, "leg": "left", **fields}


#: The 13 requests of the audit that answered 500, and their kin: each must be a 4xx
#: problem document naming the field.
BAD_REQUESTS = [
    ("GET", "/v1/users/u/meals?to=9999-12-31", None, "to"),
    ("GET", "/v1/users/u/meals?to=9999-12-31T23:59:59Z", None, "to"),
    ("GET", "/v1/users/u/meals?from=0001-01-01", None, "from"),
    ("GET", "/v1/users/u/intake?to=0001-01-01", None, "to"),
    ("GET", "/v1/users/u/intake?from=9999-12-31&to=9999-12-31", None, "from"),
    ("GET", "/v1/users/u/cramps?from=0001-01-01T00:00:00%2B14:00", None, "from"),
    ("GET", f"/v1/users/u/meals?cursor={CURSOR_YEAR_1}", None, "cursor"),
    ("GET", f"/v1/users/u/cramps?cursor={CURSOR_YEAR_1}", None, "cursor"),
    ("GET", f"/v1/users/u/meals?cursor={CURSOR_NUL}", None, "cursor"),
    ("POST", "/v1/users/u/meals", make_meal(note=NUL_NOTE), "note"),
    ("POST", "/v1/users/u/meals", make_meal(note="\ud800"), "note"),
    ("POST", "/v1/users/u/cramps", _cramp(note=NUL_NOTE), "note"),
    ("POST", "/v1/users/u/cramps", _cramp(started_at="0001-01-01T00:00:00+14:00"), "started_at"),
    ("PUT", "/v1/users/u", {"sex": "female", "age": 30, "dislikes": [NUL_NOTE]}, "dislikes"),
    ("PUT", "/v1/users/a%00b", {"sex": "female", "age": 30}, "path"),
    ("GET", "/v1/users/u/meals/a%00b", None, "path"),
    ("GET", "/v1/foods?q=ban%00ana", None, "q"),
]


@pytest.mark.parametrize(("method", "url", "body", "field"), BAD_REQUESTS)
def test_no_input_causes_a_500(client, method, url, body, field):
    create_user(client, "u")
    r = client.request(
        method,
        url,
        content=None if body is None else json.dumps(body),
        headers={"content-type": "application/json"},
    )
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["type"] == f"/problems/{problem['code']}"
    assert field in fields_of(r)


def test_an_unexpected_error_is_a_problem_with_an_id_in_the_log(client, monkeypatch, caplog):
    from api.services import meals

    create_user(client, "u")

    secret = "tom" + "atoes"  # built at run time: the log quotes source lines

    def broken(*args, **kwargs):
        raise RuntimeError(f"secret note of the user: {secret}")

    monkeypatch.setattr(meals, "read_meal", broken)
    with caplog.at_level(logging.ERROR, logger="crampfood.errors"):
        r = client.get("/v1/users/u/meals/abc", headers={"X-Request-ID": "trace-500"})
    assert r.status_code == 500
    problem = r.json()
    assert problem["code"] == "internal-error" and problem["error_id"]
    logged = caplog.text
    assert problem["error_id"] in logged and "trace-500" in logged
    assert "tomatoes" not in logged  # the exception's message is never logged


def test_sql_errors_never_quote_parameters(api_app):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    engine = api_app.app.state.engine
    with pytest.raises(DBAPIError) as failure, engine.connect() as conn:
        conn.execute(text("SELECT * FROM no_such_table WHERE x = :x"), {"x": "tomatoes"})
    assert "tomatoes" not in str(failure.value)


def test_request_ids_are_echoed_or_made_and_logged_without_user_ids(client, caplog):
    create_user(client, "private-person")
    with caplog.at_level(logging.INFO, logger="crampfood.access"):
        mine = client.get("/v1/users/private-person", headers={"X-Request-ID": "abc-123"})
        made = client.get("/v1/users/private-person")
    assert mine.headers["x-request-id"] == "abc-123"
    assert len(made.headers["x-request-id"]) == 32
    assert "request_id=abc-123" in caplog.text
    assert "GET /v1/users/{user_id} 200" in caplog.text
    assert "private-person" not in caplog.text


def test_security_and_cache_headers(client):
    create_user(client, "u")
    user = client.get("/v1/users/u")
    assert user.headers["cache-control"] == "no-store"
    assert user.headers["x-content-type-options"] == "nosniff"
    missing = client.get("/v1/users/nobody")
    assert missing.headers["cache-control"] == "no-store"
    foods = client.get("/v1/nutrients")
    assert foods.headers["x-content-type-options"] == "nosniff"
    assert "cache-control" not in foods.headers


def test_malformed_json_is_400_and_wrong_media_type_415(client):
    create_user(client, "u")
    bad = client.post(
        "/v1/users/u/meals", content=b'{"meal": ', headers={"content-type": "application/json"}
    )
    assert bad.status_code == 400 and bad.json()["code"] == "malformed-json"
    plain = client.post(
        "/v1/users/u/meals", content=json.dumps(make_meal()), headers={"content-type": "text/plain"}
    )
    assert plain.status_code == 415 and plain.json()["code"] == "unsupported-media-type"
    assert plain.json()["errors"][0]["allowed"] == ["application/json"]


def test_an_oversized_chunked_body_is_413(client):
    create_user(client, "u")

    def chunks():
        for _ in range(2_000):
            yield b" " * 1_000

    r = client.post(
        "/v1/users/u/meals", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["code"] == "payload-too-large"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"items": [{"food_id": "sr28:09040", "grams": "100"}]}, "items.0.grams"),
        ({"items": [{"food_id": "sr28:09040", "grams": True}]}, "items.0.grams"),
        ({"eaten_at": 1741590000}, "eaten_at"),
        ({"eaten_at": "2025-03-10"}, "eaten_at"),
        ({"eaten_at": "10 March 2025"}, "eaten_at"),
        ({"meal": 1}, "meal"),
    ],
)
def test_input_types_are_strict(client, change, field):
    create_user(client, "u")
    r = client.post("/v1/users/u/meals", json=make_meal(**change))
    assert r.status_code == 422, r.text
    assert any(f.startswith(field) for f in fields_of(r))


def test_profile_types_are_strict(client):
    r = client.put("/v1/users/u", json={"sex": "female", "age": "30", "pregnant": 1})
    assert r.status_code == 422 and {"age", "pregnant"} <= fields_of(r)


@pytest.mark.parametrize("user_id", [".", "..", ".hidden", "-x", "_x"])
def test_user_ids_start_with_a_letter_or_digit(client, user_id):
    r = client.put(f"/v1/users/{user_id}", json={"sex": "female", "age": 30})
    assert r.status_code in (404, 422)
    assert client.get("/v1/users/x.y").status_code == 404  # dots inside are fine


def test_every_problem_type_is_described(client):
    from api.errors import ERROR_KINDS

    for code, kind in ERROR_KINDS.items():
        r = client.raw.get(f"/problems/{code}")
        assert r.status_code == 200
        assert r.json()["status"] == kind.status and r.json()["type"] == f"/problems/{code}"


def test_etags_on_profiles_meals_and_cramps(client):
    created = client.put("/v1/users/u", json={"sex": "female", "age": 30})
    assert created.headers["location"] == "/v1/users/u"
    meal = client.post("/v1/users/u/meals", json=make_meal())
    cramp = client.post("/v1/users/u/cramps", json=_cramp())
    assert meal.headers["location"] == f"/v1/users/u/meals/{meal.json()['id']}"
    assert cramp.headers["location"] == f"/v1/users/u/cramps/{cramp.json()['id']}"
    for url, change in (
        ("/v1/users/u", {"sex": "female", "age": 31}),
        (meal.headers["location"], {"meal": "snack"}),
        (cramp.headers["location"], {"severity": 3}),
    ):
        first = client.get(url)
        tag = first.headers["etag"]
        assert tag.startswith('"') and not tag.startswith("W/")
        again = client.get(url, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""
        method = client.put if url == "/v1/users/u" else client.patch
        stale = method(url, json=change, headers={"If-Match": '"stale"'})
        assert stale.status_code == 412 and stale.json()["code"] == "precondition-failed"
        assert client.get(url).headers["etag"] == tag  # nothing changed
        changed = method(url, json=change, headers={"If-Match": tag})
        assert changed.status_code == 200 and changed.headers["etag"] != tag
        assert changed.headers["etag"] == client.get(url).headers["etag"]
        assert client.delete(url, headers={"If-Match": tag}).status_code == 412
    assert (
        client.put(
            "/v1/users/new", json={"sex": "male", "age": 3}, headers={"If-Match": "*"}
        ).status_code
        == 412
    )


def test_idempotency_keys_are_scoped_to_the_route_including_the_user(client):
    create_user(client, "a")
    create_user(client, "b")
    headers = {"Idempotency-Key": "same"}
    first = client.post("/v1/users/a/meals", json=make_meal(), headers=headers)
    other_user = client.post("/v1/users/b/meals", json=make_meal(meal="lunch"), headers=headers)
    other_route = client.post("/v1/users/a/cramps", json=_cramp(), headers=headers)
    assert first.status_code == other_user.status_code == other_route.status_code == 201
    replay = client.post("/v1/users/a/meals", json=make_meal(), headers=headers)
    assert replay.headers["idempotent-replayed"] == "true" and replay.json() == first.json()
    reused = client.post("/v1/users/a/meals", json=make_meal(meal="dinner"), headers=headers)
    assert reused.status_code == 422 and reused.json()["code"] == "idempotency-key-reused"


def test_a_concurrent_request_with_the_same_key_gets_409(client, monkeypatch):
    from api.services import meals

    create_user(client, "u")
    entered, release = threading.Event(), threading.Event()
    original = meals.resolve_meal

    def held(*args, **kwargs):
        entered.set()
        release.wait(30)
        return original(*args, **kwargs)

    monkeypatch.setattr(meals, "resolve_meal", held)
    headers = {"Idempotency-Key": "busy"}
    answers = {}
    first = threading.Thread(
        target=lambda: answers.setdefault(
            "first", client.post("/v1/users/u/meals", json=make_meal(), headers=headers)
        )
    )
    first.start()
    try:
        assert entered.wait(30)
        second = client.post("/v1/users/u/meals", json=make_meal(), headers=headers)
    finally:
        release.set()
        first.join(30)
    assert second.status_code == 409 and second.json()["code"] == "idempotency-key-in-flight"
    assert answers["first"].status_code == 201
    retry = client.post("/v1/users/u/meals", json=make_meal(), headers=headers)
    assert retry.headers["idempotent-replayed"] == "true"


def test_cramp_entries_can_be_read_changed_deleted_and_paged(client):
    create_user(client, "u")
    ids = [
        client.post(
            "/v1/users/u/cramps", json=_cramp(started_at=f"2025-03-{day:02d}T03:00:00+00:00")
        ).json()["id"]
        for day in range(1, 8)
    ]
    one = client.get(f"/v1/users/u/cramps/{ids[0]}")
    assert one.status_code == 200 and one.json()["started_at"] == "2025-03-01T03:00:00Z"
    changed = client.patch(f"/v1/users/u/cramps/{ids[0]}", json={"severity": 2, "note": "ok"})
    assert changed.json()["severity"] == 2 and changed.json()["note"] == "ok"
    assert client.patch(f"/v1/users/u/cramps/{ids[0]}", json={"severity": 11}).status_code == 422
    seen, cursor = [], None
    while True:
        page = client.get(
            "/v1/users/u/cramps", params={"limit": 3, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(ids))
    assert client.delete(f"/v1/users/u/cramps/{ids[0]}").status_code == 204
    assert client.get(f"/v1/users/u/cramps/{ids[0]}").status_code == 404
    assert len(client.get("/v1/users/u/cramps", params={"limit": 100}).json()["items"]) == 6


def test_a_cursor_belongs_to_its_list(client):
    create_user(client, "u")
    r = client.get(
        "/v1/users/u/meals", params={"cursor": base64.urlsafe_b64encode(b"[5]").decode()}
    )
    assert r.status_code == 422 and fields_of(r) == {"cursor"}


def test_amounts_are_rounded(client):
    create_user(client, "u")
    meal = client.post(
        "/v1/users/u/meals", json=make_meal(items=[{"food_id": "sr28:09040", "grams": 33.333}])
    ).json()
    item = meal["items"][0]
    assert item["grams"] == 33.3
    for key, value in item["nutrients"].items():
        decimals = 3 if key == "thiamin" else 1
        assert value == round(value, decimals)


def test_export_round_trips_a_user(client):
    create_user(client, "src", age=None, birth_date="1961-05-04", timezone="Europe/Paris")
    client.post(
        "/v1/users/src/meals/batch", json={"meals": [make_meal(note="x"), make_meal(meal="lunch")]}
    )
    client.post("/v1/users/src/cramps", json=_cramp(note="calf"))
    exported = client.get("/v1/users/src/export").json()
    profile = exported["profile"]
    assert exported["targets"]["life_stage"] == profile["life_stage"]
    assert len(exported["meals"]) == 2 and len(exported["cramps"]) == 1

    body = {
        k: profile[k]
        for k in (
            "sex",
            "birth_date",
            "timezone",
            "pregnant",
            "lactating",
            "diet",
            "allergies",
            "dislikes",
            "medications",
            "conditions",
        )
    }
    assert client.put("/v1/users/copy", json=body).status_code == 201

    def item(i):
        if i["quantity"] is not None:
            return {"food_id": i["food_id"], "quantity": i["quantity"], "unit": i["unit"]}
        return {"food_id": i["food_id"], "grams": i["grams"]}

    meals = [
        {
            "eaten_at": m["eaten_at"],
            "meal": m["meal"],
            "note": m["note"],
            "items": [item(i) for i in m["items"]],
        }
        for m in exported["meals"]
    ]
    assert client.post("/v1/users/copy/meals/batch", json={"meals": meals}).status_code == 201
    for c in exported["cramps"]:
        fields = ("started_at", "duration_minutes", "severity", "leg", "symptoms", "note")
        assert (
            client.post("/v1/users/copy/cramps", json={k: c[k] for k in fields}).status_code == 201
        )
    copy = client.get("/v1/users/copy/export").json()

    def same(data):
        return (
            {
                k: v
                for k, v in data["profile"].items()
                if k not in {"user_id", "created_at", "updated_at"}
            },
            data["targets"]["targets"],
            sorted(
                (
                    {k: v for k, v in m.items() if k not in {"id", "created_at", "updated_at"}}
                    for m in data["meals"]
                ),
                key=json.dumps,
            ),
            [{k: v for k, v in c.items() if k not in {"id", "created_at"}} for c in data["cramps"]],
        )

    assert same(copy) == same(exported)
    csv_text = client.get("/v1/users/src/export", params={"format": "csv"})
    assert csv_text.headers["content-type"].startswith("text/csv")
    lines = csv_text.text.splitlines()
    assert lines[0] == "section,record,field,value"
    assert "profile,src,timezone,Europe/Paris" in lines
    assert any(line.startswith("cramp,") and line.endswith(",note,calf") for line in lines)


def test_erasure_leaves_no_copy_in_the_database_files(client, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL erasure relies on VACUUM; see docs/api.md, Erasure")
    from pathlib import Path

    secret = "zqxj-erase-me-" + client.key[-8:]
    create_user(client, "gone")
    client.post(
        "/v1/users/gone/meals", json=make_meal(note=secret), headers={"Idempotency-Key": "k"}
    )
    client.post("/v1/users/gone/cramps", json=_cramp(note=secret))
    assert client.delete("/v1/users/gone").status_code == 204
    path = Path(database_url.removeprefix("sqlite:///"))
    found = _files_holding(path, secret.encode())
    assert found == {}, f"the erased note survives in {sorted(found)}"
    assert any(name.endswith(".sqlite3") for name in _files_holding(path, b"SQLite format 3"))


def _files_holding(path, needle: bytes) -> dict[str, bool]:
    """Which of the database's files (main, -wal, -shm) hold ``needle``, read by another
    process: closing a file this process opened would drop every POSIX lock SQLite holds
    on it here, and break the open connections."""
    import subprocess
    import sys

    script = (
        "import json, pathlib, sys\n"
        "path, needle = pathlib.Path(sys.argv[1]), sys.argv[2].encode('latin-1')\n"
        "found = {p.name: True for p in path.parent.iterdir()\n"
        "         if p.name.startswith(path.name) and needle in p.read_bytes()}\n"
        "print(json.dumps(found))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path), needle.decode("latin-1")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def test_ready_reports_database_catalog_and_migrations(client):
    r = client.raw.get("/ready")
    assert r.status_code == 200
    body = r.json()
    assert body["ready"] is True
    assert set(body["checks"]) == {"database", "catalog", "migrations"}


def test_the_cli_lists_every_command_with_help():
    import subprocess
    import sys

    from tests.api.live_server import REPO, server_env

    out = subprocess.run(
        [sys.executable, "-m", "api", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=REPO,
        env=server_env(database_url="sqlite://"),
    ).stdout
    for command in ("serve", "keys", "import", "prune", "migrate", "openapi"):
        line = next(line for line in out.splitlines() if line.strip().startswith(command))
        assert len(line.split()) > 1, f"no help for {command}"


def test_clients_do_not_share_idempotency_keys(client, api_app):
    create_user(client, "m")
    client.post("/v1/users/m/meals", json=make_meal(), headers={"Idempotency-Key": "k"})
    other = new_api_client(api_app)
    create_user(other, "m")
    r = other.post(
        "/v1/users/m/meals", json=make_meal(meal="lunch"), headers={"Idempotency-Key": "k"}
    )
    assert r.status_code == 201 and "idempotent-replayed" not in r.headers


def test_ready_says_not_ready_when_the_database_is_gone(api_app):
    from api.services.readiness import readiness
    from api.store.engine import make_engine

    gone = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/nothing")
    try:
        report = readiness(gone, api_app.app.state.catalog)
    finally:
        gone.dispose()
    assert report.ready is False
    assert report.checks["database"].ok is False and report.checks["catalog"].ok is True
