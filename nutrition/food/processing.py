"""How processed a food is, and which foods are never worth suggesting as a portion.

Rules rest on the food's group (USDA SR28 food group code such as ``0900`` Fruits and Fruit
Juices, or the FNDDS 2017-2018 WWEIA category number such as ``5702`` Candy containing
chocolate) plus words of its USDA description. Sources: USDA ARS, *National Nutrient Database
for Standard Reference, Release 28* (FD_GROUP.txt), and USDA ARS Food Surveys Research Group,
*FNDDS 2017-2018* (WWEIA food category list). The penalty is a ranking heuristic (0 = whole or
minimally processed, 1 = heavily processed), not a nutrient value; it only reorders suggestions.
"""

from __future__ import annotations

import re
from typing import Final

#: SR28 food group code -> base penalty. Whole-food groups sit at 0.
_SR28_BASE: Final[dict[str, float]] = {
    "0100": 0.0,  # dairy and egg: plain milk, yogurt, eggs; words below raise the rest
    "0200": 0.3,
    "0300": 0.8,  # baby foods: not meant for the adults and children we suggest to
    "0400": 0.3,
    "0500": 0.0,
    "0600": 0.45,
    "0700": 0.6,
    "0800": 0.45,  # breakfast cereals; plain oats etc. are lowered below
    "0900": 0.0,
    "1000": 0.0,
    "1100": 0.0,
    "1200": 0.0,
    "1300": 0.0,
    "1400": 0.3,
    "1500": 0.0,
    "1600": 0.0,
    "1700": 0.0,
    "1800": 0.4,
    "1900": 0.8,
    "2000": 0.0,
    "2100": 0.7,
    "2200": 0.6,
    "2500": 0.7,
    "3500": 0.1,
    "3600": 0.6,
}

#: FNDDS WWEIA category number ranges (inclusive) -> base penalty; first match wins.
_WWEIA_BASE: Final[tuple[tuple[int, int, float], ...]] = (
    (1002, 1008, 0.0),  # plain milk
    (1202, 1208, 0.35),  # flavoured milk
    (1402, 1402, 0.55),  # milk shakes
    (1404, 1404, 0.15),  # milk substitutes
    (1602, 1604, 0.15),  # cheese
    (1820, 1822, 0.05),  # yogurt
    (2002, 2010, 0.0),  # meat
    (2202, 2202, 0.0),
    (2204, 2204, 0.5),  # nuggets and patties
    (2206, 2206, 0.0),
    (2402, 2404, 0.0),  # fish and shellfish
    (2502, 2502, 0.05),  # eggs
    (2602, 2608, 0.6),  # cured meats, bacon, frankfurters, sausages
    (2802, 2804, 0.0),  # legumes, nuts and seeds
    (2806, 2806, 0.15),  # tofu and other soy products
    (3002, 3506, 0.35),  # mixed dishes
    (3602, 3730, 0.55),  # pizza, burgers, sandwiches
    (3802, 3802, 0.3),  # soups
    (4002, 4004, 0.0),  # rice, pasta, cooked grains
    (4202, 4208, 0.2),  # breads and tortillas
    (4402, 4404, 0.45),  # quick breads, pancakes
    (4602, 4602, 0.7),  # sugary ready-to-eat cereal
    (4604, 4604, 0.4),
    (4802, 4804, 0.05),  # oatmeal, grits
    (5002, 5204, 0.6),  # chips, popcorn, pretzels, crackers
    (5402, 5404, 0.75),  # cereal and nutrition bars
    (5502, 5506, 0.8),  # cakes, cookies, pastries
    (5702, 5704, 0.9),  # candy
    (5802, 5806, 0.7),  # frozen desserts, pudding, gelatins
    (6002, 6014, 0.0),  # fruit
    (6016, 6016, 0.1),  # dried fruit
    (6018, 6024, 0.0),
    (6402, 6420, 0.0),  # vegetables
    (6430, 6430, 0.5),  # fried vegetables
    (6432, 6432, 0.3),
    (6489, 6489, 0.1),
    (6802, 6802, 0.0),  # baked or boiled potatoes
    (6804, 6804, 0.6),  # french fries
    (6806, 6806, 0.25),
    (7002, 7008, 0.2),  # juices
    (7102, 7106, 0.6),  # diet drinks
    (7202, 7202, 0.9),  # soft drinks
    (7204, 7206, 0.8),  # fruit, sport and energy drinks
    (7208, 7208, 0.6),
    (7220, 7220, 0.3),
    (7302, 7304, 0.1),  # coffee, tea
    (7702, 7704, 0.0),  # water
    (7802, 7804, 0.4),
    (8002, 8012, 0.3),  # fats, dressings
    (8402, 8412, 0.45),  # condiments and sauces
    (8802, 8806, 0.8),  # sugars, syrups, toppings
    (9002, 9204, 0.8),  # baby foods
)

# Words that mark extra processing wherever they appear (weight added to the base).
_WORD_PENALTIES: Final[tuple[tuple[re.Pattern[str], float], ...]] = (
    (re.compile(r"\b(candies|candy|confection\w*|frosted|frosting|icing|glazed)\b"), 0.5),
    (re.compile(r"\b(cookies?|cakes?|pies?|doughnuts?|pastry|pastries|brownies?)\b"), 0.35),
    (re.compile(r"\b(soft drink|carbonated|cola|energy drink|fruit punch|drink mix)\b"), 0.5),
    (re.compile(r"\b(chips|puffs|twists|extruded|cheese-flavor)\b"), 0.3),
    (re.compile(r"\b(fried|breaded|battered|fast food|restaurant)\b"), 0.2),
    (re.compile(r"\b(sweetened|with added sugar|syrup|honey roasted|sugar-coated)\b"), 0.15),
    (re.compile(r"\b(imitation|substitute|analog|formulated|fat free dressing)\b"), 0.3),
    (re.compile(r"\b(pasteurized process|cheese food|cheese spread|luncheon|cured|smoked)\b"), 0.2),
    (re.compile(r"\b(ice cream|milk shake|pudding|dessert|topping)\b"), 0.35),
    (re.compile(r"\b(chocolate|chocolate-flavor|flavored|cocoa|malted)\b"), 0.2),
    (re.compile(r"\b(frozen|prepared|commercial|commercially)\b"), 0.03),
    (re.compile(r"\bcanned\b"), 0.1),
    # Organ meats: USDA files them as "variety meats and by-products"; FNDDS names the organ.
    # Nutrient-dense, but not what a dietitian puts before the ordinary cut.
    (
        re.compile(
            r"\b(variety meats|by-products|liver|gizzards?|tripe|giblets|chitterlings|"
            r"sweetbreads)\b"
        ),
        0.45,
    ),
    # Canned shellfish (oysters, clams): a speciality beside the fresh fish it competes with.
    (re.compile(r"\b(mollusks|crustaceans|oysters?|clams?|mussels?)\b.*\bcanned\b"), 0.3),
    # Added nutrients ("with added calcium", "fortified"): the ordinary food comes first.
    (re.compile(r"\b(fortified|with added calcium|calcium[- ]fortified)\b"), 0.15),
    # Sold to be cooked first ("Spinach, frozen, unprepared"), or a cooking ingredient.
    (re.compile(r"\b(unprepared|uncooked)\b"), 0.25),
    (re.compile(r"\b(paste|concentrate|puree|sauce|evaporated|condensed)\b"), 0.25),
    # Whole fruit over juice (the fibre stays); "juice pack" is canned fruit, not juice.
    (re.compile(r"\bjuice\b(?! pack)|\bnectar\b"), 0.2),
)

_PACKED = re.compile(r"\b(water pack|juice pack|syrup pack|solids and liquids|drained solids)\b")
_PACKED_PENALTY: Final = 0.15

# Plain, cooked-at-home descriptors that pull a processed-group food back toward whole.
_PLAIN = re.compile(
    r"\b(oats|oatmeal|oat bran|wheat bran|bulgur|barley|quinoa|millet|buckwheat|"
    r"shredded wheat|plain|unsweetened|whole-wheat|whole wheat|whole grain|whole-grain)\b"
)

# Grains and dry legumes listed raw or dry are eaten cooked; their cooked rows should win.
_NEEDS_COOKING = re.compile(r"\b(raw|dry|uncooked|unprepared|mature seeds, raw)\b")
# Legume products made ready to eat; SR28 still calls some of them "raw" ("Tofu, raw, firm").
_READY_LEGUME = re.compile(r"^(tofu|soymilk|soy milk|hummus)\b")

# An upper-case word of three or more letters (SR28 writes brands in capitals: KELLOGG'S,
# CAMPBELL'S) or a trade-mark sign. Some capitalised tokens are not brands.
_BRAND = re.compile(r"[®™]|\b[A-Z][A-Z'&\-]{2,}\b")
_NOT_BRANDS: Final[frozenset[str]] = frozenset(
    {"USDA", "NFS", "NS", "RTE", "DHA", "ARA", "CHO", "UHT", "NLEA", "II", "III", "USA", "PBM"}
)

# Things never to suggest as a portion, whatever the group.
_EXCLUDED_WORDS = re.compile(
    r"\b("
    r"supplement|meal replacement|protein powder|whey protein|protein isolate|shake mix|"
    r"formula|leavening|baking powder|baking soda|cream of tartar|yeast|gelatin, dry|"
    r"gelatins, dry|gelatin powder|rennin|alcoholic beverage|liqueur|whiskey|vodka|rum|gin|"
    r"tequila|brandy|wine|beer|sake|table salt|salt, table|salt substitute|"
    r"seasoning mix|bouillon|sweeteners?, tabletop|sugar substitute|stevia|"
    r"vital wheat gluten|not reconstituted|undiluted|flour|meat extender|crude|"
    r"textured vegetable protein|soy protein concentrate|freeze-dried|cottonseed meal|"
    r"whey, acid|whey, sweet|egg, white, dried|egg, whole, dried|egg, yolk, dried|"
    r"human milk|nutrition bar|meal bar|energy bar|protein bar"
    r")\b"
)

_DRY_FORM = re.compile(
    r"\b(powder|powdered|dry mix|drink mix|beverage mix|cocoa mix|dry form|dehydrated flakes|"
    r"dry concentrate)\b"
)
_DRY_SEGMENT = re.compile(r"(^|, )dry(,|$)")
#: SR28 groups whose dry rows are the usual way to log the food (oats, pasta, beans).
_COOKED_FROM_DRY: Final[frozenset[str]] = frozenset({"0800", "1600", "2000", "1200"})
_RAW = re.compile(r"(^|, )raw(,|$)")
#: SR28 meat, poultry and fish groups (poultry, sausages, pork, beef, fish, lamb/veal/game).
_RAW_UNSAFE_GROUPS: Final[frozenset[str]] = frozenset(
    {"0500", "0700", "1000", "1300", "1500", "1700"}
)
_MADE_UP = re.compile(r"\b(prepared|made with|made from|reconstituted|diluted)\b")

#: WWEIA categories never suggested: alcohol, formula, human milk, protein/nutrition
#: powders, nutrition bars, sugar substitutes, and the catch-all "not in a food category".
_WWEIA_EXCLUDED: Final[frozenset[int]] = frozenset(
    {5404, 7502, 7504, 7506, 8804, 9402, 9404, 9406, 9602, 9802, 9999}
)


#: Broad food classes (used for diversity and portion rules), by SR28 food group code.
_SR28_CLASS: Final[dict[str, str]] = {
    "0100": "dairy",
    "0200": "other",
    "0300": "baby",
    "0400": "fat",
    "0500": "meat",
    "0600": "mixed",
    "0700": "meat",
    "0800": "grain",
    "0900": "fruit",
    "1000": "meat",
    "1100": "vegetable",
    "1200": "nut",
    "1300": "meat",
    "1400": "beverage",
    "1500": "fish",
    "1600": "legume",
    "1700": "meat",
    "1800": "grain",  # breads and rolls are grain foods; cakes and cookies carry penalties
    "1900": "sweet",
    "2000": "grain",
    "2100": "mixed",
    "2200": "mixed",
    "2500": "snack",
    "3500": "other",
    "3600": "mixed",
}

#: The same classes by FNDDS WWEIA category number range (inclusive); first match wins.
_WWEIA_CLASS: Final[tuple[tuple[int, int, str], ...]] = (
    (1002, 1822, "dairy"),  # milk, flavoured milk, shakes, milk substitutes, cheese, yogurt
    (2002, 2206, "meat"),
    (2402, 2404, "fish"),
    (2502, 2502, "egg"),
    (2602, 2608, "meat"),
    (2802, 2802, "legume"),
    (2804, 2804, "nut"),
    (2806, 2806, "legume"),
    (3002, 3802, "mixed"),
    (4002, 4004, "grain"),
    (4202, 4208, "grain"),  # breads, rolls, tortillas
    (4402, 4404, "grain"),  # quick breads, pancakes
    (4602, 4804, "grain"),  # ready-to-eat and cooked cereals
    (5002, 5404, "snack"),
    (5502, 5806, "sweet"),
    (6002, 6024, "fruit"),
    (6402, 6806, "vegetable"),  # includes white potatoes
    (7002, 7804, "beverage"),
    (8002, 8012, "fat"),
    (8402, 8412, "condiment"),
    (8802, 8806, "sweet"),
    (9002, 9204, "baby"),
)
#: The classes of a dietitian's day: whole foods, not drinks, sweets or mixed dishes.
WHOLE_FOOD_CLASSES: Final[tuple[str, ...]] = (
    "dairy",
    "egg",
    "meat",
    "fish",
    "legume",
    "nut",
    "grain",
    "fruit",
    "vegetable",
)
#: Every class ``food_class`` can return.
FOOD_CLASSES: Final[tuple[str, ...]] = (
    *WHOLE_FOOD_CLASSES,
    "mixed",
    "snack",
    "sweet",
    "beverage",
    "fat",
    "condiment",
    "baby",
    "other",
)
_EGG_HEAD = re.compile(r"^eggs?\b", re.IGNORECASE)
#: WWEIA 1404, milk substitutes.
_WWEIA_MILK_SUBSTITUTES: Final = 1404
_SUBSTITUTE = re.compile(
    r"\b(soymilk|soy milk|almond milk|rice milk|oat milk|cashew milk|non-dairy|nondairy|"
    r"milk substitute|tofu yogurt|soy yogurt|cheese substitute|imitation cheese)\b"
)


def _is_fndds(source: str) -> bool:
    return source.lower().startswith("fndds")


def _wweia_number(group_code: str) -> int | None:
    try:
        return int(group_code)
    except ValueError:
        return None


def _base_penalty(*, group_code: str, source: str) -> float:
    if _is_fndds(source):
        number = _wweia_number(group_code)
        if number is None:
            return 0.3
        for low, high, penalty in _WWEIA_BASE:
            if low <= number <= high:
                return penalty
        return 0.3
    return _SR28_BASE.get(group_code, 0.3)


def _has_brand(description: str) -> bool:
    return any(m.group(0) not in _NOT_BRANDS for m in _BRAND.finditer(description))


def food_class(*, description: str, group_code: str, source: str) -> str:
    """The broad class of a food (one of ``FOOD_CLASSES``) from its SR28 group or WWEIA category.

    SR28 and FNDDS use different code lists; this puts both on one scale ("fruit", "legume").
    """
    if _is_fndds(source):
        number = _wweia_number(group_code)
        if number is not None:
            for low, high, name in _WWEIA_CLASS:
                if low <= number <= high:
                    return name
        return "other"
    if group_code == "0100" and _EGG_HEAD.search(description):
        return "egg"
    return _SR28_CLASS.get(group_code, "other")


def processing_penalty(*, description: str, group: str, group_code: str, source: str) -> float:
    """Return how processed a food is, in [0, 1]: 0 for whole foods, near 1 for candy or soda.

    Heuristic from the food group / WWEIA category plus description words (see module doc).
    """
    text = f"{description}, {group}".lower()
    penalty = _base_penalty(group_code=group_code, source=source)
    for pattern, weight in _WORD_PENALTIES:
        if pattern.search(text):
            penalty += weight
    if _PACKED.search(description.lower()) and food_class(
        description=description, group_code=group_code, source=source
    ) in ("fruit", "vegetable"):
        # Canned fruit and vegetables in their packing liquid: the fresh or cooked-from-fresh
        # food of the same name comes first (canned fish "drained solids" is not meant).
        penalty += _PACKED_PENALTY
    if not _is_fndds(source) and _has_brand(description):
        # Branded SR28 rows are commercial products; they stay behind generic equivalents.
        penalty = max(penalty, 0.35) + 0.15
    if _PLAIN.search(description.lower()) and not _has_brand(description):
        penalty *= 0.3
    lowered = description.lower()
    needs_cooking = _NEEDS_COOKING.search(lowered) is not None and not _READY_LEGUME.match(lowered)
    if group_code in {"0800", "1600", "2000"} and not _is_fndds(source) and needs_cooking:
        penalty += 0.35
    return float(min(1.0, max(0.0, penalty)))


def is_excluded(*, description: str, group: str, group_code: str, source: str) -> bool:
    """Whether a food must never be suggested as a portion (salt, spices, supplements, alcohol...).

    These are eaten in gram amounts, are not food for the people we suggest to, or are dry
    forms nobody eats as is.
    """
    lowered = description.lower()
    if _is_fndds(source):
        number = _wweia_number(group_code)
        if number is not None and number in _WWEIA_EXCLUDED:
            return True
    elif group_code == "0200":
        # Spices and herbs: used by the pinch or the gram, never as a portion.
        return True
    elif group_code == "0300" and "formula" in lowered:
        return True
    if lowered.startswith("salt") or lowered.startswith("spices"):
        return True
    if _EXCLUDED_WORDS.search(lowered) is not None:
        return True
    if group_code == "0100" and not _is_fndds(source) and re.search(r"\bdried\b", lowered):
        # Dried milk, buttermilk or egg: a baking ingredient by the spoon.
        return True
    if _DRY_SEGMENT.search(lowered) and group_code not in _COOKED_FROM_DRY:
        # "Milk, dry", "Textured vegetable protein, dry": an ingredient, not a portion.
        return True
    if not _is_fndds(source) and group_code in _RAW_UNSAFE_GROUPS and _RAW.search(lowered):
        # Raw meat rows exist for reference; nobody should be told to eat raw pork.
        return True
    if group_code == "1400" and "instant" in lowered and _MADE_UP.search(lowered) is None:
        return True
    # Dry forms (powders, mixes, concentrates) are excluded unless the row is the made-up dish.
    return _DRY_FORM.search(lowered) is not None and _MADE_UP.search(lowered) is None


#: Head words (the first naming segment) of herbs, spices, condiments, garnishes and cooking
#: ingredients: used by the pinch, the spoon or the clove, never eaten as a serving.
_CONDIMENT_HEAD = re.compile(
    r"^(garlic|ginger( root)?|parsley|cilantro|coriander( leaves?)?|chives|dill( weed)?|basil|"
    r"(spear|pepper)?mint|rosemary|thyme|sage|oregano|tarragon|lemon ?grass|horseradish|"
    r"wasabi|capers?|vinegar|mustard|catsup|ketchup|sauces?|soy sauce|fish sauce|"
    r"worcestershire( sauce)?|hot sauce|salsa|relish|pickle relish|mayonnaise|"
    r"(salad )?dressings?|gravy|yeast|gelatins?|cocoa|baking (chocolate|powder|soda)|"
    r"bouillon|broth cubes?|seasonings?|leavening agents?|salt|peppers, hot|"
    r"(jalapeno|serrano|chili|chile|chipotle|habanero) peppers?|lemon juice|lime juice|"
    r"(lemon|lime|orange) peel|zest|vanilla|extracts?|spices|shallots?|miso|"
    r"chutney|pesto|tahini|molasses|syrups?|sugars?|honey|jams?|jellies|jelly|marmalade|"
    r"frosting|icing|sprinkles|candied fruit|seaweed, (agar|spirulina|irishmoss)|spirulina|"
    r"cornstarch|arrowroot|tapioca, pearl|pectin|cream of tartar|rennet|meat tenderizer|"
    r"shortening|lard|oils?|butter|margarine|ghee|fat|suet|tallow)$"
)
#: The same ingredients named anywhere in a description (a dry powder or a stock cube).
_CONDIMENT_ANYWHERE = re.compile(
    r"\b(garlic powder|onion powder|cocoa powder|cocoa, dry powder|baking chocolate|"
    r"chocolate, baking|bouillon|stock cube|broth cube|gelatin, dry|dry gelatin|"
    r"unsweetened baking|yeast extract|meat extract)\b"
)
_HOT_PEPPER = re.compile(
    r"(black|white|cayenne|red, crushed|hot|chili|chile|serrano|jalapeno|habanero)"
)
#: WWEIA condiments and sauces (8402-8412), fats and oils (8002-8012), sugars (8802-8806).
_WWEIA_CONDIMENTS: Final[tuple[tuple[int, int], ...]] = ((8002, 8012), (8402, 8412), (8802, 8806))


def is_condiment(*, description: str, group_code: str, source: str) -> bool:
    """Whether a food is a herb, spice, condiment, garnish, fat or cooking ingredient.

    Such foods (garlic, ginger, parsley, mustard, vinegar, yeast, cocoa powder, gelatin, stock
    cubes, oils, sugar) are eaten by the gram as part of a dish, so they are never offered as a
    serving of their own, whatever their nutrient density. Decided from the SR28 group (0200
    Spices and Herbs, 0400 Fats and Oils), the WWEIA category, and the naming segment.
    """
    lowered = description.lower()
    if _is_fndds(source):
        number = _wweia_number(group_code)
        if number is not None and any(lo <= number <= hi for lo, hi in _WWEIA_CONDIMENTS):
            return True
    elif group_code in {"0200", "0400"}:
        return True
    segments = [s.strip() for s in lowered.split(",")]
    head = segments[0]
    if head == "mustard" and "greens" in lowered:
        return False
    if head in {"pepper", "peppers"} and len(segments) > 1:
        # Sweet and poblano peppers are vegetables; black pepper and hot chilies season.
        return _HOT_PEPPER.match(segments[1]) is not None
    if _CONDIMENT_HEAD.match(head) is not None:
        return True
    return _CONDIMENT_ANYWHERE.search(lowered) is not None


def is_dairy_substitute(*, description: str, group_code: str, source: str) -> bool:
    """Whether a food stands in for milk, yogurt or cheese (soymilk, almond milk, WWEIA 1404).

    Ranking puts these after the dairy original for people who can have dairy.
    """
    if _is_fndds(source) and _wweia_number(group_code) == _WWEIA_MILK_SUBSTITUTES:
        return True
    return _SUBSTITUTE.search(description.lower()) is not None
