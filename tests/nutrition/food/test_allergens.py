"""Rules that decide allergens and animal kinds from USDA food text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.food.allergens import Classification, classify, merge
from nutrition.person.profile import ALLERGENS, ANIMAL_KINDS, DIETS, diet_excluded_animal


def make_food(
    *,
    description: str,
    group_code: str = "",
    source: str = "fndds",
    langual: tuple[str, ...] = (),
    ingredients: tuple[str, ...] = (),
) -> Classification:
    return classify(
        description=description,
        group="",
        group_code=group_code,
        source=source,
        langual=langual,
        ingredients=ingredients,
    )


@pytest.mark.parametrize(
    ("description", "allergen"),
    [
        ("Cheese, cheddar", "milk"),
        ("Buttermilk, lowfat, cultured", "milk"),
        ("Butter, salted", "milk"),
        ("Whey protein powder", "milk"),
        ("Sodium caseinate", "milk"),
        ("Yogurt, Greek, plain", "milk"),
        ("Ghee, clarified butter", "milk"),
        ("Ice cream, vanilla", "milk"),
        ("Cream, sour, cultured", "milk"),
        ("Egg, whole, raw, fresh", "egg"),
        ("Noodles, egg, enriched, cooked", "egg"),
        ("Noodles, egg, enriched, cooked", "wheat"),
        ("Salad dressing, mayonnaise, regular", "egg"),
        ("Fish, salmon, Atlantic, farmed, raw", "fish"),
        ("Fish, tuna, light, canned in water", "fish"),
        ("Sauce, worcestershire", "fish"),
        ("Fish, anchovy, european, raw", "fish"),
        ("Crustaceans, shrimp, mixed species, raw", "shellfish"),
        ("Mollusks, oyster, eastern, wild, raw", "shellfish"),
        ("Octopus, cooked", "shellfish"),
        ("Crayfish, boiled", "shellfish"),
        ("Nuts, almonds", "tree_nuts"),
        ("Nuts, coconut meat, raw", "tree_nuts"),
        ("Nuts, cashew butter, plain", "tree_nuts"),
        ("Nuts, pine nuts, dried", "tree_nuts"),
        ("Nuts, butternuts, dried", "tree_nuts"),
        ("Peanut butter, smooth style, with salt", "peanuts"),
        ("Peanuts, all types, raw", "peanuts"),
        ("Bread, whole-wheat, commercially prepared", "wheat"),
        ("Wheat flour, white, all-purpose", "wheat"),
        ("Flour tortilla", "wheat"),
        ("Couscous, cooked", "wheat"),
        ("Bulgur, cooked", "wheat"),
        ("Semolina, enriched", "wheat"),
        ("Seitan", "wheat"),
        ("Spaghetti, cooked", "wheat"),
        ("Crackers, saltines", "wheat"),
        ("Cookies, oatmeal", "wheat"),
        ("Fish, catfish, channel, cooked, breaded and fried", "wheat"),
        ("Soy sauce made from soy and wheat (shoyu)", "wheat"),
        ("Tofu, firm", "soy"),
        ("Tempeh", "soy"),
        ("Miso", "soy"),
        ("Edamame, frozen, prepared", "soy"),
        ("Soymilk, original", "soy"),
        ("Seeds, sesame butter, tahini", "sesame"),
        ("Hummus, commercial", "sesame"),
        ("Oil, sesame, salad or cooking", "sesame"),
    ],
)
def test_description_flags_allergen(description: str, allergen: str) -> None:
    assert allergen in make_food(description=description).allergens


@pytest.mark.parametrize(
    ("description", "allergen"),
    [
        ("Peanut butter, smooth style, with salt", "milk"),
        ("Peanut butter, smooth style, with salt", "tree_nuts"),
        ("Peanuts, all types, raw", "tree_nuts"),
        ("Almond butter", "milk"),
        ("Apple butter", "milk"),
        ("Oil, cocoa butter", "milk"),
        ("Oil, cocoa butter", "tree_nuts"),
        ("Squash, winter, butternut, baked", "tree_nuts"),
        ("Butternut squash soup", "tree_nuts"),
        ("Squash, winter, acorn, cooked", "tree_nuts"),
        ("Lettuce, butterhead (includes boston and bibb types), raw", "milk"),
        ("Leavening agents, cream of tartar", "milk"),
        ("Leavening agents, cream of tartar", "wheat"),
        ("Nuts, coconut cream, canned", "milk"),
        ("Nuts, coconut milk, canned", "milk"),
        ("Soymilk, original", "milk"),
        ("Beverages, almond milk, unsweetened", "milk"),
        ("Beverages, rice milk, unsweetened", "milk"),
        ("Eggplant, raw", "egg"),
        ("Buckwheat groats, roasted, cooked", "wheat"),
        ("Rice noodles, cooked", "wheat"),
        ("Noodles, chinese, cellophane or long rice (mung beans)", "wheat"),
        ("Rice flour, white", "wheat"),
        ("Corn flour, masa, enriched", "wheat"),
        ("Chickpea flour (besan)", "wheat"),
        ("Squash, winter, spaghetti, cooked", "wheat"),
        ("Bread, gluten-free, white, made with rice flour", "wheat"),
        ("Spices, nutmeg, ground", "tree_nuts"),
        ("Waterchestnuts, chinese, raw", "tree_nuts"),
        ("Water chestnut, canned", "tree_nuts"),
        ("Fish, milkfish, raw", "milk"),
        ("Crabapples, raw", "shellfish"),
        ("Mushrooms, oyster, raw", "shellfish"),
        ("Oil, soybean, salad or cooking", "soy"),
        ("Bananas, raw", "milk"),
        ("Nuts, mixed nuts, oil roasted, without peanuts", "peanuts"),
        ("Fish, herring eggs, Pacific, dry", "egg"),
        ("Pickles, cucumber, sweet (includes bread and butter pickles)", "milk"),
        ("Pickles, cucumber, sweet (includes bread and butter pickles)", "wheat"),
        ("Custard-apple, (bullock's-heart), raw", "egg"),
    ],
)
def test_description_does_not_flag_allergen(description: str, allergen: str) -> None:
    assert allergen not in make_food(description=description).allergens


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("Lard", "meat"),
        ("Fat, beef tallow", "meat"),
        ("Soup, chicken broth, ready-to-serve", "meat"),
        ("Beef broth, canned", "meat"),
        ("Chicken, broilers or fryers, breast, meat only, raw", "meat"),
        ("Honey", "honey"),
        ("Cereals, HONEY NUT CHEERIOS", "honey"),
        ("Gelatin desserts, dry mix", "gelatin"),
        ("Candies, marshmallows", "gelatin"),
        ("Fish, anchovy, european, raw", "fish"),
        ("Mollusks, clam, mixed species, raw", "shellfish"),
        ("Cheese, swiss", "dairy"),
        ("Egg, yolk, raw, fresh", "egg"),
        ("Bacon bits", "meat"),
    ],
)
def test_description_flags_animal_kind(description: str, kind: str) -> None:
    assert kind in make_food(description=description).animal


@pytest.mark.parametrize(
    ("description", "kind"),
    [
        ("Melons, honeydew, raw", "honey"),
        ("Soup, vegetable broth, ready to serve", "meat"),
        ("Bacon, meatless", "meat"),
        ("MORNINGSTAR FARMS Chik'n Nuggets, frozen, unprepared", "meat"),
        ("Chili with beans, without meat", "meat"),
        ("Pigeon peas (red gram), mature seeds, raw", "meat"),
        ("Nuts, coconut milk, raw (liquid expressed from grated meat and water)", "meat"),
        ("Rolls, hamburger or hotdog, plain", "meat"),
        ("Pickle relish, hot dog", "meat"),
        ("Fish, lingcod, meat, raw", "meat"),
        ("Spices, poultry seasoning", "meat"),
        ("Potatoes, french fried, steak fries, frozen", "meat"),
        ("Agar, dried", "gelatin"),
    ],
)
def test_description_does_not_flag_animal_kind(description: str, kind: str) -> None:
    assert kind not in make_food(description=description).animal


def test_sr28_groups_decide_animal_kind() -> None:
    assert (
        "meat" in make_food(description="Game, bison, raw", group_code="1700", source="sr28").animal
    )
    pork = make_food(description="Pork, fresh, loin, raw", group_code="1000", source="sr28")
    assert "meat" in pork.animal
    cheese = make_food(description="Cheese, brick", group_code="0100", source="sr28")
    assert cheese.animal == frozenset({"dairy"})
    egg = make_food(description="Egg, duck, whole, fresh, raw", group_code="0100", source="sr28")
    assert egg.animal == frozenset({"egg"})
    assert (
        "shellfish" in make_food(description="Whelk, raw", group_code="1500", source="sr28").animal
    )
    roughy = make_food(description="Fish, roughy, orange, raw", group_code="1500", source="sr28")
    assert roughy.animal == frozenset({"fish"})


def test_nut_group_separates_nuts_from_seeds() -> None:
    seeds = make_food(description="Seeds, sunflower seed kernels", group_code="1200", source="sr28")
    sesame = make_food(description="Seeds, sesame seeds, whole", group_code="1200", source="sr28")
    hickory = make_food(description="Nuts, hickorynuts, dried", group_code="1200", source="sr28")
    assert "tree_nuts" not in seeds.allergens
    assert sesame.allergens == frozenset({"sesame"})
    assert "tree_nuts" in hickory.allergens


def test_langual_descriptors_flag_hidden_ingredients() -> None:
    beans = make_food(
        description="Beans, baked, home prepared",
        source="sr28",
        group_code="1600",
        langual=("COMMON BEAN", "ANIMAL FAT OR OIL ADDED", "EGG ADDED", "MILK ADDED"),
    )
    assert "meat" in beans.animal
    assert {"egg", "milk"} <= beans.allergens


def test_meat_analog_products_are_not_meat_but_may_hold_allergens() -> None:
    analog = make_food(description="Sausage, meatless", group_code="1600", source="sr28")
    vegan = make_food(
        description="MORNINGSTAR FARMS Grillers Vegan", group_code="1600", source="sr28"
    )
    assert "meat" not in analog.animal
    assert {"soy", "wheat", "egg", "milk"} <= analog.allergens
    assert vegan.animal == frozenset()


def test_ingredient_texts_count_towards_the_dish() -> None:
    pizza = make_food(
        description="Pizza, cheese, from frozen, thin crust",
        ingredients=("Pizza, cheese topping, thin crust, frozen, cooked",),
    )
    salad = make_food(description="Mixed salad", ingredients=("Shrimp, cooked", "Oil, olive"))
    assert {"milk", "wheat"} <= pizza.allergens
    assert "shellfish" in salad.allergens


def test_animal_allergens_and_kinds_agree() -> None:
    for text in ("Eggnog", "Fish, tuna, raw", "Crustaceans, crab, raw", "Butter, salted"):
        c = make_food(description=text)
        for allergen, kind in (("milk", "dairy"), ("egg", "egg"), ("fish", "fish")):
            assert (allergen in c.allergens) == (kind in c.animal)


def test_diet_exclusions() -> None:
    assert diet_excluded_animal(diet="vegan") == frozenset(ANIMAL_KINDS)
    assert diet_excluded_animal(diet="vegetarian") == frozenset(
        {"meat", "fish", "shellfish", "gelatin"}
    )
    assert diet_excluded_animal(diet="pescatarian") == frozenset({"meat", "gelatin"})
    for diet in DIETS:
        assert diet_excluded_animal(diet=diet) <= diet_excluded_animal(diet="vegan")


def test_merge_is_union() -> None:
    a = Classification(allergens=frozenset({"milk"}), animal=frozenset({"dairy"}))
    b = Classification(allergens=frozenset({"soy"}), animal=frozenset())
    assert merge(a, b) == Classification(
        allergens=frozenset({"milk", "soy"}), animal=frozenset({"dairy"})
    )
    assert merge() == Classification()


_classifications = st.builds(
    Classification,
    allergens=st.frozensets(st.sampled_from(ALLERGENS)),
    animal=st.frozensets(st.sampled_from(ANIMAL_KINDS)),
)


@given(st.lists(_classifications, max_size=5))
def test_merge_contains_every_part(parts: list[Classification]) -> None:
    merged = merge(*parts)
    for part in parts:
        assert part.allergens <= merged.allergens
        assert part.animal <= merged.animal
    assert merge(merged, *parts) == merged


@given(st.text(max_size=60))
def test_classify_only_returns_known_keys(description: str) -> None:
    c = make_food(description=description)
    assert c.allergens <= frozenset(ALLERGENS)
    assert c.animal <= frozenset(ANIMAL_KINDS)
