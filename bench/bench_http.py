"""HTTP throughput of one uvicorn worker: ``python bench/bench_http.py [--database-url URL]``.

Starts ``python -m api serve`` (one worker) on a free loopback port against an empty
database (a temporary SQLite file by default) and times the first start (launch until
/health answers, food import and catalog build included); stops it, starts it again (the
restart time), creates a key with ``python -m api keys create bench``, then drives the
restarted server with a closed-loop load generator (wrk when installed, else a separate
asyncio + httpx process): first the trivial ``GET /health``, then ``GET /v1/foods?q=...``
over a realistic query mix. Reports requests/s, latency percentiles, search_rps /
trivial_rps, the server's RSS (after the first start, after the restart, after the first
requests, after the load) and the importer's own timing from
``python -m api import --force``. Writes bench/results/bench_http[_<backend>].json.

PostgreSQL: ``--database-url postgresql+psycopg://postgres@127.0.0.1:5432/crampfood_bench``;
the database is created when missing, and ``--fresh`` drops and recreates it first so the
start-up import is measured on an empty database.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

SEED = 20240611
DEFAULT_PG_DATABASE = "crampfood_bench"


def ensure_postgres_database(*, url: str, fresh: bool) -> None:
    """Create the PostgreSQL database named in ``url`` if missing (drop it first if ``fresh``)."""
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = parsed.database
    if not name:
        raise SystemExit("the PostgreSQL URL must name a database")
    admin = parsed.set(drivername="postgresql", database="postgres")
    conninfo = admin.render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        if fresh:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def backend_of(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def run(*, database_url: str, seconds: float, connections: int, tool: str) -> dict[str, Any]:
    """The whole measurement on ``database_url``; returns the result document."""
    result: dict[str, Any] = {"backend": backend_of(database_url), "workers": 1}
    with common.serve(database_url=database_url) as server:
        result["first_start_s"] = round(server.wait_healthy(), 2)
        result["rss_kib_after_first_start"] = common.rss_kib(server.pid)
    # Load the restarted server: that is the steady state (the first start also carries the
    # importer's garbage in its heap).
    with common.serve(database_url=database_url) as server:
        result["restart_s"] = round(server.wait_healthy(), 2)
        result["rss_kib_after_start"] = common.rss_kib(server.pid)
        key = common.create_key(database_url=database_url, name="bench")
        headers = {"Authorization": f"Bearer {key}"}
        paths = common.search_paths(seed=SEED, count=500)

        # First requests: every query of the mix once, so caches and lazy imports are warm.
        started = time.perf_counter()
        for path in paths:
            common.get(server.base_url + path, headers=headers)
        result["warmup_s"] = round(time.perf_counter() - started, 2)
        result["rss_kib_after_first_requests"] = common.rss_kib(server.pid)

        runs: dict[str, common.LoadResult] = {}
        for name, endpoint_paths in (("trivial /health", ["/health"]), ("search /v1/foods", paths)):
            runs[name] = common.load(
                base_url=server.base_url,
                paths=endpoint_paths,
                headers=headers,
                seconds=seconds,
                connections=connections,
                tool=tool,
            )
        result["rss_kib_after_load"] = common.rss_kib(server.pid)
    trivial, search = runs["trivial /health"], runs["search /v1/foods"]
    result["load"] = {name: r.as_dict() for name, r in runs.items()}
    result["search_over_trivial_rps"] = round(search.rps / trivial.rps, 3)
    result["distinct_queries"] = len(set(paths))

    forced = common.run_cli(["import", "--force"], database_url=database_url)
    result["importer_says"] = forced.stdout.strip()
    return result


def main() -> None:
    """Parse options, run, print the table and write the JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--fresh", action="store_true", help="PostgreSQL: drop and recreate first")
    parser.add_argument("--seconds", type=float, default=10, help="load time per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="crampfood-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        if url.startswith("postgresql"):
            ensure_postgres_database(url=url, fresh=args.fresh)
        result = run(
            database_url=url, seconds=args.seconds, connections=args.connections, tool=args.tool
        )
    result["database_url"] = url if args.database_url else "sqlite:///<temporary file>"

    rows = []
    for name, r in result["load"].items():
        rows.append(
            {
                "endpoint": name,
                "rps": r["rps"],
                "requests": r["requests"],
                **r["latency_ms"],
                "errors": sum(r["errors"].values()),
            }
        )
    tool = result["load"]["trivial /health"]["tool"]
    print(
        f"backend: {result['backend']}  workers: 1  load generator: {tool}"
        f"  connections: {args.connections}  seconds per endpoint: {args.seconds:g}"
    )
    common.print_table(
        rows,
        columns=["endpoint", "rps", "requests", "p50_ms", "p95_ms", "p99_ms", "max_ms", "errors"],
    )
    print(f"search_rps / trivial_rps: {result['search_over_trivial_rps']:.3f}")
    print(f"first start (launch -> /health, empty database): {result['first_start_s']:.1f} s")
    print(f"restart (launch -> /health, data imported): {result['restart_s']:.1f} s")
    print(f"importer (python -m api import --force): {result['importer_says']}")
    for when in ("after_first_start", "after_start", "after_first_requests", "after_load"):
        kib = result[f"rss_kib_{when}"]
        print(f"server RSS {when.replace('_', ' ')}: {kib / 1024:.0f} MiB" if kib else "-")
    name = "bench_http" if result["backend"] == "sqlite" else f"bench_http_{result['backend']}"
    print(f"wrote {common.write_result(name, result)}")
    if any(r["errors"] for r in result["load"].values()):
        raise SystemExit("some requests failed: the figures are not valid")


if __name__ == "__main__":
    main()
