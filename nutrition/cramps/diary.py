"""Cramp diary rules: which logged episodes call for a doctor, and what helps in the moment.

Thresholds (ours, chosen to follow the guidance below, and listed in docs/safety.md):

* red-flag symptoms (possible deep vein thrombosis, poor leg circulation, heart or nerve
  trouble) -> an "urgent" note to see a doctor soon;
* frequent cramps: at least ``FREQUENT_IN_7_DAYS`` episodes in the 7 days up to ``now``, or
  ``FREQUENT_IN_30_DAYS`` in 30 days, counting the new episode -> "see_gp";
* cramps that disturb sleep or next-day function -> "see_gp";
* an episode longer than ``LONG_EPISODE_MINUTES`` (typical cramps last seconds to about a
  quarter of an hour) -> "see_gp".

Sources: NHS, "Leg cramps" (nhs.uk; when to see a GP and red-flag leg symptoms);
Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355 (nocturnal leg cramps, red flags and
secondary causes such as peripheral artery disease and venous thrombosis).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Literal

from nutrition.cramps.advice import Advice, join_words, merge_advice
from nutrition.errors import NutritionError

Leg = Literal["left", "right", "both"]

#: Symptoms a diary entry may record, besides the cramp itself.
SYMPTOMS: Final[tuple[str, ...]] = (
    "swelling",
    "pale_or_cool_leg",
    "calf_pain_after_sitting",
    "bilateral_swelling_with_breathing_problems",
    "redness_or_warmth",
    "weakness",
    "pain_when_walking",
    "numbness",
    "muscle_twitching",
    "soreness_after",
    "sleep_disrupted",
    "daily_function_impaired",
)
#: Symptoms that need a doctor soon rather than self-care.
RED_FLAGS: Final[frozenset[str]] = frozenset(
    {
        "swelling",
        "pale_or_cool_leg",
        "calf_pain_after_sitting",
        "bilateral_swelling_with_breathing_problems",
        "redness_or_warmth",
        "weakness",
        "pain_when_walking",
    }
)
#: Symptoms meaning the cramps are hurting quality of life: a routine GP visit is worthwhile.
IMPACT_SYMPTOMS: Final[frozenset[str]] = frozenset({"sleep_disrupted", "daily_function_impaired"})

SYMPTOM_LABELS: Final[Mapping[str, str]] = {
    "swelling": "a swollen leg",
    "pale_or_cool_leg": "a pale or unusually cool leg",
    "calf_pain_after_sitting": "calf pain after sitting for a long time",
    "bilateral_swelling_with_breathing_problems": "swelling in both legs with breathing problems",
    "redness_or_warmth": "a red or warm area on the leg",
    "weakness": "weakness in the leg",
    "pain_when_walking": "leg pain when walking that eases with rest",
    "numbness": "numbness",
    "muscle_twitching": "muscle twitching",
    "soreness_after": "soreness after the cramp",
    "sleep_disrupted": "cramps that disturb your sleep",
    "daily_function_impaired": "cramps that make daily life hard",
}

# Worded to follow "worth booking a GP appointment because ...".
_IMPACT_REASONS: Final[Mapping[str, str]] = {
    "sleep_disrupted": "your cramps disturb your sleep",
    "daily_function_impaired": "your cramps make daily life hard",
}

MIN_SEVERITY: Final = 1
MAX_SEVERITY: Final = 10
FREQUENT_IN_7_DAYS: Final = 3
FREQUENT_IN_30_DAYS: Final = 8
LONG_EPISODE_MINUTES: Final = 15.0

_SRC_RED_FLAG: Final = (
    "NHS, Leg cramps (nhs.uk/conditions/leg-cramps); "
    "Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355"
)
_SRC_SEE_GP: Final = _SRC_RED_FLAG
_SRC_RELIEF: Final = (
    "Allen RE, Kirby KA. Am Fam Physician 2012;85(4):350-355; "
    "NHS, Leg cramps (nhs.uk/conditions/leg-cramps)"
)


@dataclass(frozen=True, slots=True)
class CrampEpisode:
    """One logged cramp: start time, length in minutes (> 0), severity 1-10, leg, symptoms.

    ``symptoms`` must be a subset of :data:`SYMPTOMS`. Raises NutritionError otherwise.
    """

    started_at: datetime
    duration_minutes: float
    severity: int
    leg: Leg
    symptoms: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not (math.isfinite(self.duration_minutes) and self.duration_minutes > 0):
            raise NutritionError(
                f"duration must be a positive number of minutes, got {self.duration_minutes!r}",
                field="duration_minutes",
            )
        if not MIN_SEVERITY <= self.severity <= MAX_SEVERITY:
            raise NutritionError(
                f"severity must be {MIN_SEVERITY}-{MAX_SEVERITY}, got {self.severity!r}",
                field="severity",
            )
        if self.leg not in ("left", "right", "both"):
            raise NutritionError(f"unknown leg {self.leg!r}", field="leg")
        unknown = self.symptoms - frozenset(SYMPTOMS)
        if unknown:
            raise NutritionError(f"unknown symptom(s) {sorted(unknown)}", field="symptoms")


def _in_order(keys: frozenset[str]) -> list[str]:
    # SYMPTOMS order keeps the wording stable regardless of set iteration order.
    return [s for s in SYMPTOMS if s in keys]


def episodes_in_window(
    *, episode: CrampEpisode, recent: Sequence[CrampEpisode], now: datetime, days: int
) -> int:
    """Distinct episodes (``recent`` plus ``episode``) started in the ``days`` up to ``now``.

    The window is (now - days, now]; future entries are ignored; a repeated entry counts once.
    """
    start = now - timedelta(days=days)
    everything = {*recent, episode}
    return sum(1 for e in everything if start < e.started_at <= now)


def _urgent(episode: CrampEpisode) -> Advice | None:
    flags = _in_order(episode.symptoms & RED_FLAGS)
    if not flags:
        return None
    text = (
        "You noted "
        + join_words(SYMPTOM_LABELS[s] for s in flags)
        + (". These are not" if len(flags) > 1 else ". This is not")
        + " part of an ordinary cramp: see a doctor as soon as possible."
    )
    if "bilateral_swelling_with_breathing_problems" in flags:
        text += " If breathing is hard or getting worse, call emergency services now."
    return Advice("urgent", "urgent_red_flag", text, _SRC_RED_FLAG)


def _see_gp(
    *, episode: CrampEpisode, recent: Sequence[CrampEpisode], now: datetime
) -> Advice | None:
    reasons: list[str] = []
    week = episodes_in_window(episode=episode, recent=recent, now=now, days=7)
    month = episodes_in_window(episode=episode, recent=recent, now=now, days=30)
    if week >= FREQUENT_IN_7_DAYS:
        reasons.append(f"you logged {week} cramps in the past 7 days")
    elif month >= FREQUENT_IN_30_DAYS:
        reasons.append(f"you logged {month} cramps in the past 30 days")
    reasons.extend(_IMPACT_REASONS[s] for s in _in_order(episode.symptoms & IMPACT_SYMPTOMS))
    if episode.duration_minutes > LONG_EPISODE_MINUTES:
        reasons.append(
            f"this cramp lasted {episode.duration_minutes:g} minutes, longer than most do"
        )
    if not reasons:
        return None
    text = (
        "Occasional cramps are usually harmless, but it is worth booking a GP appointment"
        " because " + join_words(reasons) + "."
    )
    return Advice("safety", "see_gp", text, _SRC_SEE_GP)


def _relief() -> Advice:
    text = (
        "To ease a cramp, straighten the leg and pull your toes up towards you, massage the"
        " muscle, or warm it with a heat pad or cool it with an ice pack wrapped in a cloth."
    )
    return Advice("tip", "cramp_relief", text, _SRC_RELIEF)


def episode_advice(
    *, episode: CrampEpisode, recent: Sequence[CrampEpisode], now: datetime
) -> list[Advice]:
    """Notes for a newly logged ``episode``, ordered urgent, safety, tip; one per code.

    ``recent`` are earlier diary entries (may include ``episode``); ``now`` must be comparable
    with every ``started_at`` (all naive or all timezone-aware).
    """
    candidates = [_urgent(episode), _see_gp(episode=episode, recent=recent, now=now), _relief()]
    return merge_advice(a for a in candidates if a is not None)
