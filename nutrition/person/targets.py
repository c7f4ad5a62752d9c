"""Reference intakes by life stage (National Academies Dietary Reference Intakes).

Covers the five cramp-related nutrients, all in mg/day, for everyone aged 1 year and up,
including pregnancy and lactation. Infants (under 1 year) are out of scope.

Sources (full citations in ``DRI_SOURCES``):

* potassium, sodium: NASEM 2019, *Dietary Reference Intakes for Sodium and Potassium*
  (AI; for sodium also the Chronic Disease Risk Reduction intake, CDRR);
* calcium: IOM 2011, *DRIs for Calcium and Vitamin D* (RDA, UL);
* magnesium: IOM 1997, *DRIs for Calcium, Phosphorus, Magnesium, Vitamin D, and Fluoride*
  (RDA; its UL covers supplements and medicines only, see ``SUPPLEMENT_UL``);
* thiamin: IOM 1998, *DRIs for Thiamin, Riboflavin, Niacin, Vitamin B6, Folate, Vitamin B12,
  Pantothenic Acid, Biotin, and Choline* (RDA; no UL set).

Life-stage rules:

* children 1-3 and 4-8 are not split by sex; from 9 years males and females differ;
* pregnancy and lactation use the DRI bands 14-18, 19-30 and 31-50. A pregnant or lactating
  profile younger than 14 is rejected (no DRI exists); one older than 50 is given the 31-50
  values, the nearest band, because such pregnancies do happen and those values still apply;
* pregnant and lactating at once: pregnancy values are used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from nutrition.errors import InvalidProfile
from nutrition.nutrients import BY_KEY
from nutrition.person.profile import Profile

TargetKind = Literal["RDA", "AI"]
UpperKind = Literal["UL", "CDRR"]
Group = Literal["children", "males", "females", "pregnancy", "lactation"]


@dataclass(frozen=True, slots=True)
class Target:
    """A daily reference intake for one nutrient and life stage (amounts in the nutrient's unit).

    ``upper`` is the Tolerable Upper Intake Level where one applies to food (calcium), or for
    sodium the Chronic Disease Risk Reduction intake; ``None`` where neither applies.
    """

    nutrient: str
    amount: float
    unit: str
    kind: TargetKind
    upper: float | None
    upper_kind: UpperKind | None
    source: str


@dataclass(frozen=True, slots=True)
class DriRow:
    """One line of a DRI table: ``group`` aged ``age_min``..``age_max`` years inclusive.

    ``age_max`` is ``None`` for an open-ended band ("19+"). Amounts in mg/day.
    """

    nutrient: str
    group: Group
    age_min: int
    age_max: int | None
    amount: float
    kind: TargetKind
    upper: float | None
    upper_kind: UpperKind | None
    source: str

    def covers(self, age: int) -> bool:
        """Whether ``age`` (whole years) falls inside this row's band."""
        return self.age_min <= age and (self.age_max is None or age <= self.age_max)


@dataclass(frozen=True, slots=True)
class SupplementUpperRow:
    """A UL that limits intake from supplements and medicines only, not from food (mg/day).

    It applies to every group (both sexes, pregnancy, lactation) in the age band.
    """

    nutrient: str
    age_min: int
    age_max: int | None
    amount: float
    source: str

    def covers(self, age: int) -> bool:
        """Whether ``age`` (whole years) falls inside this row's band."""
        return self.age_min <= age and (self.age_max is None or age <= self.age_max)


NASEM_2019_NA_K: Final = (
    "National Academies of Sciences, Engineering, and Medicine. 2019. Dietary Reference "
    "Intakes for Sodium and Potassium. Washington, DC: The National Academies Press. "
    "doi:10.17226/25353"
)
IOM_2011_CA_D: Final = (
    "Institute of Medicine. 2011. Dietary Reference Intakes for Calcium and Vitamin D. "
    "Washington, DC: The National Academies Press. doi:10.17226/13050"
)
IOM_1997_CA_P_MG: Final = (
    "Institute of Medicine. 1997. Dietary Reference Intakes for Calcium, Phosphorus, "
    "Magnesium, Vitamin D, and Fluoride. Washington, DC: National Academy Press. "
    "doi:10.17226/5776"
)
IOM_1998_B_VITAMINS: Final = (
    "Institute of Medicine. 1998. Dietary Reference Intakes for Thiamin, Riboflavin, Niacin, "
    "Vitamin B6, Folate, Vitamin B12, Pantothenic Acid, Biotin, and Choline. Washington, DC: "
    "National Academy Press. doi:10.17226/6015"
)

#: Nutrient key -> full citation of the report its reference values come from.
DRI_SOURCES: Final[dict[str, str]] = {
    "potassium": NASEM_2019_NA_K,
    "magnesium": IOM_1997_CA_P_MG,
    "calcium": IOM_2011_CA_D,
    "sodium": NASEM_2019_NA_K,
    "thiamin": IOM_1998_B_VITAMINS,
}

#: The nutrients ``targets_for`` returns, in this order.
TARGET_NUTRIENTS: Final[tuple[str, ...]] = tuple(DRI_SOURCES)


# The rows copy the published DRI tables line for line, so males and females are listed
# separately even where their values agree; that keeps each row checkable against the source.
DRI_TABLE: Final[tuple[DriRow, ...]] = (
    # Potassium, AI (NASEM 2019). No UL was set.
    DriRow("potassium", "children", 1, 3, 2000.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "children", 4, 8, 2300.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "males", 9, 13, 2500.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "males", 14, 18, 3000.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "males", 19, None, 3400.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "females", 9, 13, 2300.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "females", 14, 18, 2300.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "females", 19, None, 2600.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "pregnancy", 14, 18, 2600.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "pregnancy", 19, 50, 2900.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "lactation", 14, 18, 2500.0, "AI", None, None, NASEM_2019_NA_K),
    DriRow("potassium", "lactation", 19, 50, 2800.0, "AI", None, None, NASEM_2019_NA_K),
    # Magnesium, RDA (IOM 1997). Its UL limits supplements only: see SUPPLEMENT_UL.
    DriRow("magnesium", "children", 1, 3, 80.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "children", 4, 8, 130.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "males", 9, 13, 240.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "males", 14, 18, 410.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "males", 19, 30, 400.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "males", 31, None, 420.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "females", 9, 13, 240.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "females", 14, 18, 360.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "females", 19, 30, 310.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "females", 31, None, 320.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "pregnancy", 14, 18, 400.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "pregnancy", 19, 30, 350.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "pregnancy", 31, 50, 360.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "lactation", 14, 18, 360.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "lactation", 19, 30, 310.0, "RDA", None, None, IOM_1997_CA_P_MG),
    DriRow("magnesium", "lactation", 31, 50, 320.0, "RDA", None, None, IOM_1997_CA_P_MG),
    # Calcium, RDA and UL (IOM 2011).
    DriRow("calcium", "children", 1, 3, 700.0, "RDA", 2500.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "children", 4, 8, 1000.0, "RDA", 2500.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "males", 9, 13, 1300.0, "RDA", 3000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "males", 14, 18, 1300.0, "RDA", 3000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "males", 19, 50, 1000.0, "RDA", 2500.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "males", 51, 70, 1000.0, "RDA", 2000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "males", 71, None, 1200.0, "RDA", 2000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "females", 9, 13, 1300.0, "RDA", 3000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "females", 14, 18, 1300.0, "RDA", 3000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "females", 19, 50, 1000.0, "RDA", 2500.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "females", 51, 70, 1200.0, "RDA", 2000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "females", 71, None, 1200.0, "RDA", 2000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "pregnancy", 14, 18, 1300.0, "RDA", 3000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "pregnancy", 19, 50, 1000.0, "RDA", 2500.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "lactation", 14, 18, 1300.0, "RDA", 3000.0, "UL", IOM_2011_CA_D),
    DriRow("calcium", "lactation", 19, 50, 1000.0, "RDA", 2500.0, "UL", IOM_2011_CA_D),
    # Sodium, AI with the CDRR as the upper reference (NASEM 2019). The CDRR is the intake
    # above which cutting back lowers chronic-disease risk; the 2019 report set no UL.
    DriRow("sodium", "children", 1, 3, 800.0, "AI", 1200.0, "CDRR", NASEM_2019_NA_K),
    DriRow("sodium", "children", 4, 8, 1000.0, "AI", 1500.0, "CDRR", NASEM_2019_NA_K),
    DriRow("sodium", "males", 9, 13, 1200.0, "AI", 1800.0, "CDRR", NASEM_2019_NA_K),
    DriRow("sodium", "males", 14, None, 1500.0, "AI", 2300.0, "CDRR", NASEM_2019_NA_K),
    DriRow("sodium", "females", 9, 13, 1200.0, "AI", 1800.0, "CDRR", NASEM_2019_NA_K),
    DriRow("sodium", "females", 14, None, 1500.0, "AI", 2300.0, "CDRR", NASEM_2019_NA_K),
    DriRow("sodium", "pregnancy", 14, 50, 1500.0, "AI", 2300.0, "CDRR", NASEM_2019_NA_K),
    DriRow("sodium", "lactation", 14, 50, 1500.0, "AI", 2300.0, "CDRR", NASEM_2019_NA_K),
    # Thiamin, RDA (IOM 1998). No UL was set.
    DriRow("thiamin", "children", 1, 3, 0.5, "RDA", None, None, IOM_1998_B_VITAMINS),
    DriRow("thiamin", "children", 4, 8, 0.6, "RDA", None, None, IOM_1998_B_VITAMINS),
    DriRow("thiamin", "males", 9, 13, 0.9, "RDA", None, None, IOM_1998_B_VITAMINS),
    DriRow("thiamin", "males", 14, None, 1.2, "RDA", None, None, IOM_1998_B_VITAMINS),
    DriRow("thiamin", "females", 9, 13, 0.9, "RDA", None, None, IOM_1998_B_VITAMINS),
    DriRow("thiamin", "females", 14, 18, 1.0, "RDA", None, None, IOM_1998_B_VITAMINS),
    DriRow("thiamin", "females", 19, None, 1.1, "RDA", None, None, IOM_1998_B_VITAMINS),
    DriRow("thiamin", "pregnancy", 14, 50, 1.4, "RDA", None, None, IOM_1998_B_VITAMINS),
    DriRow("thiamin", "lactation", 14, 50, 1.4, "RDA", None, None, IOM_1998_B_VITAMINS),
)

#: The adult sodium row (19+; the AI and the CDRR are the same for women and men): what the
#: recommenders assume when a log says nothing of sodium.
ADULT_SODIUM: Final[DriRow] = next(
    r for r in DRI_TABLE if r.nutrient == "sodium" and r.group == "females" and r.age_max is None
)

#: Magnesium UL from supplements and medicines (IOM 1997). It does not count magnesium in
#: food or water, so it is not a food target's ``upper``. For adults it sits below the RDA,
#: which is consistent: the RDA is met mostly from food.
SUPPLEMENT_UL: Final[tuple[SupplementUpperRow, ...]] = (
    SupplementUpperRow("magnesium", 1, 3, 65.0, IOM_1997_CA_P_MG),
    SupplementUpperRow("magnesium", 4, 8, 110.0, IOM_1997_CA_P_MG),
    SupplementUpperRow("magnesium", 9, None, 350.0, IOM_1997_CA_P_MG),
)

#: DRI age bands (inclusive; ``None`` = no upper age) used for life-stage labels.
AGE_BANDS: Final[tuple[tuple[int, int | None], ...]] = (
    (1, 3),
    (4, 8),
    (9, 13),
    (14, 18),
    (19, 30),
    (31, 50),
    (51, 70),
    (71, None),
)

_CHILD_MAX_AGE: Final = 8
_REPRODUCTIVE_MIN_AGE: Final = 14
_REPRODUCTIVE_MAX_AGE: Final = 50


def _validate(profile: Profile) -> None:
    if profile.age < 1:
        raise InvalidProfile(
            f"age {profile.age} is under 1 year; infant reference intakes are not covered",
            field="age",
        )
    if profile.sex not in ("female", "male"):
        raise InvalidProfile(f"sex {profile.sex!r} is not 'female' or 'male'", field="sex")
    for flag, state in (("pregnant", profile.pregnant), ("lactating", profile.lactating)):
        if not state:
            continue
        if profile.sex == "male":
            raise InvalidProfile(f"{flag} is set but sex is male", field=flag, also=("sex",))
        if profile.age < _REPRODUCTIVE_MIN_AGE:
            raise InvalidProfile(
                f"{flag} at age {profile.age}: pregnancy and lactation reference intakes "
                f"start at {_REPRODUCTIVE_MIN_AGE} years",
                field=flag,
                also=("age",),
            )


def _group_and_age(profile: Profile) -> tuple[Group, int]:
    """The table group and the age to look up in it (clamped for pregnancy over 50)."""
    _validate(profile)
    # Pregnancy wins over lactation when both are set: its needs are the larger or equal ones.
    if profile.pregnant or profile.lactating:
        group: Group = "pregnancy" if profile.pregnant else "lactation"
        return group, min(profile.age, _REPRODUCTIVE_MAX_AGE)
    if profile.age <= _CHILD_MAX_AGE:
        return "children", profile.age
    return ("males" if profile.sex == "male" else "females"), profile.age


def _band_label(age: int) -> str:
    for low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return f"{low}+" if high is None else f"{low}-{high}"
    raise AssertionError(f"no DRI age band holds age {age}")  # unreachable once validated


def life_stage(*, profile: Profile) -> str:
    """The DRI life-stage label, e.g. "children 1-3", "females 51-70", "pregnancy 19-30".

    Raises ``InvalidProfile`` (with ``field``) for a profile the DRIs do not cover.
    """
    group, age = _group_and_age(profile)
    return f"{group} {_band_label(age)}"


def targets_for(*, profile: Profile) -> dict[str, Target]:
    """Daily reference intakes (mg/day) keyed by nutrient, in ``TARGET_NUTRIENTS`` order.

    ``upper`` is the food UL (calcium) or the sodium CDRR, else ``None``. Raises
    ``InvalidProfile`` (with ``field``) for a profile the DRIs do not cover.
    """
    group, age = _group_and_age(profile)
    targets: dict[str, Target] = {}
    for key in TARGET_NUTRIENTS:
        row = _find_row(nutrient=key, group=group, age=age)
        targets[key] = Target(
            nutrient=key,
            amount=row.amount,
            unit=BY_KEY[key].unit,
            kind=row.kind,
            upper=row.upper,
            upper_kind=row.upper_kind,
            source=row.source,
        )
    return targets


def magnesium_supplement_ul(*, profile: Profile) -> float:
    """UL for magnesium from supplements and medicines, mg/day; food magnesium is not limited.

    Raises ``InvalidProfile`` (with ``field``) for a profile the DRIs do not cover.
    """
    _validate(profile)
    for row in SUPPLEMENT_UL:
        if row.nutrient == "magnesium" and row.covers(profile.age):
            return row.amount
    raise AssertionError(f"no magnesium supplement UL row holds age {profile.age}")


def _find_row(*, nutrient: str, group: Group, age: int) -> DriRow:
    for row in DRI_TABLE:
        if row.nutrient == nutrient and row.group == group and row.covers(age):
            return row
    # The table tests check that every group and age has exactly one row per nutrient.
    raise AssertionError(f"DRI table has no {nutrient} row for {group} aged {age}")
