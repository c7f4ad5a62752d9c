"""Matching a household measure as typed ("slice", "small box", "cup, sliced", "large") to
one of the food's own USDA portions, and the amount a person means when they give none.

Every weight comes from the food's portions (SR28 ``WEIGHT.txt``, FNDDS 2017-2018 portions
and weights) or, for masses and volumes, from ``nutrition.food.units``; nothing is invented.

* ``named_portion``: the food's portion that names the unit ("slice", "fillet", "can",
  "cup"), preferring the size asked for ("small box"), the cut asked for ("cup, sliced"),
  then the plainest description (no other size, no qualifier, a count of one).
* ``piece_portion``: one whole item when a count has no unit ("2 eggs", "a banana"): a
  portion named for the food ("1 egg", "1 banana", "1 fruit") or a size ("1 medium"), never
  a part ("1 slice", "1 leaf").
* ``usual_portion``: the amount when none is given: FNDDS "Quantity not specified" (what
  the survey codes when a person does not say how much), else ``default_portion``.

A ``Measure`` is per one unit: ``grams`` of one cup, one slice, one large egg; the amount of
an item is its quantity times these grams.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from nutrition.food.foods import Food, Portion
from nutrition.food.portions import default_portion
from nutrition.food.units import grams_per_ml

__all__ = ["Measure", "Measures", "measures_of", "named_portion", "piece_portion", "usual_portion"]


@dataclass(frozen=True, slots=True)
class Measure:
    """One unit of a food: ``unit`` as shown ("slice", "cup, cooked", "g") and its grams.

    ``portion`` is the USDA portion it came from (None for a mass or volume conversion).
    """

    unit: str
    grams: float
    portion: Portion | None = None
    sized: bool = True  # False when a size was asked for and the measure has another or none


_COUNT = re.compile(
    r"^\s*(?P<whole>\d+)[ -]+(?P<num>\d+)/(?P<den>\d+)\s*"
    r"|^\s*(?P<fnum>\d+)/(?P<fden>\d+)\s*"
    r"|^\s*(?P<dec>\d+(?:\.\d*)?|\.\d+)\s*"
)
_WORDS = re.compile(r"[a-z]+")
_PAREN = re.compile(r"\([^)]*\)?")
# Survey helpers and recipe yields ("1 cup, dry, yields"): not a measure a person eats. A
# note on cooking loss in parentheses ("1 medium (yield after cooking)") is kept.
_HELPER = re.compile(
    r"quantity not specified|guideline amount|\byields\b|yield from|as ingredient|cubic inch",
    re.IGNORECASE,
)
_QNS = re.compile(r"quantity not specified", re.IGNORECASE)
#: USDA's spellings of a unit -> the grammar's canonical unit.
_CANONICAL: Final[dict[str, str]] = {
    "cups": "cup",
    "c": "cup",
    "tablespoon": "tbsp",
    "tablespoons": "tbsp",
    "tbs": "tbsp",
    "teaspoon": "tsp",
    "teaspoons": "tsp",
    "slices": "slice",
    "pieces": "piece",
    "filet": "fillet",
    "fillets": "fillet",
    "ounce": "oz",
    "ounces": "oz",
    "cans": "can",
    "boxes": "box",
    "bottles": "bottle",
    "bars": "bar",
    "sticks": "stick",
    "strips": "strip",
    "links": "link",
    "patties": "patty",
    "wedges": "wedge",
    "packets": "packet",
    "pkg": "package",
    "containers": "container",
    "leaves": "leaf",
    "spears": "spear",
    "stalks": "stalk",
    "cubes": "cube",
    "florets": "floret",
    "flowerets": "floret",
    "steaks": "steak",
    "scoops": "scoop",
    "glasses": "glass",
    "bowls": "bowl",
    "servings": "serving",
}
# A unit may also be found under these names ("a slice of pizza" -> "1 piece").
_ALSO: Final[dict[str, tuple[str, ...]]] = {
    "slice": ("piece", "strip"),
    "strip": ("slice", "piece"),
    "piece": ("slice", "item", "unit"),
    "glass": ("cup",),
    "mug": ("cup",),
    "spoon": ("tbsp",),
    "handful": ("oz",),
    "bowl": (),
    "serving": ("portion",),
    "portion": ("serving",),
    "helping": ("serving",),
    "pack": ("package", "packet"),
    "package": ("packet", "pack"),
    "packet": ("package",),
    "can": ("tin",),
    "box": ("carton",),
    "fillet": ("piece", "steak"),
    "steak": ("fillet", "piece"),
    "bar": ("piece",),
}
_SIZES: Final[frozenset[str]] = frozenset(
    {"small", "medium", "large", "extra", "jumbo", "mini", "miniature", "regular", "tiny"}
    | {"thin", "thick", "very", "or", "and"}
)
# USDA's other words for a size ("1 large or thick slice").
_SIZE_ALIASES: Final[dict[str, str]] = {
    "regular": "medium",
    "thin": "small",
    "thick": "large",
    "miniature": "mini",
    "tiny": "mini",
}
# Cutting qualifiers, from the plain cut (kept) to the dense forms nobody means by a "cup".
_CUT_PREFERENCE: Final[dict[str, float]] = {
    "sliced": 0.3,
    "slice": 0.3,
    "chopped": 0.3,
    "piece": 0.25,
    "pieces": 0.25,
    "diced": 0.2,
    "cubed": 0.2,
    "cube": 0.2,
    "halves": 0.1,
    "whole": 0.1,
    "shredded": 0.0,
    "grated": 0.0,
    "mashed": -0.3,
    "pureed": -0.3,
    "packed": -0.3,
    "crushed": -0.2,
    "ground": -0.2,
}
# Measures of volume or mass: a description that opens with one is that measure.
_MEASURES: Final[frozenset[str]] = frozenset(
    {"cup", "tbsp", "tsp", "oz", "fl", "ml", "l", "lb", "g", "pint", "quart", "gallon"}
)
# Words in a description that make the measure a part, not a whole item.
_PARTS: Final[frozenset[str]] = frozenset(
    {
        "slice",
        "slices",
        "leaf",
        "leaves",
        "strip",
        "strips",
        "cube",
        "cubes",
        "floret",
        "floweret",
        "piece",
        "pieces",
        "spear",
        "stalk",
        "ring",
        "rings",
        "wedge",
        "section",
        "sections",
        "segment",
        "sprig",
        "stick",
        "chip",
        "chips",
        "kernel",
        "kernels",
        "baby",
        "cup",
        "tbsp",
        "tsp",
        "tablespoon",
        "teaspoon",
        "oz",
        "fl",
        "ml",
        "lb",
        "serving",
        "nlea",
        "container",
        "package",
        "can",
        "bottle",
        "jar",
        "box",
        "bag",
        "packet",
        "pouch",
        "scoop",
        "inch",
        "linear",
        "surface",
        "portion",
    }
)
# The name of a whole item in FNDDS and SR28 measures besides the food's own name.
_WHOLE_ITEMS: Final[frozenset[str]] = frozenset({"fruit", "whole", "item", "each", "unit"})


@dataclass(frozen=True, slots=True)
class _Entry:
    portion: Portion
    count: float
    words: tuple[str, ...]  # canonical words after the count
    name: str  # the description after the count, as USDA wrote it

    @property
    def per_one(self) -> float:
        return self.portion.grams / self.count


def _canonical(word: str) -> str:
    return _CANONICAL.get(word, word)


def _entry(portion: Portion) -> _Entry | None:
    if not portion.grams > 0 or _HELPER.search(portion.description):
        return None
    match = _COUNT.match(portion.description)
    count = 1.0
    rest = portion.description
    if match is not None:
        if match["whole"] is not None:
            den = int(match["den"])
            count = int(match["whole"]) + (int(match["num"]) / den if den else 0.0)
        elif match["fnum"] is not None:
            den = int(match["fden"])
            count = int(match["fnum"]) / den if den else 0.0
        else:
            count = float(match["dec"])
        rest = portion.description[match.end() :]
    if count <= 0:
        return None
    outside = _PAREN.sub(" ", rest.lower())
    words = tuple(_canonical(w) for w in _WORDS.findall(outside))
    if not words:
        return None
    return _Entry(portion, count, words, " ".join(rest.split()))


@dataclass(frozen=True, slots=True)
class Measures:
    """A food's household measures read once (``measures_of``), for callers that look up
    many units of many foods (the meal parser builds them for the whole catalog)."""

    entries: tuple[_Entry, ...]
    survey: Portion | None  # FNDDS "Quantity not specified"
    grams_per_ml: float | None  # from its volume measures (``units.grams_per_ml``)


def measures_of(food: Food) -> Measures:
    """The usable measures of ``food``, read from its portions."""
    survey = next((p for p in food.portions if _QNS.search(p.description) and p.grams > 0), None)
    return Measures(
        entries=tuple(e for e in (_entry(p) for p in food.portions) if e is not None),
        survey=survey,
        grams_per_ml=grams_per_ml(food=food),
    )


def _entries(food: Food, measures: Measures | None) -> tuple[_Entry, ...]:
    return (measures or measures_of(food)).entries


def _sizes(entry: _Entry) -> list[str]:
    return [_SIZE_ALIASES.get(w, w) for w in entry.words if w in _SIZES and w not in ("or", "and")]


def _has_size(entry: _Entry, size: str) -> bool:
    sizes = _sizes(entry)
    wanted = size.split()
    return all(w in sizes for w in wanted) and (len(wanted) > 1 or "extra" not in sizes)


def _size_score(entry: _Entry, size: str | None) -> float:
    sizes = _sizes(entry)
    if size is None:
        if not sizes:
            return 0.2
        return 0.4 if "medium" in sizes else -0.5
    if _has_size(entry, size):
        return 3.0
    return -2.0 if sizes else -0.5


def _cut_score(entry: _Entry, cuts: Iterable[str]) -> float:
    asked = {_canonical(c) for c in cuts}
    score = 0.0
    for word in entry.words:
        if word in asked:
            score += 2.0
        elif word in _CUT_PREFERENCE:
            score += _CUT_PREFERENCE[word] - (0.5 if asked else 0.0)
    return score


def _plainness(entry: _Entry) -> float:
    # Fewer words, a count of one, and "NFS" (USDA's plain measure) come first.
    score = -0.08 * len(entry.words)
    if entry.count == 1.0:
        score += 0.1
    if "nfs" in entry.words:
        score += 0.15
    return score


def _best(scored: list[tuple[float, int, _Entry]]) -> _Entry | None:
    if not scored:
        return None
    scored.sort(key=lambda t: (-t[0], t[1]))
    return scored[0][2]


def named_portion(
    *,
    food: Food,
    unit: str,
    size: str | None = None,
    cuts: Iterable[str] = (),
    measures: Measures | None = None,
) -> Measure | None:
    """The food's portion named by ``unit`` (canonical, e.g. "slice", "cup", "tbsp"), or None.

    Measures naming the unit first ("1 slice") beat those naming it later ("1 medium
    slice"); another name for the unit ("piece" for "slice") is taken only when none names
    it. Among them: the size asked for, then the cut asked for, then the plainest.
    """
    cuts = tuple(cuts)
    entries = _entries(food, measures)
    for names, penalty in (((unit,), 0.0), (_ALSO.get(unit, ()), 1.0)):
        scored: list[tuple[float, int, _Entry]] = []
        for order, entry in enumerate(entries):
            heads = [w for w in entry.words if w not in _SIZES]
            if not heads or not any(name in entry.words for name in names):
                continue
            if heads[0] in _MEASURES and heads[0] not in names:
                continue  # "1 cup, pieces" is a cup, not a piece
            if unit in _MEASURES and heads[0] not in names:
                continue  # "1 serving 1/2 cup" is not one cup
            score = 1.0 if heads[0] in names else 0.0
            score += _size_score(entry, size) + _cut_score(entry, cuts) + _plainness(entry)
            scored.append((score - penalty, order, entry))
        best = _best(scored)
        if best is not None:
            return _measure(best, size)
    return None


def _measure(entry: _Entry, size: str | None) -> Measure:
    sized = size is None or _has_size(entry, size)
    return Measure(unit=entry.name, grams=entry.per_one, portion=entry.portion, sized=sized)


def piece_portion(
    *,
    food: Food,
    names: Iterable[str] = (),
    size: str | None = None,
    measures: Measures | None = None,
) -> Measure | None:
    """One whole item of ``food`` ("1 egg", "1 medium banana"), or None if it has none.

    ``names`` are the words the person used for the food ("eggs" -> "egg"), besides the
    food's own head word; a measure may name them, a whole item ("1 fruit"), or only a size.
    """
    own = set(names) | _head_words(food)
    scored: list[tuple[float, int, _Entry]] = []
    for order, entry in enumerate(_entries(food, measures)):
        if any(w in _PARTS for w in entry.words):
            continue
        heads = [w for w in entry.words if w not in _SIZES and w != "nfs"]
        if heads and heads[0] not in own and heads[0] not in _WHOLE_ITEMS:
            continue
        score = 1.0 if heads and heads[0] in own else 0.5
        score += _size_score(entry, size) + _plainness(entry)
        scored.append((score, order, entry))
    best = _best(scored)
    return None if best is None else _measure(best, size)


def _head_words(food: Food) -> set[str]:
    """The food's own name words, singular ("Bananas, raw" -> banana; "Egg, whole" -> egg)."""
    first = food.description.split(",", 1)[0].lower()
    words = _WORDS.findall(first)
    out: set[str] = set()
    for word in words[-2:]:
        out.add(word)
        if word.endswith("ies"):
            out.add(word[:-3] + "y")
        elif word.endswith("es"):
            out.update({word[:-2], word[:-1]})
        elif word.endswith("s"):
            out.add(word[:-1])
    return out


def usual_portion(food: Food, measures: Measures | None = None) -> tuple[Portion, bool]:
    """The amount meant when none is given, and whether it is the survey's default (FNDDS
    "Quantity not specified") rather than the food's default portion."""
    survey = (measures or measures_of(food)).survey
    if survey is not None:
        return survey, True
    return default_portion(food), False
