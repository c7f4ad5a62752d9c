"""The Open Food Facts gateway with ``httpx.MockTransport``: request shape, answers, retries,
the time budget and the circuit breaker. Time is a fake clock: nothing here sleeps."""

from __future__ import annotations

import httpx
import pytest

from api.services.breaker import CircuitBreaker
from api.services.openfoodfacts import ATTEMPTS, OpenFoodFacts, Unavailable
from tests.api.off_stub import (
    StubOff,
    make_gtin,
    oat_drink_label,
    refused,
    status,
    timeout,
)


class FakeClock:
    """A clock that moves only when told to (by ``sleep`` or by a handler)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def gateway(stub: StubOff, clock: FakeClock, **kwargs: object) -> OpenFoodFacts:
    breaker = kwargs.pop("breaker", None) or CircuitBreaker(threshold=3, cooldown=30, clock=clock)
    return OpenFoodFacts(
        stub.client(),
        user_agent="crampfood-tests/1.0 (tests@example.org)",
        breaker=breaker,  # type: ignore[arg-type]
        sleep=clock.sleep,
        clock=clock,
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_found_product_and_the_request_it_took():
    stub, clock = StubOff(), FakeClock()
    code = make_gtin()
    stub.products[code] = oat_drink_label()
    answer = gateway(stub, clock).product(code)
    assert answer.found and answer.product is not None
    assert answer.product["product_name"] == "Oat drink, calcium enriched"
    (request,) = stub.requests
    assert request.url.path == f"/api/v2/product/{code}"
    assert "nutriments" in request.url.params["fields"].split(",")
    assert request.headers["user-agent"] == "crampfood-tests/1.0 (tests@example.org)"


def test_not_found_as_404_or_as_status_0():
    stub, clock = StubOff(), FakeClock()
    off = gateway(stub, clock)
    assert off.product(make_gtin()).found is False  # 404 with {"status": 0}
    stub.script.append(lambda r: httpx.Response(200, json={"status": 0, "code": "1"}))
    assert off.product(make_gtin()).found is False
    assert off.breaker.state == "closed"


def test_5xx_is_retried_with_backoff_then_succeeds():
    stub, clock = StubOff(), FakeClock()
    code = make_gtin()
    stub.products[code] = oat_drink_label()
    stub.script.extend([status(502), status(503)])
    answer = gateway(stub, clock).product(code)
    assert answer.found
    assert len(stub.requests) == 3
    assert clock.slept == [0.25, 0.5]


def test_5xx_every_time_gives_up_after_the_attempts():
    stub, clock = StubOff(), FakeClock()
    stub.script.extend([status(500)] * 10)
    with pytest.raises(Unavailable) as failed:
        gateway(stub, clock).product(make_gtin())
    assert len(stub.requests) == ATTEMPTS
    assert "500" in failed.value.reason and failed.value.retry_after >= 1


@pytest.mark.parametrize("code", [400, 403, 429])
def test_4xx_is_not_retried(code):
    stub, clock = StubOff(), FakeClock()
    stub.script.extend([status(code)] * 3)
    with pytest.raises(Unavailable):
        gateway(stub, clock).product(make_gtin())
    assert len(stub.requests) == 1 and clock.slept == []


def test_a_404_that_is_not_open_food_facts_is_a_failure():
    stub, clock = StubOff(), FakeClock()
    stub.script.append(status(404))  # an HTML page, e.g. a wrong base URL
    with pytest.raises(Unavailable):
        gateway(stub, clock).product(make_gtin())


@pytest.mark.parametrize("failure", [timeout, refused])
def test_timeouts_and_refused_connections_are_retried(failure):
    stub, clock = StubOff(), FakeClock()
    stub.script.extend([failure] * 5)
    with pytest.raises(Unavailable) as failed:
        gateway(stub, clock).product(make_gtin())
    assert len(stub.requests) == ATTEMPTS
    assert "timed out" in failed.value.reason or "connect" in failed.value.reason


def test_the_budget_stops_retries():
    stub, clock = StubOff(), FakeClock()

    def slow(request: httpx.Request) -> httpx.Response:
        clock.now += 2.9  # each attempt uses up nearly its whole timeout
        raise httpx.ReadTimeout("slow", request=request)

    stub.script.extend([slow] * 5)
    with pytest.raises(Unavailable):
        gateway(stub, clock, budget=4.0).product(make_gtin())
    assert len(stub.requests) == 2  # a third try would start past the budget
    assert clock.now - 1000.0 <= 4.0 + 2.9


def test_a_body_that_is_not_json_is_a_failure():
    stub, clock = StubOff(), FakeClock()
    stub.script.append(lambda r: httpx.Response(200, text="<html>maintenance</html>"))
    with pytest.raises(Unavailable):
        gateway(stub, clock).product(make_gtin())
    stub.script.append(lambda r: httpx.Response(200, json={"status": 1, "product": "no"}))
    with pytest.raises(Unavailable):
        gateway(stub, clock).product(make_gtin())


def test_the_breaker_opens_after_repeated_failures_and_recovers():
    stub, clock = StubOff(), FakeClock()
    off = gateway(stub, clock)
    stub.script.extend([status(429)] * 3)
    for _ in range(3):
        with pytest.raises(Unavailable):
            off.product(make_gtin())
    assert off.breaker.state == "open"
    asked = len(stub.requests)
    with pytest.raises(Unavailable) as refused_at_once:
        off.product(make_gtin())
    assert len(stub.requests) == asked  # not even tried
    assert 1 <= refused_at_once.value.retry_after <= 30
    clock.now += 31
    assert off.breaker.state == "half_open"
    code = make_gtin()
    stub.products[code] = oat_drink_label()
    assert off.product(code).found
    assert off.breaker.state == "closed"


def test_a_failed_trial_opens_the_breaker_again():
    clock = FakeClock()
    breaker = CircuitBreaker(threshold=2, cooldown=10, clock=clock)
    assert breaker.failure() is None and breaker.failure() == 10
    assert breaker.allow() == pytest.approx(10)
    clock.now += 10
    assert breaker.allow() is None  # the one trial
    assert breaker.allow() == 1.0  # others wait while it runs
    assert breaker.failure() == 10
    assert breaker.state == "open"


def test_timeout_is_capped_at_three_seconds():
    off = OpenFoodFacts(httpx.Client(), user_agent="x", timeout=10)
    assert off.timeout == 3.0
