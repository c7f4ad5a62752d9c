"""Gaps from averages and targets: remaining, two-sided sodium, weights, thin coverage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.person.gaps import THIN_COVERAGE, Gap, gaps
from nutrition.person.targets import Target


def make_targets(
    *, potassium: float = 2600, magnesium: float = 320, calcium: float = 1000
) -> dict[str, Target]:
    # Adult female values (NASEM 2019; IOM 1997, 1998, 2011) typed as test data.
    return {
        "potassium": Target("potassium", potassium, "mg", "AI", None, None, "t"),
        "magnesium": Target("magnesium", magnesium, "mg", "RDA", None, None, "t"),
        "calcium": Target("calcium", calcium, "mg", "RDA", 2500, "UL", "t"),
        "sodium": Target("sodium", 1500, "mg", "AI", 2300, "CDRR", "t"),
        "thiamin": Target("thiamin", 1.1, "mg", "RDA", None, None, "t"),
    }


def by_key(result: list[Gap]) -> dict[str, Gap]:
    return {g.nutrient: g for g in result}


def test_remaining_and_weight_follow_shortfall() -> None:
    result = by_key(
        gaps(average={"potassium": 1040, "magnesium": 288, "calcium": 1200}, targets=make_targets())
    )
    k, mg, ca = result["potassium"], result["magnesium"], result["calcium"]
    assert k.remaining == pytest.approx(2600 - 1040)
    assert k.status == "below"
    assert k.percent == pytest.approx(40.0)
    assert mg.status == "below"
    assert mg.weight < k.weight
    assert ca.remaining == 0.0
    assert ca.status == "adequate"
    assert ca.weight == 0.0


@pytest.mark.parametrize(
    ("sodium", "status", "remaining"),
    [(900, "below", 600), (1800, "adequate", 0), (2300, "above", 0), (4100, "above", 0)],
)
def test_sodium_is_two_sided(sodium: float, status: str, remaining: float) -> None:
    gap = by_key(gaps(average={"sodium": sodium}, targets=make_targets()))["sodium"]
    assert gap.status == status
    assert gap.remaining == pytest.approx(remaining)
    assert gap.headroom == pytest.approx(2300 - sodium)


def test_calcium_over_ul_is_above() -> None:
    gap = by_key(gaps(average={"calcium": 2600}, targets=make_targets()))["calcium"]
    assert gap.status == "above"


def test_no_logs_uses_full_targets_and_never_pushes_sodium() -> None:
    result = by_key(gaps(average={}, targets=make_targets()))
    assert result["potassium"].remaining == 2600
    assert all(g.status == "unknown" for g in result.values())
    assert result["sodium"].remaining == 0.0
    assert result["sodium"].weight == 0.0


def test_thin_coverage_is_not_a_confident_deficit() -> None:
    avg = {"magnesium": 100.0}
    sure = by_key(gaps(average=avg, targets=make_targets()))["magnesium"]
    thin = by_key(
        gaps(average=avg, targets=make_targets(), coverage={"magnesium": THIN_COVERAGE - 0.1})
    )["magnesium"]
    assert sure.status == "below"
    assert not sure.thin_coverage
    assert thin.status == "unknown"
    assert thin.thin_coverage
    assert thin.weight == pytest.approx(sure.weight / 2)


@given(
    average=st.floats(min_value=0, max_value=10_000, allow_nan=False),
    target=st.floats(min_value=1, max_value=5_000, allow_nan=False),
)
def test_weight_and_remaining_bounds(average: float, target: float) -> None:
    gap = by_key(gaps(average={"potassium": average}, targets=make_targets(potassium=target)))[
        "potassium"
    ]
    assert 0.0 <= gap.weight <= 1.0
    assert gap.remaining == pytest.approx(max(0.0, target - average))
    assert (gap.status == "below") == (average < target)
