"""Tests for nutrition.cramps.advice: profile safety notes, evidence, tips, ordering."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.cramps.advice import (
    ADVICE_CODES,
    DISCLAIMER,
    KIND_ORDER,
    Advice,
    merge_advice,
    potassium_restricted,
    profile_advice,
)
from nutrition.errors import NutritionError
from nutrition.person.profile import CONDITIONS, MEDICATIONS, Profile

DOCS = Path(__file__).resolve().parents[3] / "docs" / "safety.md"


def make_profile(
    *,
    age: int = 60,
    sex: str = "female",
    pregnant: bool = False,
    medications: frozenset[str] = frozenset(),
    conditions: frozenset[str] = frozenset(),
) -> Profile:
    return Profile(
        age=age,
        sex=sex,  # type: ignore[arg-type]
        pregnant=pregnant,
        medications=medications,
        conditions=conditions,
    )


def by_code(items: list[Advice]) -> dict[str, Advice]:
    return {a.code: a for a in items}


def codes(items: list[Advice]) -> set[str]:
    return {a.code for a in items}


profiles = st.builds(
    make_profile,
    age=st.integers(min_value=14, max_value=100),
    sex=st.sampled_from(["female", "male"]),
    pregnant=st.booleans(),
    medications=st.frozensets(st.sampled_from(MEDICATIONS)),
    conditions=st.frozensets(st.sampled_from(CONDITIONS)),
)
gap_maps = st.dictionaries(
    st.sampled_from(["potassium", "magnesium", "calcium", "thiamin", "sodium"]),
    st.sampled_from(["below", "adequate", "above"]),
)


# --- potassium caution ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("medications", "conditions"),
    [
        (frozenset(), frozenset({"chronic_kidney_disease"})),
        (frozenset({"potassium_sparing_diuretic"}), frozenset()),
        (frozenset({"ace_inhibitor"}), frozenset()),
        (frozenset({"arb"}), frozenset()),
    ],
)
def test_potassium_caution_fires_for_kidney_disease_and_potassium_raising_drugs(
    medications: frozenset[str], conditions: frozenset[str]
) -> None:
    profile = make_profile(medications=medications, conditions=conditions)
    assert potassium_restricted(profile)
    note = by_code(profile_advice(profile=profile))["potassium_caution"]
    assert note.kind == "safety"
    assert "hyperkalaemia" in note.text
    assert "before eating more potassium" in note.text


@pytest.mark.parametrize(
    ("medications", "conditions"),
    [
        (frozenset(), frozenset()),
        (frozenset({"loop_diuretic", "thiazide_diuretic", "statin"}), frozenset()),
        (frozenset(), frozenset({"hypertension", "diabetes", "heart_failure"})),
    ],
)
def test_potassium_caution_absent_otherwise(
    medications: frozenset[str], conditions: frozenset[str]
) -> None:
    profile = make_profile(medications=medications, conditions=conditions)
    assert not potassium_restricted(profile)
    assert "potassium_caution" not in codes(profile_advice(profile=profile))


def test_potassium_caution_names_each_reason() -> None:
    profile = make_profile(
        medications=frozenset({"ace_inhibitor"}), conditions=frozenset({"chronic_kidney_disease"})
    )
    text = by_code(profile_advice(profile=profile))["potassium_caution"].text
    assert "kidney" in text
    assert "ACE inhibitor" in text


def test_potassium_caution_explains_a_low_potassium_gap() -> None:
    profile = make_profile(conditions=frozenset({"chronic_kidney_disease"}))
    plain = by_code(profile_advice(profile=profile))["potassium_caution"].text
    low = by_code(profile_advice(profile=profile, gaps={"potassium": "below"}))
    assert low["potassium_caution"].text != plain
    assert "under the usual target" in low["potassium_caution"].text


# --- diuretics --------------------------------------------------------------------------------


@pytest.mark.parametrize("drug", ["loop_diuretic", "thiazide_diuretic"])
def test_depleting_diuretic_mentions_minerals_and_blood_test(drug: str) -> None:
    note = by_code(profile_advice(profile=make_profile(medications=frozenset({drug}))))[
        "diuretic_depletion"
    ]
    assert note.kind == "safety"
    assert "potassium" in note.text
    assert "magnesium" in note.text
    assert "blood test" in note.text


@pytest.mark.parametrize("drug", ["potassium_sparing_diuretic", "ace_inhibitor", "statin"])
def test_no_depletion_note_for_other_drugs(drug: str) -> None:
    items = profile_advice(profile=make_profile(medications=frozenset({drug})))
    assert "diuretic_depletion" not in codes(items)


# --- medications linked to cramps -------------------------------------------------------------


@pytest.mark.parametrize(
    ("drug", "name"),
    [
        ("iron_sucrose_iv", "iron sucrose"),
        ("conjugated_estrogens", "conjugated estrogens"),
        ("raloxifene", "raloxifene"),
        ("naproxen", "naproxen"),
        ("teriparatide", "teriparatide"),
        ("long_acting_beta_agonist", "beta-agonist"),
        ("loop_diuretic", "loop diuretic"),
        ("thiazide_diuretic", "thiazide diuretic"),
        ("potassium_sparing_diuretic", "potassium-sparing diuretic"),
    ],
)
def test_medication_cramps_names_the_medicine(drug: str, name: str) -> None:
    note = by_code(profile_advice(profile=make_profile(medications=frozenset({drug}))))[
        "medication_cramps"
    ]
    assert note.kind == "safety"
    assert name in note.text
    assert "Do not stop" in note.text


def test_medication_cramps_lists_several_medicines_in_one_note() -> None:
    profile = make_profile(medications=frozenset({"naproxen", "raloxifene"}))
    items = profile_advice(profile=profile)
    notes = [a for a in items if a.code == "medication_cramps"]
    assert len(notes) == 1
    assert "naproxen" in notes[0].text
    assert "raloxifene" in notes[0].text


@pytest.mark.parametrize("drug", ["statin", "ace_inhibitor", "arb"])
def test_medication_cramps_absent_for_unlinked_drugs(drug: str) -> None:
    items = profile_advice(profile=make_profile(medications=frozenset({drug})))
    assert "medication_cramps" not in codes(items)


# --- conditions, pregnancy --------------------------------------------------------------------


def test_condition_note_for_artery_or_liver_disease() -> None:
    profile = make_profile(conditions=frozenset({"peripheral_artery_disease", "liver_disease"}))
    note = by_code(profile_advice(profile=profile))["condition_cramps"]
    assert "peripheral artery disease" in note.text
    assert "liver disease" in note.text
    assert "condition_cramps" not in codes(
        profile_advice(profile=make_profile(conditions=frozenset({"diabetes"})))
    )


def test_pregnancy_note_only_when_pregnant() -> None:
    note = by_code(profile_advice(profile=make_profile(age=30, pregnant=True)))["pregnancy"]
    assert "midwife" in note.text
    assert "supplement" in note.text
    assert "pregnancy" not in codes(profile_advice(profile=make_profile(age=30)))


# --- evidence and tips ------------------------------------------------------------------------


@pytest.mark.parametrize("status", [None, "below", "adequate", "above"])
def test_magnesium_evidence_always_included_once(status: str | None) -> None:
    gaps = None if status is None else {"magnesium": status}
    items = profile_advice(profile=make_profile(), gaps=gaps)
    notes = [a for a in items if a.code == "magnesium_evidence"]
    assert len(notes) == 1
    assert notes[0].kind == "evidence"
    assert "placebo" in notes[0].text
    assert "Cochrane" in notes[0].source


def test_magnesium_evidence_adds_food_note_only_on_a_gap() -> None:
    low = by_code(profile_advice(profile=make_profile(), gaps={"magnesium": "below"}))
    fine = by_code(profile_advice(profile=make_profile(), gaps={"magnesium": "adequate"}))
    assert "food" in low["magnesium_evidence"].text
    assert "food" not in fine["magnesium_evidence"].text


def test_b_complex_evidence_is_marked_limited() -> None:
    note = by_code(profile_advice(profile=make_profile()))["b_complex_evidence"]
    assert note.kind == "evidence"
    assert "limited" in note.text


def test_tips_present_for_everyone() -> None:
    items = by_code(profile_advice(profile=make_profile()))
    assert items["hydration"].kind == "tip"
    assert items["stretching"].kind == "tip"
    for word in ("before bed", "massage", "heat", "ice"):
        assert word in items["stretching"].text


@pytest.mark.parametrize("condition", ["heart_failure", "chronic_kidney_disease"])
def test_hydration_respects_fluid_limits(condition: str) -> None:
    limited = by_code(profile_advice(profile=make_profile(conditions=frozenset({condition}))))
    plain = by_code(profile_advice(profile=make_profile()))
    assert "limit fluids" in limited["hydration"].text
    assert "limit fluids" not in plain["hydration"].text


def test_rejects_unknown_gap_status() -> None:
    with pytest.raises(NutritionError) as info:
        profile_advice(profile=make_profile(), gaps={"magnesium": "low"})
    assert info.value.field == "gaps"


# --- invariants -------------------------------------------------------------------------------


@given(profile=profiles, gaps=gap_maps)
def test_advice_is_ordered_unique_and_complete(profile: Profile, gaps: dict[str, str]) -> None:
    items = profile_advice(profile=profile, gaps=gaps)
    ranks = [KIND_ORDER.index(a.kind) for a in items]
    assert ranks == sorted(ranks)
    assert len(codes(items)) == len(items)
    for item in items:
        assert item.text.strip()
        assert item.source.strip()
        assert item.code in ADVICE_CODES
    assert "potassium_caution" in codes(items) or not potassium_restricted(profile)


def test_merge_orders_by_kind_and_keeps_first_duplicate() -> None:
    tip = Advice("tip", "a", "first", "src")
    urgent = Advice("urgent", "b", "urgent", "src")
    again = Advice("safety", "a", "second", "src")
    evidence = Advice("evidence", "c", "ev", "src")
    merged = merge_advice([tip, evidence], [again, urgent])
    assert [a.code for a in merged] == ["b", "c", "a"]
    assert merged[-1].text == "first"


def test_disclaimer_says_not_medical_advice() -> None:
    assert "not medical advice" in DISCLAIMER
    assert "diagnose" in DISCLAIMER


def test_every_code_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [code for code in ADVICE_CODES if f"`{code}`" not in text]
    assert missing == []
