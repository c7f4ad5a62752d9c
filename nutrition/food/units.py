"""Turning a logged quantity and unit into grams of a food.

Matching ignores case, punctuation, extra spaces and plural "s". A unit is resolved in order:

1. a mass unit (g, kg, oz, lb and their usual spellings);
2. a portion whose whole description is the unit ("1 slice", "2 slices");
3. a portion whose description without its leading count is the unit ("cup" for "1 cup",
   "medium (7\" to 7-7/8\" long)"); the count is divided out, so "2 slices" = 60 g gives 30 g
   per slice, and a count in the unit multiplies ("1/2 cup", "1 medium");
4. a volume unit (ml, l, cup, tbsp, tsp, fl oz), through a density taken from the food's own
   volume portions: plain measures ("1 cup", "1 tbsp", "1 cup (8 fl oz)", "1 cup, NFS") first,
   the largest winning because a full cup is weighed more reliably than a heaped spoon;
   qualified ones ("1 cup, sliced") only if they agree within ``_QUALIFIED_SPREAD``;
5. a portion whose head (text before a comma or parenthesis), then whose first word, is the
   unit ("medium"; "cup" for "1 cup, mashed").

Matches whose per-one weights differ by more than ``_SAME_WEIGHT`` make the unit ambiguous.
Counts may be decimals (".5", "0.5") or fractions ("1/2", "1 1/2"). Portions of 0 g or less
are ignored.

Conversion factors (exact by definition; NIST Handbook 44, 2023, Appendix C): avoirdupois pound
= 453.59237 g, ounce = 1/16 lb; US fluid ounce = 1/128 US gallon of 231 in³ = 29.5735295625 ml;
US customary cup = 8 fl oz, tablespoon = 1/2 fl oz, teaspoon = 1/6 fl oz. These, not the FDA's
rounded labelling cup of 240 ml, match the household measures USDA weighed in SR28 and FNDDS.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from nutrition.errors import NutritionError, UnknownUnit
from nutrition.food.foods import Food, Portion

_POUND_G: Final = 453.59237
_FL_OZ_ML: Final = 29.5735295625

#: Grams per one of each mass unit, by canonical name.
MASS_UNITS: Final[dict[str, float]] = {
    "g": 1.0,
    "kg": 1000.0,
    "oz": _POUND_G / 16.0,
    "lb": _POUND_G,
}
#: Millilitres per one of each volume unit, by canonical name.
VOLUME_UNITS: Final[dict[str, float]] = {
    "ml": 1.0,
    "l": 1000.0,
    "cup": 8.0 * _FL_OZ_ML,
    "tbsp": _FL_OZ_ML / 2.0,
    "tsp": _FL_OZ_ML / 6.0,
    "fl oz": _FL_OZ_ML,
}

# Keys are already normalised by _norm (lower case, no punctuation, singular words).
_MASS_ALIASES: Final[dict[str, str]] = {
    "g": "g",
    "gm": "g",
    "gram": "g",
    "gramme": "g",
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilogram": "kg",
    "kilogramme": "kg",
    "oz": "oz",
    "ounce": "oz",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
}
_VOLUME_ALIASES: Final[dict[str, str]] = {
    "ml": "ml",
    "milliliter": "ml",
    "millilitre": "ml",
    "l": "l",
    "liter": "l",
    "litre": "l",
    "cup": "cup",
    "tbsp": "tbsp",
    "tbs": "tbsp",
    "tablespoon": "tbsp",
    "tsp": "tsp",
    "teaspoon": "tsp",
    "fl oz": "fl oz",
    "floz": "fl oz",
    "fluid ounce": "fl oz",
    "fluid oz": "fl oz",
}

#: Two per-one weights closer than this (relative) are the same portion rounded differently
#: (SR28 01036 ricotta lists "1 cup" = 246 g and ".5 cup" = 124 g).
_SAME_WEIGHT: Final = 0.05
#: Qualified volume measures ("cup, chopped" vs "cup, sliced") whose densities differ by more
#: than this factor describe different preparations, so no single density is safe to use.
_QUALIFIED_SPREAD: Final = 1.25

_AMOUNT = re.compile(
    r"^\s*(?:(?P<whole>\d+)[ -]+(?P<num>\d+)/(?P<den>\d+)"
    r"|(?P<fnum>\d+)/(?P<fden>\d+)"
    r"|(?P<dec>\d+(?:\.\d*)?|\.\d+))(?=\s|$)\s*"
)
_VOLUME_HEAD = re.compile(
    r"^(?P<word>cups?|tbsp|tablespoons?|tsp|teaspoons?|fl\.? ?oz|fluid ounces?|ml|l)\b"
    r"(?P<tail>.*)$",
    re.IGNORECASE,
)
# A tail that only restates the measure or says "not further specified" leaves it plain:
# "cup (8 fl oz)", "tbsp (1/4 cup)", "cup (1 NLEA serving)", "cup, NFS".
_PLAIN_TAIL = re.compile(
    r"^(?:|,?\s*\(?nfs\)?|\([^()]*\b(?:cups?|tbsp|tsp|fl\.? ?oz|ml|nlea serving)\b[^()]*\))$",
    re.IGNORECASE,
)
_HEAD_END = re.compile(r"[,(]")
_NON_WORD = re.compile(r"[^\w]+")


def _singular(word: str) -> str:
    # Crude on purpose: both sides of every comparison go through it, so it need only be
    # consistent ("slices" ~ "slice", "cups" ~ "cup"), not correct English.
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _norm(text: str) -> str:
    """Lower-case, punctuation to spaces, single spaces, singular words."""
    return " ".join(_singular(w) for w in _NON_WORD.sub(" ", text.lower()).split())


def _split_amount(text: str) -> tuple[float, str]:
    """Split a leading count off ``text``: ``"1/2 cup"`` -> ``(0.5, "cup")``; none -> 1."""
    match = _AMOUNT.match(text)
    if match is None:
        return 1.0, text.strip()
    if match["whole"] is not None:
        den = int(match["den"])
        amount = int(match["whole"]) + int(match["num"]) / den if den else 0.0
    elif match["fnum"] is not None:
        den = int(match["fden"])
        amount = int(match["fnum"]) / den if den else 0.0
    else:
        amount = float(match["dec"])
    if amount <= 0.0:
        # "0 cup" or "1/0 cup" is no count at all; keep the text whole so it fails to match.
        return 1.0, text.strip()
    return amount, text[match.end() :].strip()


@dataclass(frozen=True, slots=True)
class _Entry:
    """One usable portion, prepared for matching."""

    portion: Portion
    name: str
    full: str
    amount: float
    per_one: float
    key: str
    head: str
    first: str
    volume_ml: float | None
    plain_volume: bool


def _entry(portion: Portion) -> _Entry | None:
    if not (portion.grams > 0.0 and math.isfinite(portion.grams)):
        return None
    amount, rest = _split_amount(portion.description)
    name = " ".join(rest.split())
    key = _norm(rest)
    if not key:
        return None
    head = _norm(_HEAD_END.split(rest, maxsplit=1)[0]) or key
    volume_ml: float | None = None
    plain = False
    vol = _VOLUME_HEAD.match(rest)
    if vol is not None:
        canonical = _VOLUME_ALIASES.get(_norm(vol["word"]))
        if canonical is not None:
            volume_ml = amount * VOLUME_UNITS[canonical]
            plain = _PLAIN_TAIL.match(vol["tail"].strip()) is not None
    return _Entry(
        portion=portion,
        name=name,
        full=_norm(portion.description),
        amount=amount,
        per_one=portion.grams / amount,
        key=key,
        head=head,
        first=head.split(" ", 1)[0],
        volume_ml=volume_ml,
        plain_volume=plain,
    )


def _entries(food: Food) -> list[_Entry]:
    return [e for e in (_entry(p) for p in food.portions) if e is not None]


def _groups(matches: list[_Entry]) -> list[list[_Entry]]:
    """Group matches whose per-one weights agree within ``_SAME_WEIGHT``."""
    groups: list[list[_Entry]] = []
    for entry in matches:
        for group in groups:
            ref = group[0].per_one
            if abs(entry.per_one - ref) <= _SAME_WEIGHT * max(entry.per_one, ref):
                group.append(entry)
                break
        else:
            groups.append([entry])
    return groups


def _pick(group: list[_Entry]) -> _Entry:
    # A count of exactly one is how USDA usually weighs the measure itself.
    return next((e for e in group if e.amount == 1.0), group[0])


def _describe(entries: Iterable[_Entry]) -> tuple[tuple[str, ...], str]:
    names: list[str] = []
    shown: list[str] = []
    for e in entries:
        if f"{e.name!r} = {e.per_one:g} g" in shown:
            continue
        shown.append(f"{e.name!r} = {e.per_one:g} g")
        if e.name not in names:
            names.append(e.name)
    return tuple(names), ", ".join(shown)


def _ambiguous(unit: str, candidates: Iterable[_Entry], *, why: str) -> UnknownUnit:
    names, shown = _describe(candidates)
    return UnknownUnit(unit, accepted=names, reason=f"is ambiguous: {why} ({shown})", field="unit")


def _match(entries: list[_Entry], unit_key: str, attr: str) -> list[_Entry] | None:
    """Per-one portions matching ``unit_key`` on ``attr``; None if nothing matches."""
    matches = [e for e in entries if getattr(e, attr) == unit_key]
    return matches or None


@dataclass(frozen=True, slots=True)
class _Density:
    grams_per_ml: float | None
    conflicting: tuple[_Entry, ...] = ()


def _density(entries: list[_Entry]) -> _Density:
    """Grams per millilitre from the food's volume portions, or the conflict preventing it."""
    measured = [(e, e.volume_ml) for e in entries if e.volume_ml is not None]
    plain = [(e, ml) for e, ml in measured if e.plain_volume]
    if plain:
        entry, ml = max(plain, key=lambda pair: pair[1])
        return _Density(entry.portion.grams / ml)
    if not measured:
        return _Density(None)
    densities = [e.portion.grams / ml for e, ml in measured]
    if max(densities) > _QUALIFIED_SPREAD * min(densities):
        return _Density(None, tuple(e for e, _ in measured))
    return _Density(statistics.median(densities))


def grams_per_ml(*, food: Food) -> float | None:
    """The density ``grams_for`` converts volume units with (rule 4 of the module doc), or
    None when the food has no usable volume measure or its measures disagree."""
    return _density(_entries(food)).grams_per_ml


def accepted_units(*, food: Food) -> tuple[str, ...]:
    """Units ``grams_for`` resolves for ``food``: mass units, volume units when the food has a
    usable volume measure, then its portion names without their leading count (deduplicated).
    """
    entries = _entries(food)
    names: list[str] = list(MASS_UNITS)
    if _density(entries).grams_per_ml is not None:
        names.extend(VOLUME_UNITS)
    seen = {_norm(n) for n in names}
    by_key: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_key.setdefault(entry.key, []).append(entry)
    for entry in entries:
        # Same name, different weights ("1 slice" 38 g, "2 slices" 57 g): only the whole
        # description tells them apart.
        clash = _choose(by_key[entry.key]) is None
        name = " ".join(entry.portion.description.split()) if clash else entry.name
        if _norm(name) not in seen:
            seen.add(_norm(name))
            names.append(name)
    return tuple(names)


def grams_for(*, food: Food, quantity: float, unit: str) -> float:
    """Grams of ``food`` in ``quantity`` × ``unit`` (e.g. 2 × "medium"); ``quantity`` > 0.

    Raises ``UnknownUnit`` (field "unit") when the unit is unknown for this food or ambiguous,
    with ``accepted`` listing the units (or, when ambiguous, the candidate portions) to use.
    """
    if not (math.isfinite(quantity) and quantity > 0):
        raise NutritionError("quantity must be a positive finite number", field="quantity")
    amount, rest = _split_amount(unit)
    key = _norm(rest)
    factor = quantity * amount

    mass = _MASS_ALIASES.get(key)
    if mass is not None:
        return factor * MASS_UNITS[mass]

    entries = _entries(food)
    # Whole descriptions first, count included: that is how "1 slice" (38 g) and "2 slices"
    # (57 g) are told apart, and how a count inside a name ("1 4 oz container") survives.
    whole = _match(entries, _norm(unit), "full")
    if whole is not None:
        # Identical descriptions with different weights are USDA duplicates that no unit can
        # tell apart; the first listed wins.
        return quantity * whole[0].portion.grams

    clash: list[_Entry] = []
    for count, wanted in ((1.0, _norm(unit)), (amount, key)):
        matches = _match(entries, wanted, "key")
        if matches is not None:
            chosen = _choose(matches)
            if chosen is not None:
                return quantity * count * chosen.per_one
            clash = matches
            break

    density = _Density(None)
    volume = _VOLUME_ALIASES.get(key)
    if volume is not None:
        # Also settles "cup" when "1 cup" and ".5 cup" were weighed differently.
        density = _density(entries)
        if density.grams_per_ml is not None:
            return quantity * amount * VOLUME_UNITS[volume] * density.grams_per_ml

    if clash:
        raise _ambiguous(unit, clash, why="it names portions of different weights")
    if key:
        for attr in ("head", "first"):
            matches = _match(entries, key, attr)
            if matches is not None:
                chosen = _choose(matches)
                if chosen is None:
                    raise _ambiguous(unit, matches, why="it names portions of different weights")
                return quantity * amount * chosen.per_one

    if density.conflicting:
        raise _ambiguous(unit, density.conflicting, why="this food's volume measures disagree")
    raise UnknownUnit(
        unit,
        accepted=accepted_units(food=food),
        reason="is not a unit this food accepts",
        field="unit",
    )


def _choose(matches: list[_Entry]) -> _Entry | None:
    """The portion ``matches`` agree on, or None when they name different weights."""
    groups = _groups(matches)
    if len(groups) == 1:
        return _pick(groups[0])
    if len({m.full for m in matches}) == 1:
        return matches[0]
    return None
