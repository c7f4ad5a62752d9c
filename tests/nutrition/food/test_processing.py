"""Processing penalty and never-suggest rules, on descriptions as USDA writes them."""

from __future__ import annotations

import pytest

from nutrition.food.processing import is_excluded, processing_penalty


def penalty(description: str, group_code: str, *, source: str = "sr28", group: str = "") -> float:
    return processing_penalty(
        description=description, group=group, group_code=group_code, source=source
    )


def excluded(description: str, group_code: str, *, source: str = "sr28") -> bool:
    return is_excluded(description=description, group="", group_code=group_code, source=source)


@pytest.mark.parametrize(
    ("description", "code", "source"),
    [
        ("Bananas, raw", "0900", "sr28"),
        ("Lentils, mature seeds, cooked, boiled, without salt", "1600", "sr28"),
        ("Spinach, cooked, boiled, drained, without salt", "1100", "sr28"),
        ("Yogurt, plain, low fat, 12 grams protein per 8 ounce", "0100", "sr28"),
        ("Nuts, almonds", "1200", "sr28"),
        ("Potato, baked, peel eaten, no added fat", "6802", "fndds"),
    ],
)
def test_whole_foods_have_no_penalty(description: str, code: str, source: str) -> None:
    assert penalty(description, code, source=source) == 0.0


@pytest.mark.parametrize(
    ("worse", "better"),
    [
        (("Candies, MARS SNACKFOOD US, SNICKERS Bar", "1900"), ("Bananas, raw", "0900")),
        (("Cereals ready-to-eat, KELLOGG, KELLOGG'S APPLE JACKS", "0800"), ("Oats", "2000")),
        (
            ("Fast foods, potato, french fried in vegetable oil", "2100"),
            ("Potatoes, baked", "1100"),
        ),
        (
            ("Bread, white, commercially prepared", "1800"),
            ("Bread, whole-wheat, commercially prepared", "1800"),
        ),
        (("Lentils, raw", "1600"), ("Lentils, mature seeds, cooked, boiled", "1600")),
        (("Pineapple, canned, water pack, solids and liquids", "0900"), ("Pineapple, raw", "0900")),
    ],
)
def test_processed_ranks_behind_whole(worse: tuple[str, str], better: tuple[str, str]) -> None:
    assert penalty(*worse) > penalty(*better)


def test_fndds_categories_order() -> None:
    soda = penalty("Soft drink, cola", "7202", source="fndds")
    juice = penalty("Orange juice, 100%, freshly squeezed", "7002", source="fndds")
    fruit = penalty("Orange, raw", "6012", source="fndds")
    assert soda > juice > fruit
    assert fruit >= 0.0
    assert soda <= 1.0


@pytest.mark.parametrize(
    ("description", "code", "source"),
    [
        ("Salt, table", "0200", "sr28"),
        ("Spices, cinnamon, ground", "0200", "sr28"),
        ("Beverages, Protein powder whey based", "1400", "sr28"),
        ("Protein supplement, milk based, Muscle Milk, powder", "0100", "sr28"),
        ("Infant formula, ABBOTT NUTRITION, SIMILAC, with iron, ready-to-feed", "0300", "sr28"),
        ("Leavening agents, baking powder, double-acting", "1800", "sr28"),
        ("Leavening agents, yeast, baker's, active dry", "1800", "sr28"),
        ("Alcoholic beverage, wine, table, red", "1400", "sr28"),
        ("Beverages, Cocoa mix, powder", "1400", "sr28"),
        ("Soup, beef broth or bouillon, powder, dry", "0600", "sr28"),
        ("Pork, fresh, loin, whole, separable lean only, raw", "1000", "sr28"),
        ("Beer, light", "7502", "fndds"),
        ("Nutrition bar (Clif Bar)", "5404", "fndds"),
    ],
)
def test_never_suggested(description: str, code: str, source: str) -> None:
    assert excluded(description, code, source=source)


@pytest.mark.parametrize(
    ("description", "code", "source"),
    [
        ("Bananas, raw", "0900", "sr28"),
        ("Fruit cocktail, canned, juice pack", "6018", "fndds"),
        ("Cereals, oats, regular and quick, not fortified, dry", "0800", "sr28"),
        ("Hot chocolate / Cocoa, made with dry mix and whole milk", "1202", "fndds"),
        ("Pork, fresh, loin, whole, separable lean only, cooked, roasted", "1000", "sr28"),
        ("Seeds, pumpkin and squash seed kernels, dried", "1200", "sr28"),
    ],
)
def test_ordinary_foods_not_excluded(description: str, code: str, source: str) -> None:
    assert not excluded(description, code, source=source)


def test_packing_costs_fruit_and_vegetables_only() -> None:
    packed = penalty("Beets, canned, drained solids", "1100") - penalty("Beets, canned", "1100")
    assert packed > 0.0
    fish = "Fish, salmon, pink, canned, drained solids with bone"
    assert penalty(fish, "1500") == penalty("Fish, salmon, pink, canned, with bone", "1500")


def test_ready_to_eat_legume_products_are_not_raw_seeds():
    tofu = processing_penalty(
        description="Tofu, raw, firm, prepared with calcium sulfate",
        group="Legumes and Legume Products",
        group_code="1600",
        source="sr28",
    )
    lentils = processing_penalty(
        description="Lentils, raw",
        group="Legumes and Legume Products",
        group_code="1600",
        source="sr28",
    )
    assert tofu < lentils
