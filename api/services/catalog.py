"""The in-memory food catalog the service answers reads from, built once at start-up.

The foods by id, the search index, the meal parser and the nutrient matrix never change. The
mutable parts, the search index's word-match cache and the parser's household measures
(``MeasuresOf``, worked out per food on first use), live here in the shell (``LruCache``),
not in the core.

Building the catalog takes seconds, so the built catalog is kept as a file in the cache
directory (``CRAMPFOOD_CACHE_DIR``), named by a fingerprint of the imported data and of the
code that builds it; a restart, another worker or a test run with the same data and code
loads it instead of building it again. A missing, stale or unreadable file is rebuilt.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import logging
import os
import pickle
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from api.store.queries.foods import load_foods
from food_data.importer import imported_fingerprint
from food_data.schema import FoodRow
from nutrition.errors import FoodNotFound
from nutrition.food.foods import Food
from nutrition.food.household import Measures, measures_of
from nutrition.food.matrix import FoodMatrix
from nutrition.search.index import SearchIndex
from nutrition.search.parse import MealParser, joined_words

#: Word matches and filter masks kept for search (each a few KB at most).
SEARCH_CACHE_SIZE = 4096
#: Serialised answers kept per catalog (a few KB each).
ANSWERS_CACHE_SIZE = 4096
#: Household measures kept for the meal parser.
MEASURES_CACHE_SIZE = 4096
#: Bump when the saved catalog's layout changes in a way the code fingerprint cannot see.
CATALOG_FORMAT = "2"
#: The packages whose code decides what a built catalog holds.
_BUILDERS = ("nutrition", "food_data")

log = logging.getLogger("crampfood")


class LruCache:
    """A bounded, thread-safe map; least recently used entries go first."""

    def __init__(self, *, size: int) -> None:
        self._size = size
        self._data: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Any | None:
        """The value for ``key`` (now the most recently used), or None."""
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        """Store ``value``; drop the oldest entries past the size."""
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


class MeasuresOf(Mapping[str, Measures]):
    """Each catalog food's household measures for the meal parser, worked out on first use
    and kept (bounded): the few thousand foods people name, not all 15,872."""

    def __init__(self, foods: Mapping[str, Food], *, size: int = MEASURES_CACHE_SIZE) -> None:
        self._foods = foods
        self._cache = LruCache(size=size)

    def __getitem__(self, food_id: str) -> Measures:
        found: Measures | None = self._cache.get((food_id,))
        if found is None:
            found = measures_of(self._foods[food_id])
            self._cache.put((food_id,), found)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._foods)

    def __len__(self) -> int:
        return len(self._foods)


@dataclass(frozen=True)
class Catalog:
    """Foods by id plus the structures built over them."""

    foods: dict[str, Food]
    search: SearchIndex
    matrix: FoodMatrix
    parser: MealParser
    #: Answers made from this catalog alone, serialised (``api.services.prepared``): a USDA
    #: food's detail, a page of search results, a meal text read. They hold while the
    #: catalog does, so they live and die with it.
    answers: LruCache = field(
        default_factory=lambda: LruCache(size=ANSWERS_CACHE_SIZE), compare=False, repr=False
    )

    @classmethod
    def build(cls, foods: Sequence[Food]) -> Catalog:
        """Index ``foods`` for search, meal text and ranking."""
        search = SearchIndex.build(foods=foods, cache=LruCache(size=SEARCH_CACHE_SIZE))
        by_id = {f.id: f for f in foods}
        parser = MealParser(
            index=search,
            foods=by_id,
            joined=joined_words(f.description for f in foods),
            measures=MeasuresOf(by_id),
        )
        return cls(foods=by_id, search=search, matrix=FoodMatrix.build(foods=foods), parser=parser)

    @classmethod
    def load(cls, engine: Engine, *, cache_dir: Path | None = None) -> Catalog:
        """The catalog of the foods in the database: from ``cache_dir`` when a file built from
        the same data and code is there, else built (and saved there)."""
        with engine.connect() as conn:
            data = imported_fingerprint(conn)
            # The count guards against a database whose dataset row claims more than it
            # holds (a hand-made or partial one): its catalog must not pass for the full one.
            count = conn.execute(select(func.count()).select_from(FoodRow)).scalar_one()
        path = None
        if cache_dir is not None and data is not None:
            path = cache_dir / f"catalog-{catalog_key(f'{data}:{count}')}.pickle"
            saved = _read(path)
            if saved is not None:
                return saved
        with _no_collection():
            catalog = cls.build(load_foods(engine))
        if path is not None:
            _write(path, catalog)
        return catalog

    def __getstate__(self) -> dict[str, object]:
        """Pickle without the search cache, the parser's measures and the answers (caches:
        they hold a lock, and start empty anyway)."""
        search = dataclasses.replace(self.search, _cache=None)
        return {
            "foods": self.foods,
            "search": search,
            "matrix": self.matrix,
            "parser": dataclasses.replace(self.parser, index=search, measures={}),
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        """Restore, with fresh caches."""
        search = state["search"]
        assert isinstance(search, SearchIndex)
        parser = state["parser"]
        assert isinstance(parser, MealParser)
        search = dataclasses.replace(search, _cache=LruCache(size=SEARCH_CACHE_SIZE))
        object.__setattr__(self, "foods", state["foods"])
        object.__setattr__(self, "search", search)
        object.__setattr__(self, "matrix", state["matrix"])
        object.__setattr__(self, "answers", LruCache(size=ANSWERS_CACHE_SIZE))
        # The parser ranks with the catalog's own index (and so shares its cache).
        object.__setattr__(
            self,
            "parser",
            dataclasses.replace(parser, index=search, measures=MeasuresOf(parser.foods)),
        )

    def get(self, food_id: str, *, field: str | None = None) -> Food:
        """The food with ``food_id``; FoodNotFound otherwise."""
        food = self.foods.get(food_id)
        if food is None:
            raise FoodNotFound(food_id, field=field)
        return food


def catalog_key(data_fingerprint: str) -> str:
    """A name for the catalog built from data ``data_fingerprint`` by this code."""
    digest = hashlib.sha256(f"{CATALOG_FORMAT}\n{data_fingerprint}\n".encode())
    root = Path(__file__).resolve().parents[2]
    for package in _BUILDERS:
        for source in sorted((root / package).rglob("*.py")):
            digest.update(source.relative_to(root).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:24]


@contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: making a million long-lived objects would set off
    hundreds of collections that find nothing to free (unpickling takes a third as long)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _read(path: Path) -> Catalog | None:
    try:
        with path.open("rb") as handle, _no_collection():
            catalog = pickle.load(handle)  # our own file, in the service's cache directory
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign file: rebuild rather than fail to start
        log.warning("ignoring the saved catalog %s (%s)", path, exc)
        return None
    return catalog if isinstance(catalog, Catalog) else None


def _write(path: Path, catalog: Catalog) -> None:
    """Save atomically (write a temporary file, then rename) and drop older catalogs."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".catalog-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(catalog, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only or full disk only costs the next start time
        log.warning("could not save the built catalog to %s (%s)", path, exc)
        return
    for old in path.parent.glob("catalog-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
