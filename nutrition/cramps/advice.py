"""Clinician-style notes for a profile: safety cautions, what the evidence says, self-care tips.

Every note is an :class:`Advice` with a stable ``code`` (listed with its trigger in
docs/safety.md) and a short citation in ``source``. Notes never diagnose and never claim that a
nutrient or medicine causes someone's cramps; they say what is known and who to ask.

Sources behind the rules:

* NASEM 2019, *Dietary Reference Intakes for Sodium and Potassium* (potassium AI does not apply
  to people with impaired potassium excretion, e.g. kidney disease or drugs that retain it);
* KDIGO 2024 Clinical Practice Guideline for the Evaluation and Management of CKD;
* NIH Office of Dietary Supplements fact sheets for health professionals: Potassium; Magnesium
  (loop and thiazide diuretics raise urinary losses);
* Garrison SR et al. Arch Intern Med 2012;172(2):120-126 (prescriptions that precede nocturnal
  leg cramps: IV iron sucrose, conjugated estrogens, raloxifene, naproxen, teriparatide,
  long-acting beta-agonists, diuretics);
* Roguin Maor N et al. JAMA Intern Med 2017;177(5):617-623 (magnesium oxide vs placebo RCT);
* Garrison SR et al. Cochrane Database Syst Rev 2020;9:CD009402 (magnesium for cramps);
* Chan P et al. Clin Ther 1998;20(2) (vitamin B complex in older adults with cramps);
* Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355 (nocturnal leg cramps);
* Hallegraeff JM et al. J Physiother 2012;58(1):17-22 (stretching before sleep, RCT);
* Luo L et al. Cochrane Database Syst Rev 2020;12:CD010655 (leg cramps in pregnancy).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from nutrition.errors import NutritionError
from nutrition.food.tags import LOW_SODIUM_MG
from nutrition.person.profile import Profile
from nutrition.recommend.safety import (
    POTASSIUM_RAISING_MEDICATIONS,
    POTASSIUM_RESTRICTING_CONDITIONS,
    SALT_SENSITIVE_CONDITIONS,
    SODIUM_HIGH_MG,
    potassium_restricted,
    salt_restricted,
)

AdviceKind = Literal["urgent", "safety", "evidence", "tip"]

#: Display order of kinds: the most pressing first.
KIND_ORDER: Final[tuple[AdviceKind, ...]] = ("urgent", "safety", "evidence", "tip")

#: Statuses a gap may have (produced by the gap analysis).
GAP_STATUSES: Final[frozenset[str]] = frozenset({"below", "adequate", "above"})

DISCLAIMER: Final[str] = (
    "crampfood gives general food information, not medical advice, and cannot diagnose "
    "anything. Talk to a doctor, nurse or pharmacist about your own health and medicines."
)


@dataclass(frozen=True, slots=True)
class Advice:
    """One note for the user. ``code`` is a stable snake_case id; ``source`` a short citation."""

    kind: AdviceKind
    code: str
    text: str
    source: str


# --- sources, one per code ------------------------------------------------------------------

_SRC_POTASSIUM: Final = (
    "NASEM 2019 DRIs for Sodium and Potassium; KDIGO 2024 CKD guideline "
    "(Kidney Int 2024;105(4S):S117-S314)"
)
_SRC_DIURETIC: Final = (
    "NIH Office of Dietary Supplements fact sheets for health professionals: Potassium; Magnesium"
)
_SRC_MEDICATION: Final = (
    "Garrison SR et al. Arch Intern Med 2012;172(2):120-126 (prescriptions preceding "
    "nocturnal leg cramps); Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355"
)
_SRC_CONDITION: Final = (
    "Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355 (nocturnal leg cramps)"
)
_SRC_PREGNANCY: Final = (
    "Luo L et al. Cochrane Database Syst Rev 2020;12:CD010655 (interventions for leg cramps "
    "in pregnancy)"
)
_SRC_MAGNESIUM: Final = (
    "Roguin Maor N et al. JAMA Intern Med 2017;177(5):617-623 (magnesium oxide RCT); "
    "Garrison SR et al. Cochrane Database Syst Rev 2020;9:CD009402 (magnesium for skeletal "
    "muscle cramps)"
)
_SRC_B_COMPLEX: Final = (
    "Chan P et al. Clin Ther 1998;20(2) (vitamin B complex in elderly with cramps); "
    "Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355"
)
_SRC_HYDRATION: Final = (
    "IOM 2005 DRIs for Water, Potassium, Sodium, Chloride, and Sulfate; "
    "Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355"
)
_SRC_SODIUM: Final = (
    "NASEM 2019 DRIs for Sodium and Potassium (CDRR); FDA 21 CFR 101.61 (low sodium) and "
    "101.54 (high: 20 % DV)"
)
_SRC_SODIUM_LOSS: Final = (
    "IOM 2005 DRIs for Water, Potassium, Sodium, Chloride, and Sulfate (sweat losses); "
    "Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355"
)
_SRC_STRETCHING: Final = (
    "Hallegraeff JM et al. J Physiother 2012;58(1):17-22 (stretching before sleep RCT); "
    "Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355"
)

# --- profile keys the rules look at ---------------------------------------------------------

#: Diuretics that increase urinary loss of potassium and magnesium.
DEPLETING_DIURETICS: Final[tuple[str, ...]] = ("loop_diuretic", "thiazide_diuretic")
#: Medicines linked to leg cramps in the literature, in display order.
CRAMP_LINKED_MEDICATIONS: Final[tuple[str, ...]] = (
    "iron_sucrose_iv",
    "conjugated_estrogens",
    "raloxifene",
    "naproxen",
    "teriparatide",
    "long_acting_beta_agonist",
    "loop_diuretic",
    "thiazide_diuretic",
    "potassium_sparing_diuretic",
)
#: Conditions in which cramps are a known feature and a clinician already follows the person.
CRAMP_LINKED_CONDITIONS: Final[tuple[str, ...]] = (
    "peripheral_artery_disease",
    "liver_disease",
    "chronic_kidney_disease",
)
#: Conditions that often come with a fluid limit, so "drink more" must defer to it.
FLUID_LIMIT_CONDITIONS: Final[frozenset[str]] = frozenset(
    {"heart_failure", "chronic_kidney_disease"}
)

MEDICATION_LABELS: Final[Mapping[str, str]] = {
    "loop_diuretic": "a loop diuretic (e.g. furosemide)",
    "thiazide_diuretic": "a thiazide diuretic (e.g. hydrochlorothiazide)",
    "potassium_sparing_diuretic": "a potassium-sparing diuretic (e.g. spironolactone)",
    "ace_inhibitor": "an ACE inhibitor",
    "arb": "an angiotensin receptor blocker (ARB)",
    "iron_sucrose_iv": "intravenous iron sucrose",
    "conjugated_estrogens": "conjugated estrogens",
    "raloxifene": "raloxifene",
    "naproxen": "naproxen",
    "teriparatide": "teriparatide",
    "long_acting_beta_agonist": "a long-acting beta-agonist inhaler",
    "statin": "a statin",
}
CONDITION_LABELS: Final[Mapping[str, str]] = {
    "chronic_kidney_disease": "chronic kidney disease",
    "heart_failure": "heart failure",
    "diabetes": "diabetes",
    "peripheral_artery_disease": "peripheral artery disease",
    "liver_disease": "liver disease",
    "hypertension": "high blood pressure",
}

#: Every code this module or nutrition.cramps.diary can emit; docs/safety.md documents each one.
ADVICE_CODES: Final[tuple[str, ...]] = (
    "urgent_red_flag",
    "potassium_caution",
    "sodium_caution",
    "diuretic_depletion",
    "medication_cramps",
    "condition_cramps",
    "pregnancy",
    "see_gp",
    "magnesium_evidence",
    "b_complex_evidence",
    "hydration",
    "sodium_loss",
    "stretching",
    "cramp_relief",
)


def join_words(items: Iterable[str]) -> str:
    """Join phrases as plain English: "a", "a and b", "a, b and c"."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def merge_advice(*groups: Iterable[Advice]) -> list[Advice]:
    """Combine advice lists: ordered urgent, safety, evidence, tip; first item wins per code.

    Within one kind the input order is kept, so rule order is the tie-breaker.
    """
    seen: set[str] = set()
    unique: list[Advice] = []
    for group in groups:
        for item in group:
            if item.code not in seen:
                seen.add(item.code)
                unique.append(item)
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    # sorted() is stable, so equal kinds keep their rule order.
    return sorted(unique, key=lambda a: rank[a.kind])


def _labels(keys: Iterable[str], labels: Mapping[str, str]) -> list[str]:
    # Unknown keys fall back to a readable form instead of failing: the profile validator owns
    # key checking, and a note naming the key is still better than dropping it.
    return [labels.get(k, k.replace("_", " ")) for k in keys]


def _potassium_caution(profile: Profile, gaps: Mapping[str, str]) -> Advice | None:
    if not potassium_restricted(profile):
        return None
    reasons: list[str] = []
    conditions = sorted(profile.conditions & POTASSIUM_RESTRICTING_CONDITIONS)
    if conditions:
        reasons.append(
            "with "
            + join_words(_labels(conditions, CONDITION_LABELS))
            + " the kidneys may not clear extra potassium"
        )
    drugs = [m for m in sorted(POTASSIUM_RAISING_MEDICATIONS) if m in profile.medications]
    if drugs:
        reasons.append(join_words(_labels(drugs, MEDICATION_LABELS)) + " can raise blood potassium")
    text = (
        "We will not suggest potassium-rich foods for you. "
        + " ".join(r[0].upper() + r[1:] + "." for r in reasons)
        + " Eating more could push blood potassium too high (hyperkalaemia)."
    )
    if gaps.get("potassium") == "below":
        # The gap analysis will flag low potassium; say plainly why we still hold back.
        text += " Your logged potassium is under the usual target, but the general target"
        text += " may not apply to you."
    who = "doctor or kidney team" if conditions else "doctor or pharmacist"
    text += f" Ask your {who} before eating more potassium-rich food."
    return Advice("safety", "potassium_caution", text, _SRC_POTASSIUM)


def _sodium_caution(profile: Profile) -> Advice | None:
    if not salt_restricted(profile):
        return None
    conditions = [c for c in sorted(SALT_SENSITIVE_CONDITIONS) if c in profile.conditions]
    text = (
        f"Because of your {join_words(_labels(conditions, CONDITION_LABELS))}, we only suggest"
        f" low-sodium portions ({LOW_SODIUM_MG:.0f} mg of sodium or less). Salt raises blood"
        " pressure and makes the body hold fluid, so keep to any salt limit your clinician"
        " gave you, even if your logged sodium looks low."
    )
    return Advice("safety", "sodium_caution", text, _SRC_SODIUM)


def _sodium_loss(profile: Profile, gaps: Mapping[str, str]) -> Advice | None:
    if gaps.get("sodium") != "below":
        return None
    text = (
        "Your logged sodium is low. Most people eat more salt than they need, so we do not"
        f" suggest salty foods (no portion over {SODIUM_HIGH_MG:.0f} mg). Sodium lost through"
        " heavy sweating, heat, vomiting or diarrhoea can bring on cramps: then drinking"
        " fluids, or a sports drink after long hard exercise, helps more than salty food."
    )
    if salt_restricted(profile) or profile.conditions & FLUID_LIMIT_CONDITIONS:
        text += " With your condition, ask your clinician before changing salt or fluids."
    return Advice("tip", "sodium_loss", text, _SRC_SODIUM_LOSS)


def _diuretic_depletion(profile: Profile) -> Advice | None:
    drugs = [m for m in DEPLETING_DIURETICS if m in profile.medications]
    if not drugs:
        return None
    text = (
        "You take "
        + join_words(_labels(drugs, MEDICATION_LABELS))
        + ", which can lower the potassium and magnesium in your body. Ask your doctor whether"
        " a blood test to check these would be useful."
    )
    return Advice("safety", "diuretic_depletion", text, _SRC_DIURETIC)


def _medication_cramps(profile: Profile) -> Advice | None:
    drugs = [m for m in CRAMP_LINKED_MEDICATIONS if m in profile.medications]
    if not drugs:
        return None
    names = join_words(_labels(drugs, MEDICATION_LABELS))
    text = (
        f"Leg cramps have been reported more often in people taking {names}. Do not stop or"
        " change a medicine on your own; if cramps bother you, talk to the person who"
        " prescribed it."
    )
    return Advice("safety", "medication_cramps", text, _SRC_MEDICATION)


def _condition_cramps(profile: Profile) -> Advice | None:
    conditions = [c for c in CRAMP_LINKED_CONDITIONS if c in profile.conditions]
    if not conditions:
        return None
    names = join_words(_labels(conditions, CONDITION_LABELS))
    text = (
        f"Cramps can come with {names}. If your cramps are new, worse or different, tell the"
        " clinician who looks after that condition."
    )
    return Advice("safety", "condition_cramps", text, _SRC_CONDITION)


def _pregnancy(profile: Profile) -> Advice | None:
    if not profile.pregnant:
        return None
    text = (
        "Leg cramps are common in pregnancy. Check with your midwife or doctor before taking any"
        " supplement for them."
    )
    return Advice("safety", "pregnancy", text, _SRC_PREGNANCY)


def _magnesium_evidence(gaps: Mapping[str, str]) -> Advice:
    # Always shown, not only on a magnesium gap: magnesium pills are sold for cramps to
    # everyone, so the evidence matters most to people whose diet is already fine.
    text = (
        "In a randomised trial magnesium oxide worked no better than a placebo for night leg"
        " cramps, and a Cochrane review found magnesium unlikely to help most older adults with"
        " ordinary cramps."
    )
    if gaps.get("magnesium") == "below":
        text += " Your logged magnesium is low, and raising it with food is still good for health."
    return Advice("evidence", "magnesium_evidence", text, _SRC_MAGNESIUM)


def _b_complex_evidence() -> Advice:
    text = (
        "One small trial in older adults found a daily vitamin B complex reduced cramps; the"
        " evidence is limited, so ask a pharmacist or doctor before trying it."
    )
    return Advice("evidence", "b_complex_evidence", text, _SRC_B_COMPLEX)


def _hydration(profile: Profile) -> Advice:
    if profile.conditions & FLUID_LIMIT_CONDITIONS:
        text = (
            "Drink steadily through the day, but if you have been told to limit fluids, keep to"
            " that limit and ask your clinician before drinking more."
        )
    else:
        text = "Drink fluids steadily through the day so you do not go to bed dehydrated."
    return Advice("tip", "hydration", text, _SRC_HYDRATION)


def _stretching() -> Advice:
    text = (
        "Stretching your calves for a few minutes before bed may cut down night cramps. During"
        " a cramp, pull your toes towards you, massage the muscle, or use heat or an ice pack."
    )
    return Advice("tip", "stretching", text, _SRC_STRETCHING)


def profile_advice(*, profile: Profile, gaps: Mapping[str, str] | None = None) -> list[Advice]:
    """Safety, evidence and tip notes for ``profile``, ordered by kind, one per code.

    ``gaps`` maps nutrient key to "below" / "adequate" / "above" where known (absent = unknown).
    Raises NutritionError (field "gaps") on any other status.
    """
    known_gaps: Mapping[str, str] = gaps or {}
    for nutrient, status in known_gaps.items():
        if status not in GAP_STATUSES:
            raise NutritionError(
                f"gap status for {nutrient!r} must be one of {sorted(GAP_STATUSES)},"
                f" got {status!r}",
                field="gaps",
            )
    candidates = [
        _potassium_caution(profile, known_gaps),
        _sodium_caution(profile),
        _diuretic_depletion(profile),
        _medication_cramps(profile),
        _condition_cramps(profile),
        _pregnancy(profile),
        _magnesium_evidence(known_gaps),
        _b_complex_evidence(),
        _hydration(profile),
        _sodium_loss(profile, known_gaps),
        _stretching(),
    ]
    return merge_advice(a for a in candidates if a is not None)
