"""The report in a real browser (Debian's headless Chromium): no console errors, no request
beyond the page itself, every chart drawn with a non-empty box, nothing wider than the printed
page, and a screenshot (kept in ``CRAMPFOOD_SCREENSHOT_DIR`` when that is set).

Without Chromium these tests skip and say so; ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nutrition.nutrients import CRAMP_NUTRIENTS
from tests.api.cdp import Browser, find_chromium
from tests.api.helpers import create_user
from tests.api.report_scenario import four_weeks_six_nights, thin_magnesium_food

CHROMIUM = find_chromium()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no Chromium on PATH: install Debian's chromium (.ci/run does)"
    ),
]

#: The printed body is 180 mm wide (A4 and Letter less their margins): 680 CSS px.
PRINT_WIDTH = 680
SCREEN_WIDTH = 900

CHART_BOXES = """
[...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const drawn = svg.getBBox();
  return {id: svg.id, width: box.width, height: box.height,
          drawnWidth: drawn.width, drawnHeight: drawn.height,
          bars: [...svg.querySelectorAll('.bar')].filter(b => {
            const r = b.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length,
          title: svg.querySelector(':scope > title')?.textContent || '',
          desc: svg.querySelector(':scope > desc')?.textContent || ''};
})
"""
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def only_once(database_url):
    """The page is the same on both backends: load it in a browser once, from SQLite."""
    if not database_url.startswith("sqlite"):
        pytest.skip("browser checks run once, on the SQLite half (the page does not differ)")


def _shot_path(tmp_path: Path, name: str) -> Path:
    keep = os.environ.get("CRAMPFOOD_SCREENSHOT_DIR")
    return (Path(keep) if keep else tmp_path) / f"{name}.png"


def _load(html: str, tmp_path: Path, *, width: int, media: str = "screen") -> tuple[Browser, str]:
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    assert CHROMIUM is not None
    browser = Browser(CHROMIUM, tmp_path / "profile")
    if media != "screen":
        browser.call("Emulation.setEmulatedMedia", media=media)
    url = page.as_uri()
    browser.open(url, width=width, height=1200)
    return browser, url


def test_report_loads_cleanly_and_every_chart_draws(client, api_app, only_once, tmp_path):
    s = four_weeks_six_nights(client, thin_food=thin_magnesium_food(api_app))
    html = client.get(f"{s.path}/report").text
    browser, url = _load(html, tmp_path, width=SCREEN_WIDTH)
    with browser:
        assert browser.console_errors() == []
        assert browser.requested() == [url]
        charts = browser.evaluate(CHART_BOXES)
        assert [c["id"] for c in charts] == [
            "chart-cramps",
            *(f"chart-{k}" for k in CRAMP_NUTRIENTS),
        ]
        for chart in charts:
            assert chart["width"] > 0 and chart["height"] > 0, chart
            assert chart["drawnWidth"] > 0 and chart["drawnHeight"] > 0, chart
            assert chart["title"] and chart["desc"], chart
        assert charts[0]["bars"] == 6
        assert all(c["bars"] == 4 for c in charts[1:]), charts
        shot = _shot_path(tmp_path, "report-screen")
        browser.screenshot(shot)
        assert shot.stat().st_size > 10_000


def test_report_fits_the_printed_page_width(client, api_app, only_once, tmp_path):
    s = four_weeks_six_nights(client, thin_food=thin_magnesium_food(api_app))
    html = client.get(f"{s.path}/report", params={"paper": "letter"}).text
    browser, _ = _load(html, tmp_path, width=PRINT_WIDTH, media="print")
    with browser:
        assert browser.console_errors() == []
        assert browser.evaluate(OVERFLOW) <= 0
        shot = _shot_path(tmp_path, "report-print")
        browser.screenshot(shot)


def test_an_empty_report_loads_cleanly(client, only_once, tmp_path):
    create_user(client, "nobody", age=30)
    html = client.get("/v1/users/nobody/report").text
    browser, url = _load(html, tmp_path, width=SCREEN_WIDTH)
    with browser:
        assert browser.console_errors() == [] and browser.requested() == [url]
        assert browser.evaluate("document.querySelectorAll('svg').length") == 0
        text = browser.evaluate("document.body.innerText")
        assert "Nothing was logged" in text
