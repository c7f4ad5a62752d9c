"""Batch cost and cross-tenant fairness: ``python bench/bench_batch.py [--database-url URL]``.

One ``python -m api serve`` worker on loopback (rate limits off).

1. The maximum batch: 500 meals holding 5000 items in all (the cap), each meal with a
   1000-character note, so the body is near the 1 MB body budget. POSTed ``--batches``
   times (new user each time); reports the server time of each (the request's wall time
   on loopback, which bounds it). Target: the slowest <= 3 s.
2. Fairness: tenant A posts maximum batches back to back while tenant B posts single
   three-item meals one after another for ``--seconds``; B's latency is compared with B
   alone. Target: B's p99 under A's batches <= 1 s.

Default database: a temporary SQLite file (food data imported first). PostgreSQL:
``--database-url postgresql+psycopg://postgres@127.0.0.1:5432/crampfood_bench`` (created
when missing). Writes bench/results/bench_batch_<backend>.json.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_meals
import common

SEED = 20251130
MEALS = 500
ITEMS = 5000
NOTE = 1000
MAX_BATCH_TARGET_S = 3.0
STALL_TARGET_P99_MS = 1000.0


def max_batch(rng: random.Random, foods: list[str]) -> dict[str, Any]:
    """The largest batch the API takes: 500 meals, 5000 items, 1000-character notes."""
    start = datetime.now(UTC) - timedelta(days=400)
    per_meal = ITEMS // MEALS
    return {
        "meals": [
            {
                "eaten_at": (start + timedelta(hours=6 * i)).isoformat(),
                "meal": "lunch",
                "note": "".join(rng.choice("abcdefghij ") for _ in range(NOTE)),
                "items": [
                    {"food_id": rng.choice(foods), "grams": rng.choice((30, 60, 100, 150))}
                    for _ in range(per_meal)
                ],
            }
            for i in range(MEALS)
        ]
    }


def _tenant(http: Any, url: str, name: str) -> dict[str, str]:
    key = common.create_key(database_url=url, name=f"{name}-{uuid.uuid4().hex[:8]}")
    return {"Authorization": f"Bearer {key}"}


def _put_user(http: Any, headers: dict[str, str], user: str) -> None:
    r = http.put(f"/v1/users/{user}", json={"age": 50, "sex": "female"}, headers=headers)
    r.raise_for_status()


def bench_max_batch(http: Any, url: str, foods: list[str], batches: int) -> dict[str, Any]:
    import json

    rng = random.Random(SEED)
    headers = _tenant(http, url, "bench-batch")
    seconds = []
    body_bytes = 0
    for n in range(batches):
        body = max_batch(rng, foods)
        raw = json.dumps(body).encode()
        body_bytes = len(raw)
        user = f"batch-{n}"
        _put_user(http, headers, user)
        t0 = time.perf_counter()
        r = http.post(
            f"/v1/users/{user}/meals/batch",
            content=raw,
            headers={**headers, "content-type": "application/json"},
        )
        seconds.append(time.perf_counter() - t0)
        if r.status_code != 201:
            raise SystemExit(f"batch refused: {r.status_code} {r.text[:300]}")
    return {
        "meals": MEALS,
        "items": ITEMS,
        "body_bytes": body_bytes,
        "seconds": [round(s, 3) for s in seconds],
        "max_s": round(max(seconds), 3),
        "target_max_s": MAX_BATCH_TARGET_S,
        "met": max(seconds) <= MAX_BATCH_TARGET_S,
    }


def _singles(http: Any, headers: dict[str, str], foods: list[str], seconds: float) -> list[float]:
    rng = random.Random(SEED + 1)
    latencies = []
    stop_at = time.perf_counter() + seconds
    now = datetime.now(UTC)
    while time.perf_counter() < stop_at:
        body = bench_meals.meal_body(
            rng=rng,
            foods=foods,
            eaten_at=now - timedelta(minutes=rng.randrange(9000)),
            kind="snack",
            note="single",
        )
        t0 = time.perf_counter()
        r = http.post("/v1/users/single/meals", json=body, headers=headers)
        latencies.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 201:
            raise SystemExit(f"single write refused: {r.status_code} {r.text[:300]}")
    return latencies


def bench_fairness(base_url: str, url: str, foods: list[str], seconds: float) -> dict[str, Any]:
    import httpx

    with httpx.Client(base_url=base_url, timeout=120) as http:
        b_headers = _tenant(http, url, "bench-tenant-b")
        _put_user(http, b_headers, "single")
        alone = _singles(http, b_headers, foods, seconds / 2)

    stop = threading.Event()
    batch_times: list[float] = []

    def tenant_a() -> None:
        rng = random.Random(SEED + 2)
        with httpx.Client(base_url=base_url, timeout=120) as http:
            headers = _tenant(http, url, "bench-tenant-a")
            n = 0
            while not stop.is_set():
                user = f"a-{n}"
                n += 1
                _put_user(http, headers, user)
                t0 = time.perf_counter()
                r = http.post(
                    f"/v1/users/{user}/meals/batch", json=max_batch(rng, foods), headers=headers
                )
                batch_times.append(time.perf_counter() - t0)
                r.raise_for_status()

    runner = threading.Thread(target=tenant_a)
    runner.start()
    time.sleep(1.0)  # the first batch is under way
    try:
        with httpx.Client(base_url=base_url, timeout=120) as http:
            loaded = _singles(http, b_headers, foods, seconds)
    finally:
        stop.set()
        runner.join()
    under = common.percentiles(loaded)
    return {
        "seconds": seconds,
        "b_alone_ms": common.percentiles(alone),
        "b_under_batches_ms": under,
        "a_batches": len(batch_times),
        "a_batch_s_max": round(max(batch_times), 3) if batch_times else None,
        "target_p99_ms": STALL_TARGET_P99_MS,
        "met": under["p99_ms"] <= STALL_TARGET_P99_MS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    import httpx

    url = args.database_url
    if url is None:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='crampfood-batch-')) / 'bench.sqlite3'}"
    elif url.startswith("postgresql"):
        bench_meals.ensure_postgres_database(url)
    backend = bench_meals.backend_of(url)
    foods = bench_meals.prepare_database(url)
    with common.serve(database_url=url) as server:
        server.wait_healthy()
        with httpx.Client(base_url=server.base_url, timeout=120) as http:
            batch = bench_max_batch(http, url, foods, args.batches)
        fairness = bench_fairness(server.base_url, url, foods, args.seconds)
    load = common.machine()["load_average_1_5_15"]
    print(f"{backend}: maximum batch ({MEALS} meals, {ITEMS} items, {batch['body_bytes']} bytes)")
    print(
        f"  server time per batch: {batch['seconds']} s; max {batch['max_s']} s "
        f"(target <= {MAX_BATCH_TARGET_S} s: {'met' if batch['met'] else 'NOT met'})"
    )
    under = fairness["b_under_batches_ms"]
    print(f"{backend}: tenant B's single writes while tenant A sends maximum batches")
    common.print_table(
        [{"case": "B alone", **fairness["b_alone_ms"]}, {"case": "B under A", **under}],
        columns=["case", "n", "p50_ms", "p95_ms", "p99_ms", "max_ms"],
    )
    print(
        f"  p99 {under['p99_ms']} ms (target <= {STALL_TARGET_P99_MS:.0f} ms: "
        f"{'met' if fairness['met'] else 'NOT met'}); A sent {fairness['a_batches']} batches, "
        f"slowest {fairness['a_batch_s_max']} s; load average {load}"
    )
    path = common.write_result(f"bench_batch_{backend}", {"max_batch": batch, "fairness": fairness})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
