"""Meals as people type them: text -> foods from the catalog, each with an amount in grams.

``nutrition.search.phrases`` reads the text into mentions (amount, unit, size, food words);
this module resolves each mention:

1. Candidates: the search index ranks foods for the food words, cooking words ("grilled")
   counting as optional (``SearchIndex.rank``).
2. As eaten: among the best candidates, eggs, meat, fish, grains and legumes listed raw,
   dry or uncooked fall back unless the text says so ("eggs" are cooked eggs, "rice" is
   cooked rice), and a food that has the measure the person used ("a slice", "a large")
   rises over one that has not.
3. Amount: a mass or volume through ``nutrition.food.units``; a household word through the
   food's own portions (``nutrition.food.household``); a bare count as whole items; no
   amount at all as USDA's usual amount, flagged as a default.

Every item says how sure it is (``confidence``, 0-1: how much of the mention matched, how
clearly the chosen food beat the next, whether the food had the unit asked for) and offers
up to three alternatives with their grams. Parts of the text that name no food come back
as gaps with a reason. Everything here is pure: the index and foods are handed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final

from nutrition.errors import NutritionError
from nutrition.food.foods import Food, Portion
from nutrition.food.household import (
    Measure,
    Measures,
    measures_of,
    named_portion,
    piece_portion,
    usual_portion,
)
from nutrition.food.processing import food_class
from nutrition.food.units import MASS_UNITS, VOLUME_UNITS
from nutrition.search.index import SearchIndex, tokenize
from nutrition.search.phrases import MAX_TEXT, Gap, Mention, read_meal, singular

__all__ = ["Alternative", "MealParser", "ParsedItem", "ParsedMeal", "joined_words"]

#: Millilitres per volume unit the grammar reads beyond ``units.VOLUME_UNITS`` (exact: NIST
#: Handbook 44, Appendix C; a US pint is 2 cups, a quart 4 cups).
_EXTRA_VOLUMES: Final[dict[str, float]] = {
    "cl": 10.0,
    "dl": 100.0,
    "pint": 2 * VOLUME_UNITS["cup"],
    "quart": 4 * VOLUME_UNITS["cup"],
}
#: Vessels and helpings: no fixed size, so a food without such a measure is given its usual
#: amount (and the item says so).
_VESSELS: Final[frozenset[str]] = frozenset(
    {"glass", "mug", "bowl", "plate", "handful", "serving", "portion", "helping", "spoon"}
)
_CANDIDATES: Final = 10
# At most this many of them are weighed for the unit (the rest are far behind anyway).
_EVALUATED: Final = 7
# Candidates further than this below the best score are not worth a closer look.
_WINDOW: Final = 1.2
_MAX_ALTERNATIVES: Final = 3
# Score adjustments (index score units: a head-word match is worth 3.0).
_NOT_AS_EATEN: Final = 1.5
_HAS_UNIT: Final = 0.3
_LACKS_UNIT: Final = 0.4
#: Cooking words USDA descriptions rarely use: they stand for "cooked".
_UNNAMED_COOKING: Final[frozenset[str]] = frozenset(
    {"steamed", "sauteed", "microwaved", "blanched", "stir", "pan", "braised", "bbq"}
)
_HAS_PIECE: Final = 0.2
_HAS_SURVEY_DEFAULT: Final = 0.35
_LACKS_PIECE: Final = 0.3
_OTHER_SIZE: Final = 0.9
_COOKED_CLASSES: Final[frozenset[str]] = frozenset({"egg", "meat", "fish", "grain", "legume"})
_UNCOOKED = re.compile(r"(^|, )(raw|dry|uncooked|unprepared|mature seeds, raw)\b")
_UNCOOKED_WORDS: Final[frozenset[str]] = frozenset(
    {"raw", "dry", "dried", "uncooked", "unprepared", "flour", "powder"}
)
# A connector joins two words in a food's name: "Macaroni and cheese", "Peanut butter and
# jelly sandwich", "Macaroni or noodles with cheese".
_JOIN = re.compile(r"\b([a-z]+) (?:and|with|&) ([a-z]+)\b")


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another food the mention may mean, with its grams for the same amount."""

    food: Food
    grams: float


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One food read from the text: ``text[start:end]`` and how it was resolved.

    ``quantity`` × ``portion_grams`` = ``grams``. ``unit`` is the unit as understood ("cup",
    "slice", "g") or None when none was given; ``portion`` names the measure the grams came
    from ("1 cup, cooked", "1 large", "1 g"). ``default_amount`` is True when the text gave
    no amount and USDA's usual one was used.
    """

    start: int
    end: int
    text: str
    food: Food
    quantity: float
    unit: str | None
    portion: str
    portion_grams: float
    grams: float
    default_amount: bool
    confidence: float
    alternatives: tuple[Alternative, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedMeal:
    """The foods read from a text, and the parts of it that named no food."""

    items: tuple[ParsedItem, ...]
    unparsed: tuple[Gap, ...]


@dataclass(frozen=True, slots=True)
class _Amount:
    quantity: float
    measure: Measure
    given: bool
    fit: float  # 1.0 when the food had the unit asked for, lower for a fallback
    note: str | None = None


def _sized(quantity: float, measure: Measure, note: str | None = None) -> _Amount:
    """A measure found for the unit; one of another size than asked fits less well."""
    if measure.sized:
        return _Amount(quantity, measure, True, 1.0, note)
    return _Amount(quantity, measure, True, _OTHER_SIZE, "no measure of the size asked for")


@dataclass(frozen=True, slots=True, eq=False)
class MealParser:
    """Reads meals against a catalog; build once with ``MealParser.build``."""

    index: SearchIndex
    foods: Mapping[str, Food]
    joined: frozenset[tuple[str, str]]
    measures: Mapping[str, Measures]

    @staticmethod
    def build(*, foods: Sequence[Food], index: SearchIndex) -> MealParser:
        """A parser over ``foods`` (the same ones ``index`` was built from)."""
        return MealParser(
            index=index,
            foods={f.id: f for f in foods},
            joined=joined_words(f.description for f in foods),
            measures={f.id: measures_of(f) for f in foods},
        )

    def parse(
        self,
        text: str,
        *,
        own: MealParser | None = None,
        max_quantity: float = 1000.0,
        max_grams: float = 5000.0,
    ) -> ParsedMeal:
        """Read ``text`` into foods and amounts.

        ``own`` reads a person's own foods (custom foods, recipes): a mention all of whose
        words name one of them means that food, with this parser's pick offered among the
        alternatives. Raises NutritionError (field "text") for empty text, text over
        ``MAX_TEXT`` characters, or an item whose quantity or grams pass the limits.
        """
        if not text.strip():
            raise NutritionError("must name at least one food", field="text")
        if len(text) > MAX_TEXT:
            raise NutritionError(f"must be at most {MAX_TEXT} characters", field="text")
        joined = self.joined if own is None else self.joined | own.joined
        phrases = read_meal(text, joined=joined)
        items: list[ParsedItem] = []
        gaps = list(phrases.gaps)
        for mention in phrases.mentions:
            item = self._own_first(mention, own)
            if item is None:
                gaps.append(
                    Gap(mention.start, mention.end, mention.text, "no food matches these words")
                )
                continue
            if item.quantity > max_quantity:
                raise NutritionError(
                    f"{item.text!r}: quantity {item.quantity:g} is over the limit of "
                    f"{max_quantity:g}",
                    field="text",
                )
            if item.grams > max_grams:
                raise NutritionError(
                    f"{item.text!r} comes to {item.grams:.0f} g, over the {max_grams:g} g limit",
                    field="text",
                )
            items.append(item)
        gaps.sort(key=lambda g: g.start)
        return ParsedMeal(items=tuple(items), unparsed=tuple(gaps))

    # -- one mention ---------------------------------------------------------------------

    def _own_first(self, mention: Mention, own: MealParser | None) -> ParsedItem | None:
        """``mention`` read as one of ``own`` foods when every word names it, else as ours."""
        mine = None if own is None else own.resolve(mention, min_coverage=1.0)
        ours = self.resolve(mention)
        if mine is None:
            return ours
        if ours is None or len(mine.alternatives) >= _MAX_ALTERNATIVES:
            return mine
        usda = Alternative(food=ours.food, grams=round(ours.grams, 2))
        return replace(mine, alternatives=(*mine.alternatives, usda))

    def resolve(self, mention: Mention, *, min_coverage: float = 0.5) -> ParsedItem | None:
        """The food and amount ``mention`` names, or None when no food matches at least
        ``min_coverage`` of its words."""
        optional = [*mention.cooking]
        if set(optional) & _UNNAMED_COOKING:
            optional.append("cooked")  # "steamed broccoli": USDA's cooked broccoli
        if mention.trailing is not None and mention.unit is None:
            optional.append(mention.words[-1])  # "salmon fillet": salmon, fillets first
        required = [w for w in mention.words if w not in optional]
        ranking = self.index.rank(query=" ".join(required), optional=optional, limit=_CANDIDATES)
        if not ranking.ids or ranking.coverage < min_coverage:
            return None
        asked = set(mention.words)
        best_score = ranking.scores[0]
        plain = mention.unit is None and mention.quantity is None and mention.size is None
        scored: list[tuple[float, int, Food, _Amount | None]] = []
        for order, (food_id, score) in enumerate(zip(ranking.ids, ranking.scores, strict=True)):
            if score < best_score - _WINDOW or len(scored) == _EVALUATED:
                break
            food = self.foods[food_id]
            measures = self.measures[food_id]
            adjusted = score - _not_as_eaten(food, asked)
            amount: _Amount | None = None
            if plain and mention.trailing is None:
                # no amount: only whether USDA has one for "not specified" counts
                adjusted += _HAS_SURVEY_DEFAULT if measures.survey is not None else 0.0
            else:
                amount = _amount(food, mention, measures)
                adjusted += _unit_fit(mention, amount)
            scored.append((adjusted, order, food, amount))
        scored.sort(key=lambda t: (-t[0], t[1]))
        ranked = [
            (value, food, amount or _amount(food, mention, self.measures[food.id]))
            for value, _, food, amount in scored[: 1 + 2 * _MAX_ALTERNATIVES]
        ]
        top_score, food, amount = ranked[0]
        margin = top_score - ranked[1][0] if len(ranked) > 1 else 1.0
        alternatives: list[Alternative] = []
        seen = {food.description.lower()}
        for _, other, other_amount in ranked[1:]:
            if len(alternatives) == _MAX_ALTERNATIVES:
                break
            if other.description.lower() in seen:
                continue
            seen.add(other.description.lower())
            grams = other_amount.quantity * other_amount.measure.grams
            alternatives.append(Alternative(food=other, grams=round(grams, 2)))
        grams = amount.quantity * amount.measure.grams
        portion = amount.measure.portion
        return ParsedItem(
            start=mention.start,
            end=mention.end,
            text=mention.text,
            food=food,
            quantity=amount.quantity,
            unit=mention.unit,
            portion=portion.description if portion is not None else f"1 {amount.measure.unit}",
            portion_grams=amount.measure.grams,
            grams=grams,
            default_amount=not amount.given,
            confidence=_confidence(ranking.coverage, margin, amount.fit),
            alternatives=tuple(alternatives),
            note=amount.note,
        )


def joined_words(descriptions: Iterable[str]) -> frozenset[tuple[str, str]]:
    """Word pairs a connector joins in the first two parts of food names ("macaroni and
    cheese"): the meal reader keeps such a pair as one food."""
    pairs: set[tuple[str, str]] = set()
    for description in descriptions:
        naming = ",".join(description.lower().split(",")[:2])
        for left, right in _JOIN.findall(naming):
            pairs.add((singular(left), singular(right)))
    return frozenset(pairs)


def _confidence(coverage: float, margin: float, fit: float) -> float:
    """0-1: all words matched, a clear winner, and the unit found make a sure item."""
    clear = 0.7 + 0.3 * min(1.0, max(0.0, margin) / 0.6)
    return round(max(0.0, min(1.0, coverage * coverage * clear * fit)), 2)


def _not_as_eaten(food: Food, asked: set[str]) -> float:
    """The cost of a food listed raw, dry or uncooked when it is eaten cooked."""
    if asked & _UNCOOKED_WORDS:
        return 0.0
    kind = food_class(description=food.description, group_code=food.group_code, source=food.source)
    if kind in _COOKED_CLASSES and _UNCOOKED.search(food.description.lower()):
        return _NOT_AS_EATEN
    return 0.0


def _unit_fit(mention: Mention, amount: _Amount) -> float:
    """A bonus for a food that has the measure asked for, a cost for one that has not."""
    if mention.unit in _VESSELS and amount.fit < 1.0:
        return 0.0  # a glass of a drink without a glass measure: its usual amount serves
    if mention.unit is None and mention.trailing is None:
        if mention.quantity is None and mention.size is None:
            return 0.0
        return _HAS_PIECE if amount.fit >= 1.0 else -_LACKS_PIECE
    if mention.unit in MASS_UNITS:
        return 0.0
    return _HAS_UNIT if amount.fit >= 1.0 else -_LACKS_UNIT


def _amount(food: Food, mention: Mention, m: Measures) -> _Amount:
    """How much of ``food`` the mention means (see the module doc, step 3)."""
    quantity = mention.quantity
    unit = mention.unit
    if unit is None and mention.trailing is not None:
        named = named_portion(measures=m, food=food, unit=mention.trailing, size=mention.size)
        if named is not None:
            return _sized(quantity or 1.0, named)
    if unit is None:
        if quantity is None and mention.size is None:
            portion, survey = usual_portion(food, m)
            note = "no amount given: " + (
                "USDA's amount when none is reported" if survey else "the food's usual portion"
            )
            return _Amount(1.0, _whole(portion), False, 1.0, note)
        names = {singular(w) for w in tokenize(" ".join(mention.words))}
        piece = piece_portion(measures=m, food=food, names=names, size=mention.size)
        if piece is not None:
            return _sized(quantity or 1.0, piece)
        piece = named_portion(measures=m, food=food, unit="piece", size=mention.size)
        if piece is not None:
            note = "no whole-item measure for this food: counted in its pieces"
            return _Amount(quantity or 1.0, piece, True, 0.8, note)
        portion, _ = usual_portion(food, m)
        note = "no single-item measure for this food: counted in its usual portion"
        return _Amount(quantity or 1.0, _whole(portion), True, 0.6, note)
    assert quantity is not None
    if unit in MASS_UNITS:
        return _Amount(quantity, Measure(unit, MASS_UNITS[unit]), True, 1.0)
    if unit in VOLUME_UNITS or unit in _EXTRA_VOLUMES:
        return _volume(food, mention, quantity, unit, m)
    named = named_portion(measures=m, food=food, unit=unit, size=mention.size, cuts=mention.cuts)
    if named is not None:
        return _sized(quantity, named)
    portion, _ = usual_portion(food, m)
    fallback = _whole(portion)
    if unit in _VESSELS:
        note = f"no '{unit}' measure for this food: one {unit} taken as its usual amount"
        return _Amount(quantity, fallback, True, 0.9, note)
    note = f"no '{unit}' measure for this food: one {unit} taken as its usual amount"
    return _Amount(quantity, fallback, True, 0.5, note)


def _whole(portion: Portion) -> Measure:
    """A whole USDA portion as the unit (its count included: "Quantity not specified")."""
    return Measure(portion.description, portion.grams, portion)


def _volume(food: Food, mention: Mention, quantity: float, unit: str, m: Measures) -> _Amount:
    """A volume: the food's own measure of that name ("1 cup, cooked"), else its density."""
    if unit in ("cup", "tbsp", "tsp"):
        named = named_portion(measures=m, food=food, unit=unit, size=None, cuts=mention.cuts)
        if named is not None:
            return _Amount(quantity, named, True, 1.0)
    ml = _EXTRA_VOLUMES.get(unit) or VOLUME_UNITS[unit]
    if m.grams_per_ml is not None:
        return _Amount(quantity, Measure(unit, ml * m.grams_per_ml), True, 1.0)
    cup = named_portion(measures=m, food=food, unit="cup", size=None, cuts=mention.cuts)
    if cup is not None:
        share = ml / VOLUME_UNITS["cup"]
        measure = Measure(unit, cup.grams * share)
        note = f"{unit} converted from the food's measure {cup.unit!r}"
        return _Amount(quantity, measure, True, 0.9, note)
    portion, _ = usual_portion(food, m)
    note = f"no volume measure for this food: one {unit} taken as its usual amount"
    return _Amount(quantity, _whole(portion), True, 0.5, note)
