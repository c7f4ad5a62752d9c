"""Our meal grammar against ingredient-parser-nlp and pint.

Run: ``python bench/eval_parse_libraries.py``.

Not a dependency check: run it in an environment that has the two libraries
(``pip install ingredient-parser-nlp pint`` into a separate virtualenv); without them it
measures our grammar alone. Everything is measured on the phrase table of
``tests/food_data/test_parse_real.py`` over the shipped catalog:

* grammar: each phrase is read by our grammar (``nutrition.search.phrases``) or by
  ingredient-parser-nlp (quantity, unit, size, name), then resolved by the same food
  resolution and portion rules (``MealParser.resolve``); a phrase is right when every item
  matches its row (food pattern and gram range). ingredient-parser-nlp reads one ingredient
  per sentence, so its multi-item phrases are cut on our separators first (which favours
  it); it also needs NLTK's part-of-speech tagger data, which it downloads from the
  internet at import: where that is impossible (offline, as here) it runs with an untrained
  stand-in tagger, and the table says so.
* units: pint's factors for g, oz, lb, ml, cup, tbsp, tsp, fl oz against
  ``nutrition.food.units`` (NIST Handbook 44), and the time per conversion.

Prints a table and writes bench/results/eval_parse_libraries.json.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

from food_data.catalog import load_foods
from nutrition.food.units import MASS_UNITS, VOLUME_UNITS
from nutrition.search.index import SearchIndex
from nutrition.search.parse import MealParser, ParsedItem
from nutrition.search.phrases import (
    HOUSEHOLD_WORDS,
    MASS_WORDS,
    SIZE_WORDS,
    VOLUME_WORDS,
    Mention,
    read_meal,
    singular,
)
from tests.food_data.test_parse_real import TABLE

_SPLIT = re.compile(r"\s*(?:,|;|\+|&|\bwith\b|\band\b|\bw/)\s*")


def _right(items: list[ParsedItem], wanted: tuple[tuple[str, float, float], ...]) -> bool:
    if len(items) != len(wanted):
        return False
    return all(
        re.search(pattern, item.food.description, re.IGNORECASE) is not None
        and least <= item.grams <= most
        for item, (pattern, least, most) in zip(items, wanted, strict=True)
    )


def _ours(parser: MealParser, text: str) -> list[ParsedItem]:
    return list(parser.parse(text).items)


def _canonical_unit(unit: str) -> str | None:
    word = unit.lower().strip().rstrip(".")
    if word in ("fluid_ounce", "fluid ounce", "fl oz"):
        return "fl oz"
    word = word.replace("_", " ")
    for table in (MASS_WORDS, VOLUME_WORDS):
        if word in table:
            return table[word]
    names = {"gram": "g", "ounce": "oz", "pound": "lb", "milliliter": "ml", "liter": "l"}
    if word in names:
        return names[word]
    one = singular(word)
    return one if one in HOUSEHOLD_WORDS else None


def _theirs(parser: MealParser, text: str, parse_ingredient: Any) -> list[ParsedItem]:
    items: list[ParsedItem] = []
    for part in [p for p in _SPLIT.split(text) if p.strip()]:
        result = parse_ingredient(part)
        quantity: float | None = None
        unit: str | None = None
        if result.amount:
            amount = result.amount[0]
            try:
                quantity = float(amount.quantity)
            except (TypeError, ValueError):
                quantity = None
            unit = _canonical_unit(str(amount.unit)) if amount.unit else None
        name = " ".join(n.text for n in (result.name or []))
        size = result.size.text.lower() if result.size else None
        words = tuple(w for w in re.findall(r"[a-z0-9%]+", name.lower()))
        if not words:
            continue
        mention = Mention(
            start=0,
            end=len(part),
            text=part,
            quantity=quantity if quantity is not None else (1.0 if unit else None),
            unit=unit,
            size=SIZE_WORDS.get(size or "", None),
            words=words,
            cooking=(),
            cuts=(),
        )
        item = parser.resolve(mention)
        if item is not None:
            items.append(item)
    return items


def _time_per_phrase(fn: Any, texts: list[str], rounds: int = 5) -> dict[str, float]:
    samples: list[float] = []
    for _ in range(rounds):
        for text in texts:
            t0 = time.perf_counter()
            fn(text)
            samples.append((time.perf_counter() - t0) * 1000)
    return common.percentiles(samples)


def _ingredient_parser() -> tuple[Any, str] | None:
    try:
        import nltk

        note = "as shipped"
        try:
            nltk.data.find("taggers/averaged_perceptron_tagger_eng/")
        except LookupError:
            note = "stand-in POS tagger: its tag list, else NN/CD (NLTK data not downloadable)"
            import ingredient_parser.en._utils as utils

            class StandIn:
                """Tags from ingredient-parser's own tag list, else CD for numbers, else NN."""

                def __init__(self, tagdict: dict[str, str]) -> None:
                    self.tagdict = tagdict

                def tag(self, tokens: list[str], **_: Any) -> list[tuple[str, str]]:
                    number = re.compile(r"^[\d/.\u00bc-\u00be\u2150-\u215e-]+$")
                    return [
                        (t, self.tagdict.get(t) or ("CD" if number.match(t) else "NN"))
                        for t in tokens
                    ]

            tagger = StandIn(dict(utils.load_ingredient_tagdict()))
            utils._get_pos_tagger = lambda: tagger  # type: ignore[attr-defined]
        from ingredient_parser import parse_ingredient
    except ImportError:
        return None
    return parse_ingredient, note


def _pint() -> dict[str, Any] | None:
    try:
        t0 = time.perf_counter()
        import pint

        registry = pint.UnitRegistry()
        import_s = time.perf_counter() - t0
    except ImportError:
        return None
    names = {
        "g": "gram",
        "oz": "avoirdupois_ounce",
        "lb": "avoirdupois_pound",
        "ml": "milliliter",
        "cup": "cup",
        "tbsp": "tablespoon",
        "tsp": "teaspoon",
        "fl oz": "fluid_ounce",
    }
    factors: dict[str, dict[str, float]] = {}
    for ours, theirs in names.items():
        target = "gram" if ours in MASS_UNITS else "milliliter"
        own = MASS_UNITS.get(ours, VOLUME_UNITS.get(ours, 0.0))
        value = float(registry.Quantity(1, theirs).to(target).magnitude)
        factors[ours] = {"ours": own, "pint": value, "relative_difference": abs(value - own) / own}
    t0 = time.perf_counter()
    for _ in range(2000):
        registry.Quantity(2.5, "cup").to("milliliter")
    pint_us = (time.perf_counter() - t0) / 2000 * 1e6
    t0 = time.perf_counter()
    for _ in range(2000):
        _ = 2.5 * VOLUME_UNITS["cup"]
    ours_us = (time.perf_counter() - t0) / 2000 * 1e6
    return {
        "version": pint.__version__,
        "import_and_registry_s": round(import_s, 3),
        "factors": factors,
        "us_per_conversion": {"pint": round(pint_us, 2), "ours": round(ours_us, 4)},
    }


def main() -> None:
    """Run both comparisons, print them and write the JSON result."""
    foods = load_foods()
    parser = MealParser.build(foods=foods, index=SearchIndex.build(foods=foods))
    texts = [text for text, _ in TABLE]
    single = [(t, w) for t, w in TABLE if len(w) == 1]
    rows: list[dict[str, Any]] = []
    ours_all = sum(_right(_ours(parser, t), w) for t, w in TABLE)
    ours_single = sum(_right(_ours(parser, t), w) for t, w in single)
    rows.append(
        {
            "grammar": "ours (nutrition.search.phrases)",
            "all_right": f"{ours_all}/{len(TABLE)}",
            "single_right": f"{ours_single}/{len(single)}",
            **_time_per_phrase(lambda t: read_meal(t, joined=parser.joined), texts),
        }
    )
    found = _ingredient_parser()
    result: dict[str, Any] = {"machine": common.machine(), "phrases": len(TABLE)}
    if found is not None:
        parse_ingredient, note = found
        import ingredient_parser

        theirs_all = sum(_right(_theirs(parser, t, parse_ingredient), w) for t, w in TABLE)
        theirs_single = sum(_right(_theirs(parser, t, parse_ingredient), w) for t, w in single)
        rows.append(
            {
                "grammar": f"ingredient-parser-nlp {ingredient_parser.__version__} ({note})",
                "all_right": f"{theirs_all}/{len(TABLE)}",
                "single_right": f"{theirs_single}/{len(single)}",
                **_time_per_phrase(
                    lambda t: [parse_ingredient(p) for p in _SPLIT.split(t) if p.strip()],
                    texts,
                ),
            }
        )
    result["grammar"] = rows
    print("grammar (text -> quantity, unit, food words; same food resolution after it)")
    common.print_table(
        rows, columns=["grammar", "all_right", "single_right", "p50_ms", "p99_ms", "mean_ms"]
    )
    units = _pint()
    result["pint"] = units
    if units is not None:
        print(f"\npint {units['version']}: import + registry {units['import_and_registry_s']} s")
        common.print_table(
            [{"unit": k, **v} for k, v in units["factors"].items()],
            columns=["unit", "ours", "pint", "relative_difference"],
        )
        print(f"microseconds per conversion: {units['us_per_conversion']}")
    print(f"wrote {common.write_result('eval_parse_libraries', result)}")


if __name__ == "__main__":
    main()
