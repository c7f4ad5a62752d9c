"""In-memory full-text search over the food catalog, tuned for people typing food names.

Matching: descriptions and SR28 common names are lower-cased, stripped of accents and split on
anything that is not a letter or digit; each word is reduced to a light plural stem (``berries``
-> ``berry``, ``potatoes`` -> ``potato``, ``eggs`` -> ``egg``). Every query word must match a
food word (AND), either exactly, by stem, as a prefix (as-you-type), or within a small edit
distance (typos, via rapidfuzz); adjacent query words may also be joined (``chick peas`` ->
``chickpeas``). If no food matches every word, foods matching the most words are returned.

Ranking is a heuristic, not a nutrition fact: match quality, where the word sits (the first
comma segment of a USDA description names the food), how few other words the description has,
the catalog's ``commonness`` prior (how many USDA FNDDS 2017-2018 recipes use the food), minus
``nutrition.food.processing.processing_penalty``; SR28 (USDA ARS, Standard Reference Release 28)
wins ties over its FNDDS twin. The index is immutable and does no I/O.

Plainness: USDA FNDDS 2017-2018 codes a food reported without detail as "NFS" (not further
specified) or "NS as to <attribute>", so those rows are the generic form of a food: their
NS clauses are not counted as extra words, each earns a bonus, and their processing penalty
counts only partly above the least processed row of their family (same naming segment).
Words that make a row a narrower or different thing than its name (parts such as yolk or
skin only, substitutes such as meatless or imitation, sweetened or flavoured, reduced or
light versions, dry forms, baby food, eating-out rows) cost a little, unless the query
itself asks for such a word.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from nutrition.errors import NutritionError
from nutrition.food.foods import Food
from nutrition.food.processing import processing_penalty

__all__ = ["Ranking", "SearchIndex", "SearchResult", "normalize", "stem", "tokenize"]

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int32]
BoolArray = npt.NDArray[np.bool_]

SOURCES: Final[frozenset[str]] = frozenset({"sr28", "fndds"})

# Glue words carry no meaning for matching and should not count as "extra" words either.
_STOPWORDS: Final[frozenset[str]] = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "w"}
)
# Words that say a food is plain; they earn a small bonus instead of a brevity cost.
_PLAIN_WORDS: Final[frozenset[str]] = frozenset({"raw", "plain", "nfs", "fresh"})
# How the plain food is served rather than which food it is ("Coffee, brewed"): not extra.
_SERVING_WORDS: Final[frozenset[str]] = frozenset({"cooked", "boiled", "brewed", "fluid"})
# A comma segment that says the row is the whole food ("Egg, whole") rather than a part.
_WHOLE_SEGMENT: Final[str] = "whole"
# FNDDS "NS as to <attribute>" segment: the attribute was not reported, so the row is generic.
_NS_CLAUSE = re.compile(r"^ns as to\b")
# FNDDS provenance segment ("from frozen", "from restaurant"): where the food came from, not
# which food it is; demotions below still see its words.
_PROVENANCE = re.compile(r"^from\b")
# SR28 opens many descriptions with a catalog heading ("Fish, salmon, ...", "Nuts, almonds"),
# so the food's own name is the second segment there.
_CATEGORY_HEADS: Final[frozenset[str]] = frozenset(
    {
        "alcoholic beverage",
        "babyfood",
        "beverages",
        "candies",
        "cereals",
        "cereals ready-to-eat",
        "crustaceans",
        "fast foods",
        "fish",
        "frozen novelties",
        "game meat",
        "infant formula",
        "mollusks",
        "nuts",
        "oil",
        "restaurant",
        "sauce",
        "seeds",
        "snacks",
        "soup",
        "spices",
        "usda commodity",
    }
)


@dataclass(frozen=True, slots=True)
class _Demotion:
    """A kind of row people rarely mean by a bare food name; asking for a trigger word waives it.

    ``pattern`` is searched in the lower-cased description (plus the group when ``in_group``),
    or only in the food's naming segment, normalised, when ``naming_only``.
    """

    pattern: re.Pattern[str]
    cost: float
    triggers: frozenset[str]
    in_group: bool = False
    naming_only: bool = False
    # Share of the cost paid by a generic (NS/NFS) row that is its family's only generic kind.
    generic_share: float = 1.0


# Costs are ranking heuristics, in score units (a head-word match is worth 3.0).
_DEMOTIONS: Final[tuple[_Demotion, ...]] = (
    # Not food for the adults and children we serve; processing_penalty scores processing.
    _Demotion(
        pattern=re.compile(r"\b(human|infant formula|babyfood|baby food)\b"),
        cost=0.5,
        triggers=frozenset({"human", "infant", "formula", "babyfood", "baby"}),
    ),
    # Stand-ins for the named food: "Chicken, meatless" is not chicken.
    _Demotion(
        pattern=re.compile(
            r"\b(meatless|imitation|vegetarian|vegan|substitutes?|analogs?|simulated|mock|"
            r"non-alcoholic|nonalcoholic|alcohol-free)\b"
        ),
        cost=0.6,
        triggers=frozenset(
            {
                "meatless",
                "imitation",
                "vegetarian",
                "vegan",
                "substitute",
                "analog",
                "mock",
                "non",
                "nonalcoholic",
            }
        ),
    ),
    # A part of the food rather than the food: "Egg, yolk", "Chicken, skin only".
    _Demotion(
        pattern=re.compile(
            r"(^|, )(yolks?|skin|skin only|skin from whole|peel|rind|giblets|gizzards?|"
            r"seeds only|separable fat|\w+ fat only|fat only)(?=,|$| \()"
        ),
        cost=0.3,
        triggers=frozenset({"yolk", "skin", "peel", "rind", "giblet", "gizzard", "fat"}),
    ),
    # Dry and concentrated forms (milk powder, evaporated milk) are rarely what a plain food
    # name means.
    _Demotion(
        pattern=re.compile(
            r"\b(dry|dried|powder|powdered|dehydrated|concentrate|evaporated|condensed)\b"
        ),
        cost=0.2,
        triggers=frozenset(
            {
                "dry",
                "dried",
                "powder",
                "powdered",
                "dehydrated",
                "concentrate",
                "evaporated",
                "condensed",
            }
        ),
    ),
    # Forms made from the food rather than the food as commonly eaten: fermented, fried,
    # stewed, pickled, candied, dried further than the usual dried fruit ("Tofu, fried",
    # "Prunes, dehydrated (low-moisture), stewed").
    _Demotion(
        pattern=re.compile(r"\b(fermented|fried|deep-fried|stewed|pickled|candied|low-moisture)\b"),
        cost=0.35,
        triggers=frozenset({"fermented", "fried", "stewed", "pickled", "candied", "moisture"}),
    ),
    # The food ground or pressed into another one, named so: "Seeds, sunflower seed butter",
    # "Wheat flour"; not "Croissants, butter" or "Bread, NS as to major flour".
    _Demotion(
        pattern=re.compile(r"\b(butter|flour|meal|paste)$"),
        cost=0.35,
        triggers=frozenset({"butter", "flour", "meal", "paste"}),
        naming_only=True,
    ),
    # Drinks with alcohol come after the soft drink or juice of the same name ("cola" is not
    # "Whiskey and cola") unless the query names the drink.
    _Demotion(
        pattern=re.compile(r"\b(liquor|cocktails?|alcoholic|beer|wine|whiskey|rum|vodka)\b"),
        cost=0.5,
        triggers=frozenset(
            {
                "alcohol",
                "alcoholic",
                "liquor",
                "cocktail",
                "beer",
                "wine",
                "whiskey",
                "whisky",
                "rum",
                "vodka",
                "gin",
                "brandy",
                "tequila",
                "sake",
                "margarita",
                "martini",
                "bourbon",
                "scotch",
                "liqueur",
                "ale",
                "lager",
                "cider",
                "sangria",
                "daiquiri",
                "mimosa",
            }
        ),
        in_group=True,
    ),
    # Eating-out rows; less so where USDA made one a generic default ("Pizza, cheese, from
    # restaurant or fast food, NS as to type of crust").
    _Demotion(
        pattern=re.compile(r"\b(fast foods?|restaurant)\b"),
        cost=0.3,
        triggers=frozenset({"fast", "restaurant"}),
        in_group=True,
        generic_share=0.4,
    ),
    # Sweetened or flavoured versions come after the plain food ("unsweetened" does not match).
    _Demotion(
        pattern=re.compile(
            r"\b(sweetened|flavou?red|flavou?rs?|chocolate|with sugar|sugar added|added sugar|"
            r"(heavy|light|extra light|extra heavy) syrup|syrup pack|honey)\b"
        ),
        cost=0.15,
        triggers=frozenset(
            {"sweetened", "flavored", "flavor", "chocolate", "sugar", "syrup", "honey"}
        ),
    ),
    # Versions narrowed for a diet ("reduced sugar", "light", "low fat", "gluten-free").
    _Demotion(
        pattern=re.compile(
            r"\b(reduced|low|lowfat|light|lite|diet|less|lower|nonfat|\w+[- ]free)\b"
        ),
        cost=0.06,
        triggers=frozenset(
            {"reduced", "low", "lowfat", "light", "lite", "diet", "less", "nonfat", "free"}
        ),
    ),
)
# A generic row (NS/NFS) is USDA's default for its family (rows sharing a naming segment:
# every "Pizza, ..." row), so only this share of its processing above the family's least
# processed member applies: the default pizza is a restaurant one, and still the pizza meant.
_FAMILY_PROCESSING_SHARE: Final[float] = 0.4

# Words that open a note in parentheses rather than another name of the food.
_NOT_A_NAME: Final[frozenset[str]] = frozenset(
    {
        "includes",
        "including",
        "include",
        "with",
        "without",
        "made",
        "prepared",
        "formerly",
        "not",
        "low",
        "high",
        "reduced",
        "boiling",
        "enriched",
        "unenriched",
        "fortified",
        "sweetened",
        "unsweetened",
        "all",
        "mature",
        "immature",
        "nfs",
        "ns",
        "and",
        "or",
        "from",
        "for",
        "about",
        "approx",
        "small",
        "medium",
        "large",
        "raw",
        "cooked",
        "frozen",
        "canned",
        "dry",
        "drained",
        "solids",
    }
)
# Where a word sits in a description -> how much a match there counts.
_W_HEAD: Final[float] = 1.0  # last word of the first segment: the head noun
_W_HEAD_MODIFIER: Final[float] = 0.85  # "Milk" in "Milk shakes"
_W_CATEGORY: Final[float] = 0.8  # "Fish" in "Fish, salmon, raw"
_W_SECOND: Final[float] = 0.75
_W_LATER: Final[float] = 0.6
_W_ASIDE: Final[float] = 0.6  # inside parentheses, or an SR28 common name

# Match kinds -> quality.
_Q_EXACT: Final[float] = 1.0
_Q_STEM: Final[float] = 0.99  # plural/singular is as good as exact; the twin tie goes to SR28
_Q_PREFIX_BASE: Final[float] = 0.5
# Prefix quality grows with the square of the share of the word typed: nearly done words
# ("banan") count almost as matches, while one or two letters barely favour short words.
_Q_PREFIX_SPAN: Final[float] = 0.35
_Q_FUZZY: Final[tuple[float, float, float]] = (1.0, 0.72, 0.6)  # by edit distance

# Score weights (see _static_prior and search): match dominates, priors order ties.
_W_MATCH: Final[float] = 3.0
_W_COMMON: Final[float] = 0.06
_W_PROCESSED: Final[float] = 0.8
_W_PLAIN: Final[float] = 0.06
_W_GENERIC: Final[float] = 0.18  # per FNDDS "NS as to" clause or "NFS", at most two
_MAX_GENERIC_CLAUSES: Final[int] = 2
_W_BREVITY: Final[float] = 0.12
_W_EXTRA_WORD: Final[float] = 0.02  # and a linear part: each qualifier narrows the food more
_W_HEAD_EXTRA: Final[float] = 0.35  # per head word not asked for: "Sweet potato" for "potato"
_SR28_TIE: Final[float] = 1e-3
# An optional query word (a cooking word in a meal: "grilled") found in a food adds this much
# times its match quality; it never decides which foods match.
_W_OPTIONAL: Final[float] = 0.6

_MAX_VARIANTS: Final[int] = 4

_SPLIT = re.compile(r"[^a-z0-9]+")
# Apostrophes join rather than split, so "KELLOGG'S" is one word and not "kellogg" + "s".
_APOSTROPHE = re.compile(r"['\u2019\u02bc]")
_PAREN = re.compile(r"\(([^)]*)\)")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One page of ranked food ids, best first; ``total`` counts every match before paging."""

    ids: tuple[str, ...]
    total: int


@dataclass(frozen=True, slots=True)
class Ranking:
    """The best foods for a query with their scores, best first.

    ``coverage`` is the share of the query's words that these foods match (1.0 when some
    food matches them all; every food returned matches the same share).
    """

    ids: tuple[str, ...]
    scores: tuple[float, ...]
    coverage: float


def normalize(text: str) -> str:
    """Lower-case ``text`` and strip accents (``Jalapeño`` -> ``jalapeno``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Split normalised ``text`` into alphanumeric words (hyphens and punctuation split)."""
    return [t for t in _SPLIT.split(_APOSTROPHE.sub("", normalize(text))) if t]


def stem(word: str) -> str:
    """Reduce a plural to a canonical singular stem; applied to index and query alike."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("oes"):
        return word[:-2]
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a food's words sit: word -> weight of its most prominent position, and sizes."""

    weights: dict[str, float]
    head_words: int  # countable words of the segment naming the food
    body_words: int  # countable words outside parentheses, catalog headings and NS clauses
    family: str  # the naming segment, normalised: every "Pizza, ..." row shares "pizza"
    generic_clauses: int  # FNDDS "NS as to" clauses, "NFS" counting as one
    plain: bool  # says raw, plain or fresh, or is the whole food


_NOT_COUNTED: Final[frozenset[str]] = _STOPWORDS | _PLAIN_WORDS | _SERVING_WORDS


def _countable(words: list[str]) -> set[str]:
    # Figures and single letters ("2% milkfat", "vitamin D") specify, they do not qualify.
    return {w for w in words if w not in _NOT_COUNTED and len(w) > 1 and not w.isdigit()}


def _layout(description: str, common_names: str) -> _Layout:
    """Split a USDA description into weighted words (see the position weights above)."""
    best: dict[str, float] = {}

    def put(word: str, weight: float) -> None:
        if weight > best.get(word, 0.0):
            best[word] = weight

    asides = _PAREN.findall(description)
    outside = _PAREN.sub(" ", description)
    segments = [s.strip() for s in outside.split(",")]
    segments = [s for s in segments if s]
    head_at = 1 if len(segments) > 1 and normalize(segments[0]) in _CATEGORY_HEADS else 0
    body: set[str] = set()
    head: set[str] = set()
    clauses = 0
    plain = False
    for index, segment in enumerate(segments):
        words = tokenize(segment)
        lowered = " ".join(words)
        if _NS_CLAUSE.match(lowered):
            clauses += 1
        elif index > head_at and lowered == _WHOLE_SEGMENT:
            plain = True
        elif index > head_at and _PROVENANCE.match(lowered):
            pass
        elif index >= head_at:
            body |= _countable(words)
        if index == head_at:
            head = _countable(words)
        for position, word in enumerate(words):
            if index < head_at:
                weight = _W_CATEGORY
            elif index == head_at:
                weight = _W_HEAD if position == len(words) - 1 else _W_HEAD_MODIFIER
            elif index == head_at + 1:
                weight = _W_SECOND
            else:
                weight = _W_LATER
            put(word, weight)
        # "whole-wheat" is also findable as "wholewheat".
        for chunk in segment.split():
            parts = tokenize(chunk)
            if len(parts) > 1:
                put("".join(parts), _W_SECOND if index > head_at else _W_HEAD)
    for text in asides:
        if _is_name_list(text):
            _put_names(text, put)
        else:
            for word in tokenize(text):
                put(word, _W_ASIDE)
    _put_names(common_names, put)
    if "nfs" in best:
        clauses += 1
    # NFS already earned a generic clause; the plain bonus is for raw, plain, fresh and whole.
    plain = plain or bool(best.keys() & (_PLAIN_WORDS - {"nfs"}))
    family = " ".join(tokenize(segments[head_at])) if segments else ""
    return _Layout(
        weights=best,
        head_words=len(head),
        body_words=len(body),
        family=family,
        generic_clauses=min(clauses, _MAX_GENERIC_CLAUSES),
        plain=plain,
    )


def _is_name_list(aside: str) -> bool:
    """Whether a parenthetical lists other names of the food ("Plums, dried (prunes)",
    "Chickpeas (garbanzo beans, bengal gram)") rather than a note ("(low-moisture)",
    "(includes foods for ...)")."""
    names = [n.strip() for n in aside.split(",")]
    for name in names:
        words = name.lower().split()
        if not 1 <= len(words) <= 3 or not all(w.isalpha() for w in words):
            return False
        if words[0] in _NOT_A_NAME:
            return False
    return True


def _put_names(text: str, put: Callable[[str, float], None]) -> None:
    """Weigh each comma-separated other name of a food: a one-word name ("oatmeal",
    "prunes") counts as the food's own name; in a longer one ("west indian cherry") the
    last word counts as a second segment (a kind of cherry is not a cherry)."""
    for name in text.split(","):
        words = tokenize(name)
        for position, word in enumerate(words):
            if len(words) == 1:
                put(word, _W_HEAD)
            else:
                put(word, _W_SECOND if position == len(words) - 1 else _W_ASIDE)


@dataclass(frozen=True, slots=True)
class _Postings:
    """Words in sorted order with their postings laid end to end, so a prefix is one slice."""

    words: tuple[str, ...]
    starts: IntArray  # len(words) + 1 offsets into docs/weights
    docs: IntArray
    weights: FloatArray
    lengths: FloatArray  # length of the word owning each posting, for prefix quality

    @staticmethod
    def build(*, table: dict[str, dict[int, float]]) -> _Postings:
        words = tuple(sorted(table))
        counts = [len(table[w]) for w in words]
        starts = np.zeros(len(words) + 1, dtype=np.int32)
        np.cumsum(counts, out=starts[1:])
        total = int(starts[-1])
        docs = np.empty(total, dtype=np.int32)
        weights = np.empty(total, dtype=np.float32)
        lengths = np.empty(total, dtype=np.float32)
        for i, word in enumerate(words):
            lo, hi = int(starts[i]), int(starts[i + 1])
            entries = table[word]
            docs[lo:hi] = np.fromiter(entries.keys(), dtype=np.int32, count=hi - lo)
            weights[lo:hi] = np.fromiter(entries.values(), dtype=np.float32, count=hi - lo)
            lengths[lo:hi] = len(word)
        return _Postings(words=words, starts=starts, docs=docs, weights=weights, lengths=lengths)

    def range_of(self, *, prefix: str) -> tuple[int, int]:
        lo = bisect.bisect_left(self.words, prefix)
        hi = bisect.bisect_left(self.words, prefix + "\uffff", lo)
        return lo, hi

    def index_of(self, word: str) -> int | None:
        i = bisect.bisect_left(self.words, word)
        return i if i < len(self.words) and self.words[i] == word else None

    def slice_of(self, *, lo: int, hi: int) -> slice:
        return slice(int(self.starts[lo]), int(self.starts[hi]))


@dataclass(frozen=True, slots=True)
class _Match:
    """Sparse per-food best match score of one query word, and whether it hit the head."""

    docs: IntArray
    scores: FloatArray
    in_head: FloatArray  # 1.0 where some matching word sits in the naming segment


class MatchCache(Protocol):
    """Somewhere outside the core to keep per-word match vectors and filter masks.

    The index itself holds no mutable state; the service layer may hand it a bounded,
    thread-safe map (``api.services.catalog.LruCache``). Values for a key never change.
    """

    def get(self, key: tuple[Any, ...]) -> Any | None:
        """The value stored for ``key``, or None."""

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        """Store ``value`` for ``key`` (the cache may drop old entries)."""


@dataclass(frozen=True, slots=True, eq=False)
class SearchIndex:
    """Immutable search index over a food catalog; build with ``SearchIndex.build``."""

    ids: tuple[str, ...]
    _raw: _Postings
    _stems: _Postings
    _prior: FloatArray  # query-independent part of the score
    _length: FloatArray  # countable words per description
    _head_length: FloatArray  # countable words of the naming segment
    _source: tuple[str, ...]
    _group_keys: tuple[tuple[str, str], ...]
    # Per demotion, the foods it hit; asked-for trigger words hand the cost back.
    _demoted: tuple[tuple[IntArray, FloatArray], ...]
    _triggers: dict[str, tuple[int, ...]]
    _cache: MatchCache | None = field(default=None, repr=False)

    @staticmethod
    def build(*, foods: Sequence[Food], cache: MatchCache | None = None) -> SearchIndex:
        """Index ``foods`` (any order; ids must be unique). Takes about a second for 16k foods.

        ``cache`` (optional, owned by the caller) keeps word matches and filters across calls.
        """
        raw: dict[str, dict[int, float]] = {}
        stems: dict[str, dict[int, float]] = {}
        length = np.zeros(len(foods), dtype=np.float32)
        head_length = np.zeros(len(foods), dtype=np.float32)
        layouts = [_layout(food.description, food.common_names) for food in foods]
        for doc, layout in enumerate(layouts):
            for word, weight in layout.weights.items():
                raw.setdefault(word, {})[doc] = weight
                bucket = stems.setdefault(stem(word), {})
                if weight > bucket.get(doc, 0.0):
                    bucket[doc] = weight
            length[doc] = layout.body_words
            head_length[doc] = layout.head_words
        prior, demoted = _static_priors(foods=foods, layouts=layouts)
        triggers: dict[str, list[int]] = {}
        for number, demotion in enumerate(_DEMOTIONS):
            for word in demotion.triggers:
                triggers.setdefault(stem(word), []).append(number)
        return SearchIndex(
            ids=tuple(f.id for f in foods),
            _raw=_Postings.build(table=raw),
            _stems=_Postings.build(table=stems),
            _prior=prior,
            _length=length,
            _head_length=head_length,
            _source=tuple(f.source.lower() for f in foods),
            _group_keys=tuple((f.group.casefold(), f.group_code.casefold()) for f in foods),
            _demoted=demoted,
            _triggers={word: tuple(numbers) for word, numbers in triggers.items()},
            _cache=cache,
        )

    def __len__(self) -> int:
        return len(self.ids)

    def search(
        self,
        *,
        query: str,
        source: str | None = None,
        group: str | None = None,
        limit: int = 20,
        offset: int = 0,
        every_word: bool = False,
    ) -> SearchResult:
        """Rank foods for ``query``; ``source``/``group`` filter (group name or code, any case).

        ``every_word`` drops the fallback to foods matching only some of the query's words.
        Raises NutritionError(field="q") if the query has no letter or digit.
        """
        if limit < 0:
            raise NutritionError("limit must not be negative", field="limit")
        if offset < 0:
            raise NutritionError("offset must not be negative", field="offset")
        if source is not None and source.lower() not in SOURCES:
            raise NutritionError(f"unknown source {source!r}", field="source")
        words = tokenize(query)
        if not words:
            raise NutritionError("query has no searchable characters", field="q")
        meaningful = [w for w in words if w not in _STOPWORDS]
        words = meaningful or words
        allowed = self._filter(source=source, group=group)
        scores, matched, complete = self._score(
            words=words, allowed=allowed, waived=self._waived(words)
        )
        if every_word and not complete:
            matched = matched[:0]
        return self._page(scores=scores, matched=matched, limit=limit, offset=offset)

    def rank(self, *, query: str, optional: Sequence[str] = (), limit: int = 10) -> Ranking:
        """The best ``limit`` foods for ``query`` with their scores (see ``Ranking``).

        ``optional`` words (any order) raise the foods that have them without narrowing the
        match: "grilled" picks the grilled salmon among salmon rows, and finds salmon when
        no grilled salmon exists. A query with no searchable word ranks nothing.
        """
        words = [w for w in tokenize(query) if w not in _STOPWORDS] or tokenize(query)
        extra = [w for o in optional for w in tokenize(o) if w not in _STOPWORDS]
        extra = [w for w in dict.fromkeys(extra) if w not in words]
        if not words:
            words, extra = extra, []
        if not words or limit <= 0:
            return Ranking(ids=(), scores=(), coverage=0.0)
        bonus: FloatArray | None = None
        if extra:
            bonus = np.zeros(len(self.ids), dtype=np.float32)
            for word in extra:
                match = self._match(word=word, is_last=False)
                bonus[match.docs] += _W_OPTIONAL * match.scores
        scores, matched, _ = self._score(
            words=words, allowed=None, waived=self._waived([*words, *extra]), bonus=bonus
        )
        if not matched.size:
            return Ranking(ids=(), scores=(), coverage=0.0)
        values = scores[matched]
        order = np.lexsort((matched, -values))[:limit]
        coverage = self._coverage(words=words, best=matched[order[0]])
        return Ranking(
            ids=tuple(self.ids[int(i)] for i in matched[order]),
            scores=tuple(float(v) for v in values[order]),
            coverage=coverage,
        )

    def _coverage(self, *, words: list[str], best: np.int32) -> float:
        """Share of ``words`` (or of a joined variant) that food number ``best`` matches."""
        top = 0.0
        for variant in self._variants(words=words):
            hits = sum(
                1
                for position, word in enumerate(variant)
                if best in self._match(word=word, is_last=position == len(variant) - 1).docs
            )
            top = max(top, hits / len(variant))
        return top

    # -- scoring -------------------------------------------------------------------------

    def _waived(self, words: list[str]) -> FloatArray | None:
        """Costs handed back because the query asks for them ("egg yolk", "dried apricots")."""
        numbers = {n for w in words for n in self._triggers.get(stem(w), ())}
        if not numbers:
            return None
        waived = np.zeros(len(self.ids), dtype=np.float32)
        for number in sorted(numbers):
            docs, paid = self._demoted[number]
            waived[docs] += paid
        return waived

    def _score(
        self,
        *,
        words: list[str],
        allowed: BoolArray | None,
        waived: FloatArray | None = None,
        bonus: FloatArray | None = None,
    ) -> tuple[FloatArray, IntArray, bool]:
        """Best score per matching food over the query's variants (joined words), and whether
        the foods kept match every word of their variant."""
        size = len(self.ids)
        best = np.full(size, -np.inf, dtype=np.float32)
        best_coverage = np.zeros(size, dtype=np.float32)
        for variant in self._variants(words=words):
            total = np.zeros(size, dtype=np.float32)
            head_hits = np.zeros(size, dtype=np.float32)
            hits = np.zeros(size, dtype=np.int32)
            for position, word in enumerate(variant):
                is_last = position == len(variant) - 1
                match = self._match(word=word, is_last=is_last)
                total[match.docs] += match.scores
                head_hits[match.docs] += match.in_head
                hits[match.docs] += 1
            if allowed is not None:
                hits[~allowed] = 0
            # AND first; when no food has every word, keep those with the most of them.
            need = int(hits.max(initial=0))
            if need == 0:
                continue
            candidates = np.flatnonzero(hits == need).astype(np.int32)
            coverage = np.float32(need / len(variant))
            score = self._combine(
                total=total[candidates],
                head_hits=head_hits[candidates],
                candidates=candidates,
                hits=need,
            )
            if waived is not None:
                score += waived[candidates]
            if bonus is not None:
                score += bonus[candidates]
            # Across variants a food keeps its best: more of the query matched, then score.
            better = (coverage > best_coverage[candidates]) | (
                (coverage == best_coverage[candidates]) & (score > best[candidates])
            )
            chosen = candidates[better]
            best[chosen] = score[better]
            best_coverage[chosen] = coverage
        matched = np.flatnonzero(np.isfinite(best)).astype(np.int32)
        complete = False
        if matched.size:
            top = best_coverage[matched].max()
            matched = matched[best_coverage[matched] == top]
            complete = bool(top >= 1.0)
        return best, matched, complete

    def _combine(
        self, *, total: FloatArray, head_hits: FloatArray, candidates: IntArray, hits: int
    ) -> FloatArray:
        """Mean match quality, plus the static prior, minus a cost per unasked-for word.

        An unasked word in the naming segment costs most: it names another food.
        """
        extra = np.maximum(self._length[candidates] - hits, 0.0)
        head_extra = np.maximum(self._head_length[candidates] - head_hits, 0.0)
        combined: FloatArray = (
            _W_MATCH * total / hits
            + self._prior[candidates]
            - _W_BREVITY * np.log1p(extra)
            - _W_EXTRA_WORD * extra
            - _W_HEAD_EXTRA * head_extra
        ).astype(np.float32)
        return combined

    def _variants(self, *, words: list[str]) -> list[list[str]]:
        """The query as typed plus versions with one adjacent pair joined into a compound."""
        variants = [words]
        for i in range(len(words) - 1):
            joined = words[i] + words[i + 1]
            if self._stems.index_of(stem(joined)) is None and (self._raw.index_of(joined) is None):
                continue
            variants.append([*words[:i], joined, *words[i + 2 :]])
            if len(variants) >= _MAX_VARIANTS:
                break
        return variants

    def _match(self, *, word: str, is_last: bool) -> _Match:
        allow_prefix = is_last or len(word) >= 3
        key = (word, allow_prefix)
        if self._cache is None:
            return self._compute_match(word=word, allow_prefix=allow_prefix)
        cached: _Match | None = self._cache.get(("match", *key))
        if cached is not None:
            return cached
        match = self._compute_match(word=word, allow_prefix=allow_prefix)
        self._cache.put(("match", *key), match)
        return match

    def _compute_match(self, *, word: str, allow_prefix: bool) -> _Match:
        dense = np.zeros(len(self.ids), dtype=np.float32)
        head = np.zeros(len(self.ids), dtype=np.float32)
        raw, stems = self._raw, self._stems
        if allow_prefix:
            lo, hi = raw.range_of(prefix=word)
            if hi > lo:
                part = raw.slice_of(lo=lo, hi=hi)
                share = len(word) / raw.lengths[part]
                quality = _Q_PREFIX_BASE + _Q_PREFIX_SPAN * share * share
                np.maximum.at(dense, raw.docs[part], raw.weights[part] * quality)
                np.maximum.at(head, raw.docs[part], _head_flags(raw.weights[part]))
        root = stem(word)
        found = stems.index_of(root)
        if found is not None:
            _raise_to(dense, head, stems, found, _Q_STEM)
        exact = raw.index_of(word)
        if exact is not None:
            _raise_to(dense, head, raw, exact, _Q_EXACT)
        if found is None and exact is None and len(word) >= 4:
            # Only unknown words are treated as typos; a known word means what it says.
            limit = 1 if len(word) <= 6 else 2
            hits = process.extract(
                root, stems.words, scorer=OSA.distance, score_cutoff=limit, limit=None
            )
            for _candidate, distance, at in hits:
                _raise_to(dense, head, stems, int(at), _Q_FUZZY[int(distance)])
        docs = np.flatnonzero(dense).astype(np.int32)
        return _Match(docs=docs, scores=dense[docs], in_head=head[docs])

    # -- filters and paging --------------------------------------------------------------

    def _filter(self, *, source: str | None, group: str | None) -> BoolArray | None:
        if source is None and group is None:
            return None
        key = (source.lower() if source else None, group.casefold() if group else None)
        cached: BoolArray | None = (
            None if self._cache is None else self._cache.get(("filter", *key))
        )
        if cached is not None:
            return cached
        wanted_source, wanted_group = key
        mask = np.fromiter(
            (
                (wanted_source is None or src == wanted_source)
                and (wanted_group is None or wanted_group in pair)
                for src, pair in zip(self._source, self._group_keys, strict=True)
            ),
            dtype=np.bool_,
            count=len(self.ids),
        )
        if self._cache is not None:
            self._cache.put(("filter", *key), mask)
        return mask

    def _page(
        self, *, scores: FloatArray, matched: IntArray, limit: int, offset: int
    ) -> SearchResult:
        total = int(matched.size)
        end = min(total, offset + limit)
        if offset >= end:
            return SearchResult(ids=(), total=total)
        values = scores[matched]
        if end < total:
            # Only the requested head needs a full sort; keep every food tied with the last
            # one so the tie-break below sees them all, whatever the page size.
            cut = values[np.argpartition(-values, end - 1)[end - 1]]
            keep = np.flatnonzero(values >= cut)
            matched, values = matched[keep], values[keep]
        # Ties fall back to catalog order so results are deterministic.
        order = np.lexsort((matched, -values))[offset:end]
        return SearchResult(ids=tuple(self.ids[int(i)] for i in matched[order]), total=total)


def _head_flags(weights: FloatArray) -> FloatArray:
    flags: FloatArray = (weights >= _W_HEAD_MODIFIER).astype(np.float32)
    return flags


def _raise_to(
    dense: FloatArray, head: FloatArray, postings: _Postings, at: int, quality: float
) -> None:
    """Lift ``dense`` to the postings of word number ``at`` scaled by ``quality``."""
    part = postings.slice_of(lo=at, hi=at + 1)
    docs = postings.docs[part]
    weights = postings.weights[part]
    dense[docs] = np.maximum(dense[docs], weights * quality)
    head[docs] = np.maximum(head[docs], _head_flags(weights))


def _static_priors(
    *, foods: Sequence[Food], layouts: Sequence[_Layout]
) -> tuple[FloatArray, tuple[tuple[IntArray, FloatArray], ...]]:
    """Query-independent preference per food (everyday, whole, plain, generic first; SR28 wins
    ties), and per demotion the foods it hit with the cost each paid."""
    penalties = [
        processing_penalty(
            description=f.description, group=f.group, group_code=f.group_code, source=f.source
        )
        for f in foods
    ]
    hit = [
        [_demotes(d, food, layout) for d in _DEMOTIONS]
        for food, layout in zip(foods, layouts, strict=True)
    ]
    family_floor: dict[str, float] = {}
    # Per demotion, the families that have a generic row it does not hit: there the generic
    # row that it hits is not the family's only default and pays in full.
    clean_generic: list[set[str]] = [set() for _ in _DEMOTIONS]
    for layout, penalty, hits in zip(layouts, penalties, hit, strict=True):
        family_floor[layout.family] = min(penalty, family_floor.get(layout.family, 1.0))
        if layout.generic_clauses:
            for number, demoted_here in enumerate(hits):
                if not demoted_here:
                    clean_generic[number].add(layout.family)
    prior = np.zeros(len(foods), dtype=np.float32)
    paid: list[dict[int, float]] = [{} for _ in _DEMOTIONS]
    for doc, food in enumerate(foods):
        layout, penalty = layouts[doc], penalties[doc]
        generic = layout.generic_clauses > 0
        if generic:
            floor = family_floor[layout.family]
            penalty = floor + _FAMILY_PROCESSING_SHARE * (penalty - floor)
        value = _W_COMMON * max(0.0, food.commonness) - _W_PROCESSED * penalty
        value += _W_GENERIC * layout.generic_clauses
        if layout.plain:
            value += _W_PLAIN
        for number, demotion in enumerate(_DEMOTIONS):
            if not hit[doc][number]:
                continue
            cost = demotion.cost
            if generic and layout.family not in clean_generic[number]:
                cost *= demotion.generic_share
            value -= cost
            paid[number][doc] = cost
        if food.source.lower() == "sr28":
            value += _SR28_TIE
        prior[doc] = value if math.isfinite(value) else 0.0
    return prior, tuple(
        (
            np.fromiter(costs.keys(), dtype=np.int32, count=len(costs)),
            np.fromiter(costs.values(), dtype=np.float32, count=len(costs)),
        )
        for costs in paid
    )


def _demotes(demotion: _Demotion, food: Food, layout: _Layout) -> bool:
    if demotion.naming_only:
        return demotion.pattern.search(layout.family) is not None
    if demotion.pattern.search(food.description.lower()):
        return True
    return demotion.in_group and demotion.pattern.search(food.group.lower()) is not None
