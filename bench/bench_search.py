"""Latency of ``nutrition.search.index`` over the shipped catalog: ``python bench/bench_search.py``.

Builds the index once, then times a seeded mix of realistic queries (plain food names,
multi-word names, typos, plurals and 1-3 letter as-you-type prefixes), reporting p50, p95
and p99 per query kind. "cold" rows are each query's first run (no cached word expansions);
the target is p99 <= 5 ms over the whole mix.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from food_data.catalog import load_foods
from nutrition.search.index import SearchIndex

PLAIN = (
    "banana",
    "milk",
    "apple",
    "egg",
    "rice",
    "potato",
    "spinach",
    "yogurt",
    "almonds",
    "lentils",
    "oatmeal",
    "salmon",
    "avocado",
    "broccoli",
    "tofu",
    "quinoa",
    "coffee",
    "cheese",
    "bread",
    "chicken",
    "beef",
    "orange",
    "carrots",
    "tomato",
    "beans",
    "kale",
    "pumpkin seeds",
    "cashews",
    "tuna",
    "sardines",
    "prunes",
    "raisins",
    "kiwi",
    "mango",
)
MULTI = (
    "greek yogurt",
    "chicken breast",
    "orange juice",
    "peanut butter",
    "black beans",
    "sweet potato",
    "cheddar cheese",
    "whole wheat bread",
    "brown rice",
    "chick peas",
    "bread whole wheat",
    "yogurt, greek",
    "low fat milk",
    "baked potato with skin",
    "white beans canned",
    "dark chocolate",
    "coconut water",
    "swiss chard cooked",
)
TYPOS = (
    "brocoli",
    "spinnach",
    "yoghurt",
    "avacado",
    "brocolli",
    "tomatoe",
    "potatos",
    "chiken",
    "bannana",
    "almods",
    "letnils",
    "salmin",
    "cheeze",
    "avocdo",
    "quinao",
    "yougurt",
)
PLURALS = ("bananas", "potatoes", "eggs", "berries", "berry", "cherries", "apples", "peaches")


def _prefixes(*, rng: random.Random, words: Sequence[str], count: int) -> list[str]:
    """As-you-type prefixes of 1 to 3 letters taken from real query words."""
    return [w[: rng.randint(1, 3)] for w in rng.choices(words, k=count)]


def _typed(*, rng: random.Random, words: Sequence[str], count: int) -> list[str]:
    """Longer as-you-type prefixes (4+ letters) of plain and multi-word queries."""
    picked = rng.choices(words, k=count)
    return [w[: rng.randint(min(4, len(w)), len(w))] for w in picked]


def _percentiles(samples: list[float]) -> tuple[float, float, float, float]:
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98], ordered[-1]


def main() -> None:
    """Build the index, run the query mix, print a latency table in milliseconds."""
    rng = random.Random(20240611)
    foods = load_foods()
    started = time.perf_counter()
    index = SearchIndex.build(foods=foods)
    build_ms = (time.perf_counter() - started) * 1000

    kinds: dict[str, list[str]] = {
        "plain": rng.choices(PLAIN, k=600),
        "multi-word": rng.choices(MULTI, k=400),
        "typo": rng.choices(TYPOS, k=300),
        "plural": rng.choices(PLURALS, k=150),
        "prefix 1-3": _prefixes(rng=rng, words=PLAIN + MULTI, count=400),
        "as-you-type": _typed(rng=rng, words=PLAIN + MULTI, count=400),
    }
    mix = [(kind, q) for kind, queries in kinds.items() for q in queries]
    rng.shuffle(mix)

    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    cold: list[float] = []
    seen: set[str] = set()
    for kind, query in mix:
        t0 = time.perf_counter()
        index.search(query=query, limit=20)
        elapsed = (time.perf_counter() - t0) * 1000
        timings[kind].append(elapsed)
        if query not in seen:
            cold.append(elapsed)
            seen.add(query)

    print(f"foods: {len(foods)}  build: {build_ms:.0f} ms  queries: {len(mix)}")
    print(f"{'kind':<14}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    rows = [*timings.items(), ("cold (first)", cold)]
    rows.append(("all", [t for samples in timings.values() for t in samples]))
    for kind, samples in rows:
        p50, p95, p99, worst = _percentiles(samples)
        print(f"{kind:<14}{len(samples):>6}{p50:>9.2f}{p95:>9.2f}{p99:>9.2f}{worst:>9.2f}")


if __name__ == "__main__":
    main()
