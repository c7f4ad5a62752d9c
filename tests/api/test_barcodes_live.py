"""A barcode lookup over a real socket: a fake Open Food Facts on 127.0.0.1, reached through
``CRAMPFOOD_OPENFOODFACTS_URL`` and the app's own ``httpx.Client``; then the server goes
down. (How long the 503 takes is measured by ``bench/bench_barcode.py``, not here.)"""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.services.keys import create_key
from api.settings import Settings
from tests.api.fake_off_server import FakeOff, wait_refused
from tests.api.off_stub import make_gtin, oat_drink_label
from tests.conftest import _catalogs


def test_lookup_against_a_fake_server_then_503_when_it_is_down(
    api_app, database_url, monkeypatch: pytest.MonkeyPatch
):
    fake = FakeOff()
    code, later = make_gtin(), make_gtin()
    fake.products[code] = oat_drink_label()
    monkeypatch.setenv("CRAMPFOOD_OPENFOODFACTS_URL", fake.url)
    monkeypatch.setenv("CRAMPFOOD_OPENFOODFACTS_USER_AGENT", "crampfood-live-test/1.0 (ops@x.org)")
    settings = Settings(database_url=database_url, auto_import=False)
    assert settings.openfoodfacts_url == fake.url
    app = create_app(settings, catalog=_catalogs[database_url])
    try:
        with TestClient(app) as http:
            key = create_key(app.state.engine, client_name=f"live-{uuid.uuid4().hex[:12]}")
            headers = {"Authorization": f"Bearer {key}"}
            r = http.get(f"/v1/foods/barcode/{code}", headers=headers)
            assert r.status_code == 200, r.text
            food = r.json()
            assert food["id"] == f"off:{code}"
            assert food["nutrients"]["sodium"] == pytest.approx(40.0)  # 0.04 g in mg
            assert food["units"]["sodium"] == "mg"
            assert fake.paths[0].startswith(f"/api/v2/product/{code}?fields=")
            assert fake.user_agents == ["crampfood-live-test/1.0 (ops@x.org)"]

            fake.stop()
            wait_refused(fake.url)
            down = http.get(f"/v1/foods/barcode/{later}", headers=headers)
            assert down.status_code == 503, down.text
            assert int(down.headers["retry-after"]) >= 1
            assert down.headers["content-type"].startswith("application/problem+json")
            # What was stored before still answers.
            assert http.get(f"/v1/foods/barcode/{code}", headers=headers).status_code == 200
    finally:
        fake.stop()
