"""The hand-written charts: well-formed, sized as asked, honest about thin and missing data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

from api.schemas.intake import TargetPublic
from api.schemas.report import CrampDay, NutrientReport, WeekIntake
from api.views.charts import cramp_chart, intake_chart

NS = "{http://www.w3.org/2000/svg}"
START = date(2025, 3, 3)


def _week(k: int, amount: float | None, *, partial: bool = False) -> WeekIntake:
    return WeekIntake(
        start=START + timedelta(days=7 * k),
        end=START + timedelta(days=7 * k + 6),
        days=7,
        days_logged=0 if amount is None else 5,
        amount=amount,
        percent=None if amount is None else amount / 26,
        status=None if amount is None else "below",
        partial=partial,
        coverage=None if amount is None else (0.5 if partial else 1.0),
    )


def _nutrient(weeks: list[WeekIntake], key: str = "potassium") -> NutrientReport:
    upper = 2300.0 if key == "sodium" else None
    target = TargetPublic(
        amount=2600.0 if key != "sodium" else 1500.0,
        unit="mg",
        kind="AI",
        upper=upper,
        upper_kind="CDRR" if upper else None,
        source="NASEM 2019",
    )
    return NutrientReport(
        key=key, label=key.title(), unit="mg", target=target, average=weeks[0], weeks=weeks
    )


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def test_intake_chart_marks_thin_weeks_and_unlogged_weeks():
    weeks = [_week(0, 2100.0), _week(1, 900.0, partial=True), _week(2, None)]
    svg = intake_chart(_nutrient(weeks), width=500, height=260, chart_id="k")
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("500", "260")
    assert root.find(f"{NS}title").text and "too thin" in root.find(f"{NS}desc").text
    texts = _texts(root)
    assert "2,100" in texts and "≥ 900" in texts and "no log" in texts
    bars = [r for r in root.iter(f"{NS}rect") if (r.get("class") or "").startswith("bar")]
    assert [b.get("class") for b in bars] == ["bar", "bar thin"]
    assert bars[1].get("fill") == "url(#k-thin)"
    assert root.find(f"{NS}defs/{NS}pattern").get("id") == "k-thin"


def test_sodium_gets_a_band_between_its_ai_and_cdrr():
    svg = intake_chart(_nutrient([_week(0, 1800.0)], key="sodium"), chart_id="na")
    root = ET.fromstring(svg)
    band = [r for r in root.iter(f"{NS}rect") if r.get("class") == "target-band"]
    assert len(band) == 1
    targets = [line for line in root.iter(f"{NS}line") if line.get("class") == "target"]
    assert len(targets) == 2


def test_a_year_of_weeks_fits_the_smallest_size_without_crowded_labels():
    weeks = [_week(k, 1000.0 + k) for k in range(52)]
    root = ET.fromstring(intake_chart(_nutrient(weeks), width=240, height=160))
    dated = [t for t in _texts(root) if t.endswith(("Mar", "Apr", "May", "Jun", "Jul"))]
    assert 0 < len(dated) < 12


def test_cramp_chart_bars_markers_and_empty_window():
    days = [
        CrampDay(
            date=START + timedelta(days=i),
            episodes=2 if i == 3 else (1 if i in (1, 5) else 0),
            minutes=7.0 if i == 3 else 2.0,
            worst_severity=6 if i in (1, 3, 5) else None,
            sleep_disrupted=i == 3,
            red_flag=i == 5,
        )
        for i in range(7)
    ]
    root = ET.fromstring(cramp_chart(days, width=640, height=300))
    assert len([r for r in root.iter(f"{NS}rect") if r.get("class") == "bar"]) == 3
    texts = _texts(root)
    assert "7′" in texts and "×2" in texts and "z" in texts and "!" in texts
    empty = [
        CrampDay(
            date=START,
            episodes=0,
            minutes=0,
            worst_severity=None,
            sleep_disrupted=False,
            red_flag=False,
        )
    ]
    root = ET.fromstring(cramp_chart(empty))
    assert "No cramps logged" in _texts(root)
    assert root.find(f"{NS}desc").text.endswith("No cramps were logged.")
