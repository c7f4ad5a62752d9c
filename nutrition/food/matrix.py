"""An immutable, column-oriented view of the food catalog for vectorised ranking.

Built once at start-up from ``Food`` values (USDA SR28 and FNDDS 2017-2018 composition data,
per 100 g of edible portion); every array is read-only so requests can share it across
threads. Unknown nutrient amounts are NaN, never 0.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Final, TypeVar

import numpy as np
import numpy.typing as npt

from nutrition.food.foods import Food, Portion
from nutrition.food.portions import MIN_GRAMS, default_portion
from nutrition.food.processing import (
    FOOD_CLASSES,
    food_class,
    is_condiment,
    is_dairy_substitute,
    is_excluded,
    processing_penalty,
)
from nutrition.nutrients import NUTRIENT_KEYS
from nutrition.person.profile import ALLERGENS, ANIMAL_KINDS

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
UIntArray = npt.NDArray[np.uint64]
_Scalar = TypeVar("_Scalar", bound=np.generic)

# Words that describe state or preparation rather than which food it is; they are dropped
# when deriving a near-duplicate family key ("Lentils, raw" ~ "Lentils, cooked, boiled").
_PREP_TEXT: Final = """
    raw cooked boiled drained without with salt salted unsalted added no fat oil canned frozen
    fresh dried dry roasted baked steamed microwaved fried stewed broiled grilled braised
    toasted blanched unprepared prepared from mature immature seeds seed solids liquids and
    regular pack flesh skin peeled unpeeled nfs ns as to form made home recipe ready-to-eat
    ready-to-serve uncooked heated reheated plain enriched unenriched sweetened unsweetened
    in water juice light heavy syrup drained cooking method type all types varieties
    commercially commercial rinsed simmered poached scrambled whole kernel or nf fat-free
    low lowfat reduced type made water ns nfs heat
"""
_PREP_WORDS: Final[frozenset[str]] = frozenset(_PREP_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("oes") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _segment_words(segment: str) -> list[str]:
    # Numbers ("2%", "85% lean") are grades of one food, not a different food.
    return [
        _singular(w)
        for w in _WORD.findall(segment.lower())
        if w not in _PREP_WORDS and not w[0].isdigit()
    ]


def family_key(description: str) -> str:
    """Near-duplicate key: the first one or two naming segments with preparation words removed.

    "Lentils, mature seeds, cooked, boiled" and "Lentils, raw" both give ``"lentil"``.
    """
    segments = [s for s in description.split(",") if s.strip()]
    if not segments:
        return ""
    words = _segment_words(segments[0])
    if len(segments) > 1:
        # The second segment names the variety ("Beans, kidney") unless it is pure preparation.
        words += _segment_words(segments[1])
    # Sorted, so "Kidney beans" and "Beans, kidney" (FNDDS and SR28 word orders) agree.
    return " ".join(sorted(set(words))) if words else description.strip().lower()


def kind_word(description: str) -> str:
    """The head noun of a food's name: last naming word of its first segment ("Bread, white"
    -> "bread", "Kidney beans, canned" -> "bean", "Stuffed tomato, with rice" -> "tomato")."""
    for segment in description.split(","):
        words = _segment_words(segment)
        if words:
            return words[-1]
    return ""


def _words(description: str) -> set[str]:
    # Both the word and its singular, so a dislike of "banana" finds "Bananas, raw".
    found = set(_WORD.findall(description.lower()))
    return found | {_singular(w) for w in found}


#: Head words that serve the same use at a meal (a swap keeps the use: rice for rice).
USE_CLASSES: Final[tuple[frozenset[str], ...]] = (
    frozenset({"rice", "quinoa", "bulgur", "barley", "millet", "couscous", "buckwheat", "farro"}),
    frozenset({"bread", "roll", "bagel", "tortilla", "pita", "english"}),
    frozenset({"pasta", "spaghetti", "macaroni", "noodle"}),
    frozenset({"milk", "soymilk", "yogurt"}),
    frozenset({"cereal", "oat", "oatmeal"}),
)
#: ``FoodMatrix`` fields held as read-only mappings.
_MAPPING_FIELDS: Final = frozenset({"index", "columns", "word_index"})
#: Portion ids that are not household measures (``portions.HUNDRED_GRAMS``).
_SYNTHETIC_PORTIONS: Final = frozenset({"100g"})


def id_hash(food_id: str) -> int:
    """A stable 64-bit hash of a food id: the same on every machine, process and run."""
    return int.from_bytes(hashlib.blake2b(food_id.encode(), digest_size=8).digest(), "big")


def _membership(sets: Sequence[frozenset[str]], keys: Sequence[str]) -> BoolArray:
    """A (len(sets), len(keys)) mask: row i, column j is whether ``keys[j]`` is in ``sets[i]``."""
    mask = np.zeros((len(sets), len(keys)), dtype=np.bool_)
    column = {k: j for j, k in enumerate(keys)}
    for i, members in enumerate(sets):
        for key in members:
            if key in column:
                mask[i, column[key]] = True
    return mask


def _use_ids(heads: Sequence[str], head_ids: IntArray) -> IntArray:
    offset = len(USE_CLASSES)
    by_word = {word: j for j, use in enumerate(USE_CLASSES) for word in use}
    return np.asarray(
        [by_word.get(head, offset + int(h)) for head, h in zip(heads, head_ids, strict=True)],
        dtype=np.int64,
    )


def _readonly(array: npt.NDArray[_Scalar]) -> npt.NDArray[_Scalar]:
    array.setflags(write=False)
    return array


#: Family commonness (log(1 + FNDDS recipes using any food of the family + the family's FNDDS
#: foods)) at which a food counts as fully everyday: about 60 uses.
EVERYDAY_COMMONNESS: Final = 4.1
#: FNDDS foods whose name starts with a word (FNDDS lists foods as NHANES respondents reported
#: them, so the count tracks how widely a food is eaten: potato ~185, banana 20, okra 7) at
#: which that word's foods count as fully everyday.
EVERYDAY_HEAD_ROWS: Final = 15
#: Vegetables denser than this (kcal per 100 g) count as starchy for list diversity: cooked
#: potatoes, sweet potatoes, green peas and corn carry 80-100 kcal, leafy and watery ones
#: under 50 (USDA SR28); the Dietary Guidelines 2020-2025 list starchy vegetables apart.
STARCHY_KCAL_PER_100G: Final = 60.0
#: Familiarity of a food no recipe uses (before the other factors below).
_RARE_FLOOR: Final = 0.2
#: SR28 group 3500, American Indian/Alaska Native Foods: regional traditional foods.
_REGIONAL_GROUP: Final = "3500"
#: Broad classes a dietitian rarely suggests to raise a mineral: drinks, condiments, fats,
#: sweets, snacks, baby foods and the catch-all. Food-group foods keep 1.
_CLASS_PRIOR: Final[dict[str, float]] = {
    "mixed": 0.8,
    "beverage": 0.6,
    "snack": 0.5,
    "sweet": 0.4,
    "fat": 0.4,
    "condiment": 0.3,
    "baby": 0.2,
    "other": 0.4,
}
_DETAIL_FACTOR: Final = 0.93
_COOKED = re.compile(r"\b(cooked|boiled|baked|roasted|steamed|microwaved|stewed)\b", re.IGNORECASE)
_RAW_ROW = re.compile(r"(^|, )raw\b", re.IGNORECASE)
_MIXED = re.compile(r"\bwith\b(?! (water|salt|skin|bone))", re.IGNORECASE)


def _is_fndds(food: Food) -> bool:
    return food.source.lower().startswith("fndds")


def head_words(description: str) -> tuple[str, ...]:
    """The first naming word of each of the first two naming segments ("Fish, tuna, fresh" ->
    ("fish", "tuna"); "Bananas, raw" -> ("banana",)): the food, or its category and variety."""
    heads: list[str] = []
    segments = description.split(",")
    for position, segment in enumerate(segments[:2]):
        words = _segment_words(segment)
        if words:
            heads.append(words[0])
        elif position == 0:
            break
    return tuple(heads)


def _head_share(heads: Sequence[str], reported: Mapping[str, int]) -> float:
    # SR28 names a food "category, variety" ("Nuts, almonds") where FNDDS says "Almonds": the
    # better-reported word counts. The geometric mean in ``_familiarity`` keeps a common
    # category from lifting a variety no recipe uses ("Fish, wolffish").
    rows = max((reported.get(h, 0) for h in heads), default=0)
    return min(1.0, float(np.log1p(rows)) / float(np.log1p(EVERYDAY_HEAD_ROWS)))


def _familiarity(
    food: Food, *, family_commonness: float, head_share: float, kind: str, raw_uneaten: bool
) -> float:
    # A food is everyday when its family (all preparations and both sources: "Bananas, raw"
    # and "Banana, raw") is used by many FNDDS recipes; lambsquarters or poi are used by none.
    share = min(1.0, family_commonness / EVERYDAY_COMMONNESS)
    # Many reported foods named for it (FNDDS "Banana, ..." rows) lift it half-way on the log
    # scale (geometric mean); they never lift a family nobody uses ("Egg, turkey": 171 eggs).
    share = max(share, float(np.sqrt(share * head_share)))
    value = (_RARE_FLOOR + (1.0 - _RARE_FLOOR) * share) * _CLASS_PRIOR.get(kind, 1.0)
    if food.group_code == _REGIONAL_GROUP and not _is_fndds(food):
        value *= 0.3
    # Each naming detail past the second segment ("protein fortified", "with added vitamin
    # A") makes a food more of a speciality; preparation words do not count.
    details = sum(1 for s in food.description.split(",")[2:] if _segment_words(s))
    value *= _DETAIL_FACTOR**details
    if _is_fndds(food) and _MIXED.search(food.description):
        # FNDDS names a dish by its parts: "Potato, baked, with cheese" is a mixed dish.
        value *= 0.85
    # A food with no household measure (only the 100 g fallback) is rarely eaten as a portion;
    # one measured only by the spoon (lemon peel, herbs) is a garnish.
    if not food.portions:
        value *= 0.75
    elif max(p.grams for p in food.portions) < MIN_GRAMS:
        value *= 0.3
    if raw_uneaten:
        # Raw potato, raw lentils, raw plantain: the family has cooked rows and FNDDS (foods as
        # people report eating them) has no raw row, so the raw row is a recipe ingredient.
        value *= 0.6
    return value


def _familiarities(
    foods: Sequence[Food], *, family_ids: IntArray, families: int, classes: Sequence[str]
) -> FloatArray:
    """``_familiarity`` of every food, from its family's use across the catalog."""
    familiarity = np.ones(len(foods), dtype=np.float64)
    # Family usage: FNDDS recipes using any member (both sources; ``commonness`` is
    # log(1 + uses) per food) plus the family's own FNDDS rows, each a food NHANES
    # respondents reported eating ("Banana, raw" next to SR28's "Bananas, raw").
    family_uses = np.zeros(families, dtype=np.float64)
    commonness = np.asarray([f.commonness for f in foods], dtype=np.float64)
    reported = np.asarray([_is_fndds(f) for f in foods], dtype=np.float64)
    np.add.at(family_uses, family_ids, np.expm1(commonness) + reported)
    family_commonness = np.log1p(family_uses)
    cooked_families = {
        int(family_ids[i]) for i, f in enumerate(foods) if _COOKED.search(f.description)
    }
    eaten_raw = {
        int(family_ids[i])
        for i, f in enumerate(foods)
        if _is_fndds(f) and _RAW_ROW.search(f.description)
    }
    food_heads = [head_words(f.description) for f in foods]
    reported_heads: dict[str, int] = {}
    for food, food_head in zip(foods, food_heads, strict=True):
        if _is_fndds(food) and food_head:
            reported_heads[food_head[0]] = reported_heads.get(food_head[0], 0) + 1
    for i, food in enumerate(foods):
        familiarity[i] = _familiarity(
            food,
            family_commonness=float(family_commonness[family_ids[i]]),
            head_share=_head_share(food_heads[i], reported_heads),
            kind=classes[i],
            raw_uneaten=int(family_ids[i]) in cooked_families - eaten_raw
            and _RAW_ROW.search(food.description) is not None,
        )
    return familiarity


@dataclass(frozen=True, slots=True, eq=False)
class FoodMatrix:
    """The catalog as read-only numpy arrays; row ``i`` is ``foods[i]``.

    ``per_100g`` and ``per_portion`` are float64 (n_foods, len(NUTRIENT_KEYS)), NaN = unknown;
    ``per_portion`` is for each food's default portion of ``grams`` grams. ``penalty`` is the
    processing penalty in [0, 1], ``familiarity`` in (0, 1] favours everyday foods. ``classes``
    holds each food's broad class (``processing.food_class``), ``class_ids`` its index in
    ``processing.FOOD_CLASSES``; ``heads`` each name's head noun (``kind_word``).
    """

    foods: tuple[Food, ...]
    ids: tuple[str, ...]
    index: Mapping[str, int]
    columns: Mapping[str, int]
    per_100g: FloatArray
    per_portion: FloatArray
    portions: tuple[Portion, ...]
    grams: FloatArray
    groups: tuple[str, ...]
    group_codes: tuple[str, ...]
    group_ids: IntArray
    allergen_mask: BoolArray
    animal_mask: BoolArray
    penalty: FloatArray
    excluded: BoolArray
    familiarity: FloatArray
    families: tuple[str, ...]
    family_ids: IntArray
    word_index: Mapping[str, IntArray]
    classes: tuple[str, ...]
    class_ids: IntArray
    heads: tuple[str, ...]
    #: ``heads`` as integers (equal words, equal ids) so per-request comparisons are numeric.
    head_ids: IntArray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    #: Words of each family key, for the near-duplicate test of ``ranking.select_diverse``.
    family_words: tuple[frozenset[str], ...] = ()
    #: Stands in for a dairy food (``processing.is_dairy_substitute``).
    substitute: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    #: Classes for spreading a list (``ranking.select_diverse``): ``class_ids``, except that
    #: starchy vegetables (``STARCHY_KCAL_PER_100G``) get one more id of their own.
    diversity_ids: IntArray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    #: Herbs, spices, condiments, fats and cooking ingredients (``processing.is_condiment``).
    condiment: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    #: Each food's use at a meal (``USE_CLASSES``): heads in one set share an id, any other
    #: head keeps its own; swaps keep the use.
    use_ids: IntArray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    #: The default portion is a USDA household measure (not the 100 g fallback).
    measured: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    #: A stable 64-bit hash of each food id (``id_hash``), for deterministic rotation.
    id_hashes: UIntArray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))

    @staticmethod
    def build(*, foods: Sequence[Food]) -> FoodMatrix:
        """Build the matrix once from the catalog (O(n) Python work; call at start-up only)."""
        n = len(foods)
        columns = {key: j for j, key in enumerate(NUTRIENT_KEYS)}
        per_100g = np.full((n, len(NUTRIENT_KEYS)), np.nan, dtype=np.float64)
        grams = np.empty(n, dtype=np.float64)
        penalty = np.empty(n, dtype=np.float64)
        excluded = np.zeros(n, dtype=np.bool_)
        class_ids = np.empty(n, dtype=np.int64)
        classes: list[str] = []
        class_numbers = {c: j for j, c in enumerate(FOOD_CLASSES)}
        group_ids = np.empty(n, dtype=np.int64)
        family_ids = np.empty(n, dtype=np.int64)
        group_numbers: dict[tuple[str, str], int] = {}
        family_numbers: dict[str, int] = {}
        words: dict[str, list[int]] = {}
        portions: list[Portion] = []
        families: list[str] = []
        for i, food in enumerate(foods):
            for key, value in food.nutrients.items():
                if value is not None and key in columns:
                    per_100g[i, columns[key]] = value
            portion = default_portion(food)
            portions.append(portion)
            grams[i] = portion.grams
            facts = {
                "description": food.description,
                "group": food.group,
                "group_code": food.group_code,
                "source": food.source,
            }
            penalty[i] = processing_penalty(**facts)
            excluded[i] = is_excluded(**facts)
            kind = food_class(
                description=food.description, group_code=food.group_code, source=food.source
            )
            classes.append(kind)
            class_ids[i] = class_numbers[kind]
            # Groups are keyed by source too: SR28 and WWEIA codes are different code lists.
            group_ids[i] = group_numbers.setdefault(
                (food.source, food.group_code), len(group_numbers)
            )
            family = family_key(food.description)
            families.append(family)
            family_ids[i] = family_numbers.setdefault(family, len(family_numbers))
            for word in _words(food.description):
                words.setdefault(word, []).append(i)
        per_portion = per_100g * (grams / 100.0)[:, None]
        familiarity = _familiarities(
            foods, family_ids=family_ids, families=len(family_numbers), classes=classes
        )
        # Starchy vegetables (potatoes, peas, corn) are a vegetable subgroup of their own in the
        # Dietary Guidelines; energy density tells them from leafy or watery ones in the data.
        with np.errstate(invalid="ignore"):
            starchy = (class_ids == class_numbers["vegetable"]) & (
                per_100g[:, columns["energy_kcal"]] > STARCHY_KCAL_PER_100G
            )
        diversity_ids = np.where(starchy, len(FOOD_CLASSES), class_ids)
        heads = tuple(kind_word(f.description) for f in foods)
        head_numbers: dict[str, int] = {}
        head_ids = np.asarray(
            [head_numbers.setdefault(h, len(head_numbers)) for h in heads], dtype=np.int64
        )
        names = [
            {"description": f.description, "group_code": f.group_code, "source": f.source}
            for f in foods
        ]
        return FoodMatrix(
            foods=tuple(foods),
            ids=tuple(f.id for f in foods),
            index=MappingProxyType({f.id: i for i, f in enumerate(foods)}),
            columns=MappingProxyType(columns),
            per_100g=_readonly(per_100g),
            per_portion=_readonly(per_portion),
            portions=tuple(portions),
            grams=_readonly(grams),
            groups=tuple(f.group for f in foods),
            group_codes=tuple(f.group_code for f in foods),
            group_ids=_readonly(group_ids),
            allergen_mask=_readonly(_membership([f.allergens for f in foods], ALLERGENS)),
            animal_mask=_readonly(_membership([f.animal for f in foods], ANIMAL_KINDS)),
            penalty=_readonly(penalty),
            excluded=_readonly(excluded),
            familiarity=_readonly(familiarity),
            families=tuple(families),
            family_ids=_readonly(family_ids),
            word_index=MappingProxyType(
                {w: _readonly(np.asarray(rows, dtype=np.int64)) for w, rows in words.items()}
            ),
            classes=tuple(classes),
            class_ids=_readonly(class_ids),
            diversity_ids=_readonly(diversity_ids),
            heads=heads,
            head_ids=_readonly(head_ids),
            family_words=tuple(frozenset(f.split()) for f in families),
            substitute=_readonly(
                np.asarray([is_dairy_substitute(**x) for x in names], dtype=np.bool_)
            ),
            condiment=_readonly(np.asarray([is_condiment(**x) for x in names], dtype=np.bool_)),
            use_ids=_readonly(_use_ids(heads, head_ids)),
            measured=_readonly(
                np.asarray([p.id not in _SYNTHETIC_PORTIONS for p in portions], dtype=np.bool_)
            ),
            id_hashes=_readonly(np.asarray([id_hash(f.id) for f in foods], dtype=np.uint64)),
        )

    def __getstate__(self) -> dict[str, object]:
        """Plain values for pickling (read-only mapping views become dicts)."""
        state: dict[str, object] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            state[f.name] = dict(value) if isinstance(value, MappingProxyType) else value
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        """Restore from ``__getstate__``: mappings read-only again, arrays read-only again."""
        for name, value in state.items():
            if name in _MAPPING_FIELDS and isinstance(value, dict):
                value = MappingProxyType(value)
            elif isinstance(value, np.ndarray):
                value = _readonly(value)
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, nutrient: str) -> FloatArray:
        """Per-portion amounts of ``nutrient`` for every food (NaN = unknown); read-only view."""
        return self.per_portion[:, self.columns[nutrient]]

    def rows_matching(self, text: str) -> IntArray:
        """Rows of the food with id ``text``, or of foods whose description holds its words
        (a phrase such as "brussels sprouts" in order, as whole words; plurals match)."""
        if text in self.index:
            return np.asarray([self.index[text]], dtype=np.int64)
        wanted = [_singular(w) for w in _WORD.findall(text.lower())]
        if not wanted:
            return np.empty(0, dtype=np.int64)
        rows = self.word_index.get(wanted[0], np.empty(0, dtype=np.int64))
        for word in wanted[1:]:
            rows = np.intersect1d(rows, self.word_index.get(word, np.empty(0, dtype=np.int64)))
        if len(wanted) == 1:
            return rows
        words = [re.escape(w) + "(?:s|es)?" for w in wanted]
        phrase = re.compile(r"\b" + r"\W+".join(words) + r"\b")
        keep = [r for r in rows if phrase.search(self.foods[int(r)].description.lower())]
        return np.asarray(keep, dtype=np.int64)
