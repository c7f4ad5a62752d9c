"""The foods one client can use: the shared catalog plus its own foods, looked up per request.

``ClientFoods`` is the one food source of a request (search, meal items, recipe ingredients,
suggestions, meal text). It answers an id by its prefix:

* ``sr28:`` and ``fndds:`` from the shared, immutable in-memory catalog;
* ``custom:`` and ``recipe:`` from the database, within the client only (another client's id
  is simply not found), a recipe computed from its ingredients at the time of asking;
* ``off:`` from the stored Open Food Facts products (shared: public data), never from the
  network: a barcode is looked up with ``GET /v1/foods/barcode/{code}`` first.

Nothing is written to the catalog. Within one request each food is read once (``prefetch``
reads many in a few queries). Search puts the client's own matching foods (custom foods and
recipes, every query word matching) before the catalog's; their small search index is kept in
``OwnIndexes``, per process, under a stamp of the client's rows that any write changes. The
stamp itself is trusted for a few seconds (``CRAMPFOOD_OWN_FOODS_CACHE_SECONDS``): a write
through this worker is seen by its next search at once, one through another worker within
that bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session

from api.services.catalog import Catalog, LruCache
from api.store.queries import barcodes as barcode_store
from api.store.queries import custom_foods as custom_store
from api.store.queries import recipes as recipe_store
from api.store.queries.recipes import StoredRecipe
from food_data.openfoodfacts import product_food
from nutrition.errors import FoodNotFound, NutritionError
from nutrition.food import custom, recipes
from nutrition.food.foods import Food
from nutrition.food.household import measures_of
from nutrition.food.recipes import Dish, Ingredient
from nutrition.nutrients import NUTRIENT_KEYS
from nutrition.search.index import SearchIndex, SearchResult, tokenize
from nutrition.search.parse import MealParser, ParsedMeal, joined_words

CUSTOM = custom_store.PREFIX
RECIPE = recipe_store.PREFIX
OFF = "off:"
#: Own sources a search can be narrowed to, next to the catalog's.
OWN_SOURCES = (custom.SOURCE, recipes.SOURCE)
#: Clients whose own-food search index is kept per process.
OWN_INDEX_CACHE = 256

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class OwnIndex:
    """A client's own foods (names only), their search index and the word pairs their names
    join ("mac and cheese": see ``parse.joined_words``)."""

    foods: dict[str, Food]
    index: SearchIndex | None
    joined: frozenset[tuple[str, str]] = frozenset()


class _Lazy(Mapping[str, T]):
    """A mapping over fixed keys whose values are made on first use, then kept."""

    def __init__(self, keys: Collection[str], make: Callable[[str], T]) -> None:
        self._keys = keys
        self._make = make
        self._made: dict[str, T] = {}

    def __getitem__(self, key: str) -> T:
        if key not in self._keys:
            raise KeyError(key)
        if key not in self._made:
            self._made[key] = self._make(key)
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class OwnIndexes:
    """Per-process cache of ``OwnIndex`` by client and stamp (``custom_foods.stamp``), and of
    each client's stamp for ``ttl`` seconds: within that, a search or a meal text reads no
    database. A write through this worker forgets the client's stamp at once; one through
    another worker is seen here within ``ttl`` seconds (0 reads the stamp every time)."""

    def __init__(
        self,
        *,
        size: int = OWN_INDEX_CACHE,
        ttl: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cache = LruCache(size=size)
        self._stamps = LruCache(size=size)
        self.ttl = ttl
        self._clock = clock

    def get(self, key: tuple[object, ...]) -> OwnIndex | None:
        """The index stored under ``key``, or None."""
        found: OwnIndex | None = self._cache.get(key)
        return found

    def put(self, key: tuple[object, ...], value: OwnIndex) -> None:
        """Keep ``value`` under ``key``."""
        self._cache.put(key, value)

    def stamp(self, client_id: int) -> tuple[object, ...] | None:
        """The client's stamp when read less than ``ttl`` seconds ago, else None."""
        entry: tuple[float, tuple[object, ...]] | None = self._stamps.get((client_id,))
        if entry is None or entry[0] <= self._clock():
            return None
        return entry[1]

    def remember_stamp(self, client_id: int, stamp: tuple[object, ...]) -> None:
        """Trust ``stamp`` for ``ttl`` seconds."""
        if self.ttl > 0:
            self._stamps.put((client_id,), (self._clock() + self.ttl, stamp))

    def changed(self, client_id: int) -> None:
        """The client's own foods changed here: read its stamp again on next use."""
        self._stamps.put((client_id,), (float("-inf"), ()))

    def current(self, client_id: int) -> OwnIndex | None:
        """The client's index when both its stamp and the index are at hand (no I/O)."""
        stamp = self.stamp(client_id)
        return None if stamp is None else self.get((client_id, *stamp))


def unavailable(food_id: str) -> Food:
    """Stands in for an ingredient that can no longer be read: every value unknown."""
    return Food(
        id=food_id,
        source="unavailable",
        code=food_id,
        description=f"unavailable food {food_id}",
        group="",
        group_code="",
        nutrients=dict.fromkeys(NUTRIENT_KEYS),
    )


def _name_only(food_id: str, source: str, description: str, common_names: str = "") -> Food:
    group = custom.GROUP if source == custom.SOURCE else recipes.GROUP
    code = custom.GROUP_CODE if source == custom.SOURCE else recipes.GROUP_CODE
    return Food(
        id=food_id,
        source=source,
        code=food_id.split(":", 1)[1],
        description=description,
        group=group,
        group_code=code,
        nutrients={},
        common_names=common_names,
    )


class ClientFoods:
    """The foods of one client within one request (see the module doc)."""

    def __init__(
        self,
        session: Session,
        *,
        client_id: int,
        catalog: Catalog,
        own_indexes: OwnIndexes | None = None,
    ) -> None:
        self.session = session
        self.client_id = client_id
        self.catalog = catalog
        self._own_indexes = own_indexes
        self._foods: dict[str, Food | None] = {}
        self._recipes: dict[str, StoredRecipe | None] = {}
        self._dishes: dict[str, Dish] = {}
        self._own: OwnIndex | None = None

    # -- lookup ---------------------------------------------------------------------------

    def find(self, food_id: str) -> Food | None:
        """The food with ``food_id`` for this client, or None."""
        catalog_food = self.catalog.foods.get(food_id)
        if catalog_food is not None:
            return catalog_food
        if food_id not in self._foods:
            self.prefetch([food_id])
        if food_id.startswith(RECIPE) and food_id not in self._foods:
            made = self.dish(food_id)
            self._foods[food_id] = None if made is None else made.food
        return self._foods.get(food_id)

    def get(self, food_id: str, *, field: str | None = None) -> Food:
        """The food with ``food_id``; FoodNotFound (naming ``field``) otherwise."""
        food = self.find(food_id)
        if food is None:
            raise FoodNotFound(food_id, field=field)
        return food

    def prefetch(self, food_ids: Iterable[str]) -> None:
        """Read the client's foods among ``food_ids`` in one query per kind."""
        ids = {i for i in food_ids if i not in self._foods and i not in self.catalog.foods}
        customs = {i[len(CUSTOM) :] for i in ids if i.startswith(CUSTOM)}
        for row in custom_store.get_many(self.session, client_id=self.client_id, codes=customs):
            self._foods[CUSTOM + row.id] = custom_store.to_food(row)
        codes = {i[len(OFF) :] for i in ids if i.startswith(OFF)}
        for stored in barcode_store.get_many(self.session, codes=codes):
            if stored.product is not None:
                self._foods[OFF + stored.code] = product_food(stored.code, stored.product).food
        self._load_recipes({i[len(RECIPE) :] for i in ids if i.startswith(RECIPE)})
        for food_id in ids:
            if not food_id.startswith(RECIPE):
                self._foods.setdefault(food_id, None)

    def _load_recipes(self, codes: set[str]) -> None:
        """Read recipes and, level by level, the foods their ingredients name."""
        pending = {c for c in codes if c not in self._recipes}
        while pending:
            found = recipe_store.get_many(self.session, client_id=self.client_id, codes=pending)
            for stored in found:
                self._recipes[stored.recipe.id] = stored
            for code in pending - {s.recipe.id for s in found}:
                self._recipes[code] = None
            ingredient_ids = {i.food_id for s in found for i in s.ingredients}
            self.prefetch(i for i in ingredient_ids if not i.startswith(RECIPE))
            pending = {
                i[len(RECIPE) :]
                for i in ingredient_ids
                if i.startswith(RECIPE) and i[len(RECIPE) :] not in self._recipes
            }

    # -- recipes --------------------------------------------------------------------------

    def stored_recipe(self, food_id: str) -> StoredRecipe | None:
        """The client's stored recipe ``recipe:<id>`` with its ingredient rows, or None."""
        code = food_id[len(RECIPE) :]
        if code not in self._recipes:
            self._load_recipes({code})
        return self._recipes.get(code)

    def dish(self, food_id: str, *, trail: frozenset[str] = frozenset()) -> Dish | None:
        """The recipe ``recipe:<id>`` computed from its ingredients as they are now, or None.

        An ingredient that cannot be read (or that would make a loop) counts with its grams
        and no known value, so the recipe's coverage shows it.
        """
        if food_id in self._dishes:
            return self._dishes[food_id]
        stored = self.stored_recipe(food_id)
        if stored is None:
            return None
        trail = trail | {food_id}
        parts: list[Ingredient] = []
        for row in stored.ingredients:
            part: Food | None
            if row.food_id.startswith(RECIPE):
                inner = None if row.food_id in trail else self.dish(row.food_id, trail=trail)
                part = None if inner is None else inner.food
            else:
                part = self.find(row.food_id)
            parts.append(Ingredient(food=part or unavailable(row.food_id), grams=row.grams))
        # Checked when written; its ingredients may have changed since.
        made = recipe_store.to_dish(stored.recipe, parts, strict=False)
        self._dishes[food_id] = made
        self._foods[food_id] = made.food
        return made

    def recipe_uses(self) -> dict[str, list[str]]:
        """The recipes read so far, each with the recipe ids among its ingredients (reading a
        recipe reads every recipe below it, so this covers all they reach)."""
        return {
            RECIPE + code: [i.food_id for i in stored.ingredients if i.food_id.startswith(RECIPE)]
            for code, stored in self._recipes.items()
            if stored is not None
        }

    def has_own_foods(self) -> bool:
        """Whether the client has any custom food or recipe (its own-food index is not empty)."""
        return self.own_index().index is not None

    def own_index_at_hand(self) -> bool:
        """Whether the client's own-food index is in memory and fresh: a search or a meal
        text then needs no database (the caller may stay on the event loop)."""
        return (
            self._own_indexes is not None and self._own_indexes.current(self.client_id) is not None
        )

    def own_foods_changed(self) -> None:
        """The client's custom foods or recipes were written: this worker's next search or
        meal text reads their stamp again."""
        self._own = None
        if self._own_indexes is not None:
            self._own_indexes.changed(self.client_id)

    def parse_in_memory(self) -> bool:
        """Whether a meal text can be read without the database: the client's own-food index
        is at hand and names no food (with own foods, the few weighed are read whole)."""
        if self._own_indexes is None:
            return False
        own = self._own_indexes.current(self.client_id)
        return own is not None and own.index is None

    def forget(self, food_id: str) -> None:
        """Drop what this request read of ``food_id`` (after a write changed it)."""
        self.own_foods_changed()
        self._foods.pop(food_id, None)
        self._dishes.clear()  # recipes using it would be stale too
        if food_id.startswith(RECIPE):
            self._recipes.pop(food_id[len(RECIPE) :], None)

    # -- meal text ------------------------------------------------------------------------

    def parse(self, text: str, *, max_quantity: float, max_grams: float) -> ParsedMeal:
        """Read a meal's ``text``: a mention every word of which names one of the client's
        own foods means that food; the rest are read against the catalog."""
        return self.catalog.parser.parse(
            text, own=self.own_parser(), max_quantity=max_quantity, max_grams=max_grams
        )

    def own_parser(self) -> MealParser | None:
        """A meal reader over the client's own foods (None when it has none). It ranks them
        by name; only the few it weighs are read whole (a recipe from its ingredients)."""
        own = self.own_index()
        if own.index is None:
            return None
        foods = _Lazy(own.foods, lambda i: self.find(i) or unavailable(i))
        return MealParser(
            index=own.index,
            foods=foods,
            joined=own.joined,
            measures=_Lazy(own.foods, lambda i: measures_of(foods[i])),
        )

    # -- search ---------------------------------------------------------------------------

    def own_stamp_at_hand(self) -> tuple[object, ...] | None:
        """The stamp of the client's own foods when this worker read it lately (no I/O)."""
        return None if self._own_indexes is None else self._own_indexes.stamp(self.client_id)

    def own_stamp(self) -> tuple[object, ...]:
        """What changes whenever the client's custom foods or recipes do (read lately, or now)."""
        stamp = self.own_stamp_at_hand()
        if stamp is None:
            stamp = custom_store.stamp(self.session, client_id=self.client_id)
            if self._own_indexes is not None:
                self._own_indexes.remember_stamp(self.client_id, stamp)
        return stamp

    def own_index(self) -> OwnIndex:
        """The client's custom foods and recipes, by name, with a search index over them
        (read once per request)."""
        if self._own is None:
            self._own = self._read_own_index()
        return self._own

    def _read_own_index(self) -> OwnIndex:
        key = (self.client_id, *self.own_stamp())
        if self._own_indexes is not None:
            cached = self._own_indexes.get(key)
            if cached is not None:
                return cached
        foods: dict[str, Food] = {}
        for row in custom_store.all_of(self.session, client_id=self.client_id):
            food_id = CUSTOM + row.id
            foods[food_id] = _name_only(food_id, custom.SOURCE, row.description, row.brand or "")
        for recipe in recipe_store.all_of(self.session, client_id=self.client_id):
            food_id = RECIPE + recipe.id
            foods[food_id] = _name_only(food_id, recipes.SOURCE, recipe.description)
        ordered = [foods[k] for k in sorted(foods)]
        built = OwnIndex(
            foods=foods,
            index=SearchIndex.build(foods=ordered) if ordered else None,
            joined=joined_words(f.description for f in ordered),
        )
        if self._own_indexes is not None:
            self._own_indexes.put(key, built)
        return built

    def search(
        self,
        *,
        q: str,
        source: str | None,
        group: str | None,
        limit: int,
        offset: int,
        catalog_q: str | None = None,
    ) -> tuple[list[Food], int]:
        """A page of foods for ``q`` (own foods first, then the catalog's) and the total.

        ``catalog_q`` is the query for USDA foods when it differs (USDA's names for a food:
        "zucchini" for "courgette"); own foods are found by the names the client gave them.
        """
        if not tokenize(q):
            raise NutritionError("query has no searchable characters", field="q")
        own_page: list[Food] = []
        own_total = 0
        if source is None or source in OWN_SOURCES:
            own = self.own_index()
            wanted = [f.id for f in own.foods.values() if _kept(f, source=source, group=group)]
            if wanted:
                found = _search_own(own, wanted, q=q, limit=offset + limit)
                own_page = [own.foods[i] for i in found.ids[offset : offset + limit]]
                own_total = found.total
        if source in OWN_SOURCES:
            return own_page, own_total
        shown_own = min(limit, max(0, own_total - offset))
        result = self.catalog.search.search(
            query=catalog_q or q,
            source=source,
            group=group,
            limit=limit - shown_own,
            offset=max(0, offset - own_total),
        )
        page = own_page + [self.catalog.foods[i] for i in result.ids]
        return page, own_total + result.total


def _kept(food: Food, *, source: str | None, group: str | None) -> bool:
    if source is not None and food.source != source:
        return False
    if group is None:
        return True
    wanted = group.casefold()
    return wanted in (food.group.casefold(), food.group_code.casefold())


def _search_own(own: OwnIndex, wanted: list[str], *, q: str, limit: int) -> SearchResult:
    """Own foods matching every word of ``q``, best first, among ``wanted`` ids."""
    index = own.index
    if index is None or len(wanted) != len(own.foods):
        # A filtered search (rare): index just the foods it keeps.
        index = SearchIndex.build(foods=[own.foods[i] for i in sorted(wanted)])
    return index.search(query=q, limit=limit, every_word=True)
