"""Shared helpers for the benchmarks: percentiles, tables, JSON results, a served API, load.

The bench scripts import this module as ``common`` (they run as ``python bench/<name>.py``,
which puts ``bench/`` on the import path). Results go to ``bench/results/<name>.json``.

Load generation uses ``wrk`` when it is installed (a lua script adds the API key and walks
a list of paths) and otherwise a Python asyncio + httpx client started as a separate
process (``python bench/common.py load ...``), so the generator never shares the server's
interpreter. Both are closed-loop: ``connections`` requests in flight at any time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Fallback query mix, used only when bench/bench_search.py (the index benchmark's own
# realistic mix) cannot be imported.
_OWN_PLAIN = ("banana", "milk", "spinach", "yogurt", "almonds", "salmon", "potato", "lentils")
_OWN_MULTI = ("greek yogurt", "orange juice", "black beans", "sweet potato", "peanut butter")
_OWN_TYPOS = ("bannana", "brocoli", "yoghurt", "avacado", "spinnach")
_OWN_PLURALS = ("bananas", "potatoes", "apples", "berries")


# -- statistics and output ------------------------------------------------------------


def percentiles(samples_ms: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max/mean of latencies in milliseconds (inclusive method; n >= 2)."""
    ordered = sorted(samples_ms)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "n": len(ordered),
        "p50_ms": round(cuts[49], 4),
        "p95_ms": round(cuts[94], 4),
        "p99_ms": round(cuts[98], 4),
        "max_ms": round(ordered[-1], 4),
        "mean_ms": round(statistics.fmean(ordered), 4),
    }


def print_table(rows: Sequence[Mapping[str, Any]], *, columns: Sequence[str]) -> None:
    """Print ``rows`` as an aligned text table with the given columns."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    for line in [list(columns), *cells]:
        # First column left-aligned (names), the rest right-aligned (numbers).
        pairs = enumerate(zip(line, widths, strict=True))
        padded = [v.rjust(w) if i else v.ljust(w) for i, (v, w) in pairs]
        print("  ".join(padded))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        # Other work on the machine skews tail latencies; the load shows whether it was busy.
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def write_result(name: str, data: Mapping[str, Any]) -> Path:
    """Write ``data`` (plus machine and time stamp) to bench/results/<name>.json."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {
        "bench": name,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **data,
    }
    path.write_text(json.dumps(payload, indent=2) + "\n")
    return path


# -- workloads ------------------------------------------------------------------------


def search_queries(*, seed: int, count: int) -> list[str]:
    """A seeded, realistic mix of what people type into food search.

    Reuses bench/bench_search.py's query lists when present (plain names, multi-word,
    typos, plurals) and adds 1-4 letter as-you-type prefixes of them.
    """
    try:
        import bench_search

        plain = tuple(bench_search.PLAIN)
        multi = tuple(bench_search.MULTI)
        typos = tuple(bench_search.TYPOS)
        plurals = tuple(bench_search.PLURALS)
    except (ImportError, AttributeError):
        plain, multi, typos, plurals = _OWN_PLAIN, _OWN_MULTI, _OWN_TYPOS, _OWN_PLURALS
    rng = random.Random(seed)
    weighted = [(plain, 30), (multi, 20), (typos, 15), (plurals, 10)]
    queries: list[str] = []
    for words, share in weighted:
        queries += rng.choices(words, k=count * share // 100)
    prefixes = rng.choices(plain + multi, k=count - len(queries))
    queries += [w[: rng.randint(1, 4)] for w in prefixes]
    rng.shuffle(queries)
    return queries


def search_paths(*, seed: int, count: int) -> list[str]:
    """``/v1/foods?q=...`` paths over :func:`search_queries`."""
    return [f"/v1/foods?q={quote(q)}" for q in search_queries(seed=seed, count=count)]


# -- a served API -----------------------------------------------------------------------


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_kib(pid: int) -> int | None:
    """Resident set size of process ``pid`` in KiB (Linux /proc), None when unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def api_env(database_url: str) -> dict[str, str]:
    """The environment for an API process on ``database_url``."""
    env = dict(os.environ)
    env["CRAMPFOOD_DATABASE_URL"] = database_url
    # Benchmarks load one API key far past any fair-use limit: off unless asked for.
    env.setdefault("CRAMPFOOD_RATE_LIMIT", "off")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run_cli(args: Sequence[str], *, database_url: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m api <args>`` on ``database_url``; raise if it fails."""
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        env=api_env(database_url),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )


def create_key(*, database_url: str, name: str = "bench") -> str:
    """A new API key from ``python -m api keys create``."""
    return run_cli(["keys", "create", name], database_url=database_url).stdout.strip()


def get(url: str, *, headers: Mapping[str, str] | None = None, timeout: float = 5) -> bytes:
    """One blocking GET; raises on a non-2xx status."""
    request = urllib.request.Request(url, headers=dict(headers or {}))
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body: bytes = response.read()
        return body


@dataclass
class Server:
    """A ``python -m api serve`` process with one worker."""

    process: subprocess.Popen[bytes]
    base_url: str
    launched: float
    log_path: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_healthy(self, *, timeout: float = 180) -> float:
        """Block until /health answers 200; return seconds since launch."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited early; log:\n{self.log_path.read_text()[-3000:]}"
                )
            try:
                get(f"{self.base_url}/health", timeout=1)
                return time.perf_counter() - self.launched
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        raise TimeoutError(f"/health did not answer within {timeout} s")


@contextmanager
def serve(*, database_url: str, port: int | None = None, workers: int = 1) -> Iterator[Server]:
    """Start the API on loopback (``workers`` uvicorn workers); stop it on exit."""
    port = port or free_port()
    log_dir = Path(tempfile.mkdtemp(prefix="crampfood-bench-"))
    log_path = log_dir / "server.log"
    with log_path.open("wb") as log:
        launched = time.perf_counter()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "api",
                "serve",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            env=api_env(database_url),
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield Server(process, f"http://127.0.0.1:{port}", launched, log_path)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    shutil.rmtree(log_dir, ignore_errors=True)


# -- load generation --------------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    """What a closed-loop load run measured."""

    tool: str
    connections: int
    seconds: float
    requests: int
    rps: float
    latency_ms: dict[str, float]
    errors: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_WRK_SCRIPT = """\
local paths = {%(paths)s}
local bodies = {%(bodies)s}
local counter = 0
local threads = {}
wrk.headers["Authorization"] = %(auth)s
if #bodies > 0 then
  wrk.headers["Content-Type"] = "application/json"
end

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  local i = (counter %% #paths) + 1
  if #bodies > 0 then
    return wrk.format("POST", paths[i], nil, bodies[i])
  end
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_JSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50\\": %%d, \\"p95\\": %%d, " ..
    "\\"p99\\": %%d, \\"max\\": %%d, \\"mean\\": %%f, \\"connect\\": %%d, \\"read\\": %%d, " ..
    "\\"write\\": %%d, \\"status\\": %%d, \\"timeout\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.status,
    e.timeout))
end
"""


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk_load(
    *,
    base_url: str,
    paths: Sequence[str],
    headers: Mapping[str, str],
    seconds: float,
    connections: int,
    threads: int = 1,
    bodies: Sequence[str] = (),
) -> LoadResult:
    """Closed-loop load with wrk over ``paths`` (round robin); latencies from wrk.

    With ``bodies`` (one JSON text per path) each request is a POST of that body.
    """
    auth = headers.get("Authorization", "")
    script = _WRK_SCRIPT % {
        "paths": ", ".join(_lua_string(p) for p in paths),
        "bodies": ", ".join(_lua_string(b) for b in bodies),
        "auth": _lua_string(auth),
    }
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
        script_path = f.name
    try:
        completed = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "-s",
                script_path,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(script_path)
    line = next(x for x in completed.stdout.splitlines() if x.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    duration = raw["duration_us"] / 1e6
    errors = {k: int(raw[k]) for k in ("connect", "read", "write", "status", "timeout") if raw[k]}
    return LoadResult(
        tool="wrk",
        connections=connections,
        seconds=round(duration, 3),
        requests=int(raw["requests"]),
        rps=round(raw["requests"] / duration, 1),
        latency_ms={
            "p50_ms": raw["p50"] / 1000,
            "p95_ms": raw["p95"] / 1000,
            "p99_ms": raw["p99"] / 1000,
            "max_ms": raw["max"] / 1000,
            "mean_ms": round(raw["mean"] / 1000, 4),
        },
        errors=errors,
    )


def python_load(
    *,
    base_url: str,
    paths: Sequence[str],
    headers: Mapping[str, str],
    seconds: float,
    connections: int,
    bodies: Sequence[str] = (),
) -> LoadResult:
    """Closed-loop load from a separate Python process (asyncio + httpx); with ``bodies``
    (one JSON text per path) each request is a POST of that body."""
    spec = {
        "base_url": base_url,
        "paths": list(paths),
        "bodies": list(bodies),
        "headers": dict(headers),
        "seconds": seconds,
        "connections": connections,
    }
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "load"],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        check=True,
    )
    return LoadResult(**json.loads(completed.stdout))


def load(
    *,
    base_url: str,
    paths: Sequence[str],
    headers: Mapping[str, str],
    seconds: float,
    connections: int,
    tool: str = "auto",
    bodies: Sequence[str] = (),
) -> LoadResult:
    """Run closed-loop load with ``tool`` ("wrk", "python", or "auto": wrk when installed).

    ``bodies``, when given, are JSON texts POSTed to the matching ``paths`` (same length).
    """
    if bodies and len(bodies) != len(paths):
        raise ValueError("give one body per path")
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "python"
    run = wrk_load if tool == "wrk" else python_load
    return run(
        base_url=base_url,
        paths=paths,
        headers=headers,
        seconds=seconds,
        connections=connections,
        bodies=bodies,
    )


async def _python_load_async(spec: dict[str, Any]) -> LoadResult:
    import httpx

    paths: list[str] = spec["paths"]
    bodies: list[str] = spec.get("bodies") or []
    connections: int = spec["connections"]
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(
        base_url=spec["base_url"], headers=spec["headers"], limits=limits, timeout=10
    ) as client:
        started = time.perf_counter()
        stop_at = started + float(spec["seconds"])

        async def worker(offset: int) -> None:
            i = offset
            while time.perf_counter() < stop_at:
                t0 = time.perf_counter()
                try:
                    at = i % len(paths)
                    if bodies:
                        response = await client.post(
                            paths[at],
                            content=bodies[at],
                            headers={"Content-Type": "application/json"},
                        )
                    else:
                        response = await client.get(paths[at])
                    key = "status" if response.status_code >= 400 else ""
                except httpx.HTTPError:
                    key = "read"
                latencies.append((time.perf_counter() - t0) * 1000)
                if key:
                    statuses[key] = statuses.get(key, 0) + 1
                i += 1

        await asyncio.gather(*(worker(n * 7919) for n in range(connections)))
        elapsed = time.perf_counter() - started
    return LoadResult(
        tool="python-httpx",
        connections=connections,
        seconds=round(elapsed, 3),
        requests=len(latencies),
        rps=round(len(latencies) / elapsed, 1),
        latency_ms={k: v for k, v in percentiles(latencies).items() if k != "n"},
        errors=statuses,
    )


def _main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="bench helpers (internal entry points)")
    parser.add_argument("command", choices=["load"])
    parser.parse_args(argv)
    spec = json.loads(sys.stdin.read())
    result = asyncio.run(_python_load_async(spec))
    print(json.dumps(result.as_dict()))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
