"""Where a person's average intake stands against their reference intakes.

Targets come from ``nutrition.person.targets`` (National Academies DRIs: RDA or AI, UL, and for
sodium the Chronic Disease Risk Reduction intake, CDRR; NASEM 2019 for sodium and potassium).

Rules:

* raise nutrients (potassium, magnesium, calcium, thiamin): ``remaining = max(0, target -
  average)``; status "below" under the target, "above" at or over the UL where one exists,
  else "adequate";
* sodium is two-sided: "below" under the AI, "above" at or over the CDRR, else "adequate".
  Its ``remaining`` is the shortfall to the AI (0 unless below) and ``headroom`` is CDRR minus
  average, which may be negative;
* ``weight`` is the relative shortfall ``remaining / target`` in [0, 1], so 40 % of target
  weighs 0.6 and 90 % weighs 0.1;
* thin coverage: when ``coverage[n]`` (share of logged food amounts whose value of ``n`` is
  known) is below ``THIN_COVERAGE`` the average probably undercounts, so the gap is flagged
  ``thin_coverage``, its status is "unknown" rather than a confident "below", and its weight is
  halved; ``remaining`` still uses the average as the best estimate;
* no logs (average ``None``): status "unknown", ``remaining`` = the full target, weight 1 for
  raise nutrients. For sodium nothing is remaining (weight 0): with no evidence we never push
  sodium, because most people exceed it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from nutrition.nutrients import RAISE_NUTRIENTS
from nutrition.person.targets import Target

GapStatus = Literal["below", "adequate", "above", "unknown"]

#: Known share under which an average is not trusted as a deficit.
THIN_COVERAGE: Final = 0.6


@dataclass(frozen=True, slots=True)
class Gap:
    """One nutrient's standing. Amounts in ``unit`` per day; ``percent`` is average / target x 100.

    ``remaining`` >= 0 is what is still needed to reach the target; ``weight`` in [0, 1] ranks
    how much it matters; ``headroom`` is upper minus average (None without both).
    """

    nutrient: str
    average: float | None
    target: float
    upper: float | None
    unit: str
    percent: float | None
    status: GapStatus
    remaining: float
    weight: float
    thin_coverage: bool = False
    headroom: float | None = None

    @property
    def raises(self) -> bool:
        """Whether this gap asks for more of the nutrient (remaining > 0 and weight > 0)."""
        return self.remaining > 0.0 and self.weight > 0.0


def _gap(*, target: Target, average: float | None, known_share: float | None) -> Gap:
    sodium = target.nutrient == "sodium"
    upper = target.upper
    if average is None:
        return Gap(
            nutrient=target.nutrient,
            average=None,
            target=target.amount,
            upper=upper,
            unit=target.unit,
            percent=None,
            status="unknown",
            remaining=0.0 if sodium else target.amount,
            weight=0.0 if sodium else 1.0,
            thin_coverage=known_share is not None and known_share < THIN_COVERAGE,
        )
    remaining = max(0.0, target.amount - average)
    weight = remaining / target.amount if target.amount > 0 else 0.0
    status: GapStatus
    if upper is not None and average >= upper:
        status = "above"
    elif average < target.amount:
        status = "below"
    else:
        status = "adequate"
    thin = known_share is not None and known_share < THIN_COVERAGE
    if thin:
        status = "unknown"
        weight *= 0.5
    return Gap(
        nutrient=target.nutrient,
        average=average,
        target=target.amount,
        upper=upper,
        unit=target.unit,
        percent=100.0 * average / target.amount if target.amount > 0 else None,
        status=status,
        remaining=remaining,
        weight=weight,
        thin_coverage=thin,
        headroom=None if upper is None else upper - average,
    )


def gaps(
    *,
    average: Mapping[str, float | None],
    targets: Mapping[str, Target],
    coverage: Mapping[str, float] | None = None,
) -> list[Gap]:
    """One ``Gap`` per target, in ``targets`` order (amounts per day, in each target's unit).

    ``coverage`` maps nutrient -> known share in [0, 1]; missing means fully known.
    """
    result: list[Gap] = []
    for key, target in targets.items():
        known_share = None if coverage is None else coverage.get(key)
        result.append(_gap(target=target, average=average.get(key), known_share=known_share))
    return result


def no_logs(*, average: Mapping[str, float | None]) -> bool:
    """True when no cramp nutrient has a known average: suggestions rest on targets alone."""
    return all(average.get(n) is None for n in (*RAISE_NUTRIENTS, "sodium"))
