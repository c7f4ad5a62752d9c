"""Meal text on the shipped USDA catalog: a phrase table, and properties of every parse.

Each row is a phrase as a person would type it, and per food it names: a pattern the chosen
food's USDA description must match (any of an acceptable set, written as a regex), and the
range its grams must fall in. The ranges come from the household measures USDA weighed
(FNDDS 2017-2018 portions, SR28 WEIGHT.txt): a medium banana is 118 g, a cup of cooked
oatmeal 240 g, a tablespoon of honey 21 g, a large egg 50 g, and so on.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutrition.errors import NutritionError
from nutrition.food.foods import Food
from nutrition.search.index import SearchIndex
from nutrition.search.parse import MealParser
from nutrition.search.phrases import MAX_TEXT

Want = tuple[str, float, float]  # description pattern, least grams, most grams

BANANA: Want = (r"^bananas?, raw", 100, 130)
EGG_COOKED = r"^egg, whole, (cooked|fried|baked|hard-boiled)|^egg, whole, cooked"
MILK = r"^milk\b"

TABLE: tuple[tuple[str, tuple[Want, ...]], ...] = (
    # -- the sentences
    (
        "1 cup oatmeal with a sliced banana and 1 tbsp honey",
        ((r"^oatmeal|oats.*cooked", 230, 250), BANANA, (r"^honey$", 19, 23)),
    ),
    (
        "2 eggs, 2 slices of whole wheat toast and a glass of orange juice",
        (
            (EGG_COOKED, 90, 125),
            (r"^bread, whole[- ]wheat.*toasted", 40, 90),
            (r"^orange juice", 230, 260),
        ),
    ),
    # -- fruit
    ("a banana", (BANANA,)),
    ("2 bananas", ((r"^bananas?, raw", 200, 260),)),
    ("1 large banana", ((r"^bananas?, raw", 130, 140),)),
    ("1 small banana", ((r"^bananas?, raw", 95, 105),)),
    ("half a banana", ((r"^bananas?, raw", 50, 65),)),
    ("banana (medium)", ((r"^bananas?, raw", 110, 130),)),
    ("2 bananna", ((r"^bananas?, raw", 200, 260),)),
    ("½ cup blueberries", ((r"^blueberries", 70, 80),)),
    ("1 cup strawberries", ((r"^strawberries", 140, 170),)),
    ("1 cup sliced strawberries", ((r"^strawberries", 160, 170),)),
    ("3 strawberries", ((r"^strawberries", 30, 45),)),
    ("an apple", ((r"^apples?, raw", 170, 210),)),
    ("1 medium apple", ((r"^apples?, raw", 170, 210),)),
    ("a large apple", ((r"^apples?, raw", 210, 250),)),
    ("2 small apples", ((r"^apples?, raw", 270, 330),)),
    ("1 orange", ((r"^oranges?, raw", 120, 190),)),
    ("a pear", ((r"^pears?, raw", 160, 200),)),
    ("a peach", ((r"^peach", 140, 160),)),
    ("10 grapes", ((r"^grapes", 45, 75),)),
    ("1 cup grapes", ((r"^grapes", 140, 160),)),
    ("a kiwi", ((r"^kiwi", 65, 80),)),
    ("1/2 avocado", ((r"^avocado", 65, 110),)),
    ("1 avacado", ((r"^avocado", 130, 210),)),
    ("1 mango", ((r"^mango", 200, 340),)),
    ("a slice of watermelon", ((r"^watermelon", 200, 350),)),
    ("1 cup cubed cantaloupe", ((r"^cantaloupe|^melons, cantaloupe", 150, 165),)),
    ("1/4 cup raisins", ((r"^raisins", 34, 42),)),
    ("a small box of raisins", ((r"^raisins", 40, 45),)),
    ("3 prunes", ((r"^prune|plums, dried", 20, 30),)),
    ("5 dried apricots", ((r"^apricots?, dried", 15, 45),)),
    ("2 dates", ((r"^dates", 12, 50),)),
    ("1 cup raspberries", ((r"^raspberries", 120, 130),)),
    # -- milk and drinks
    ("1 cup of milk", ((MILK, 240, 250),)),
    ("a glass of milk", ((MILK, 240, 250),)),
    ("milk", ((r"^milk, nfs", 240, 250),)),
    ("250 ml milk", ((MILK, 250, 265),)),
    ("1 cup skim milk", ((r"^milk, (fat free|nonfat)", 240, 250),)),
    ("8 oz whole milk", ((r"^milk, whole", 220, 250),)),
    ("1 cup 2% milk", ((r"^milk, reduced fat", 240, 250),)),
    ("1/2 cup milk", ((MILK, 120, 125),)),
    ("a cup of coffee", ((r"^coffee", 230, 250),)),
    ("coffee, 2 cups", ((r"^coffee", 460, 500),)),
    ("a mug of hot chocolate", ((r"hot chocolate|cocoa", 230, 260),)),
    ("1 can of coke", ((r"cola", 350, 380),)),
    ("a 12 oz can of soda", ((r"soft drink|cola|carbonated", 330, 380),)),
    ("1 cup apple juice", ((r"^apple juice", 240, 255),)),
    (
        "1 cup of orange juice and a blueberry muffin",
        (
            (r"^orange juice", 240, 255),
            (r"^muffins?, blueberry", 25, 140),
        ),
    ),
    ("a glass of red wine", ((r"wine.*red", 100, 250),)),
    ("a bottle of water", ((r"water", 200, 600),)),
    # -- dairy
    ("1 cup plain yogurt", ((r"^yogurt.*plain", 240, 250),)),
    ("1 cup of yoghurt", ((r"^yogurt", 240, 250),)),
    ("a container of greek yogurt", ((r"^yogurt, greek", 140, 230),)),
    ("6 oz yogurt", ((r"^yogurt", 165, 175),)),
    ("1 cup cottage cheese", ((r"^cheese, cottage", 200, 230),)),
    ("half a cup of cottage cheese", ((r"^cheese, cottage", 100, 115),)),
    ("1 slice of cheddar cheese", ((r"^cheese, cheddar", 20, 30),)),
    ("1 oz cheddar cheese", ((r"^cheese, cheddar", 28, 29),)),
    ("30 g parmesan cheese", ((r"^cheese, parmesan", 30, 30),)),
    ("2 slices swiss cheese", ((r"^cheese, swiss", 40, 60),)),
    ("1 tbsp butter", ((r"^butter", 13, 15),)),
    # -- eggs
    ("2 eggs", ((EGG_COOKED, 90, 125),)),
    ("eggs", ((EGG_COOKED, 40, 62),)),
    ("three eggs", ((EGG_COOKED, 140, 180),)),
    ("a couple of eggs", ((EGG_COOKED, 90, 125),)),
    ("eggs x2", ((EGG_COOKED, 90, 125),)),
    ("3 scrambled eggs", ((r"scrambled", 140, 200),)),
    ("1 fried egg", ((r"^egg, whole, (cooked, )?fried", 45, 65),)),
    ("2 hard boiled eggs", ((r"hard-boiled", 95, 110),)),
    ("1 large egg", ((EGG_COOKED, 48, 55),)),
    ("2 large eggs", ((EGG_COOKED, 95, 110),)),
    ("2 egg whites", ((r"^egg, white", 60, 80),)),
    ("a dozen eggs", ((EGG_COOKED, 550, 700),)),
    # -- grains
    ("1 cup cooked rice", ((r"^rice, (white, )?cooked|^rice, cooked", 150, 210),)),
    ("rice", ((r"^rice, (white, )?cooked|^rice, cooked", 100, 200),)),
    ("1 cup brown rice", ((r"^rice, brown.*cooked", 190, 200),)),
    ("1 1/2 cups of white rice", ((r"^rice, white.*cooked", 230, 300),)),
    ("one and a half cups of rice", ((r"^rice.*cooked", 230, 300),)),
    ("½ cup rice", ((r"^rice.*cooked", 75, 100),)),
    ("1 cup cooked pasta", ((r"^pasta.*cooked", 100, 150),)),
    (
        "1 cup macaroni and cheese",
        ((r"^macaroni (and|or noodles with) cheese", 130, 260),),
    ),
    ("1 cup oatmeal", ((r"^oatmeal|oats.*cooked", 230, 250),)),
    ("a cup of porridge", ((r"^oatmeal|oats.*cooked", 230, 250),)),
    ("a bowl of oatmeal", ((r"^oatmeal|oats.*cooked", 200, 500),)),
    ("1 cup cheerios", ((r"cheerios", 20, 40),)),
    ("2 slices of bread", ((r"^bread", 45, 70),)),
    ("two slices of toast", ((r"^bread.*toasted", 40, 70),)),
    ("a slice of white bread", ((r"^bread, white", 20, 35),)),
    ("2 slices of whole wheat tost", ((r"^bread, whole[- ]wheat", 40, 90),)),
    ("1 bagel", ((r"^bagels?", 70, 130),)),
    ("1 english muffin", ((r"^english muffin", 50, 70),)),
    ("2 pancakes", ((r"^pancakes?", 60, 160),)),
    ("1 waffle", ((r"^waffles?", 30, 80),)),
    ("1 flour tortilla", ((r"^tortillas?, flour", 30, 60),)),
    ("1 croissant", ((r"^croissants?", 40, 70),)),
    ("1 muffin", ((r"^muffins?", 50, 140),)),
    ("a cup of popcorn", ((r"^popcorn", 6, 15),)),
    ("1 granola bar", ((r"granola bar", 20, 50),)),
    # -- meat and fish
    ("a chicken breast", ((r"^chicken breast|^chicken, broilers.*breast", 100, 200),)),
    ("4 oz grilled chicken breast", ((r"chicken breast.*grilled", 113, 114),)),
    ("chicken breast 150g", ((r"^chicken breast|chicken.*breast", 150, 150),)),
    ("100 grams of chicken", ((r"^chicken", 100, 100),)),
    ("1 chicken thigh", ((r"chicken thigh|chicken.*thigh", 50, 130),)),
    ("3 chicken wings", ((r"chicken wing|chicken.*wing", 60, 150),)),
    ("6 oz salmon", ((r"salmon", 170, 171),)),
    ("1 salmon fillet", ((r"salmon", 150, 300),)),
    ("8 oz grilled salmon", ((r"salmon", 226, 227),)),
    ("1 can of tuna", ((r"^tuna.*canned|fish, tuna.*canned", 60, 180),)),
    ("3 oz tuna", ((r"tuna", 85, 85.1),)),
    ("5 oz steak", ((r"steak|beef", 141, 142),)),
    ("4 oz ground beef", ((r"ground beef|beef, ground", 113, 114),)),
    ("2 strips of bacon", ((r"^bacon(?!, meatless)", 10, 30),)),
    ("3 slices of bacon", ((r"^bacon(?!, meatless)", 15, 40),)),
    ("2 sausage links", ((r"^sausage", 30, 100),)),
    ("1 pork chop", ((r"^pork chop|pork.*chop", 60, 200),)),
    ("3 oz turkey", ((r"turkey", 85, 85.1),)),
    ("2 slices of ham", ((r"^ham", 40, 90),)),
    ("a cheeseburger", ((r"^cheeseburger", 100, 250),)),
    ("a turkey sandwich", ((r"^turkey sandwich", 100, 250),)),
    ("peanut butter and jelly sandwich", ((r"^peanut butter and jelly sandwich", 80, 150),)),
    # -- legumes and nuts
    ("1 cup black beans", ((r"^(black beans|beans, black)", 170, 200),)),
    ("1/2 cup chickpeas", ((r"^chickpeas", 80, 100),)),
    ("1 cup lentils", ((r"^lentils", 180, 210),)),
    ("1/2 cup hummus", ((r"^hummus", 110, 130),)),
    ("1 cup tofu", ((r"^tofu(?!.*(fried|fermented))", 200, 260),)),
    ("1 oz almonds", ((r"almonds", 28, 29),)),
    ("a handful of almonds", ((r"almonds", 20, 40),)),
    ("30g almonds", ((r"almonds", 30, 30),)),
    ("23 almonds", ((r"almonds", 25, 32),)),
    ("a dozen almonds", ((r"almonds", 12, 18),)),
    ("1/4 cup walnuts", ((r"walnuts", 25, 32),)),
    ("2 tbsp peanut butter", ((r"^peanut butter", 30, 34),)),
    ("2 1/2 tbsp peanut butter", ((r"^peanut butter", 38, 42),)),
    ("1 tbsp almond butter", ((r"almond butter", 15, 17),)),
    ("2 tbsp chia seeds", ((r"chia seeds", 18, 26),)),
    # -- vegetables
    ("1 cup broccoli", ((r"^broccoli", 85, 160),)),
    ("1 cup of brocoli", ((r"^broccoli", 85, 160),)),
    ("1 cup steamed broccoli", ((r"^broccoli.*cooked", 150, 160),)),
    ("1 cup spinach", ((r"^spinach", 25, 190),)),
    ("2 cups raw spinach", ((r"^spinach, raw", 55, 65),)),
    ("1 cup of spinnach", ((r"^spinach", 25, 190),)),
    ("1 carrot", ((r"^carrots?", 50, 80),)),
    ("10 baby carrots", ((r"^carrots?, baby", 90, 160),)),
    ("1 medium potato", ((r"^potato", 140, 220),)),
    ("1 baked potato", ((r"^potato.*baked|^potatoes, baked", 140, 300),)),
    ("1 cup mashed potatoes", ((r"^potato.*mashed|^potatoes, mashed", 200, 260),)),
    ("1 sweet potato", ((r"^sweet potato", 100, 200),)),
    ("1 cup corn", ((r"^corn", 140, 180),)),
    ("1 ear of corn", ((r"^corn", 80, 120),)),
    ("1/2 cup green peas", ((r"peas", 70, 85),)),
    ("1/2 cucumber", ((r"^cucumber", 100, 160),)),
    ("1 cup lettuce", ((r"^lettuce", 30, 60),)),
    ("1 cup green beans", ((r"green beans|beans, snap", 100, 150),)),
    ("1/2 onion", ((r"^onions?", 40, 80),)),
    ("1 cup mushrooms", ((r"^mushrooms", 60, 160),)),
    # -- fats, sweets, condiments
    ("1 tbsp honey", ((r"^honey$", 19, 23),)),
    ("1 tbsp. honey", ((r"^honey$", 19, 23),)),
    ("1-2 tbsp honey", ((r"^honey$", 28, 34),)),
    ("1 tsp sugar", ((r"^sugars?", 3, 5),)),
    ("1 tbsp olive oil", ((r"olive", 13, 15),)),
    ("2 tbsp ketchup", ((r"catsup|ketchup", 30, 36),)),
    ("1 tbsp mayonnaise", ((r"^mayonnaise", 13, 16),)),
    ("1 tbsp jam", ((r"^jams?", 18, 22),)),
    ("1 tbsp soy sauce", ((r"^soy sauce", 14, 18),)),
    ("1 cup vanilla ice cream", ((r"^ice creams?, vanilla", 120, 220),)),
    ("1 donut", ((r"^doughnuts?", 40, 80),)),
    ("1 oz potato chips", ((r"^potato chips|chips, potato|snacks, potato chips", 28, 29),)),
    ("1 chocolate bar", ((r"chocolate", 25, 130),)),
    # -- soups
    ("1 cup chicken noodle soup", ((r"chicken noodle", 230, 260),)),
    ("a bowl of tomato soup", ((r"^tomato soup|soup, tomato", 240, 500),)),
    # -- meals of several foods
    ("2 eggs and toast", ((EGG_COOKED, 90, 125), (r"^bread.*toasted", 20, 40))),
    (
        "a bowl of cereal with milk",
        ((r"cereal", 20, 500), (MILK, 100, 250)),
    ),
    (
        "1 cup corn flakes with 1/2 cup milk",
        ((r"corn flakes", 20, 40), (MILK, 120, 125)),
    ),
    ("coffee with milk", ((r"^coffee", 200, 400), (MILK, 20, 250))),
    (
        "a cup of oatmeal with brown sugar",
        ((r"^oatmeal|oats.*cooked", 230, 250), (r"sugar.*brown|brown sugar", 2, 230)),
    ),
    (
        "breakfast: 2 eggs, bacon and a glass of orange juice",
        ((EGG_COOKED, 90, 125), (r"^bacon(?!, meatless)", 5, 40), (r"^orange juice", 230, 260)),
    ),
    (
        "grilled chicken breast with 1 cup brown rice and 1 cup steamed broccoli",
        (
            (r"chicken breast.*grilled", 80, 250),
            (r"^rice, brown.*cooked", 190, 200),
            (r"^broccoli.*cooked", 150, 160),
        ),
    ),
    (
        "6 oz salmon, 1 baked potato and a salad of 2 cups spinach",
        (
            (r"salmon", 170, 171),
            (r"^potato.*baked|^potatoes, baked", 140, 300),
            (r"^spinach", 55, 400),
        ),
    ),
    (
        "1 apple + 2 tbsp peanut butter",
        ((r"^apples?, raw", 170, 210), (r"^peanut butter", 30, 34)),
    ),
    (
        "I had a turkey sandwich and an apple for lunch",
        ((r"^turkey sandwich", 100, 250), (r"^apples?, raw", 170, 210)),
    ),
    (
        "1 cup greek yogurt with 1/2 cup blueberries and 1 tbsp honey",
        ((r"^yogurt, greek", 220, 290), (r"^blueberries", 70, 80), (r"^honey$", 19, 23)),
    ),
    (
        "two slices of pizza and a can of coke",
        ((r"^pizza", 150, 300), (r"cola", 350, 380)),
    ),
    (
        "a bagel with 2 tbsp cream cheese and a cup of coffee",
        ((r"^bagels?", 70, 130), (r"cream cheese|cheese, cream", 25, 35), (r"^coffee", 230, 250)),
    ),
    (
        "1 cup black beans; 1 cup rice; 1/2 avocado",
        (
            (r"^(black beans|beans, black)", 170, 200),
            (r"^rice.*cooked", 150, 210),
            (r"^avocado", 65, 110),
        ),
    ),
    (
        "3 oz tuna w/ 1 tbsp mayonnaise",
        ((r"tuna", 85, 85.1), (r"^mayonnaise", 13, 16)),
    ),
    (
        "a banana, an apple and an orange",
        (BANANA, (r"^apples?, raw", 170, 210), (r"^oranges?, raw", 120, 190)),
    ),
    (
        "1 cup spaghetti with 1/2 cup tomato sauce",
        ((r"spaghetti|pasta", 100, 160), (r"tomato sauce|sauce, tomato|spaghetti sauce", 115, 140)),
    ),
    (
        "mac and cheese",
        ((r"^macaroni (and|or noodles with) cheese", 100, 300),),
    ),
    (
        "1 slice of pepperoni pizza and a glass of milk",
        ((r"^pizza.*pepperoni", 70, 200), (MILK, 240, 250)),
    ),
    (
        "2 scrambled eggs with 1 slice of cheddar cheese",
        ((r"scrambled", 90, 140), (r"^cheese, cheddar", 20, 30)),
    ),
    (
        "a handful of walnuts and 5 dried apricots",
        ((r"walnuts", 20, 150), (r"^apricots?, dried", 15, 45)),
    ),
    (
        "1 cup lentil soup, 1 slice of bread",
        ((r"lentil", 230, 260), (r"^bread", 20, 40)),
    ),
    ("1 medium sweet potato, baked", ((r"^sweet potato.*baked", 100, 200),)),
    ("1 tall glass of chocolate milk", ((r"^chocolate milk|milk, chocolate", 230, 260),)),
    ("a hard-boiled egg", ((r"hard-boiled", 45, 55),)),
    ("1 cup of cooked quinoa", ((r"^quinoa, cooked", 180, 190),)),
    ("2 clementines", ((r"^clementines", 140, 160),)),
    ("a handful of cashews", ((r"^cashew|nuts, cashew", 20, 40),)),
    ("200g greek yogurt", ((r"^yogurt, greek", 200, 200),)),
    ("a pint of beer", ((r"^beer|beer", 460, 500),)),
    ("half an avocado on toast", ((r"^avocado", 65, 110), (r"^bread.*toasted", 20, 40))),
    (
        "1 cup of coffee with cream and sugar",
        ((r"^coffee", 230, 250), (r"^cream", 5, 60), (r"^sugars?", 2, 15)),
    ),
    (
        "half a cup of oatmeal, ¼ cup raisins and a cup of milk",
        ((r"^oatmeal|oats.*cooked", 115, 125), (r"^raisins", 34, 42), (MILK, 240, 250)),
    ),
)


@pytest.fixture(scope="module")
def parser(shipped_foods: list[Food]) -> MealParser:
    return MealParser.build(foods=shipped_foods, index=SearchIndex.build(foods=shipped_foods))


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 150
    assert len({text for text, _ in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("text", "wanted"), TABLE, ids=[t for t, _ in TABLE])
def test_phrase(parser: MealParser, text: str, wanted: tuple[Want, ...]) -> None:
    parsed = parser.parse(text)
    got = [(i.food.description, round(i.grams, 1)) for i in parsed.items]
    assert parsed.unparsed == (), parsed.unparsed
    assert len(parsed.items) == len(wanted), got
    for item, (pattern, least, most) in zip(parsed.items, wanted, strict=True):
        assert re.search(pattern, item.food.description, re.IGNORECASE), got
        assert least <= item.grams <= most, got


@pytest.mark.parametrize("text", ["qwxz blorft", "zzzz", "asdfgh qwerty", "xkcd vvv lorem"])
def test_gibberish_reads_as_one_unparsed_span(parser: MealParser, text: str) -> None:
    parsed = parser.parse(text)
    assert parsed.items == ()
    assert [(g.start, g.end) for g in parsed.unparsed] == [(0, len(text))]


@pytest.mark.parametrize("text", ["", "   ", "x" * (MAX_TEXT + 1), "2000 cups rice", "6 kg rice"])
def test_blank_long_or_oversized_text_is_refused(parser: MealParser, text: str) -> None:
    with pytest.raises(NutritionError) as caught:
        parser.parse(text)
    assert caught.value.field == "text"


def test_no_amount_says_it_is_a_default(parser: MealParser) -> None:
    (item,) = parser.parse("honey").items
    assert item.default_amount and item.note
    (item,) = parser.parse("1 tbsp honey").items
    assert not item.default_amount


def test_alternatives_are_other_foods_with_their_grams(parser: MealParser) -> None:
    (item,) = parser.parse("2 slices of whole wheat toast").items
    assert 1 <= len(item.alternatives) <= 3
    assert all(a.food.id != item.food.id and a.grams > 0 for a in item.alternatives)
    assert len({a.food.id for a in item.alternatives}) == len(item.alternatives)


# -- properties over generated meals -----------------------------------------------------

AMOUNTS = ("", "1 ", "2 ", "a ", "half a ", "1/2 ", "1 1/2 ", "½ ", "two ", "3 ", "100 g ", "8 oz ")
UNITS = ("", "cup ", "cups of ", "tbsp ", "slice of ", "glass of ", "piece of ", "medium ")
FOODS = (
    "banana",
    "milk",
    "oatmeal",
    "honey",
    "eggs",
    "toast",
    "rice",
    "orange juice",
    "almonds",
    "chicken breast",
    "broccoli",
    "cheddar cheese",
    "apple",
    "yogurt",
    "peanut butter",
    "salmon",
    "black beans",
    "spinach",
    "coffee",
    "potato",
)
JOINERS = (", ", " and ", " with ", "; ", " + ", " & ", "\n")

phrase = st.builds(
    lambda a, u, f: f"{a}{u}{f}",
    st.sampled_from(AMOUNTS),
    st.sampled_from(UNITS),
    st.sampled_from(FOODS),
)
meal = st.builds(
    lambda parts, joiner: joiner.join(parts),
    st.lists(phrase, min_size=1, max_size=5),
    st.sampled_from(JOINERS),
)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(text=meal)
def test_grams_are_the_quantity_times_the_portion(parser: MealParser, text: str) -> None:
    for item in parser.parse(text).items:
        assert item.grams == pytest.approx(item.quantity * item.portion_grams)
        assert item.grams > 0 and 0 <= item.confidence <= 1


@PROPERTY
@given(text=meal)
def test_no_part_of_the_text_is_used_twice(parser: MealParser, text: str) -> None:
    parsed = parser.parse(text)
    spans = sorted(
        [(i.start, i.end) for i in parsed.items] + [(g.start, g.end) for g in parsed.unparsed]
    )
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    for item in parsed.items:
        assert text[item.start : item.end] == item.text


@PROPERTY
@given(text=st.text(max_size=80))
def test_any_text_reads_or_is_refused_by_field(parser: MealParser, text: str) -> None:
    refused: str | None = None
    try:
        parsed = parser.parse(text)
    except NutritionError as exc:
        refused = exc.field or "none"
    else:
        for item in parsed.items:
            assert 0 <= item.start < item.end <= len(text)
            assert item.grams > 0
    assert refused in (None, "text")
