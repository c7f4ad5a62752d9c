"""Hand-written SVG against pygal and matplotlib for the report's two charts.

The same data (4 weeks of one nutrient with a thin week and an unlogged week, against its
target; 52 weeks of it; 28 days of cramps) drawn by ``api.views.charts`` and by each library
made to show the same things. Measured, per chart: the SVG's size (raw and gzipped), the time
to draw it (median and p99 of ``--runs`` runs, after a warm-up), and what a clarity check
finds: a ``<title>`` and a ``<desc>``, numbers kept as text (readable by a screen reader, a
search or pdftotext), no script and no outside reference (the report's CSP forbids both).
Also: each library's cold import time (a fresh interpreter, median of 5) and installed size.

pygal and matplotlib are not project dependencies; install them beside the project to run
this (in a virtual environment made with ``--system-site-packages``):
``pip install pygal matplotlib``. A library that is missing is reported as such.

    python bench/bench_charts.py [--runs 200]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata as md
import io
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import percentiles, print_table, write_result

from api.schemas.intake import TargetPublic
from api.schemas.report import CrampDay, NutrientReport, WeekIntake
from api.views.charts import cramp_chart, intake_chart

START = date(2025, 3, 3)
WIDTH, HEIGHT = 640, 300


def _week(k: int, amount: float | None, *, partial: bool = False) -> WeekIntake:
    return WeekIntake(
        start=START + timedelta(days=7 * k),
        end=START + timedelta(days=7 * k + 6),
        days=7,
        days_logged=0 if amount is None else 6,
        amount=amount,
        percent=None if amount is None else round(amount / 26, 1),
        status=None if amount is None else "below",
        partial=partial,
        coverage=None if amount is None else (0.54 if partial else 1.0),
    )


def _nutrient(weeks: list[WeekIntake]) -> NutrientReport:
    target = TargetPublic(
        amount=2600.0, unit="mg", kind="AI", upper=None, upper_kind=None, source="NASEM 2019"
    )
    return NutrientReport(
        key="potassium", label="Potassium", unit="mg", target=target, average=weeks[0], weeks=weeks
    )


FOUR_WEEKS = _nutrient(
    [_week(0, 2104.0), _week(1, 1230.0, partial=True), _week(2, None), _week(3, 2410.0)]
)
YEAR = _nutrient([_week(k, 1800.0 + 25 * (k % 9), partial=k % 7 == 3) for k in range(52)])
CRAMP_DAYS = [
    CrampDay(
        date=START + timedelta(days=i),
        episodes=1 if i in (2, 5, 9, 16, 22, 26) else 0,
        minutes={2: 2.0, 5: 5.0, 9: 3.0, 16: 20.0, 22: 4.0, 26: 6.0}.get(i, 0.0),
        worst_severity={2: 4, 5: 6, 9: 5, 16: 8, 22: 3, 26: 7}.get(i),
        sleep_disrupted=i in (5, 16, 26),
        red_flag=False,
    )
    for i in range(28)
]


# --- the three ways ----------------------------------------------------------------------


def hand_intake(n: NutrientReport) -> str:
    return intake_chart(n, width=WIDTH, height=HEIGHT, chart_id="k")


def hand_cramps() -> str:
    return cramp_chart(CRAMP_DAYS, width=WIDTH, height=HEIGHT, chart_id="c")


def pygal_intake(n: NutrientReport) -> str:
    import pygal

    chart = pygal.Bar(
        width=WIDTH,
        height=HEIGHT,
        title=f"{n.label}, {n.unit} a day",
        js=(),  # no outside scripts
        disable_xml_declaration=True,
        show_legend=True,
        print_values=True,
    )
    chart.x_labels = [f"{w.start:%d %b}" for w in n.weeks]
    chart.add(
        "average",
        [
            None
            if w.amount is None
            else {"value": w.amount, "color": "#56B4E9" if w.partial else "#0072B2"}
            for w in n.weeks
        ],
    )
    chart.add("target", [n.target.amount] * len(n.weeks), stroke_style={"dasharray": "6, 3"})
    return str(chart.render(is_unicode=True))


def pygal_cramps() -> str:
    import pygal

    chart = pygal.Bar(
        width=WIDTH, height=HEIGHT, title="Cramps by day", js=(), disable_xml_declaration=True
    )
    chart.x_labels = [f"{d.date:%d %b}" for d in CRAMP_DAYS]
    chart.add("worst severity", [d.worst_severity for d in CRAMP_DAYS])
    return str(chart.render(is_unicode=True))


def _mpl() -> Any:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text stays text (the default draws glyph paths)
    plt.rcParams["svg.hashsalt"] = "bench"
    return plt


def _mpl_svg(fig: Any, plt: Any) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg")
    plt.close(fig)
    return out.getvalue()


def mpl_intake(n: NutrientReport) -> str:
    plt = _mpl()
    fig, ax = plt.subplots(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    xs = list(range(len(n.weeks)))
    values = [w.amount or 0.0 for w in n.weeks]
    bars = ax.bar(
        xs,
        values,
        color=["white" if w.partial else "#0072B2" for w in n.weeks],
        edgecolor="#0072B2",
        hatch=None,
    )
    for bar, w in zip(bars, n.weeks, strict=True):
        if w.partial:
            bar.set_hatch("///")
    ax.axhline(n.target.amount, color="black", linestyle="--")
    ax.bar_label(bars, labels=["" if w.amount is None else f"{w.amount:,.0f}" for w in n.weeks])
    ax.set_xticks(xs, [f"{w.start:%d %b}" for w in n.weeks])
    ax.set_title(f"{n.label}, {n.unit} a day")
    fig.tight_layout()
    return _mpl_svg(fig, plt)


def mpl_cramps() -> str:
    plt = _mpl()
    fig, ax = plt.subplots(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
    xs = list(range(len(CRAMP_DAYS)))
    ax.bar(xs, [d.worst_severity or 0 for d in CRAMP_DAYS], color="#D55E00", edgecolor="black")
    ax.set_ylim(0, 10)
    ax.set_xticks(xs[::3], [f"{d.date:%d %b}" for d in CRAMP_DAYS][::3])
    ax.set_title("Cramps by day")
    fig.tight_layout()
    return _mpl_svg(fig, plt)


CHARTS: dict[str, dict[str, Callable[[], str]]] = {
    "hand-written": {
        "intake 4 weeks": lambda: hand_intake(FOUR_WEEKS),
        "intake 52 weeks": lambda: hand_intake(YEAR),
        "cramps 28 days": hand_cramps,
    },
    "pygal": {
        "intake 4 weeks": lambda: pygal_intake(FOUR_WEEKS),
        "intake 52 weeks": lambda: pygal_intake(YEAR),
        "cramps 28 days": pygal_cramps,
    },
    "matplotlib": {
        "intake 4 weeks": lambda: mpl_intake(FOUR_WEEKS),
        "intake 52 weeks": lambda: mpl_intake(YEAR),
        "cramps 28 days": mpl_cramps,
    },
}
MODULE = {"hand-written": None, "pygal": "pygal", "matplotlib": "matplotlib"}


def _available(module: str | None) -> bool:
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def clarity(svg: str, numbers: tuple[str, ...]) -> dict[str, Any]:
    """What a reader, a screen reader and the report's CSP would find in ``svg``: a title and
    a description, scripts (inline or not), references a viewer would fetch (``href``/``src``
    not to ``#`` or ``data:``, ``url()`` not to ``#``, ``@import``), and whether one of
    ``numbers`` is written as text."""
    fetched = re.findall(r"\b(?:xlink:)?(?:href|src)\s*=\s*[\"']([^\"']*)", svg)
    fetched = [u for u in fetched if not u.startswith(("#", "data:"))]
    fetched += re.findall(r"url\(\s*[\"']?(?!#)([^)\"']+)", svg) + re.findall(r"@import", svg)
    texts = re.sub(r"<[^>]+>", "", "".join(re.findall(r"<text[^>]*>.*?</text>", svg, re.S)))
    return {
        "title": "<title" in svg,
        "desc": "<desc" in svg,
        "script": "<script" in svg,
        "fetches": len(fetched),
        "number_as_text": any(n in texts for n in numbers),
    }


def cold_import_ms(module: str) -> float:
    """Median wall time of ``import module`` in a fresh interpreter (minus a bare start)."""

    def run(code: str) -> float:
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        return (time.perf_counter() - began) * 1000

    bare = statistics.median(run("pass") for _ in range(5))
    return statistics.median(run(f"import {module}") for _ in range(5)) - bare


def installed_mib(name: str) -> float:
    """Installed size of a distribution and the ones it requires that the project does not."""
    seen: set[str] = set()
    project = (
        {
            r.split(";")[0].split("[")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower()
            for r in (md.requires("crampfood") or [])
        }
        if _has("crampfood")
        else set()
    )

    def walk(dist_name: str) -> int:
        key = dist_name.lower().replace("_", "-")
        if key in seen:
            return 0
        seen.add(key)
        try:
            dist = md.distribution(dist_name)
        except md.PackageNotFoundError:
            return 0
        size = sum(f.size or 0 for f in dist.files or [])
        for req in dist.requires or []:
            if "extra ==" in req:
                continue
            dep = re.split(r"[\s;<>=!~\[(]", req, maxsplit=1)[0]
            if dep.lower() not in project:
                size += walk(dep)
        return size

    return walk(name) / 2**20


def _has(name: str) -> bool:
    try:
        md.distribution(name)
    except md.PackageNotFoundError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    libraries: list[dict[str, Any]] = []
    for way, charts in CHARTS.items():
        module = MODULE[way]
        if not _available(module):
            libraries.append({"way": way, "installed": False})
            print(f"{way}: not installed (pip install {module}); left out")
            continue
        if module:
            libraries.append(
                {
                    "way": way,
                    "installed": True,
                    "version": md.version(module),
                    "cold_import_ms": round(cold_import_ms(module), 1),
                    "installed_mib": round(installed_mib(module), 1),
                }
            )
        for name, draw in charts.items():
            svg = draw()  # warm-up: imports, font caches
            samples = []
            for _ in range(args.runs):
                began = time.perf_counter()
                svg = draw()
                samples.append((time.perf_counter() - began) * 1000)
            times = percentiles(samples)
            number = (
                "2,104" if name == "intake 4 weeks" else ("20" if "cramps" in name else "1,800")
            )
            rows.append(
                {
                    "way": way,
                    "chart": name,
                    "bytes": len(svg.encode()),
                    "gzip_bytes": len(gzip.compress(svg.encode())),
                    "p50_ms": round(times["p50_ms"], 3),
                    "p99_ms": round(times["p99_ms"], 3),
                    **clarity(svg, number),
                }
            )
            out = Path("bench/results") / f"chart-{way}-{name.replace(' ', '-')}.svg"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(svg)
    print_table(
        rows,
        columns=[
            "way",
            "chart",
            "bytes",
            "gzip_bytes",
            "p50_ms",
            "p99_ms",
            "title",
            "desc",
            "script",
            "fetches",
            "number_as_text",
        ],
    )
    if libraries:
        print_table(
            libraries,
            columns=["way", "installed", "version", "cold_import_ms", "installed_mib"],
        )
    path = write_result("charts", {"runs": args.runs, "charts": rows, "libraries": libraries})
    print(f"wrote {path}; the SVGs are beside it")


if __name__ == "__main__":
    main()
