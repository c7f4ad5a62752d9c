"""The PDF report, read back with poppler's pdftotext and pdfinfo: the same key numbers as
the API, on A4 and US Letter pages, with every word inside the page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from api.views import numbers
from nutrition.nutrients import CRAMP_NUTRIENTS
from tests.api.report_scenario import Scenario, four_weeks_six_nights, thin_magnesium_food

POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")
pytestmark = pytest.mark.skipif(
    not POPPLER,
    reason="pdftotext/pdfinfo not found: install Debian's poppler-utils (.ci/run does)",
)


@pytest.fixture
def scenario(client, api_app) -> Scenario:
    return four_weeks_six_nights(client, thin_food=thin_magnesium_food(api_app))


def _run(*args: str, data: bytes) -> str:
    done = subprocess.run(args, input=data, capture_output=True, check=True, timeout=60)
    return done.stdout.decode()


def _pdf(client, s: Scenario, **params: str) -> bytes:
    r = client.get(f"{s.path}/report", params={"format": "pdf", **params})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    return r.content


def test_pdf_text_has_the_key_numbers_of_the_api(client, scenario):
    s = scenario
    text = _run("pdftotext", "-layout", "-", "-", data=_pdf(client, s))
    flat = re.sub(r"\s+", " ", text)
    whole = client.get(f"{s.path}/intake", params={"from": str(s.start), "to": str(s.end)})
    average = whole.json()["average"]
    assert f"average of {average['days_logged']} logged days out of {average['days']}" in flat
    for key in CRAMP_NUTRIENTS:
        n = average["nutrients"][key]
        assert f"{numbers.amount(n['amount'])} mg ({numbers.percent(n['percent'])}" in flat, key
    targets = client.get(f"{s.path}/targets").json()["targets"]
    for t in targets.values():
        assert f"{numbers.amount(t['amount'])} mg" in flat
    assert "6 cramps on 6 nights in 28 days (1.5 nights a week)" in flat
    assert "Sleep disturbed on 3 nights" in flat
    assert "20 min" in flat and "not a shortfall" in flat
    assert "LINKED TO LEG CRAMPS" in flat  # the tag is set in capitals
    assert "not medical advice" in flat


@pytest.mark.parametrize(
    ("paper", "size"), [("a4", "595.276 x 841.89 pts (A4)"), ("letter", "612 x 792 pts (letter)")]
)
def test_every_word_sits_inside_the_page_on_a4_and_letter(client, scenario, paper, size):
    pdf = _pdf(client, scenario, paper=paper)
    assert size in _run("pdfinfo", "-", data=pdf)
    boxes = _run("pdftotext", "-bbox", "-", "-", data=pdf)
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', boxes, re.S)
    assert 3 <= len(pages) <= 8
    for width, height, words in pages:
        for x0, y0, x1, y1 in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', words
        ):
            assert float(x0) >= 0 and float(x1) <= float(width), (x0, x1, width)
            assert float(y0) >= 0 and float(y1) <= float(height), (y0, y1, height)
