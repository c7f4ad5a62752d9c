"""In-process latency of the food endpoints: ``python bench/bench_foods.py [--database-url URL]``.

Food detail, over seeded random food ids, measured two ways:

- "direct": the route's own work, its service called as a function (a session, the catalog
  lookup, the provenance and ingredient queries, the presenter), then, separately, JSON
  encoding;
- "http": ``GET /v1/foods/{id}`` through FastAPI's TestClient (auth lookup, routing,
  validation and serialisation included; no sockets).

Baseline: ``GET /v1/nutrients`` through the TestClient (auth lookup plus a small constant
answer), the in-process cost of any authenticated request.

Search, ``GET /v1/foods?q=...`` through the TestClient over the realistic query mix of
bench/bench_search.py (which times the bare index; this adds the HTTP layer on top).
"first seen" rows are each query's first run. Targets: detail p99 <= 3 ms, search p99
<= 5 ms.

The food data is imported by ``python -m api import`` first, so this process looks like a
restarted server. ``--in-process-import`` imports here instead, like a server's very first
start; ``--gc-freeze`` calls ``gc.freeze()`` once the catalog is built (the collector's full
passes otherwise keep re-walking the large, immutable catalog). Writes
bench/results/bench_foods[_<backend>][_first_start][_gc_freeze].json.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.app import create_app
from api.services.catalog import Catalog
from api.services.client_foods import ClientFoods
from api.services.foods import food_detail
from api.services.keys import create_key
from api.services.openfoodfacts import OpenFoodFacts
from api.settings import Settings
from api.store.engine import make_engine
from api.store.migrate import upgrade
from food_data.importer import import_foods

SEED = 20240611
#: Catalog foods never reach Open Food Facts; the detail service still takes a gateway.
OFFLINE = OpenFoodFacts(httpx.Client(base_url="https://openfoodfacts.invalid"), user_agent="bench")
SETTINGS = Settings(auto_import=False)
DETAIL_TARGET_P99_MS = 3.0
SEARCH_TARGET_P99_MS = 5.0
WARMUP = 200


def _ms_since(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def time_direct(
    *, catalog: Catalog, engine: Any, ids: list[str]
) -> tuple[list[float], list[float]]:
    """Route work per id (``get_food``'s service call), and JSON encoding of its result."""
    work: list[float] = []
    encode: list[float] = []
    for food_id in ids:
        t0 = time.perf_counter()
        with Session(engine, expire_on_commit=False) as session:
            foods = ClientFoods(session, client_id=0, catalog=catalog)
            detail = food_detail(
                session, foods, food_id=food_id, gateway=OFFLINE, settings=SETTINGS
            )
        work.append(_ms_since(t0))
        t1 = time.perf_counter()
        detail.model_dump_json()
        encode.append(_ms_since(t1))
    return work, encode


def time_http(*, client: TestClient, headers: dict[str, str], urls: list[str]) -> list[float]:
    """Latency of each GET through the TestClient; every answer must be 200."""
    samples = []
    for url in urls:
        t0 = time.perf_counter()
        response = client.get(url, headers=headers)
        samples.append(_ms_since(t0))
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")
    return samples


def main() -> None:
    """Import (if needed), build the app, run the timings, print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--requests", type=int, default=3000, help="detail and search requests")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after the catalog is built (what a server could do at start-up)",
    )
    parser.add_argument(
        "--in-process-import",
        action="store_true",
        help="import the food data in this process (as a server's first start does); "
        "default: with `python -m api import` beforehand, as on every later start",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="crampfood-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        result = run(
            database_url=url,
            count=args.requests,
            gc_freeze=args.gc_freeze,
            in_process_import=args.in_process_import,
        )
    result["database_url"] = url if args.database_url else "sqlite:///<temporary file>"
    report(result)


def run(
    *, database_url: str, count: int, gc_freeze: bool, in_process_import: bool
) -> dict[str, Any]:
    """All timings on ``database_url``; ``gc_freeze`` takes start-up objects out of the GC."""
    engine = make_engine(database_url)
    upgrade(engine)
    if in_process_import:
        # The importer's garbage then shares this process's heap, as on a server's first start.
        import_foods(engine, progress=False)
    else:
        common.run_cli(["import"], database_url=database_url)
    catalog = Catalog.load(engine)
    key = create_key(engine, client_name="bench")
    engine.dispose()
    headers = {"Authorization": f"Bearer {key}"}
    rng = random.Random(SEED)
    ids = rng.choices(sorted(catalog.foods), k=count)
    queries = common.search_queries(seed=SEED, count=count)

    if gc_freeze:
        # The catalog is immutable and large; full collections re-traverse it for nothing.
        gc.collect()
        gc.freeze()
    app = create_app(Settings(database_url=database_url, auto_import=False), catalog=catalog)
    rows: dict[str, dict[str, float]] = {}
    with TestClient(app) as client:
        app_engine = app.state.engine
        warm = rng.choices(sorted(catalog.foods), k=WARMUP)
        time_direct(catalog=catalog, engine=app_engine, ids=warm)
        time_http(client=client, headers=headers, urls=[f"/v1/foods/{i}" for i in warm])
        time_http(client=client, headers=headers, urls=["/v1/foods?q=banana"] * 50)

        work, encode = time_direct(catalog=catalog, engine=app_engine, ids=ids)
        both = [w + e for w, e in zip(work, encode, strict=True)]
        detail_http = time_http(
            client=client, headers=headers, urls=[f"/v1/foods/{i}" for i in ids]
        )
        baseline = time_http(client=client, headers=headers, urls=["/v1/nutrients"] * 1000)
        search_http = time_http(
            client=client,
            headers=headers,
            urls=[f"/v1/foods?q={quote(q)}" for q in queries],
        )
    seen: set[str] = set()
    first_seen = []
    for q, ms in zip(queries, search_http, strict=True):
        if q not in seen:
            seen.add(q)
            first_seen.append(ms)

    rows["baseline http: GET /v1/nutrients"] = common.percentiles(baseline)
    rows["detail direct: route work"] = common.percentiles(work)
    rows["detail direct: JSON encode"] = common.percentiles(encode)
    rows["detail direct: work + JSON"] = common.percentiles(both)
    rows["detail http (TestClient)"] = common.percentiles(detail_http)
    rows["search http (TestClient)"] = common.percentiles(search_http)
    if len(first_seen) >= 2:
        rows["search http, first seen"] = common.percentiles(first_seen)
    return {
        "backend": "postgresql" if database_url.startswith("postgresql") else "sqlite",
        "foods": len(catalog.foods),
        "gc_freeze": gc_freeze,
        "in_process_import": in_process_import,
        "distinct_queries": len(seen),
        "targets": {"detail_p99_ms": DETAIL_TARGET_P99_MS, "search_p99_ms": SEARCH_TARGET_P99_MS},
        "latency": rows,
    }


def report(result: dict[str, Any]) -> None:
    """Print the table and the verdicts; write the JSON result."""
    latency = result["latency"]
    print(
        f"backend: {result['backend']}  foods: {result['foods']}  "
        f"distinct queries: {result['distinct_queries']}  gc.freeze: {result['gc_freeze']}  "
        f"in-process import: {result['in_process_import']}"
    )
    common.print_table(
        [{"path": name, **row} for name, row in latency.items()],
        columns=["path", "n", "p50_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms"],
    )
    verdicts = {
        "detail direct p99 <= 3 ms": latency["detail direct: work + JSON"]["p99_ms"]
        <= DETAIL_TARGET_P99_MS,
        "detail http p99 <= 3 ms": latency["detail http (TestClient)"]["p99_ms"]
        <= DETAIL_TARGET_P99_MS,
        "search http p99 <= 5 ms": latency["search http (TestClient)"]["p99_ms"]
        <= SEARCH_TARGET_P99_MS,
    }
    result["verdicts"] = verdicts
    for name, ok in verdicts.items():
        print(f"{name}: {'met' if ok else 'MISSED'}")
    name = "bench_foods" if result["backend"] == "sqlite" else f"bench_foods_{result['backend']}"
    if result["in_process_import"]:
        name += "_first_start"
    if result["gc_freeze"]:
        name += "_gc_freeze"
    print(f"wrote {common.write_result(name, result)}")


if __name__ == "__main__":
    main()
