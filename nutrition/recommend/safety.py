"""Every rule that decides what may be offered to a person, derived from their profile alone.

Suggestions, swaps and plans all ask this module; nothing else holds a safety rule, and no
caller passes a flag that could be forgotten. A rule always beats a score: a food the rules
refuse is never offered, however well it would close a gap.

Rules (each portion is the one offered; amounts are USDA SR28/FNDDS values for it):

* **Allergies and diet.** No food tagged with one of the person's allergens, and none holding
  an animal product their diet excludes (``person.profile.DIET_EXCLUDES``). Disliked foods are
  left out too.
* **Never a serving.** Herbs, spices, condiments, garnishes, fats and cooking ingredients
  (``food.processing.is_condiment``) and foods nobody eats as a portion
  (``food.processing.is_excluded``: salt, supplements, alcohol, powders).
* **Sodium.** No portion over ``SODIUM_HIGH_MG`` (FDA "high": 20 % of the 2,300 mg Daily
  Value, 21 CFR 101.54), for anyone. With a salt-sensitive condition (hypertension, heart
  failure, chronic kidney disease, liver disease), or a logged average at or over the CDRR,
  only "low sodium" portions (``LOW_SODIUM_MG``, 21 CFR 101.61). A portion never takes someone
  past the CDRR headroom, and a portion of unknown sodium is never offered: it cannot be
  checked. Nor is one whose sodium is known for only part of its weight (a recipe with an
  ingredient that reports none): its value is a lower bound. Sodium is raised from food only
  when intake is known to be clearly low from a fairly complete log (``sodium_may_be_raised``)
  and nothing in the profile restricts it.
* **Potassium.** Chronic kidney disease, a potassium-sparing diuretic, an ACE inhibitor or an
  ARB can make the kidneys keep potassium (NASEM 2019 DRIs for Sodium and Potassium; KDIGO
  2024): potassium is then never a gap to close, and no portion over
  ``POTASSIUM_RESTRICTED_MAX_MG`` or of unknown (or only partly known) potassium is offered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from nutrition.food.foods import Food
from nutrition.food.matrix import BoolArray, FoodMatrix
from nutrition.food.processing import is_condiment, is_excluded
from nutrition.food.tags import HIGH_SODIUM, LOW_SODIUM_MG
from nutrition.nutrients import BY_KEY
from nutrition.person.gaps import Gap
from nutrition.person.profile import ALLERGENS, ANIMAL_KINDS, DIET_EXCLUDES, Profile
from nutrition.person.targets import ADULT_SODIUM

#: FDA "high" in sodium: 20 % of the 2,300 mg Daily Value (21 CFR 101.54(b)), 460 mg.
_SODIUM_DV = BY_KEY["sodium"].daily_value
assert _SODIUM_DV is not None
SODIUM_HIGH_MG: Final = HIGH_SODIUM * _SODIUM_DV
#: The sodium Chronic Disease Risk Reduction intake for adults (NASEM 2019, from the DRI
#: table), used when a gap does not carry one.
assert ADULT_SODIUM.upper is not None
DEFAULT_CDRR_MG: Final = ADULT_SODIUM.upper
#: The most potassium a portion may carry under a potassium restriction; a clinician should
#: set the real limit, so this stays well under a "good source" (10 % of the 4,700 mg DV).
POTASSIUM_RESTRICTED_MAX_MG: Final = 200.0
#: Sodium below this share of the AI counts as clearly low.
SODIUM_CLEARLY_LOW: Final = 0.7
#: A log counts as complete enough to call sodium low when it spans at least this many days
#: with at least this much energy a day on average: one logged snack says nothing about salt.
COMPLETE_LOG_DAYS: Final = 3
COMPLETE_LOG_KCAL: Final = 1200.0

#: Conditions for which salt must be kept down (AHA and KDIGO guidance; NASEM 2019 CDRR).
SALT_SENSITIVE_CONDITIONS: Final = frozenset(
    {"hypertension", "heart_failure", "chronic_kidney_disease", "liver_disease"}
)
#: Medications prescribed for blood pressure or fluid: sodium is never raised for them.
SALT_SENSITIVE_MEDICATIONS: Final = frozenset(
    {"loop_diuretic", "thiazide_diuretic", "potassium_sparing_diuretic", "ace_inhibitor", "arb"}
)
#: Conditions and medications under which the kidneys may keep potassium.
POTASSIUM_RESTRICTING_CONDITIONS: Final = frozenset({"chronic_kidney_disease"})
POTASSIUM_RAISING_MEDICATIONS: Final = frozenset(
    {"potassium_sparing_diuretic", "ace_inhibitor", "arb"}
)


@dataclass(frozen=True, slots=True)
class LogQuality:
    """How complete the log behind the gaps is: days with food and average energy (kcal)."""

    days_logged: int = 0
    energy_kcal: float | None = None


#: No log at all: sodium is never raised.
NO_LOG: Final = LogQuality()


@dataclass(frozen=True, slots=True)
class Rules:
    """What the profile (and the log's sodium evidence) allows; build with ``rules_for``.

    ``sodium_cap_mg`` is the most sodium one portion may carry; ``raise_sodium`` whether sodium
    is a gap worth closing at all.
    """

    allergies: frozenset[str]
    excluded_animal: frozenset[str]
    dislikes: tuple[str, ...]
    potassium_restricted: bool
    salt_restricted: bool
    sodium_cap_mg: float
    raise_sodium: bool


def potassium_restricted(profile: Profile) -> bool:
    """Whether potassium-dense foods must not be pushed (kidney disease or K-keeping drugs)."""
    return bool(
        profile.conditions & POTASSIUM_RESTRICTING_CONDITIONS
        or profile.medications & POTASSIUM_RAISING_MEDICATIONS
    )


def salt_restricted(profile: Profile) -> bool:
    """Whether only low-sodium portions may be offered (a salt-sensitive condition)."""
    return bool(profile.conditions & SALT_SENSITIVE_CONDITIONS)


def sodium_may_be_raised(*, profile: Profile, gap: Gap | None, log: LogQuality) -> bool:
    """Whether sodium is a gap to close: known, clearly low, from a fairly complete log, and
    nothing in the profile (condition or blood-pressure medicine) restricts it."""
    if gap is None or gap.average is None or gap.thin_coverage or gap.status != "below":
        return False
    if salt_restricted(profile) or profile.medications & SALT_SENSITIVE_MEDICATIONS:
        return False
    if log.days_logged < COMPLETE_LOG_DAYS:
        return False
    if log.energy_kcal is None or log.energy_kcal < COMPLETE_LOG_KCAL:
        return False
    return gap.average < SODIUM_CLEARLY_LOW * gap.target


def _sodium_gap(gaps: Sequence[Gap]) -> Gap | None:
    return next((g for g in gaps if g.nutrient == "sodium"), None)


def rules_for(*, profile: Profile, gaps: Sequence[Gap], log: LogQuality = NO_LOG) -> Rules:
    """Derive every restriction from ``profile`` and the sodium evidence in ``gaps``."""
    sodium = _sodium_gap(gaps)
    salty = salt_restricted(profile)
    cap = SODIUM_HIGH_MG
    if salty or (sodium is not None and sodium.status == "above"):
        cap = LOW_SODIUM_MG
    if sodium is not None and sodium.headroom is not None and sodium.headroom > 0:
        # One portion must never carry someone from under the CDRR to over it.
        cap = min(cap, sodium.headroom)
    return Rules(
        allergies=frozenset(profile.allergies),
        excluded_animal=DIET_EXCLUDES.get(profile.diet or "", frozenset()),
        dislikes=tuple(profile.dislikes),
        potassium_restricted=potassium_restricted(profile),
        salt_restricted=salty,
        sodium_cap_mg=cap,
        raise_sodium=sodium_may_be_raised(profile=profile, gap=sodium, log=log),
    )


def allowed(*, matrix: FoodMatrix, rules: Rules) -> BoolArray:
    """Foods whose default portion every rule allows (vectorised over ``matrix``)."""
    mask = ~(matrix.excluded | matrix.condiment)
    allergy_cols = [j for j, a in enumerate(ALLERGENS) if a in rules.allergies]
    if allergy_cols:
        mask &= ~matrix.allergen_mask[:, allergy_cols].any(axis=1)
    animal_cols = [j for j, k in enumerate(ANIMAL_KINDS) if k in rules.excluded_animal]
    if animal_cols:
        mask &= ~matrix.animal_mask[:, animal_cols].any(axis=1)
    for dislike in rules.dislikes:
        mask[matrix.rows_matching(dislike)] = False
    return mask & portion_allowed(matrix=matrix, rules=rules)


def portion_allowed(*, matrix: FoodMatrix, rules: Rules) -> BoolArray:
    """The sodium and potassium limits for each food's default portion."""
    with np.errstate(invalid="ignore"):
        mask: BoolArray = matrix.column("sodium") <= rules.sodium_cap_mg
        if rules.potassium_restricted:
            mask &= matrix.column("potassium") <= POTASSIUM_RESTRICTED_MAX_MG
    return mask


def portion_fits(*, matrix: FoodMatrix, row: int, grams: float, rules: Rules) -> bool:
    """The sodium and potassium limits for ``grams`` of one food (unknown amounts fail)."""
    per_100g = matrix.per_100g[row]
    sodium = per_100g[matrix.columns["sodium"]] * grams / 100.0
    if not sodium <= rules.sodium_cap_mg:  # NaN (unknown) fails too
        return False
    if rules.potassium_restricted:
        potassium = per_100g[matrix.columns["potassium"]] * grams / 100.0
        return bool(potassium <= POTASSIUM_RESTRICTED_MAX_MG)
    return True


def violations(*, food: Food, amounts: Mapping[str, float | None], rules: Rules) -> list[str]:
    """Every rule one offered portion breaks (empty when it is safe), checked food by food.

    ``amounts`` are the portion's nutrient amounts (None = unknown). This is the scalar twin of
    ``allowed``: the final guard on every suggestion, swap and plan item.
    """
    found: list[str] = []
    if food.allergens & rules.allergies:
        found.append(f"contains {', '.join(sorted(food.allergens & rules.allergies))}")
    if food.animal & rules.excluded_animal:
        found.append(f"holds {', '.join(sorted(food.animal & rules.excluded_animal))}")
    facts = {"description": food.description, "group_code": food.group_code, "source": food.source}
    if is_condiment(**facts):
        found.append("a condiment or cooking ingredient, not a serving")
    if is_excluded(group=food.group, **facts):
        found.append("never eaten as a portion")
    sodium = amounts.get("sodium")
    if sodium is None:
        found.append("sodium unknown")
    elif food.coverage.get("sodium", 1.0) < 1.0:
        found.append("sodium known for only part of the food")
    elif sodium > rules.sodium_cap_mg + 1e-9:
        found.append(f"{sodium:.0f} mg sodium, over {rules.sodium_cap_mg:.0f} mg")
    if rules.potassium_restricted:
        potassium = amounts.get("potassium")
        if (
            potassium is None
            or food.coverage.get("potassium", 1.0) < 1.0
            or potassium > POTASSIUM_RESTRICTED_MAX_MG + 1e-9
        ):
            found.append("potassium unknown or over the restricted limit")
    return found
