"""Every route's throughput as a share of ``GET /health``, on SQLite and PostgreSQL, in one run.

    python bench/bench_speed.py [--backends sqlite,postgresql] [--seconds 8] [--workers 1,2,4]

For each backend: time ``python -m api import``; time the first start of one uvicorn worker
on an empty database with no saved catalog (it migrates, imports and builds the catalog);
time a warm restart on the imported database (to /health); record the server's RSS, create
a key and a user with two years of logged meals, then load each route with a closed-loop
generator (wrk when installed, else a separate Python process; 16 connections) right after
``/health`` in the same run, and print each route's requests/s over ``/health``'s.
PostgreSQL also reports suggestions throughput with 1, 2 and 4 workers. The goals are those
of the speed issue; each row says whether its goal is met. Results: bench/results/speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from bench_http import ensure_postgres_database

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/crampfood_speed"
USER = "speed-user"
#: route -> goal (share of /health)
GOALS = {
    "authenticated trivial": 0.8,
    "food detail": 0.6,
    "search": 0.5,
    "parse (three items)": 0.4,
    "intake, 7 days of 2 years": 0.4,
    "suggestions": 0.25,
    "POST meal (3 items, durable)": 0.25,
}
MEAL_ITEMS = [
    {"food_id": "sr28:09040", "grams": 118},
    {"food_id": "sr28:01117", "grams": 245},
    {"food_id": "sr28:20041", "grams": 195},
]
HISTORY_FOODS = (
    "sr28:09040",
    "sr28:01117",
    "sr28:20041",
    "sr28:16070",
    "sr28:11458",
    "sr28:18069",
    "sr28:05064",
    "sr28:09003",
)


def request(
    method: str, url: str, *, headers: dict[str, str], body: Any = None, timeout: float = 60
) -> tuple[int, bytes]:
    """One blocking request; returns the status and body (no raise on 4xx)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def two_years_of_meals(*, today: date) -> list[dict[str, Any]]:
    """Four meals a day for 730 days, three foods each, rotating through a small pool."""
    meals = []
    for day in range(1, 731):
        when = datetime.combine(today - timedelta(days=day), datetime.min.time(), tzinfo=UTC)
        for slot, (hour, kind) in enumerate(
            ((8, "breakfast"), (12, "lunch"), (16, "snack"), (19, "dinner"))
        ):
            items = [
                {"food_id": HISTORY_FOODS[(day + slot + k) % len(HISTORY_FOODS)], "grams": 120}
                for k in range(3)
            ]
            meals.append(
                {
                    "eaten_at": (when + timedelta(hours=hour)).isoformat(),
                    "meal": kind,
                    "items": items,
                }
            )
    return meals


def prepare_user(base_url: str, headers: dict[str, str]) -> None:
    """A profile and two years of meals, sent in batches of 500."""
    status, body = request(
        "PUT", f"{base_url}/v1/users/{USER}", headers=headers, body={"age": 52, "sex": "female"}
    )
    assert status in (200, 201), body
    meals = two_years_of_meals(today=datetime.now(UTC).date())
    for start in range(0, len(meals), 500):
        status, body = request(
            "POST",
            f"{base_url}/v1/users/{USER}/meals/batch",
            headers=headers,
            body={"meals": meals[start : start + 500]},
        )
        assert status == 201, body[:300]


def routes() -> list[tuple[str, str, list[str], str | None]]:
    """(name, method, paths, body) for every row of the table."""
    today = datetime.now(UTC).date()
    week = f"from={(today - timedelta(days=6)).isoformat()}&to={today.isoformat()}"
    parse_body = json.dumps({"text": "2 eggs, 2 slices of whole wheat toast and a banana"})
    return [
        ("authenticated trivial", "GET", ["/v1/nutrients"], None),
        ("food detail", "GET", ["/v1/foods/sr28:09040"], None),
        ("search", "GET", common.search_paths(seed=20240611, count=500), None),
        ("parse (three items)", "POST", ["/v1/foods/parse"], parse_body),
        ("intake, 7 days of 2 years", "GET", [f"/v1/users/{USER}/intake?{week}"], None),
        ("suggestions", "GET", [f"/v1/users/{USER}/suggestions?days=7"], None),
        (
            "POST meal (3 items, durable)",
            "POST",
            [f"/v1/users/{USER}/meals"],
            json.dumps(
                {"eaten_at": datetime.now(UTC).isoformat(), "meal": "snack", "items": MEAL_ITEMS}
            ),
        ),
    ]


def measure(
    server: common.Server, *, key: str, seconds: float, connections: int, tool: str
) -> list[dict[str, Any]]:
    """Each route right after /health; one row each with the ratio."""
    headers = {"Authorization": f"Bearer {key}"}
    rows = []
    for name, method, paths, body in routes():
        status, _ = request(
            method,
            server.base_url + paths[0],
            headers=headers,
            body=None if body is None else json.loads(body),
        )
        if status in (404, 405):
            rows.append({"route": name, "status": f"absent ({status})"})
            continue
        for path in paths[:50]:  # warm caches and lazy imports
            request(
                method,
                server.base_url + path,
                headers=headers,
                body=None if body is None else json.loads(body),
            )
        health = common.load(
            base_url=server.base_url,
            paths=["/health"],
            headers=headers,
            seconds=seconds,
            connections=connections,
            tool=tool,
        )
        run = common.load(
            base_url=server.base_url,
            paths=paths,
            headers=headers,
            seconds=seconds,
            connections=connections,
            tool=tool,
            bodies=[] if body is None else [body] * len(paths),
        )
        ratio = run.rps / health.rps
        rows.append(
            {
                "route": name,
                "rps": run.rps,
                "health_rps": health.rps,
                "ratio": round(ratio, 3),
                "goal": GOALS[name],
                "met": ratio >= GOALS[name],
                "p99_ms": run.latency_ms["p99_ms"],
                "errors": sum(run.errors.values()),
            }
        )
    return rows


def backend_run(
    url: str, *, seconds: float, connections: int, tool: str, workers: list[int]
) -> dict[str, Any]:
    """The whole table (and, for PostgreSQL, the worker scaling) on one database."""
    result: dict[str, Any] = {"backend": "sqlite" if url.startswith("sqlite") else "postgresql"}
    started = time.perf_counter()
    common.run_cli(["import"], database_url=url)
    result["import_s"] = round(time.perf_counter() - started, 2)
    # First start: an empty database and no saved catalog, as on a new machine (the service
    # migrates, imports and builds the catalog itself).
    empty = empty_database(url)
    with tempfile.TemporaryDirectory(prefix="crampfood-cache-") as cache:
        os.environ["CRAMPFOOD_CACHE_DIR"] = cache
        with common.serve(database_url=empty) as server:
            result["first_start_s"] = round(server.wait_healthy(), 2)
        # Warm restart: the catalog saved by that start serves the same data here.
        with common.serve(database_url=url) as server:
            result["restart_s"] = round(server.wait_healthy(), 2)
    os.environ.pop("CRAMPFOOD_CACHE_DIR")
    with common.serve(database_url=url) as server:
        server.wait_healthy()
        result["rss_mib_after_start"] = round((common.rss_kib(server.pid) or 0) / 1024)
        key = common.create_key(database_url=url, name="speed")
        prepare_user(server.base_url, {"Authorization": f"Bearer {key}"})
        result["routes"] = measure(
            server, key=key, seconds=seconds, connections=connections, tool=tool
        )
        result["rss_mib_after_load"] = round((common.rss_kib(server.pid) or 0) / 1024)
    if result["backend"] == "postgresql":
        result["suggestions_by_workers"] = scaling(
            url, key=key, workers=workers, seconds=seconds, connections=connections, tool=tool
        )
    return result


def empty_database(url: str) -> str:
    """A new, empty database beside ``url`` (same engine)."""
    if url.startswith("sqlite"):
        return url.removesuffix(".sqlite3") + "-empty.sqlite3"
    empty = url + "_empty"
    ensure_postgres_database(url=empty, fresh=True)
    return empty


def scaling(
    url: str, *, key: str, workers: list[int], seconds: float, connections: int, tool: str
) -> list[dict[str, Any]]:
    """Suggestions requests/s with each worker count (one shared database)."""
    headers = {"Authorization": f"Bearer {key}"}
    rows = []
    for count in workers:
        with common.serve(database_url=url, workers=count) as server:
            server.wait_healthy()
            path = f"/v1/users/{USER}/suggestions?days=7"
            for _ in range(20 * count):
                request("GET", server.base_url + path, headers=headers)
            run = common.load(
                base_url=server.base_url,
                paths=[path],
                headers=headers,
                seconds=seconds,
                connections=connections,
                tool=tool,
            )
            rows.append({"workers": count, "rps": run.rps, "p99_ms": run.latency_ms["p99_ms"]})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", default="1,2,4", help="PostgreSQL worker counts")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args()
    if args.tool in ("auto", "wrk") and shutil.which("wrk") is None:
        # wrk comes from Debian; without it the Python generator (a separate process) runs.
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
    results: dict[str, Any] = {"machine": common.machine(), "backends": []}
    with tempfile.TemporaryDirectory(prefix="crampfood-speed-") as tmp:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'speed.sqlite3'}"
            else:
                try:
                    ensure_postgres_database(url=args.postgres_url, fresh=True)
                except Exception as exc:  # no server here: say so and carry on
                    print(f"postgresql skipped: {exc}")
                    continue
                url = args.postgres_url
            run = backend_run(
                url,
                seconds=args.seconds,
                connections=args.connections,
                tool=args.tool,
                workers=[int(w) for w in args.workers.split(",")],
            )
            results["backends"].append(run)
            print(
                f"\n== {run['backend']}: import {run['import_s']} s, first start "
                f"{run['first_start_s']} s, restart {run['restart_s']} s, RSS "
                f"{run['rss_mib_after_start']} MiB after start, "
                f"{run['rss_mib_after_load']} MiB after load"
            )
            common.print_table(
                run["routes"],
                columns=["route", "rps", "health_rps", "ratio", "goal", "met", "p99_ms", "errors"],
            )
            for row in run.get("suggestions_by_workers", []):
                print(
                    f"suggestions with {row['workers']} worker(s): {row['rps']} req/s, "
                    f"p99 {row['p99_ms']} ms"
                )
    print(f"wrote {common.write_result('speed', results)}")


if __name__ == "__main__":
    main()
