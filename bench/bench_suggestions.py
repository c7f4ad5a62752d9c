"""Suggestions latency and throughput: ``python bench/bench_suggestions.py [--database-url URL]``.

Builds (or reuses) a database with the shipped food data, an API key made by
``python -m api keys create bench``, one user with two years of realistic logs (4 meals a
day, 3 items each, ending today; foods picked from catalog search results for everyday
foods) and one user with no logs. Then it measures:

1. ``GET /v1/users/{id}/suggestions?days=7&limit=10`` in-process (starlette TestClient on
   ``create_app`` with a prebuilt catalog): p50/p95/p99 over ``--requests`` calls, target
   p99 <= 20 ms;
2. the same with ``plan=true``, with ``plan=true&max_kcal=600``, and for the user without
   logs: target p99 <= 200 ms;
3. a per-stage breakdown (queries, gaps, ranking, swaps, plan, serialisation) so a miss can be
   placed; with a miss, a cProfile of that case is written next to the results;
4. HTTP throughput of ONE uvicorn worker (``python -m api serve``) on loopback for the
   suggestions endpoint and for ``GET /health`` in the same run, same load generator and
   concurrency (``bench/common.py``: wrk when installed, else a separate asyncio + httpx
   process); requests/s of both and the ratio.

Default database: a fresh SQLite file in a temporary directory. PostgreSQL:
``--database-url postgresql+psycopg://postgres@127.0.0.1:5432/crampfood_bench_sugg`` (the
database is created when missing; the bench users are replaced on every run). Results go to
``bench/results/bench_suggestions_<backend>.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import common  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from api.app import create_app  # noqa: E402
from api.routes.suggestions import SWAP_HISTORY_DAYS, get_suggestions  # noqa: E402
from api.services.catalog import Catalog  # noqa: E402
from api.services.profiles import to_profile  # noqa: E402
from api.services.suggestions import SuggestionRequest, build_suggestions, window_gaps  # noqa: E402
from api.services.windows import local_bound, local_today  # noqa: E402
from api.settings import Settings  # noqa: E402
from api.store.engine import create_tables, make_engine  # noqa: E402
from api.store.keys import client_for_key  # noqa: E402
from api.store.models import Client  # noqa: E402
from api.store.queries.foods import load_foods  # noqa: E402
from api.store.queries.intake import food_counts, logged_items  # noqa: E402
from api.store.queries.users import get_user  # noqa: E402
from food_data.importer import import_foods  # noqa: E402
from nutrition.cramps.advice import potassium_restricted  # noqa: E402
from nutrition.recommend.plan import plan  # noqa: E402
from nutrition.recommend.score import rank  # noqa: E402
from nutrition.recommend.swaps import swaps  # noqa: E402

RESULTS = ROOT / "bench" / "results"
LOGGED_USER = "bench-2y"
EMPTY_USER = "bench-nologs"
CLIENT_NAME = "bench"
TIMEZONE = "Europe/Berlin"
DAYS = 730
TARGET_P99_MS = 20.0
TARGET_PLAN_P99_MS = 200.0

# Everyday foods per meal as (search query, grams eaten). The grams are ordinary serving
# sizes for a plausible diet, not nutrient data: amounts come from the catalog.
MEAL_FOODS: dict[str, tuple[tuple[str, float], ...]] = {
    "breakfast": (
        ("oatmeal", 234.0),
        ("low fat milk", 244.0),
        ("banana", 118.0),
        ("greek yogurt", 170.0),
        ("whole wheat bread", 64.0),
        ("egg", 100.0),
        ("orange juice", 248.0),
        ("coffee", 240.0),
        ("cheddar cheese", 28.0),
    ),
    "lunch": (
        ("chicken breast", 120.0),
        ("brown rice", 195.0),
        ("broccoli", 90.0),
        ("tomato", 120.0),
        ("black beans", 170.0),
        ("tuna", 85.0),
        ("whole wheat bread", 64.0),
        ("lettuce", 50.0),
        ("cheddar cheese", 28.0),
    ),
    "dinner": (
        ("salmon", 150.0),
        ("sweet potato", 150.0),
        ("spinach", 90.0),
        ("pasta", 140.0),
        ("beef", 120.0),
        ("baked potato with skin", 170.0),
        ("carrots", 80.0),
        ("lentils", 198.0),
        ("tofu", 126.0),
    ),
    "snack": (
        ("apple", 182.0),
        ("almonds", 28.0),
        ("yogurt", 170.0),
        ("peanut butter", 32.0),
        ("raisins", 40.0),
        ("kiwi", 75.0),
        ("dark chocolate", 30.0),
        ("cashews", 28.0),
        ("orange", 130.0),
    ),
}
MEAL_TIMES = {"breakfast": (7, 30), "lunch": (12, 30), "snack": (16, 0), "dinner": (19, 15)}
BATCH = 500


@dataclass(frozen=True, slots=True)
class Latency:
    """Latency summary of one case, in milliseconds."""

    n: int
    p50: float
    p95: float
    p99: float
    max: float
    mean: float
    cpu_ms: float | None
    target_p99: float | None
    met: bool | None


def summarize(
    samples: list[float], *, target: float | None = None, cpu_ms: float | None = None
) -> Latency:
    """p50/p95/p99/max/mean of ``samples`` (ms); ``met`` compares p99 with ``target``."""
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return Latency(
        n=len(samples),
        p50=cuts[49],
        p95=cuts[94],
        p99=cuts[98],
        max=ordered[-1],
        mean=statistics.fmean(samples),
        cpu_ms=cpu_ms,
        target_p99=target,
        met=None if target is None else cuts[98] <= target,
    )


# -- database set-up -----------------------------------------------------------------------


def ensure_postgres_database(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` when it does not exist (autocommit)."""
    import psycopg

    parsed = make_url(url)
    name = parsed.database
    assert name
    admin = parsed.set(drivername="postgresql", database="postgres")
    dsn = admin.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def pick_foods(catalog: Catalog) -> dict[str, list[tuple[str, str, float]]]:
    """Per meal kind: (query, food id of the best search hit, grams)."""
    picked: dict[str, list[tuple[str, str, float]]] = {}
    for kind, foods in MEAL_FOODS.items():
        picked[kind] = []
        for query, grams in foods:
            ids = catalog.search.search(query=query, limit=1).ids
            if ids:
                picked[kind].append((query, ids[0], grams))
    return picked


def build_meals(
    *, foods: dict[str, list[tuple[str, str, float]]], today: date, seed: int = 7
) -> list[dict[str, Any]]:
    """Four meals a day of three distinct foods each for ``DAYS`` days ending ``today``."""
    rng = random.Random(seed)
    tz = ZoneInfo(TIMEZONE)
    meals: list[dict[str, Any]] = []
    for back in range(DAYS - 1, -1, -1):
        day = today - timedelta(days=back)
        for kind, (hour, minute) in MEAL_TIMES.items():
            eaten = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
            eaten += timedelta(minutes=rng.randint(-40, 40))
            items = [
                {"food_id": food_id, "grams": round(grams * rng.uniform(0.7, 1.4), 1)}
                for _, food_id, grams in rng.sample(foods[kind], 3)
            ]
            meals.append({"eaten_at": eaten.isoformat(), "meal": kind, "items": items})
    return meals


def load_users(tc: TestClient, headers: dict[str, str], meals: list[dict[str, Any]]) -> float:
    """(Re)create both bench users and post the logs in batches; returns seconds spent."""
    for user, body in (
        (LOGGED_USER, {"sex": "female", "age": 58, "timezone": TIMEZONE}),
        (EMPTY_USER, {"sex": "male", "age": 45, "timezone": "America/New_York"}),
    ):
        tc.delete(f"/v1/users/{user}", headers=headers)  # 404 on a fresh database
        r = tc.put(f"/v1/users/{user}", json=body, headers=headers)
        r.raise_for_status()
    started = time.perf_counter()
    for i in range(0, len(meals), BATCH):
        r = tc.post(
            f"/v1/users/{LOGGED_USER}/meals/batch",
            json={"meals": meals[i : i + BATCH]},
            headers=headers,
        )
        if r.status_code != 201:
            raise SystemExit(f"batch {i // BATCH} failed: {r.status_code} {r.text[:500]}")
    return time.perf_counter() - started


# -- in-process latency --------------------------------------------------------------------


def time_requests(
    tc: TestClient, url: str, headers: dict[str, str], *, n: int, warmup: int = 10
) -> tuple[list[float], float]:
    """Wall milliseconds of ``n`` sequential GETs of ``url`` (after ``warmup`` untimed ones),
    and the process CPU milliseconds per request (robust to other load on the machine).

    A ``{i}`` in ``url`` is replaced by a number unique to each request, so requests that
    would otherwise repeat (and hit the plan cache) are all different.
    """
    for w in range(warmup):
        tc.get(url.replace("{i}", str(3000 + w)), headers=headers).raise_for_status()
    samples: list[float] = []
    cpu0 = time.process_time()
    for i in range(n):
        t0 = time.perf_counter()
        r = tc.get(url.replace("{i}", str(600 + i)), headers=headers)
        samples.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url}: {r.status_code} {r.text[:500]}")
    return samples, (time.process_time() - cpu0) * 1000 / n


def stage_breakdown(
    engine: Any, catalog: Catalog, *, client_id: int, user_id: str, reps: int
) -> dict[str, Latency]:
    """Each stage of the suggestions route timed on its own, ``reps`` times (ms)."""
    timings: dict[str, list[float]] = {}

    def timed(name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        out = fn(*args, **kwargs)
        timings.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
        return out

    m = catalog.matrix
    for _ in range(reps):
        with Session(engine, expire_on_commit=False) as session:
            user = timed("get_user", get_user, session, client_id=client_id, user_id=user_id)
            tz = user.timezone
            end = local_today(tz)
            start = end - timedelta(days=6)
            upto = local_bound(end, tz, end=True)
            since = local_bound(start, tz, end=False)
            hist = local_bound(end - timedelta(days=SWAP_HISTORY_DAYS - 1), tz, end=False)
            items = timed(
                "logged_items (7 d)", logged_items, session, user=user, start=since, end=upto
            )
            counts = timed(
                "food_counts (30 d)", food_counts, session, user=user, start=hist, end=upto
            )
        profile = to_profile(user, today=end)
        found, _ = timed(
            "window_gaps",
            window_gaps,
            profile=profile,
            items=items,
            tz_name=tz,
            start=start,
            end=end,
        )
        restricted = potassium_restricted(profile)
        timed(
            "rank",
            rank,
            matrix=m,
            gaps=found,
            profile=profile,
            limit=10,
            potassium_restricted=restricted,
        )
        timed("swaps", swaps, matrix=m, logged_counts=counts, gaps=found, profile=profile)
        timed("plan", plan, matrix=m, gaps=found, profile=profile, max_kcal=None)
        timed("plan max_kcal=600", plan, matrix=m, gaps=found, profile=profile, max_kcal=600.0)
        request = SuggestionRequest(
            profile=profile,
            start=start,
            end=end,
            tz_name=tz,
            items=items,
            logged_counts=counts,
            limit=10,
            max_kcal=None,
            with_plan=False,
        )
        answer = timed("build_suggestions (no plan)", build_suggestions, request, catalog)
        timed("serialise (model_dump_json)", answer.model_dump_json, by_alias=True)
    return {name: summarize(samples) for name, samples in timings.items()}


def profile_route(
    engine: Any,
    catalog: Catalog,
    *,
    key: str,
    user_id: str,
    query: dict[str, Any],
    n: int,
    out: Path,
) -> list[str]:
    """cProfile ``n`` direct calls of the route function (TestClient runs the route in a worker
    thread cProfile cannot see); writes the full listing, returns the top lines by own time."""
    prof = cProfile.Profile()
    for _ in range(n):
        with Session(engine, expire_on_commit=False) as session:
            client = _client(session, key)
            prof.enable()
            get_suggestions(
                user_id=user_id, client=client, session=session, catalog=catalog, **query
            )
            prof.disable()
    text: list[str] = []
    for order in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(order).print_stats(35)
        text.append(
            f"== sorted by {order} ({n} direct calls, {user_id}, {query})\n{buf.getvalue()}"
        )
    out.write_text("\n".join(text))
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime").print_stats(12)
    return [ln.strip() for ln in buf.getvalue().splitlines() if re.match(r"\s+\d", ln)][:13]


# -- HTTP throughput -----------------------------------------------------------------------


def http_throughput(*, url: str, key: str, seconds: int, connections: int) -> dict[str, Any]:
    """Requests/s of /health and of the suggestions endpoint on one worker, and the ratio.

    Server and load generator come from ``bench/common.py`` (``python -m api serve``; wrk when
    installed), so the figures compare with ``bench_http.py``'s.
    """
    auth = {"Authorization": f"Bearer {key}"}
    sugg = f"/v1/users/{LOGGED_USER}/suggestions?days=7&limit=10"
    with common.serve(database_url=url) as srv:
        startup_s = srv.wait_healthy()
        for path in (sugg, "/health"):  # warm both paths (first-call imports, caches)
            for _ in range(5):
                common.get(srv.base_url + path, headers=auth, timeout=30)
        runs = {
            name: common.load(
                base_url=srv.base_url,
                paths=[path],
                headers=auth,
                seconds=seconds,
                connections=connections,
            ).as_dict()
            for name, path in (("health", "/health"), ("suggestions", sugg))
        }
    return {
        "workers": 1,
        "startup_seconds": round(startup_s, 2),
        **runs,
        "ratio_suggestions_to_health": runs["suggestions"]["rps"] / runs["health"]["rps"],
    }


# -- main ----------------------------------------------------------------------------------


def backend_name(url: str) -> str:
    """``sqlite`` or ``postgresql``."""
    return make_url(url).get_backend_name()


def safe_url(url: str) -> str:
    """``url`` without a password."""
    return make_url(url).render_as_string(hide_password=True)


def print_table(title: str, rows: dict[str, Latency]) -> None:
    """One latency table (ms)."""
    print(f"\n{title}")
    print(f"{'case':<34}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}{'cpu/req':>9}  target p99")
    for name, s in rows.items():
        target = (
            ""
            if s.target_p99 is None
            else f"<= {s.target_p99:g}: " + ("met" if s.met else "MISSED")
        )
        cpu = "" if s.cpu_ms is None else f"{s.cpu_ms:.2f}"
        print(
            f"{name:<34}{s.n:>6}{s.p50:>9.2f}{s.p95:>9.2f}{s.p99:>9.2f}{s.max:>9.2f}{cpu:>9}"
            f"  {target}"
        )


def main(argv: list[str] | None = None) -> int:
    """Set up, measure, print and save (see module doc)."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--database-url", help="default: a fresh SQLite file in a temp directory")
    p.add_argument("--requests", type=int, default=500, help="plain suggestion requests")
    p.add_argument("--plan-requests", type=int, default=200, help="requests per plan case")
    p.add_argument("--seconds", type=int, default=10, help="wrk duration per endpoint")
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--skip-http", action="store_true")
    p.add_argument("--profile", action="store_true", help="cProfile every case, not just misses")
    args = p.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench_sugg_"))
    url = args.database_url or f"sqlite:///{tmp / 'crampfood.sqlite3'}"
    backend = backend_name(url)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if backend == "postgresql":
        ensure_postgres_database(url)

    t0 = time.perf_counter()
    engine = make_engine(url)
    create_tables(engine)
    report = import_foods(engine, progress=False)
    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    catalog = Catalog.build(load_foods(engine))
    catalog_s = time.perf_counter() - t0
    key = common.create_key(database_url=url, name=CLIENT_NAME)
    headers = {"Authorization": f"Bearer {key}"}

    foods = pick_foods(catalog)
    today = datetime.now(ZoneInfo(TIMEZONE)).date()
    meals = build_meals(foods=foods, today=today)
    settings = Settings(database_url=url, auto_import=False)
    results: dict[str, Any] = {
        "backend": backend,
        "database_url": safe_url(url),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "loadavg_at_start": os.getloadavg(),
        },
        "setup": {
            "import_seconds": round(import_s, 2),
            "foods_imported": report.imported,
            "catalog_build_seconds": round(catalog_s, 2),
        },
        "foods": {k: [f"{q} -> {fid}" for q, fid, _ in v] for k, v in foods.items()},
    }
    print(f"backend: {backend}  ({safe_url(url)})  cpus: {os.cpu_count()}")
    print(f"setup: import {import_s:.1f} s (imported={report.imported}), catalog {catalog_s:.1f} s")

    base = f"/v1/users/{LOGGED_USER}/suggestions?days=7&limit=10"
    empty = f"/v1/users/{EMPTY_USER}/suggestions?days=7&limit=10"
    plain = {"days": 7, "limit": 10, "max_kcal": None, "plan": False}
    with_plan = {**plain, "plan": True}
    cases: dict[str, tuple[str, int, float, str, dict[str, Any]]] = {
        "suggestions days=7 limit=10": (base, args.requests, TARGET_P99_MS, LOGGED_USER, plain),
        "plan=true": (
            f"{base}&plan=true",
            args.plan_requests,
            TARGET_PLAN_P99_MS,
            LOGGED_USER,
            with_plan,
        ),
        "plan=true max_kcal=600": (
            f"{base}&plan=true&max_kcal=600",
            args.plan_requests,
            TARGET_PLAN_P99_MS,
            LOGGED_USER,
            {**with_plan, "max_kcal": 600.0},
        ),
        "plan=true uncached (max_kcal varies)": (
            f"{base}&plan=true&max_kcal={{i}}",
            args.plan_requests,
            TARGET_PLAN_P99_MS,
            LOGGED_USER,
            {**with_plan, "max_kcal": 700.0},
        ),
        "no logs: suggestions": (empty, args.plan_requests, TARGET_P99_MS, EMPTY_USER, plain),
        "no logs: plan=true uncached (max_kcal varies)": (
            f"{empty}&plan=true&max_kcal={{i}}",
            args.plan_requests,
            TARGET_PLAN_P99_MS,
            EMPTY_USER,
            {**with_plan, "max_kcal": 700.0},
        ),
        "no logs: plan=true": (
            f"{empty}&plan=true",
            args.plan_requests,
            TARGET_PLAN_P99_MS,
            EMPTY_USER,
            with_plan,
        ),
        "no logs: plan=true max_kcal=600": (
            f"{empty}&plan=true&max_kcal=600",
            args.plan_requests,
            TARGET_PLAN_P99_MS,
            EMPTY_USER,
            {**with_plan, "max_kcal": 600.0},
        ),
    }
    latency: dict[str, Latency] = {}
    profiles: dict[str, list[str]] = {}
    with TestClient(create_app(settings, catalog=catalog)) as tc:
        load_s = load_users(tc, headers, meals)
        items = sum(len(m["items"]) for m in meals)
        results["data"] = {
            "days": DAYS,
            "meals": len(meals),
            "items": items,
            "load_seconds": round(load_s, 2),
            "timezone": TIMEZONE,
        }
        print(
            f"logs: {len(meals)} meals, {items} items over {DAYS} days "
            f"(batch POSTs took {load_s:.1f} s)"
        )
        sample = tc.get(f"{base}&plan=true", headers=headers).json()
        results["sample_answer"] = {
            "window": sample["window"],
            "basis": sample["basis"],
            "gaps": {g["nutrient"]: g["status"] for g in sample["gaps"]},
            "suggestions": [s["food"]["description"] for s in sample["suggestions"]],
            "plan_status": sample["plan"]["status"],
            "plan_exact": sample["plan"]["exact"],
        }
        for name, (path, n, target, _, _) in cases.items():
            samples, cpu_ms = time_requests(tc, path, headers, n=n)
            latency[name] = summarize(samples, target=target, cpu_ms=cpu_ms)
        empty_plan = tc.get(f"{empty}&plan=true", headers=headers).json()["plan"]
        results["sample_answer"]["no_logs_plan"] = {
            k: empty_plan[k] for k in ("status", "exact", "energy_kcal")
        }
        with Session(engine) as session:
            client = _client(session, key)
            assert client.id is not None
            client_id = client.id
    for name, (_, n, _, user_id, query) in cases.items():
        if args.profile or not latency[name].met:
            slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
            out = RESULTS / f"bench_suggestions_{backend}_profile_{slug}.txt"
            profiles[name] = profile_route(
                engine, catalog, key=key, user_id=user_id, query=query, n=min(n, 100), out=out
            )
    stages = stage_breakdown(
        engine, catalog, client_id=client_id, user_id=LOGGED_USER, reps=min(args.requests, 100)
    )
    engine.dispose()
    print_table("in-process latency, ms (TestClient -> create_app)", latency)
    print_table("stages of one 2-year-user request, ms (called directly)", stages)
    for name, lines in profiles.items():
        print(f"\ncProfile of '{name}', route function called directly (top by own time):")
        for line in lines:
            print("  " + line.strip())
    results["latency_ms"] = {k: asdict(v) for k, v in latency.items()}
    results["stages_ms"] = {k: asdict(v) for k, v in stages.items()}
    results["profiles_top_tottime"] = profiles

    if not args.skip_http:
        http = http_throughput(url=url, key=key, seconds=args.seconds, connections=args.connections)
        results["http"] = http
        print(
            f"\nHTTP, one uvicorn worker (python -m api serve), {args.connections} connections, "
            f"{args.seconds} s each ({http['health']['tool']})"
        )
        print(f"{'endpoint':<30}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}  errors")
        for name in ("health", "suggestions"):
            h = http[name]
            lat = h["latency_ms"]
            print(
                f"{name:<30}{h['rps']:>10.1f}{lat['p50_ms']:>9.2f}{lat['p99_ms']:>9.2f}"
                f"  {h['errors'] or '-'}"
            )
        print(f"ratio suggestions / health: {http['ratio_suggestions_to_health']:.3f}")

    results["machine"]["loadavg_at_end"] = os.getloadavg()
    print(
        f"load average at start {results['machine']['loadavg_at_start']}, "
        f"at end {results['machine']['loadavg_at_end']} (other load skews wall times)"
    )
    out = RESULTS / f"bench_suggestions_{backend}.json"
    out.write_text(json.dumps(results, indent=2, default=str))
    print(f"\nwrote {out.relative_to(ROOT)}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _client(session: Session, key: str) -> Client:
    client = client_for_key(session, key)
    assert client is not None
    return client


if __name__ == "__main__":
    sys.exit(main())
