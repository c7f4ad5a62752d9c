"""The doctor's report and the embeddable charts through HTTP: the numbers match the API,
the page is self-contained, bad input is a 422 naming the field."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from api.views import numbers
from nutrition.cramps.insights import night_of
from nutrition.nutrients import CRAMP_NUTRIENTS
from tests.api.helpers import create_user, fields_of
from tests.api.report_page import cells, one, read_page
from tests.api.report_scenario import (
    TIMEZONE,
    Scenario,
    episode,
    four_weeks_six_nights,
    thin_magnesium_food,
)

SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def scenario(client, api_app) -> Scenario:
    return four_weeks_six_nights(client, thin_food=thin_magnesium_food(api_app))


def _weeks(s: Scenario) -> list[tuple[date, date]]:
    return [
        (s.start + timedelta(days=7 * k), s.start + timedelta(days=7 * k + 6)) for k in range(4)
    ]


def _intake(client, s: Scenario, start: date, end: date) -> dict:
    r = client.get(f"{s.path}/intake", params={"from": str(start), "to": str(end)})
    assert r.status_code == 200, r.text
    return r.json()


def _check_row(html: str, key: str, expected: dict | None, days_logged: int, **row: str) -> None:
    assert float(one(html, "days-logged", nutrient=key, **row).value) == days_logged
    if expected is None:
        assert not cells(html, "amount", nutrient=key, **row)
        return
    amount = one(html, "amount", nutrient=key, **row)
    assert float(amount.value) == expected["amount"]
    assert amount.text == ("≥ " if expected["partial"] else "") + (
        f"{numbers.amount(expected['amount'])} {expected['unit']}"
    )
    percent = one(html, "percent", nutrient=key, **row)
    assert float(percent.value) == expected["percent"]
    assert percent.text == numbers.percent(expected["percent"])
    coverage = one(html, "coverage", nutrient=key, **row)
    assert float(coverage.value) == expected["coverage"]["grams_share"]
    assert coverage.text == numbers.share(expected["coverage"]["grams_share"])


def test_report_numbers_equal_intake_targets_and_cramps(client, scenario):
    s = scenario
    r = client.get(f"{s.path}/report")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text

    targets = client.get(f"{s.path}/targets").json()
    for key, target in targets["targets"].items():
        cell = one(html, "target", nutrient=key)
        assert float(cell.value) == target["amount"]
        assert cell.text == f"{numbers.amount(target['amount'])} {target['unit']}"
    assert f"<b>{targets['life_stage']}</b>" in html

    for start, end in _weeks(s):
        average = _intake(client, s, start, end)["average"]
        for key in CRAMP_NUTRIENTS:
            expected = None if average["nutrients"] is None else average["nutrients"][key]
            _check_row(html, key, expected, average["days_logged"], week=start.isoformat())

    whole = _intake(client, s, s.start, s.end)["average"]
    assert whole["days_logged"] == 24
    assert float(one(html, "logged-days").value) == whole["days_logged"]
    for key in CRAMP_NUTRIENTS:
        expected = whole["nutrients"][key]
        _check_row(html, key, expected, whole["days_logged"], window=s.start.isoformat())
        assert float(one(html, f"avg-{key}").value) == expected["amount"]

    listed = client.get(
        f"{s.path}/cramps", params={"from": str(s.start), "to": str(s.end), "limit": 100}
    ).json()["items"]
    assert len(listed) == 6
    rows = {
        datetime.fromisoformat(row["data-started"]): row
        for row in read_page(html).rows
        if "data-started" in row
    }
    assert set(rows) == {datetime.fromisoformat(i["started_at"]) for i in listed}
    by_start = {datetime.fromisoformat(i["started_at"]): i for i in listed}
    shown = {
        datetime.fromisoformat(c.row["data-started"]): c
        for c in read_page(html).cells
        if c.field == "minutes"
    }
    for when, item in by_start.items():
        assert float(shown[when].value) == item["duration_minutes"]
    tz = ZoneInfo(TIMEZONE)
    nights = {night_of(datetime.fromisoformat(i["started_at"]).astimezone(tz)) for i in listed}
    sleep = {
        night_of(datetime.fromisoformat(i["started_at"]).astimezone(tz))
        for i in listed
        if "sleep_disrupted" in i["symptoms"]
    }
    assert float(one(html, "episodes").value) == len(listed)
    assert float(one(html, "cramp-nights").value) == len(nights) == 6
    assert float(one(html, "sleep-nights").value) == len(sleep) == 3
    assert one(html, "nights-per-week").text == numbers.rate(6 * 7 / 28)
    assert float(one(html, "longest-minutes").value) == max(i["duration_minutes"] for i in listed)
    assert float(one(html, "worst-severity").value) == max(i["severity"] for i in listed)


def test_thin_coverage_reads_as_thin_not_as_a_shortfall(client, scenario):
    html = client.get(f"{scenario.path}/report").text
    week = (scenario.start + timedelta(days=7)).isoformat()
    row = next(
        r
        for r in read_page(html).rows
        if r.get("data-nutrient") == "magnesium" and r.get("data-week") == week
    )
    assert row.get("data-week") == week
    assert re.search(
        rf'<tr data-nutrient="magnesium" data-week="{week}" class="thin">.*?'
        r"thin data: a lower bound, not a shortfall</td>",
        html,
    )
    assert one(html, "amount", nutrient="magnesium", week=week).text.startswith("≥ ")
    chart = re.search(r'<svg[^>]*id="chart-magnesium".*?</svg>', html, re.S)
    assert chart and 'class="bar thin"' in chart.group(0)
    assert "too thin to call a shortfall" in chart.group(0)


def test_the_page_is_self_contained_and_every_chart_is_described(client, scenario):
    r = client.get(f"{scenario.path}/report")
    html = r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert 'http-equiv="Content-Security-Policy"' in html
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"\b(src|href)\s*=", html)
    assert not re.search(r"url\((?!#)", html)
    assert set(re.findall(r"https?://[^\s\"'<]+", html)) == {"http://www.w3.org/2000/svg"}
    charts = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(charts) == 1 + len(CRAMP_NUTRIENTS)
    for chart in charts:
        root = ET.fromstring(chart)
        assert root.get("role") == "img"
        first, second = list(root)[:2]
        assert first.tag == f"{SVG_NS}title" and first.text
        assert second.tag == f"{SVG_NS}desc" and second.text
    assert "a loop diuretic (e.g. furosemide)" in html
    medicines = html[html.index("<h3>Medicines</h3>") :]
    assert medicines.index("loop diuretic") < medicines.index("a statin")
    assert "linked to leg cramps</span>" in medicines and "Garrison SR" in medicines
    assert "crampfood gives general food information, not medical advice" in html
    assert 'data-code="magnesium_evidence"' in html and "Roguin Maor" in html


def test_pdf_by_parameter_or_accept_header(client, scenario):
    path = f"{scenario.path}/report"
    by_param = client.get(path, params={"format": "pdf"})
    assert by_param.status_code == 200
    assert by_param.headers["content-type"] == "application/pdf"
    assert by_param.content.startswith(b"%PDF-")
    assert by_param.headers["content-disposition"].endswith('.pdf"')
    assert by_param.headers["vary"] == "Accept"
    by_accept = client.get(path, headers={"Accept": "application/pdf"})
    assert by_accept.headers["content-type"] == "application/pdf"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert (
        client.get(path, headers={"Accept": browser})
        .headers["content-type"]
        .startswith("text/html")
    )
    html_first = "text/html, application/pdf;q=0.5"
    assert (
        client.get(path, headers={"Accept": html_first})
        .headers["content-type"]
        .startswith("text/html")
    )
    forced = client.get(path, params={"format": "html"}, headers={"Accept": "application/pdf"})
    assert forced.headers["content-type"].startswith("text/html")


def test_paper_size_sets_the_page_rule(client, scenario):
    path = f"{scenario.path}/report"
    assert "size: A4;" in client.get(path).text
    assert "size: letter;" in client.get(path, params={"paper": "letter"}).text


def test_a_user_with_no_logs_gets_a_report_that_says_so(client):
    create_user(client, "empty", age=45, sex="male")
    r = client.get("/v1/users/empty/report")
    assert r.status_code == 200
    html = r.text
    assert 'data-field="no-logs"' in html
    assert "No meals were logged" in html and "No cramps were logged" in html
    assert "<svg" not in html
    today = date.today()
    assert numbers.long_day(today - timedelta(days=27)) in html
    pdf = client.get("/v1/users/empty/report", params={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


def test_red_flags_are_shown_first_and_plainly(client):
    create_user(client, "flag", age=60, timezone="UTC")
    day = datetime.now(ZoneInfo("UTC")).date() - timedelta(days=2)
    body = episode(day, 3, 5, ["swelling", "sleep_disrupted"])
    assert client.post("/v1/users/flag/cramps", json=body).status_code == 201
    html = client.get("/v1/users/flag/report").text
    assert float(one(html, "red-flag-days").value) == 1
    glance = html[: html.index("The person</h2>")]
    assert 'class="urgent"' in glance and "a swollen leg" in glance
    assert "see a doctor as soon as possible" in html


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("report", {"from": "2025-03-10", "to": "2025-03-01"}, "to"),
        ("report", {"from": "2024-01-01", "to": "2025-03-01"}, "to"),
        ("report", {"from": "2025-13-01"}, "from"),
        ("report", {"format": "docx"}, "format"),
        ("report", {"to": "9999-12-31"}, "to"),
        ("report", {"to": "0001-01-10"}, "to"),
        ("report", {"from": "1899-12-31", "to": "1900-01-05"}, "from"),
        ("intake", {"to": "9999-12-31"}, "to"),
        ("intake", {"to": "0001-01-02"}, "to"),
        ("report", {"paper": "a3"}, "paper"),
        ("charts/intake.svg", {"nutrient": "iron"}, "nutrient"),
        ("charts/intake.svg", {}, "nutrient"),
        ("charts/intake.svg", {"nutrient": "sodium", "width": 100}, "width"),
        ("charts/intake.svg", {"nutrient": "sodium", "height": 5000}, "height"),
        ("charts/intake.svg", {"nutrient": "sodium", "weeks": 53}, "weeks"),
        ("charts/cramps.svg", {"weeks": 0}, "weeks"),
        ("charts/cramps.svg", {"width": 2401}, "width"),
        ("charts/cramps.svg", {"height": 159}, "height"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, path, params, field):
    create_user(client, "bad", age=40)
    r = client.get(f"/v1/users/bad/{path}", params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert field in fields_of(r)


def test_charts_are_standalone_svg_of_the_requested_size(client, scenario):
    s = scenario
    r = client.get(
        f"{s.path}/charts/intake.svg", params={"nutrient": "sodium", "width": 500, "height": 260}
    )
    assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
    root = ET.fromstring(r.text)
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "500",
        "260",
        "0 0 500 260",
    )
    assert root.find(f"{SVG_NS}title").text and root.find(f"{SVG_NS}desc").text
    assert "target-band" in r.text
    for start, end in _weeks(s):
        amount = _intake(client, s, start, end)["average"]["nutrients"]["sodium"]["amount"]
        assert f"{numbers.amount(amount)} mg a day" in root.find(f"{SVG_NS}desc").text

    r = client.get(f"{s.path}/charts/cramps.svg", params={"weeks": 4})
    root = ET.fromstring(r.text)
    assert root.get("width") == "640"
    bars = [e for e in root.iter(f"{SVG_NS}rect") if e.get("class") == "bar"]
    assert len(bars) == 6


def test_windows_at_the_edges_of_the_calendar_answer(client):
    create_user(client, "edge", age=40, timezone="Asia/Tokyo")
    late = client.get("/v1/users/edge/report", params={"from": "9999-12-20", "to": "9999-12-30"})
    assert late.status_code == 200 and "No meals were logged" in late.text
    early = client.get("/v1/users/edge/report", params={"to": "1900-01-03"})
    assert early.status_code == 200 and "1 Jan 1900 to 3 Jan 1900" in early.text
    # The diary's own dates are bounded to 1900-2100 (RFC 3339, docs/api.md): a 422, no 500.
    for params in ({"to": "9999-12-31"}, {"from": "0001-01-01"}):
        answer = client.get("/v1/users/edge/cramps", params=params)
        assert answer.status_code == 422 and next(iter(params)) in answer.text
