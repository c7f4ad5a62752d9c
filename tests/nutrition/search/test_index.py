"""Tests for nutrition.search.index on tiny synthetic catalogs, one mechanism at a time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nutrition.errors import NutritionError
from nutrition.food.foods import Food
from nutrition.search.index import SearchIndex, normalize, stem, tokenize

FRUIT = ("Fruits and Fruit Juices", "0900")
VEG = ("Vegetables and Vegetable Products", "1100")
DAIRY = ("Dairy and Egg Products", "0100")
LEGUMES = ("Legumes and Legume Products", "1600")
BAKED = ("Baked Products", "1800")
FAST = ("Fast Foods", "2100")
WWEIA_FRUIT = ("Bananas", "6004")
WWEIA_SHAKE = ("Milk shakes and other dairy drinks", "1402")


def make_food(
    *,
    id: str,
    description: str,
    group: tuple[str, str] = VEG,
    common_names: str = "",
    commonness: float = 0.0,
) -> Food:
    """A food with no nutrients: search reads only names, group, source and commonness."""
    source, code = id.split(":")
    return Food(
        id=id,
        source=source,
        code=code,
        description=description,
        group=group[0],
        group_code=group[1],
        nutrients={},
        common_names=common_names,
        commonness=commonness,
    )


def make_index(*foods: Food) -> SearchIndex:
    return SearchIndex.build(foods=foods)


def top(index: SearchIndex, query: str, **filters: str) -> str:
    result = index.search(query=query, **filters)  # type: ignore[arg-type]
    assert result.ids, f"no result for {query!r}"
    return result.ids[0]


PRODUCE = (
    make_food(id="sr28:00001", description="Bananas, raw", group=FRUIT),
    make_food(id="sr28:00002", description="Broccoli, raw"),
    make_food(id="sr28:00003", description="Potatoes, baked, flesh"),
    make_food(id="sr28:00004", description="Cherries, sweet, raw", group=FRUIT),
    make_food(id="sr28:00005", description="Tomatoes, red, ripe, raw"),
    make_food(id="sr28:00006", description="Spinach, raw"),
    make_food(id="sr28:00007", description="Beans, snap, green, raw"),
    make_food(
        id="sr28:00008", description="Bread, whole-wheat, commercially prepared", group=BAKED
    ),
    make_food(id="sr28:00009", description="Bread, white, commercially prepared", group=BAKED),
    make_food(id="sr28:00010", description="Chickpeas, mature seeds, cooked", group=LEGUMES),
    make_food(id="sr28:00011", description="Peas, green, raw"),
    make_food(id="sr28:00012", description="Yogurt, Greek, plain, nonfat", group=DAIRY),
    make_food(id="sr28:00013", description="Yogurt, plain, whole milk", group=DAIRY),
    make_food(id="sr28:00014", description="Crème fraîche", group=DAIRY),
)


# -- text normalisation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("berries", "berry"),
        ("cherries", "cherry"),
        ("potatoes", "potato"),
        ("tomatoes", "tomato"),
        ("peaches", "peach"),
        ("eggs", "egg"),
        ("bananas", "banana"),
        ("hummus", "hummus"),
        ("swiss", "swiss"),
        ("peas", "pea"),
        ("oat", "oat"),
    ],
)
def test_stem_reduces_plurals_to_one_form(word: str, expected: str) -> None:
    assert stem(word) == expected


@given(st.text(alphabet="abcehiorsuxyz", min_size=1, max_size=12))
def test_stem_is_idempotent(word: str) -> None:
    # Index and query words are stemmed once each; a second pass must change nothing.
    assert stem(stem(word)) == stem(word)


def test_tokenize_strips_accents_and_splits_on_punctuation() -> None:
    assert normalize("Crème Fraîche") == "creme fraiche"
    assert tokenize("Bread, whole-wheat (100%)") == ["bread", "whole", "wheat", "100"]
    assert tokenize("McDONALD'S Hotcakes") == ["mcdonalds", "hotcakes"]


# -- matching ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bananas", "sr28:00001"),
        ("banana", "sr28:00001"),
        ("potato", "sr28:00003"),
        ("cherry", "sr28:00004"),
        ("tomato", "sr28:00005"),
    ],
)
def test_plural_and_singular_match_each_other(query: str, expected: str) -> None:
    assert top(make_index(*PRODUCE), query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("brocoli", "sr28:00002"),
        ("brocolli", "sr28:00002"),
        ("spinnach", "sr28:00006"),
        ("tomatoe", "sr28:00005"),
        ("potatos", "sr28:00003"),
        ("yoghurt greek", "sr28:00012"),
    ],
)
def test_typos_within_edit_distance_still_match(query: str, expected: str) -> None:
    assert top(make_index(*PRODUCE), query) == expected


def test_short_words_get_no_typo_tolerance() -> None:
    # "pes" is one edit from "peas", but three letters are too few to guess from.
    index = make_index(*PRODUCE)
    assert index.search(query="pes").total == 0
    assert "sr28:00011" in index.search(query="peas").ids


def test_distant_words_do_not_match() -> None:
    assert make_index(*PRODUCE).search(query="brcli").total == 0


@pytest.mark.parametrize(("query", "expected"), [("ban", "sr28:00001"), ("banan", "sr28:00001")])
def test_last_word_matches_as_a_prefix(query: str, expected: str) -> None:
    assert top(make_index(*PRODUCE), query) == expected


def test_single_letter_prefix_matches_only_words_starting_with_it() -> None:
    index = make_index(*PRODUCE)
    result = index.search(query="b", limit=50)
    # bananas, broccoli, baked, beans, bread x2
    expected = {"sr28:00001", "sr28:00002", "sr28:00003", "sr28:00007", "sr28:00008", "sr28:00009"}
    assert set(result.ids) == expected


def test_exact_word_beats_a_longer_word_it_prefixes() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Peanuts, raw", commonness=3.0),
        make_food(id="sr28:00002", description="Peas, raw"),
    )
    assert index.search(query="pea").ids == ("sr28:00002", "sr28:00001")


def test_adjacent_query_words_join_into_a_compound() -> None:
    assert top(make_index(*PRODUCE), "chick peas") == "sr28:00010"


def test_hyphenated_description_word_matches_split_or_joined() -> None:
    index = make_index(*PRODUCE)
    for query in ("whole wheat bread", "bread whole wheat", "wholewheat", "whole-wheat bread"):
        assert top(index, query) == "sr28:00008", query


def test_word_order_and_punctuation_do_not_matter() -> None:
    index = make_index(*PRODUCE)
    assert index.search(query="greek yogurt") == index.search(query="yogurt, greek")
    assert top(index, "greek yogurt") == "sr28:00012"


def test_accented_query_matches_plain_description_and_back() -> None:
    index = make_index(*PRODUCE)
    assert top(index, "creme fraiche") == "sr28:00014"
    assert top(index, "CRÈME") == "sr28:00014"


def test_common_names_are_searchable() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Frankfurter, beef", common_names="hot dog, wiener"),
        make_food(id="sr28:00002", description="Beef, ground, raw"),
    )
    assert index.search(query="hot dog").ids == ("sr28:00001",)


def test_every_word_must_match_when_some_food_has_them_all() -> None:
    index = make_index(*PRODUCE)
    assert set(index.search(query="green raw").ids) == {"sr28:00007", "sr28:00011"}


def test_falls_back_to_best_partial_match_when_no_food_has_every_word() -> None:
    index = make_index(*PRODUCE)
    result = index.search(query="spinach zzyzx qqq")
    assert result.ids == ("sr28:00006",)
    assert result.total == 1


def test_unknown_word_alone_finds_nothing() -> None:
    assert make_index(*PRODUCE).search(query="zzyzx").total == 0


def test_glue_words_are_ignored() -> None:
    index = make_index(*PRODUCE)
    assert index.search(query="yogurt with whole milk") == index.search(query="yogurt whole milk")


# -- ranking -----------------------------------------------------------------------------


def test_food_named_first_beats_food_mentioning_it_later() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Cereal, corn flakes, with milk", commonness=4.0),
        make_food(id="sr28:00002", description="Milk, whole", group=DAIRY),
    )
    assert index.search(query="milk").ids[0] == "sr28:00002"


def test_head_noun_beats_modifier_and_compound_names() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Milk shakes, thick vanilla", group=DAIRY),
        make_food(id="sr28:00002", description="Coconut milk, canned"),
        make_food(id="sr28:00003", description="Milk, reduced fat, fluid", group=DAIRY),
    )
    assert index.search(query="milk").ids[0] == "sr28:00003"


def test_plainer_description_ranks_first() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Spinach, frozen, chopped, boiled, drained, salted"),
        make_food(id="sr28:00002", description="Spinach, raw"),
    )
    assert index.search(query="spinach").ids == ("sr28:00002", "sr28:00001")


def test_commonness_prior_orders_otherwise_equal_foods() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Lentils, pink", commonness=0.0),
        make_food(id="sr28:00002", description="Lentils, brown", commonness=3.0),
    )
    assert index.search(query="lentils").ids == ("sr28:00002", "sr28:00001")


def test_generic_food_beats_branded_and_fast_food() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="JIFFY BRAND, Peanut butter, creamy", group=LEGUMES),
        make_food(id="sr28:00002", description="Fast foods, peanut butter sandwich", group=FAST),
        make_food(id="sr28:00003", description="Peanut butter, smooth style", group=LEGUMES),
    )
    assert index.search(query="peanut butter").ids[0] == "sr28:00003"


def test_dessert_milk_ranks_below_plain_milk() -> None:
    index = make_index(
        make_food(id="fndds:00001", description="Milk shake, chocolate", group=WWEIA_SHAKE),
        make_food(id="fndds:00002", description="Milk, whole", group=("Milk, whole", "1002")),
    )
    assert index.search(query="milk").ids == ("fndds:00002", "fndds:00001")


def test_sr28_wins_a_tie_with_its_fndds_twin() -> None:
    twin = make_food(id="fndds:63107010", description="Banana, raw", group=WWEIA_FRUIT)
    sr28 = make_food(id="sr28:09040", description="Banana, raw", group=FRUIT)
    # Catalog order must not decide the tie.
    for foods in ((twin, sr28), (sr28, twin)):
        assert make_index(*foods).search(query="banana").ids == ("sr28:09040", "fndds:63107010")


def test_exact_match_beats_typo_match() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Bean, raw", commonness=5.0),
        make_food(id="sr28:00002", description="Bran, raw"),
    )
    assert index.search(query="bran").ids[0] == "sr28:00002"


# -- plainness: generic rows, parts, substitutes, variants ---------------------------------

WWEIA_COFFEE = ("Coffee", "7302")
WWEIA_PIZZA = ("Pizza", "3602")
WWEIA_POULTRY = ("Chicken, whole pieces", "2202")


def test_fndds_ns_row_is_the_generic_form_and_ranks_first() -> None:
    index = make_index(
        make_food(id="fndds:00001", description="Coffee, espresso", group=WWEIA_COFFEE),
        make_food(id="fndds:00002", description="Coffee, NS as to type", group=WWEIA_COFFEE),
        make_food(id="fndds:00003", description="Coffee, brewed", group=WWEIA_COFFEE),
    )
    # The NS clause is not extra words; brewing says how coffee is served, not which coffee.
    assert index.search(query="coffee").ids == ("fndds:00002", "fndds:00003", "fndds:00001")


def test_nfs_row_beats_a_narrower_variant_with_fewer_words() -> None:
    index = make_index(
        make_food(id="fndds:00001", description="Oatmeal, multigrain", group=("Oatmeal", "4802")),
        make_food(id="fndds:00002", description="Oatmeal, NFS", group=("Oatmeal", "4802")),
    )
    assert index.search(query="oatmeal").ids[0] == "fndds:00002"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("chicken", "sr28:00002"),
        ("meatless chicken", "sr28:00001"),
        ("chicken meatless", "sr28:00001"),
    ],
)
def test_substitute_ranks_below_the_real_food_unless_asked_for(query: str, expected: str) -> None:
    index = make_index(
        # The substitute is the more common row, and shorter: only the demotion puts it second.
        make_food(id="sr28:00001", description="Chicken, meatless", group=LEGUMES, commonness=3.0),
        make_food(id="sr28:00002", description="Chicken, roasting, meat only, cooked"),
    )
    assert index.search(query=query).ids[0] == expected


@pytest.mark.parametrize(("query", "expected"), [("egg", "sr28:00002"), ("egg yolk", "sr28:00001")])
def test_part_of_a_food_ranks_below_the_whole_food_unless_asked_for(
    query: str, expected: str
) -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Egg, yolk, raw, fresh", group=DAIRY, commonness=3),
        make_food(id="sr28:00002", description="Egg, whole, cooked, hard-boiled", group=DAIRY),
    )
    assert index.search(query=query).ids[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [("yogurt", "sr28:00002"), ("sweetened yogurt", "sr28:00001")],
)
def test_sweetened_or_reduced_variant_ranks_below_the_plain_food(query: str, expected: str) -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Yogurt, sweetened", group=DAIRY),
        make_food(id="sr28:00002", description="Yogurt, tart", group=DAIRY),
        make_food(id="sr28:00003", description="Yogurt, reduced sugar", group=DAIRY),
    )
    ids = index.search(query=query).ids
    assert ids[0] == expected
    if query == "yogurt":
        assert ids.index("sr28:00003") < ids.index("sr28:00001")  # reduced costs less


def test_eating_out_default_counts_as_generic_only_when_it_is_the_only_default() -> None:
    frozen = make_food(id="fndds:00001", description="Pizza, cheese, frozen", group=WWEIA_PIZZA)
    out = make_food(
        id="fndds:00002",
        description="Pizza, cheese, from restaurant, NS as to type of crust",
        group=WWEIA_PIZZA,
    )
    assert make_index(frozen, out).search(query="pizza").ids[0] == out.id
    plain = make_food(id="fndds:00003", description="Pizza, NFS", group=WWEIA_PIZZA)
    # With a home-style default in the family, the eating-out one pays its full cost.
    assert make_index(frozen, out, plain).search(query="pizza").ids == (
        plain.id,
        frozen.id,
        out.id,
    )


def test_ns_clause_words_do_not_count_as_qualifiers() -> None:
    index = make_index(
        make_food(
            id="fndds:00001",
            description="Chicken, NS as to part and cooking method, NS as to skin eaten",
            group=WWEIA_POULTRY,
        ),
        make_food(id="fndds:00002", description="Chicken, rotisserie", group=WWEIA_POULTRY),
    )
    assert index.search(query="chicken").ids[0] == "fndds:00001"


def test_ties_break_by_catalog_order_whatever_the_page_size() -> None:
    foods = [make_food(id=f"sr28:{n:05d}", description="Kale, raw") for n in range(1, 9)]
    index = make_index(*foods)
    whole = index.search(query="kale", limit=8).ids
    assert whole == tuple(f.id for f in foods)
    for limit in range(1, 8):
        assert index.search(query="kale", limit=limit).ids == whole[:limit]


# -- filters, paging, errors -------------------------------------------------------------


def test_source_filter() -> None:
    index = make_index(
        make_food(id="sr28:00001", description="Banana, raw", group=FRUIT),
        make_food(id="fndds:00002", description="Banana, raw", group=WWEIA_FRUIT),
    )
    assert index.search(query="banana", source="fndds").ids == ("fndds:00002",)
    assert index.search(query="banana", source="SR28").ids == ("sr28:00001",)


@pytest.mark.parametrize("group", ["Fruits and Fruit Juices", "fruits and fruit juices", "0900"])
def test_group_filter_matches_name_or_code_in_any_case(group: str) -> None:
    index = make_index(*PRODUCE)
    result = index.search(query="raw", group=group)
    assert set(result.ids) == {"sr28:00001", "sr28:00004"}


def test_group_filter_with_no_member_returns_nothing() -> None:
    assert make_index(*PRODUCE).search(query="raw", group="Spices and Herbs").total == 0


def test_total_counts_all_matches_and_pages_partition_them() -> None:
    index = make_index(*PRODUCE)
    everything = index.search(query="raw", limit=100)
    assert everything.total == len(everything.ids) == 7
    pages = [index.search(query="raw", limit=3, offset=o) for o in (0, 3, 6)]
    assert all(p.total == 7 for p in pages)
    assert tuple(i for p in pages for i in p.ids) == everything.ids
    assert index.search(query="raw", offset=50).ids == ()


@pytest.mark.parametrize("query", ["", "   ", "!!!", "-,;"])
def test_query_without_searchable_characters_is_rejected(query: str) -> None:
    with pytest.raises(NutritionError) as raised:
        make_index(*PRODUCE).search(query=query)
    assert raised.value.field == "q"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"limit": -1}, "limit"), ({"offset": -1}, "offset"), ({"source": "usda"}, "source")],
)
def test_bad_paging_or_source_is_rejected(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(NutritionError) as raised:
        make_index(*PRODUCE).search(query="raw", **kwargs)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_empty_catalog_finds_nothing() -> None:
    assert make_index().search(query="banana").total == 0


QUERY_TEXT = st.text(alphabet="abcdeghilmnoprstwy ,-", min_size=1, max_size=20).filter(
    lambda q: any(ch.isalpha() for ch in q)
)


@settings(max_examples=60, deadline=None)
@given(query=QUERY_TEXT, limit=st.integers(0, 8), offset=st.integers(0, 8))
def test_results_are_a_consistent_page_of_known_ids(query: str, limit: int, offset: int) -> None:
    index = _PROPERTY_INDEX
    full = index.search(query=query, limit=len(PRODUCE))
    page = index.search(query=query, limit=limit, offset=offset)
    assert page.total == full.total == len(full.ids)
    assert page.ids == full.ids[offset : offset + limit]
    assert len(set(full.ids)) == len(full.ids)
    assert set(full.ids) <= {f.id for f in PRODUCE}
    # The same query twice (second from the cache) gives the same answer.
    assert index.search(query=query, limit=limit, offset=offset) == page


@settings(max_examples=40, deadline=None)
@given(query=QUERY_TEXT)
def test_filtered_results_are_the_matching_subset(query: str) -> None:
    index = _PROPERTY_INDEX
    full = index.search(query=query, limit=len(PRODUCE))
    fruit = index.search(query=query, group="0900", limit=len(PRODUCE))
    fruit_ids = {f.id for f in PRODUCE if f.group_code == "0900"}
    assert set(fruit.ids) <= fruit_ids
    # When some unfiltered best match is a fruit, filtering only removes the others.
    if set(full.ids) & fruit_ids:
        assert [i for i in full.ids if i in fruit_ids] == list(fruit.ids)


_PROPERTY_INDEX = make_index(*PRODUCE)


def test_every_word_drops_foods_that_match_only_some_words():
    index = make_index(*PRODUCE)
    some = index.search(query="banana bread")
    assert some.ids and some.ids[0] == "sr28:00001"  # falls back to the words it has
    assert index.search(query="banana bread", every_word=True).total == 0
    assert index.search(query="bananas", every_word=True).ids == ("sr28:00001",)
