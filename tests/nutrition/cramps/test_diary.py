"""Tests for nutrition.cramps.diary: diary episode validation and the advice rules."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.cramps.advice import ADVICE_CODES, KIND_ORDER, Advice
from nutrition.cramps.diary import (
    FREQUENT_IN_7_DAYS,
    FREQUENT_IN_30_DAYS,
    IMPACT_SYMPTOMS,
    LONG_EPISODE_MINUTES,
    RED_FLAGS,
    SYMPTOMS,
    CrampEpisode,
    episode_advice,
    episodes_in_window,
)
from nutrition.errors import NutritionError

NOW = datetime(2024, 3, 10, 7, 0)


def make_episode(
    *,
    hours_ago: float = 5.0,
    duration_minutes: float = 2.0,
    severity: int = 5,
    leg: str = "left",
    symptoms: frozenset[str] = frozenset(),
) -> CrampEpisode:
    return CrampEpisode(
        started_at=NOW - timedelta(hours=hours_ago),
        duration_minutes=duration_minutes,
        severity=severity,
        leg=leg,  # type: ignore[arg-type]
        symptoms=symptoms,
    )


def history(*, count: int, every_days: float, start_days_ago: float = 1.0) -> list[CrampEpisode]:
    return [make_episode(hours_ago=24 * (start_days_ago + i * every_days)) for i in range(count)]


def advise(episode: CrampEpisode, recent: list[CrampEpisode] | None = None) -> dict[str, Advice]:
    return {a.code: a for a in episode_advice(episode=episode, recent=recent or [], now=NOW)}


def test_symptom_lists_are_consistent() -> None:
    required = {
        "swelling",
        "pale_or_cool_leg",
        "calf_pain_after_sitting",
        "bilateral_swelling_with_breathing_problems",
        "sleep_disrupted",
        "daily_function_impaired",
    }
    assert required <= set(SYMPTOMS)
    assert set(SYMPTOMS) >= RED_FLAGS
    assert not RED_FLAGS & IMPACT_SYMPTOMS
    assert len(set(SYMPTOMS)) == len(SYMPTOMS)


# --- red flags --------------------------------------------------------------------------------


@pytest.mark.parametrize("flag", sorted(RED_FLAGS))
def test_each_red_flag_gives_urgent_note(flag: str) -> None:
    items = episode_advice(episode=make_episode(symptoms=frozenset({flag})), recent=[], now=NOW)
    assert items[0].kind == "urgent"
    assert items[0].code == "urgent_red_flag"
    assert "doctor" in items[0].text


def test_urgent_note_names_every_flag() -> None:
    note = advise(make_episode(symptoms=frozenset({"swelling", "pale_or_cool_leg"})))
    assert "swollen" in note["urgent_red_flag"].text
    assert "pale or unusually cool" in note["urgent_red_flag"].text


def test_breathing_problems_add_emergency_line() -> None:
    symptoms = frozenset({"bilateral_swelling_with_breathing_problems"})
    assert "emergency" in advise(make_episode(symptoms=symptoms))["urgent_red_flag"].text
    assert (
        "emergency"
        not in advise(make_episode(symptoms=frozenset({"swelling"})))["urgent_red_flag"].text
    )


@pytest.mark.parametrize("symptom", sorted(set(SYMPTOMS) - RED_FLAGS))
def test_other_symptoms_are_not_urgent(symptom: str) -> None:
    assert "urgent_red_flag" not in advise(make_episode(symptoms=frozenset({symptom})))


# --- see a GP ---------------------------------------------------------------------------------


def test_single_ordinary_episode_only_gets_relief_tip() -> None:
    items = episode_advice(episode=make_episode(), recent=[], now=NOW)
    assert [a.code for a in items] == ["cramp_relief"]
    assert items[0].kind == "tip"


def test_frequent_in_a_week_suggests_gp() -> None:
    recent = history(count=FREQUENT_IN_7_DAYS - 1, every_days=1)
    note = advise(make_episode(), recent)["see_gp"]
    assert note.kind == "safety"
    assert f"{FREQUENT_IN_7_DAYS} cramps in the past 7 days" in note.text


def test_one_short_of_weekly_threshold_is_not_frequent() -> None:
    recent = history(count=FREQUENT_IN_7_DAYS - 2, every_days=1)
    assert "see_gp" not in advise(make_episode(), recent)


def test_frequent_in_a_month_suggests_gp() -> None:
    # Spread out so no 7-day window reaches the weekly threshold.
    recent = history(count=FREQUENT_IN_30_DAYS - 1, every_days=3.5, start_days_ago=3.5)
    assert episodes_in_window(episode=make_episode(), recent=recent, now=NOW, days=7) < 3
    note = advise(make_episode(), recent)["see_gp"]
    assert f"{FREQUENT_IN_30_DAYS} cramps in the past 30 days" in note.text


def test_old_future_and_repeated_episodes_do_not_count() -> None:
    episode = make_episode()
    old = history(count=10, every_days=1, start_days_ago=31)
    future = [make_episode(hours_ago=-24), make_episode(hours_ago=-48)]
    recent = [*old, *future, episode, episode]
    assert episodes_in_window(episode=episode, recent=recent, now=NOW, days=30) == 1
    assert "see_gp" not in advise(episode, recent)


@pytest.mark.parametrize("symptom", sorted(IMPACT_SYMPTOMS))
def test_impact_on_sleep_or_day_suggests_gp(symptom: str) -> None:
    items = advise(make_episode(symptoms=frozenset({symptom})))
    assert items["see_gp"].kind == "safety"
    assert "urgent_red_flag" not in items


def test_long_episode_suggests_gp_but_typical_does_not() -> None:
    long = advise(make_episode(duration_minutes=LONG_EPISODE_MINUTES + 5))
    assert "minutes" in long["see_gp"].text
    assert "see_gp" not in advise(make_episode(duration_minutes=LONG_EPISODE_MINUTES))


def test_several_reasons_share_one_gp_note() -> None:
    recent = history(count=FREQUENT_IN_7_DAYS, every_days=1)
    episode = make_episode(duration_minutes=30, symptoms=frozenset(IMPACT_SYMPTOMS))
    items = episode_advice(episode=episode, recent=recent, now=NOW)
    gp = [a for a in items if a.code == "see_gp"]
    assert len(gp) == 1
    assert "sleep" in gp[0].text
    assert "30 minutes" in gp[0].text
    assert "7 days" in gp[0].text


def test_relief_tip_covers_stretch_massage_heat_cold() -> None:
    text = advise(make_episode())["cramp_relief"].text
    for word in ("toes", "massage", "heat", "ice"):
        assert word in text


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"duration_minutes": 0.0}, "duration_minutes"),
        ({"duration_minutes": float("nan")}, "duration_minutes"),
        ({"severity": 0}, "severity"),
        ({"severity": 11}, "severity"),
        ({"leg": "arm"}, "leg"),
        ({"symptoms": frozenset({"headache"})}, "symptoms"),
    ],
)
def test_invalid_episode_rejected(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(NutritionError) as info:
        make_episode(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


# --- invariants -------------------------------------------------------------------------------

episodes = st.builds(
    make_episode,
    hours_ago=st.floats(min_value=-48, max_value=24 * 40),
    duration_minutes=st.floats(min_value=0.1, max_value=120),
    severity=st.integers(min_value=1, max_value=10),
    leg=st.sampled_from(["left", "right", "both"]),
    symptoms=st.frozensets(st.sampled_from(SYMPTOMS)),
)


@given(episode=episodes, recent=st.lists(episodes, max_size=12))
def test_episode_advice_invariants(episode: CrampEpisode, recent: list[CrampEpisode]) -> None:
    items = episode_advice(episode=episode, recent=recent, now=NOW)
    ranks = [KIND_ORDER.index(a.kind) for a in items]
    assert ranks == sorted(ranks)
    assert len({a.code for a in items}) == len(items)
    assert items[-1].code == "cramp_relief"
    assert all(a.text.strip() and a.source.strip() and a.code in ADVICE_CODES for a in items)
    assert ("urgent_red_flag" in {a.code for a in items}) == bool(episode.symptoms & RED_FLAGS)
