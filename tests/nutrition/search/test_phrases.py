"""The meal grammar alone (no catalog): amounts, units, sizes, separators and spans."""

from __future__ import annotations

import itertools

import pytest

from nutrition.search.phrases import food_query, read_meal

JOINED = frozenset({("macaroni", "cheese"), ("butter", "jelly")})


def one(text: str):
    (mention,) = read_meal(text, joined=JOINED).mentions
    return mention


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("2 eggs", 2),
        ("1.5 cups rice", 1.5),
        (".5 cup rice", 0.5),
        ("1/2 cup rice", 0.5),
        ("1 1/2 cups rice", 1.5),
        ("1-1/2 cups rice", 1.5),
        ("½ cup rice", 0.5),
        ("1½ cups rice", 1.5),
        ("1 ½ cups rice", 1.5),
        ("1-2 tbsp honey", 1.5),
        ("2 to 3 eggs", 2.5),
        ("a banana", 1),
        ("an apple", 1),
        ("one egg", 1),
        ("two eggs", 2),
        ("twelve almonds", 12),
        ("half a banana", 0.5),
        ("a half cup of rice", 0.5),
        ("half a cup of rice", 0.5),
        ("half of an apple", 0.5),
        ("a quarter cup of oats", 0.25),
        ("three quarters cup yogurt", 0.75),
        ("two thirds cup milk", 2 / 3),
        ("one and a half cups of rice", 1.5),
        ("2 and 1/2 cups milk", 2.5),
        ("a couple of eggs", 2),
        ("a few almonds", 3),
        ("a dozen eggs", 12),
        ("two dozen eggs", 24),
        ("eggs x2", 2),
        ("eggs x 3", 3),
        ("chicken breast 150g", 150),
        ("rice (1 cup)", 1),
        ("a 12 oz can of soda", 12),
        ("2 8-oz glasses of milk", 16),
    ],
)
def test_amounts(text: str, quantity: float) -> None:
    assert one(text).quantity == pytest.approx(quantity)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("30g almonds", "g"),
        ("30 grams of almonds", "g"),
        ("8 oz steak", "oz"),
        ("1 lb potatoes", "lb"),
        ("250 ml milk", "ml"),
        ("1 l water", "l"),
        ("1 fl oz cream", "fl oz"),
        ("2 cups milk", "cup"),
        ("1 tbsp honey", "tbsp"),
        ("1 tbsp. honey", "tbsp"),
        ("2 tablespoons olive oil", "tbsp"),
        ("1 tsp sugar", "tsp"),
        ("a pint of beer", "pint"),
        ("2 slices of toast", "slice"),
        ("a glass of milk", "glass"),
        ("a bowl of cereal", "bowl"),
        ("a handful of almonds", "handful"),
        ("a can of tuna", "can"),
        ("a small box of raisins", "box"),
        ("3 pieces of sushi", "piece"),
        ("3 strips of bacon", "strip"),
        ("2 eggs", None),
        ("banana", None),
    ],
)
def test_units(text: str, unit: str | None) -> None:
    assert one(text).unit == unit


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1 medium banana", "medium"),
        ("a large apple", "large"),
        ("a small box of raisins", "small"),
        ("1 extra large egg", "extra large"),
        ("banana (medium)", "medium"),
        ("2 eggs", None),
    ],
)
def test_sizes(text: str, size: str | None) -> None:
    assert one(text).size == size


def test_cooking_and_cutting_words() -> None:
    grilled = one("8 oz grilled salmon")
    assert grilled.cooking == ("grilled",) and "salmon" in grilled.words
    sliced = one("1 cup sliced strawberries")
    assert sliced.cuts == ("sliced",) and "sliced" not in sliced.words
    baked = one("1 medium sweet potato, baked")
    assert "baked" in baked.cooking and baked.text == "1 medium sweet potato, baked"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("1 cup oatmeal with a sliced banana and 1 tbsp honey", 3),
        ("2 eggs, 2 slices of toast and a glass of orange juice", 3),
        ("eggs; toast; juice", 3),
        ("eggs + toast & juice", 3),
        ("eggs\ntoast\njuice", 3),
        ("coffee w/ milk", 2),
        ("avocado on toast", 2),
        ("I had pizza. Then 2 cookies.", 2),
        ("mac and cheese", 1),
        ("macaroni and cheese", 1),
        ("peanut butter and jelly sandwich", 1),
        ("half and half", 1),
        ("coffee, 2 cups", 1),
        ("breakfast: 2 eggs", 1),
        ("2 eggs for breakfast", 1),
    ],
)
def test_separators(text: str, count: int) -> None:
    assert len(read_meal(text, joined=JOINED).mentions) == count


def test_spans_point_into_the_text_and_do_not_overlap() -> None:
    text = "2 eggs, 2 slices of whole wheat toast and a glass of orange juice"
    mentions = read_meal(text).mentions
    assert [m.text for m in mentions] == [
        "2 eggs",
        "2 slices of whole wheat toast",
        "a glass of orange juice",
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def test_an_amount_alone_is_a_gap() -> None:
    phrases = read_meal("2 cups")
    assert phrases.mentions == ()
    assert [(g.text, g.reason) for g in phrases.gaps] == [("2 cups", "an amount without a food")]


def test_synonyms_name_the_food_as_usda_does() -> None:
    assert one("2 slices of toast").words == ("bread", "toasted")
    assert one("french toast").words == ("french", "toast")
    assert one("a glass of oj").words == ("orange", "juice")


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("1 medium banana", "banana"),
        ("1 cup of rice", "rice"),
        ("2 slices of bread", "bread"),
        ("banana", "banana"),
        ("2% milk", "2% milk"),
        ("bread, whole-wheat", "bread, whole-wheat"),
    ],
)
def test_food_query_leaves_amounts_out(query: str, words: str) -> None:
    assert food_query(query) == words
