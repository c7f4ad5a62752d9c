"""Search quality on the shipped USDA catalog (SR28 + FNDDS): the acceptance criteria."""

from __future__ import annotations

import re

import pytest

from nutrition.food.foods import Food
from nutrition.search.index import SearchIndex, stem, tokenize


@pytest.fixture(scope="module")
def catalog(shipped_foods: list[Food]) -> tuple[SearchIndex, dict[str, Food]]:
    return SearchIndex.build(foods=shipped_foods), {f.id: f for f in shipped_foods}


def results(catalog: tuple[SearchIndex, dict[str, Food]], query: str, k: int = 5) -> list[Food]:
    index, by_id = catalog
    return [by_id[i] for i in index.search(query=query, limit=k).ids]


def stems_of(text: str) -> set[str]:
    return {stem(w) for w in tokenize(text)}


# A word of capitals (SR28 writes brands so: KELLOGG'S, JIF) that is not a USDA abbreviation.
_BRAND = re.compile(r"\b(?!NFS\b|NS\b|USDA\b|RTE\b)[A-Z][A-Z'&]{2,}\b")
_NOT_GENERIC = re.compile(r"fast food|restaurant|babyfood|baby food|infant formula", re.I)


def is_generic(food: Food) -> bool:
    text = f"{food.description} {food.group}"
    return _BRAND.search(food.description) is None and _NOT_GENERIC.search(text) is None


def test_banana_finds_sr28_bananas_raw_first(catalog: tuple[SearchIndex, dict[str, Food]]) -> None:
    ids = [f.id for f in results(catalog, "banana")]
    assert ids[0] == "sr28:09040"
    assert "fndds:63107010" in ids  # the FNDDS twin is close behind


_PLAIN_MILK = re.compile(
    r"^Milk, (NFS|whole|reduced fat|low ?fat|nonfat|fat free)\b(?!.*\b(dry|powder|canned))"
)
_NOT_MILK = re.compile(r"shake|human|dry|dried|powder|baby|evaporated|condensed|chocolate", re.I)


def test_milk_means_plain_fluid_milk(catalog: tuple[SearchIndex, dict[str, Food]]) -> None:
    top = results(catalog, "milk", k=5)
    assert _PLAIN_MILK.search(top[0].description), top[0].description
    assert sum(bool(_PLAIN_MILK.search(f.description)) for f in top) >= 3
    assert not [f.description for f in top if _NOT_MILK.search(f.description)]


EVERYDAY = (
    "apple",
    "egg",
    "rice",
    "potato",
    "spinach",
    "yogurt",
    "greek yogurt",
    "almonds",
    "lentils",
    "oatmeal",
    "chicken breast",
    "salmon",
    "orange juice",
    "peanut butter",
    "avocado",
    "broccoli",
    "black beans",
    "sweet potato",
    "cheddar cheese",
    "tofu",
    "quinoa",
    "whole wheat bread",
    "coffee",
    "milk",
    "banana",
    "cheese",
    "bread",
)


@pytest.mark.parametrize("query", EVERYDAY)
def test_everyday_query_leads_with_the_generic_food(
    catalog: tuple[SearchIndex, dict[str, Food]], query: str
) -> None:
    top = results(catalog, query, k=5)
    wanted = stems_of(query)
    assert len(top) == 5
    # The best hit names every word of the query, in its description or common names.
    assert wanted <= stems_of(f"{top[0].description} {top[0].common_names}"), top[0].description
    # No branded, fast-food, restaurant or baby food in the first five.
    assert all(is_generic(f) for f in top), [f.description for f in top]


@pytest.mark.parametrize("query", ["peanut butter", "yogurt", "cheddar cheese", "oatmeal", "egg"])
def test_generic_foods_rank_above_branded_and_eating_out(
    catalog: tuple[SearchIndex, dict[str, Food]], query: str
) -> None:
    everything = results(catalog, query, k=200)
    generic = [i for i, f in enumerate(everything) if is_generic(f)]
    other = [i for i, f in enumerate(everything) if not is_generic(f)]
    assert generic, "the query should find generic foods"
    assert other, "the query should find branded or eating-out foods to compare"
    # The first branded/eating-out row comes after at least five generic ones.
    assert sum(i < other[0] for i in generic) >= 5


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("brocoli", "broccoli"),
        ("brocolli", "broccoli"),
        ("spinnach", "spinach"),
        ("banan", "banana"),
        ("yoghurt", "yogurt"),
        ("avacado", "avocado"),
        ("tomatoe", "tomato"),
        ("potatos", "potato"),
        ("chiken", "chicken"),
    ],
)
def test_typos_and_partial_words_find_the_food(
    catalog: tuple[SearchIndex, dict[str, Food]], typo: str, word: str
) -> None:
    top = results(catalog, typo, k=3)
    assert all(stem(word) in stems_of(f.description) for f in top), [f.description for f in top]
    # A typo finds what the correct spelling finds first.
    assert top[0] == results(catalog, word, k=1)[0]


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("bananas", "banana"), ("potatoes", "potato"), ("eggs", "egg"), ("cherries", "cherry")],
)
def test_plural_and_singular_find_the_same_food_first(
    catalog: tuple[SearchIndex, dict[str, Food]], plural: str, singular: str
) -> None:
    first = results(catalog, plural, k=1)[0]
    assert first == results(catalog, singular, k=1)[0]
    assert stem(singular) in stems_of(first.description)


def test_berries_and_berry_match_the_same_foods(
    catalog: tuple[SearchIndex, dict[str, Food]],
) -> None:
    index, _ = catalog
    plural = index.search(query="berries", limit=100)
    singular = index.search(query="berry", limit=100)
    assert plural.total == singular.total > 10
    # Same foods; the order may differ where exact spelling beats a plural match.
    assert set(plural.ids) == set(singular.ids)
    assert plural.ids[0] == singular.ids[0]


def test_chick_peas_finds_chickpeas(catalog: tuple[SearchIndex, dict[str, Food]]) -> None:
    top = results(catalog, "chick peas", k=5)
    assert all("chickpea" in f.description.lower() for f in top), [f.description for f in top]


@pytest.mark.parametrize("query", ["whole wheat bread", "bread whole wheat", "bread, whole-wheat"])
def test_whole_wheat_bread_in_any_word_order(
    catalog: tuple[SearchIndex, dict[str, Food]], query: str
) -> None:
    top = [f.description for f in results(catalog, query, k=3)]
    assert "Bread, whole-wheat, commercially prepared" in top
    assert all(d.startswith("Bread,") for d in top), top


def test_yogurt_greek_equals_greek_yogurt(catalog: tuple[SearchIndex, dict[str, Food]]) -> None:
    index, by_id = catalog
    result = index.search(query="yogurt, greek")
    assert result == index.search(query="greek yogurt")
    assert all("greek" in by_id[i].description.lower() for i in result.ids[:5])


def test_filters_on_real_groups(catalog: tuple[SearchIndex, dict[str, Food]]) -> None:
    index, by_id = catalog
    fruit = index.search(query="banana", group="fruits and fruit juices", limit=50)
    assert fruit.ids[0] == "sr28:09040"
    assert all(by_id[i].group_code == "0900" for i in fruit.ids)
    fndds = index.search(query="banana", source="fndds", limit=50)
    assert fndds.ids[0] == "fndds:63107010"
    assert all(i.startswith("fndds:") for i in fndds.ids)


# -- the first result people see ---------------------------------------------------------

# Words that make a row a narrower or different food than a bare name asks for. A query that
# contains one of them may get it; otherwise the first result must not carry any.
_NOT_PLAIN = (
    "meatless",
    "imitation",
    "vegetarian",
    "substitute",
    "analog",
    "babyfood",
    "baby",
    "infant",
    "human",
    "powder",
    "powdered",
    "dry",
    "dried",
    "dehydrated",
    "shake",
    "shakes",
    "reduced",
    "flavored",
    "sweetened",
    "chocolate",
    "yolk",
    "skin only",
    "fried",
)

# query -> further words its first result must not have (a part, a narrower variant), and
# words that would otherwise be refused but are what USDA calls the generic form.
FIRST_RESULT: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("apple", (), ()),
    ("banana", (), ()),
    ("milk", ("buttermilk", "evaporated", "sheep", "goat"), ()),
    ("egg", ("white",), ()),
    ("eggs", ("white",), ()),
    ("rice", (), ()),
    ("potato", ("sweet",), ()),
    ("spinach", (), ()),
    ("yogurt", ("frozen",), ()),
    ("almonds", (), ()),
    ("lentils", (), ()),
    ("oatmeal", ("multigrain", "sugar", "fast food"), ()),
    ("salmon", ("smoked",), ()),
    ("avocado", (), ()),
    ("broccoli", (), ()),
    ("chicken", ("nugget", "patty"), ()),
    ("pizza", ("whole wheat", "gluten-free", "stuffed", "thin", "thick"), ("restaurant",)),
    ("coffee", ("espresso", "latte", "decaffeinated", "instant"), ()),
    ("cheese", (), ()),
    ("bread", (), ()),
    ("beef", (), ()),
    ("tuna", (), ()),
    ("orange", ("canned",), ()),
    ("carrots", (), ()),
    ("tomato", (), ()),
    ("beans", ("restaurant",), ()),
    ("turkey", (), ()),
    ("butter", (), ()),
    ("pasta", (), ()),
    ("quinoa", (), ()),
    ("greek yogurt", (), ()),
    ("whole wheat bread", (), ()),
    ("brown rice", (), ()),
    ("sweet potato", (), ()),
    ("black beans", (), ()),
    ("orange juice", (), ()),
    ("peanut butter", (), ()),
    ("cheddar cheese", (), ()),
    ("chicken breast", (), ()),
    ("ground beef", (), ()),
    ("tomato soup", (), ()),
    ("apple juice", (), ()),
    ("hard boiled egg", ("white",), ()),
    ("cottage cheese", (), ()),
    ("almond milk", (), ()),
    ("soy milk", (), ()),
)


def names_every_word(query: str, food: Food) -> bool:
    """Each query word is a word of the food's names, or the query is one joined word there."""
    text = f"{food.description} {food.common_names}"
    joined = "".join(tokenize(query))
    return stems_of(query) <= stems_of(text) or joined in "".join(tokenize(text))


def naming_words(food: Food) -> set[str]:
    """Stems of the first two comma segments: the food's name (SR28 may open with a heading)."""
    return stems_of(",".join(food.description.split(",")[:2]))


def has_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE) is not None


@pytest.mark.parametrize(("query", "refused", "allowed"), FIRST_RESULT)
def test_first_result_is_the_plain_generic_food(
    catalog: tuple[SearchIndex, dict[str, Food]],
    query: str,
    refused: tuple[str, ...],
    allowed: tuple[str, ...],
) -> None:
    first = results(catalog, query, k=1)[0]
    assert names_every_word(query, first), first.description
    head = tokenize(query)[-1]
    assert stem(head) in naming_words(first) or head in "".join(tokenize(first.description))
    words = [w for w in (*_NOT_PLAIN, *refused) if not has_phrase(query, w) and w not in allowed]
    assert not [w for w in words if has_phrase(first.description, w)], first.description


@pytest.mark.parametrize("query", ["chicken", "beef", "turkey", "milk", "cheese", "bacon"])
def test_substitutes_stay_out_of_the_first_five(
    catalog: tuple[SearchIndex, dict[str, Food]], query: str
) -> None:
    substitute = re.compile(r"\b(meatless|imitation|vegetarian|substitute|analog)\b", re.I)
    top = results(catalog, query, k=5)
    assert not [f.description for f in top if substitute.search(f.description)]


@pytest.mark.parametrize("query", ["egg", "eggs"])
def test_whole_eggs_come_before_yolks_and_whites(
    catalog: tuple[SearchIndex, dict[str, Food]], query: str
) -> None:
    top = [f.description for f in results(catalog, query, k=3)]
    assert all(has_phrase(d, "whole") for d in top), top


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("egg yolk", "yolk"),
        ("egg white", "white"),
        ("dried apricots", "dried"),
        ("meatless chicken", "meatless"),
        ("chocolate milk", "chocolate"),
        ("pizza restaurant", "restaurant"),
        ("reduced fat milk", "reduced"),
    ],
)
def test_asking_for_a_demoted_kind_finds_it_first(
    catalog: tuple[SearchIndex, dict[str, Food]], query: str, wanted: str
) -> None:
    first = results(catalog, query, k=1)[0]
    assert has_phrase(first.description, wanted), first.description


# The raw or plain, commonly eaten form before forms made from it (fermented, fried, stewed,
# pickled, ground to flour or butter, dried further), unless the query names them.
_MADE_FROM = re.compile(
    r"\b(fermented|fried|stewed|pickled|candied|flour|butter|paste|low-moisture|bread|cookies?)\b",
    re.I,
)


@pytest.mark.parametrize(
    ("query", "source", "wanted"),
    [
        ("tofu", None, "tofu"),
        ("tofu", "sr28", "tofu"),
        ("oatmeal", "sr28", "oats"),
        ("sunflower seeds", "sr28", "sunflower seed kernels"),
        ("sunflower seeds", None, "sunflower seeds"),
        ("prunes", "sr28", "prunes"),
        ("prunes", None, "prune"),
        ("peanuts", "sr28", "peanuts"),
        ("almonds", "sr28", "almonds"),
        ("sesame seeds", "sr28", "sesame"),
        ("cabbage", "sr28", "cabbage"),
        ("cucumber", None, "cucumber"),
        ("cashews", "sr28", "cashew"),
    ],
)
def test_the_plain_form_comes_before_forms_made_from_it(
    catalog: tuple[SearchIndex, dict[str, Food]], query: str, source: str | None, wanted: str
) -> None:
    index, by_id = catalog
    first = by_id[index.search(query=query, source=source, limit=1).ids[0]]
    assert wanted in first.description.lower(), first.description
    assert not _MADE_FROM.search(first.description), first.description


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        ("fried tofu", "fried"),
        ("fermented tofu", "fermented"),
        ("sunflower seed butter", "butter"),
        ("stewed prunes", "stewed"),
        ("oatmeal cookies", "cookies"),
    ],
)
def test_naming_the_made_form_finds_it(
    catalog: tuple[SearchIndex, dict[str, Food]], query: str, wanted: str
) -> None:
    first = results(catalog, query, k=1)[0]
    assert has_phrase(first.description, wanted), first.description
