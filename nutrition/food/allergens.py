"""Decide which of the nine major allergens and which animal products a food holds.

Pure rules over what USDA tells us about a food: its description, its food group (SR28 group
code or FNDDS WWEIA category), its LanguaL descriptor texts (SR28 only) and, for FNDDS recipes,
its ingredient descriptions. The safety property is one-sided: a food the engine suggests must
never conflict with a user's allergy or diet, so every doubtful case is flagged ("contains or
may contain"), while plainly wrong matches (eggplant, buckwheat, nutmeg, peanut butter as dairy)
are masked out before matching.

Sources and conventions:
- Allergen list: FDA, Food Allergen Labeling and Consumer Protection Act (FALCPA, 2004) plus
  sesame (FASTER Act, 2021). Highly refined oils are excluded from "major food allergen" by
  FALCPA section 203, so refined soybean oil alone does not make a food soy. Peanut oil is still
  flagged, because cold-pressed peanut oil keeps protein and peanut reactions are severe.
- Tree nuts: the FDA's earlier guidance list (Guidance for Industry: Questions and Answers
  Regarding Food Allergens, edition 4) names coconut, beech nut, butternut, chestnut, ginkgo,
  hickory, pili and shea nut besides the common nuts. The 2025 edition narrowed the list, but we
  keep the broader one on purpose: over-flagging only removes a suggestion.
- "shellfish" here means crustaceans and molluscs (the EU lists molluscs separately; FALCPA only
  crustaceans), again the broader reading.
- LanguaL descriptors: the LanguaL 2014 thesaurus texts as shipped in SR28 LANGDESC.
- Diets: vegan excludes every animal kind; vegetarian excludes flesh and gelatin; pescatarian
  excludes meat and gelatin (fish and shellfish allowed).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

# Allergens that are themselves animal products: the two sets must agree for these.
_ALLERGEN_ANIMAL: Final[dict[str, str]] = {
    "milk": "dairy",
    "egg": "egg",
    "fish": "fish",
    "shellfish": "shellfish",
}


@dataclass(frozen=True, slots=True)
class Classification:
    """Allergen keys (``profile.ALLERGENS``) and animal kinds (``ANIMAL_KINDS``)."""

    allergens: frozenset[str] = frozenset()
    animal: frozenset[str] = frozenset()


EMPTY: Final[Classification] = Classification()


def merge(*classifications: Classification) -> Classification:
    """The union of several classifications (a dish holds whatever any part holds)."""
    allergens: set[str] = set()
    animal: set[str] = set()
    for c in classifications:
        allergens |= c.allergens
        animal |= c.animal
    return Classification(allergens=frozenset(allergens), animal=frozenset(animal))


# --------------------------------------------------------------------------------------------
# Text rules. Each rule removes its masks from the normalised text, then looks for its pattern.


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    allergens: frozenset[str]
    animal: frozenset[str]
    mask: re.Pattern[str] | None = None


def _rx(*alternatives: str) -> re.Pattern[str]:
    # Lookarounds rather than \b so that alternatives may start or end with punctuation.
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _rule(
    pattern: re.Pattern[str],
    *,
    allergens: Iterable[str] = (),
    animal: Iterable[str] = (),
    mask: re.Pattern[str] | None = None,
) -> _Rule:
    return _Rule(pattern, frozenset(allergens), frozenset(animal), mask)


# Plant "milks", "butters" and "creams" that hold no cow's milk.
_MILK_MASK = _rx(
    r"(?:peanut|almond|cashew|nut|hazelnut|sunflower(?: seed)?|sesame|soy|soynut|apple|apricot"
    r"|pumpkin(?: seed)?|seed|fruit|cocoa|cacao|shea|mango|pistachio|walnut|pecan|macadamia"
    r"|coconut|plum|pear|peach|sheanut|nutmeg|ucuhuba|kokum|mowrah|illipe|hard|non-?dairy)\s+butters?",
    r"bread and butter pickles?",
    r"custard[- ]apples?",
    r"soy(?:bean)?,? curd cheese",
    r"(?:basis )?for ice cream coatings?",
    r"butter\s+beans?",
    r"butter\s+lettuce",
    r"(?:coconut|soy|almond|rice|oat|cashew|hemp|nut|flax|pea|hazelnut|macadamia|quinoa|walnut"
    r"|tofu|non-?dairy|plant-based)\s+(?:milks?|beverages?|drinks?|yogh?urts?|creams?"
    r"|ice cream|frozen desserts?)",
    r"cream of (?:tartar|coconut|wheat|rice)",
    r"(?:yogh?urts?|milks?|cheese|creamer),? (?:soy|almond|coconut|cashew|oat|rice|non-?dairy)",
    r"cream[- ]style",
    r"cream sodas?",
    r"cream sherry",
    r"head ?cheese",
    r"milk thistle",
    r"milkweed",
    r"milk of magnesia",
    r"(?:soy)?bean curds?",
    r"caramel colou?r",
    r"cracker barrel",
    r"without (?:milk|cheese|butter|cream)",
)
_MILK_STRONG = _rx(
    r"milks?",
    r"buttermilk",
    r"butter",
    r"butters",
    r"butterfat",
    r"butter ?oil",
    r"butterscotch",
    r"cheese\w*",
    r"cheddar",
    r"mozzarella",
    r"parmesan",
    r"ricotta",
    r"queso",
    r"paneer",
    r"cream",
    r"creams",
    r"creamed",
    r"whey",
    r"casein\w*",
    r"lactose",
    r"lactalbumin",
    r"ghee",
    r"yogh?o?urts?",
    r"kefir",
    r"custards?",
    r"eggnog",
    r"alfredo",
    r"au gratin",
    r"scalloped potato\w*",
    r"bechamel",
    r"tzatziki",
    r"raita",
    r"lassi",
    r"dulce de leche",
    r"curds?",
    r"gelato",
    r"milkshakes?",
    r"shakes?",
    r"malted",
    r"naan",
    r"ranch(?! style)",
    r"hollandaise",
    r"quiche",
    r"chowder(?![^;]*manhattan)",
)
# Weaker hints: usually dairy, but plant-based versions exist, so a non-dairy marker wins.
_MILK_WEAK = _rx(
    r"creamers?",
    r"creamy",
    r"chocolate\w*",
    r"puddings?",
    r"caramels?",
    r"fudge",
    r"toffee",
    r"nougat",
    r"margarine\w*",
    r"latte",
    r"cappuccino",
    r"mocha",
    r"whipped topping",
    r"frozen dessert",
    r"formula",
    r"infant formula",
)
_NON_DAIRY = _rx(
    r"non-?dairy",
    r"dairy[- ]free",
    r"vegan",
    r"soy\w*",
    r"silk",
    r"tofu",
    r"(?:almond|rice|oat|coconut|cashew|hemp) milk",
    r"isomil",
    r"prosobee",
    r"neocate",
    r"elecare",
    r"amino acid",
    r"unsweetened",
    r"chocolate syrup",
    r"soda",
    r"(?:peanut|almond|cashew|nut|sunflower seed|seed) butter",
)

_EGG_MASK = _rx(
    r"(?:fish|herring|salmon|sturgeon|shad|cod|lumpfish|trout|whitefish|pollock)\s+(?:eggs?|roe)",
    r"egg[- ]?free",
    r"eggless",
    r"vegan mayonnaise",
    r"without egg",
    r"custard[- ]apples?",
    r"english muffins?",
)
_EGG = _rx(
    r"eggs?",
    r"eggnog",
    r"yolks?",
    r"albumen",
    r"albumin",
    r"mayonnaise",
    r"mayo",
    r"miracle whip",
    r"aioli",
    r"meringues?",
    r"custards?",
    r"quiche",
    r"omel[e]?t(?:te)?s?",
    r"frittatas?",
    r"souffles?",
    r"hollandaise",
    r"bearnaise",
    r"french toast",
    r"flan",
    r"challah",
    r"brioche",
    r"carbonara",
    r"tartar sauce",
    r"caesar",
    r"thousand island",
    r"ranch(?! style)",
    r"macaroons?",
    r"nougat",
    r"wontons?",
    r"tempura",
    r"popovers?",
)
# Baked goods and batters that almost always hold wheat, egg and milk together.
_BAKED_RICH_MASK = _rx(
    r"(?:rice|corn|popcorn|puffed|oat)\s+cakes?",
    r"cakes?,\s+(?:rice|corn)",
    r"pancake syrups?",
    r"syrups?,[^;]*pancake",
    r"english muffins?",
    r"shortening[^;]*",
    r"^cereals?\b[^;]*",
    r"cake flour",
    r"flours?, [^;]*cakes?",
    r"custard[- ]apples?",
)
_BAKED_RICH = _rx(
    r"cakes?",
    r"cupcakes?",
    r"cookies?",
    r"brownies?",
    r"muffins?",
    r"pancakes?",
    r"waffles?",
    r"doughnuts?",
    r"donuts?",
    r"croissants?",
    r"danish pastr\w*",
    r"danish(?=,)(?!, domestic)",
    r"danishes",
    r"eclairs?",
    r"cream puffs?",
    r"crepes?",
    r"blintz\w*",
    r"sweet rolls?",
    r"cinnamon rolls?",
    r"coffee ?cakes?",
    r"cheesecakes?",
    r"ladyfingers?",
    r"biscotti",
    r"madeleines?",
    r"french toast",
    r"funnel cakes?",
    r"shortcakes?",
    r"tiramisu",
    r"biscuits?",
    r"scones?",
    r"quiche",
)

_WHEAT_STRONG_MASK = _rx(r"wheat[- ]free", r"gluten[- ]free")
_WHEAT_STRONG = _rx(
    r"wheat\w*",
    r"semolina",
    r"durum",
    r"farina",
    r"spelt",
    r"seitan",
    r"kamut",
    r"khorasan",
    r"triticale",
    r"einkorn",
    r"emmer",
    r"farro",
    r"freekeh",
    r"bulgh?ur",
    r"couscous",
    r"gluten",
    r"grape-?nuts",
)
# Words that mean wheat unless the text says the grain is something else.
_NOT_WHEAT_GRAIN = (
    r"rice|brown rice|corn|cornmeal|masa|almond|soy\w*|potato|chickpea|garbanzo|besan|coconut"
    r"|tapioca|arrowroot|buckwheat|rye|oat|barley|barley malt|sorghum|millet|teff|amaranth|quinoa"
    r"|cassava|manioc|peanut|sesame|carob|mesquite|acorn|lupin\w*|bean|pea|lentil|sunflower"
    r"|sunflower seed|hemp|flax\w*|cottonseed|chestnut|banana|plantain|taro|sweet potato|mung"
    r"|fish|nut|glutinous rice|sago|kudzu|lotus|yam|safflower seed|cracker"
)
_WHEAT_GENERIC_MASK = _rx(
    rf"(?:{_NOT_WHEAT_GRAIN})(?: seed)?\s+(?:flours?|meal|starch)",
    r"flours?,\s+(?:" + _NOT_WHEAT_GRAIN + r")",
    r"breadfruit\w*",
    r"breadnut\w*",
    r"sweetbreads?",
    r"(?:rice|cellophane|glass|mung bean|bean thread|shirataki|kelp|yam|konjac|corn|quinoa"
    r"|lentil|chickpea|bean|soy|brown rice)[- ](?:pasta|spaghetti|noodles?|macaroni|vermicelli"
    r"|crackers?|sticks?)",
    r"(?:noodles|vermicelli)[^;]*(?:rice|cellophane|mung|soy|bean thread|shirataki)",
    r"spaghetti squash",
    r"pie fillings?",
    r"(?:pizza|pasta|spaghetti|marinara|lasagna) sauces?",
    r"sauces?,\s+(?:pizza|pasta|spaghetti)",
    r"(?:fruit|sushi|california|cabbage|lettuce) rolls?",
    r"cracker barrel",
    r"shortening[^;]*",
    r"bread and butter pickles?",
    r"pie (?:spice|mix|filling)s?",
    r"sandwich (?:spread|steaks?)",
    r"(?:for use )?on a sandwich",
    r"cream of (?:tartar|coconut|rice)",
    r"for (?:flaky )?pastr\w*",
    r"squash, winter, spaghetti",
    r"cherries, (?:sour, )?(?:red, )?tart",
    r"not (?:breaded|battered|floured)",
    r"unbreaded",
    r"without (?:breading|batter)",
)
_WHEAT_GENERIC = _rx(
    r"flours?",
    r"\w*breads?",
    r"breaded",
    r"breading",
    r"bread ?crumbs?",
    r"buns?",
    r"^rolls?",
    r"(?:dinner|hard|sweet|hamburger|hot ?dog|crescent|cinnamon|kaiser|french|submarine|egg|spring"
    r"|pizza|jelly|yeast|wheat|white|rye|sourdough|soft|sesame|onion|potato|cheese|sandwich"
    r"|brown and serve|bread|pastry|crusty|club|pecan|honey|caramel) rolls?",
    r"rolls?, (?:dinner|hard|sweet|french|hamburger|hot ?dog|wheat|rye|whole|white|pumpernickel)",
    r"bagels?",
    r"pitas?",
    r"naan",
    r"matz[o]?(?:h|ah|os)?",
    r"pretzels?",
    r"crackers?",
    r"croutons?",
    r"stuffing",
    r"toasts?",
    r"toaster pastr\w*",
    r"melba",
    r"wafers?",
    r"pies?",
    r"pastry",
    r"pastries",
    r"tarts?(?! cherr| apple| flavou?r)",
    r"strudel",
    r"turnovers?",
    r"cobblers?",
    r"pizzas?",
    r"calzones?",
    r"stromboli",
    r"pasta",
    r"macaroni",
    r"spaghetti",
    r"noodles?",
    r"lasagna",
    r"lasagne",
    r"ravioli",
    r"tortellini",
    r"cannelloni",
    r"manicotti",
    r"linguine",
    r"fettuccin[ei]",
    r"penne",
    r"rigatoni",
    r"ziti",
    r"orzo",
    r"vermicelli",
    r"gnocchi",
    r"udon",
    r"ramen",
    r"soba",
    r"somen",
    r"lo mein",
    r"chow mein",
    r"dumplings?",
    r"wontons?",
    r"egg ?rolls?",
    r"spring rolls?",
    r"empanadas?",
    r"burritos?",
    r"quesadillas?",
    r"chimichangas?",
    r"sandwich\w*",
    r"hoagies?",
    r"burgers?",
    r"hamburgers?",
    r"cheeseburgers?",
    r"hot ?dogs?",
    r"corn ?dogs?",
    r"batter\w*",
    r"tempura",
    r"panko",
    r"roux",
    r"gravy",
    r"gravies",
    r"cream of",
    r"chowder",
    r"dough\w*",
    r"bran",
    r"graham",
    r"teriyaki",
    r"soy sauce(?![^;]*(?:tamari|hydrolyzed))",
    r"sauce, soy",
    r"shoyu",
    r"hoisin",
    r"cereal bars?",
)
_WHEAT_BRAN_MASK = _rx(r"(?:oat|rice|corn|barley|soy)\s+bran")

_SOY_MASK = _rx(
    r"soy(?:bean)?\s+oils?",
    r"oils?,\s+(?:industrial,\s+)?soy\w*(?:\s+\([^)]*\))?(?:,\s*salad or cooking)?",
    r"soybean and safflower oil",
    r"soybean\s+\((?:partially\s+)?hydrogenated\)",
    r"soy\s+\((?:partially\s+)?hydrogenated\)",
)
_SOY = _rx(
    r"soy\w*",
    r"soja",
    r"tofu",
    r"tempeh",
    r"miso",
    r"edamame",
    r"natto",
    r"yuba",
    r"okara",
    r"tvp",
    r"textured (?:vegetable|soy) protein",
    r"teriyaki",
    r"shoyu",
    r"tamari",
    r"hoisin",
    r"lecithin",
    r"fuyu",
    r"koyadofu",
    r"bean curds?",
    r"meat extender",
    r"mori-nu",
    r"edamame",
)

_SESAME = _rx(
    r"sesame\w*",
    r"tahini",
    r"tahina",
    r"hummus",
    r"hummous",
    r"hommos",
    r"houmous",
    r"halvah?",
    r"halwa",
    r"benne",
    r"gomasio",
    r"furikake",
    r"baba gh?anou[jsh]+",
    r"za'?atar",
)

_PEANUT_MASK = _rx(r"without peanuts?", r"peanut[- ]free")
_PEANUT = _rx(
    r"peanut\w*",
    r"groundnuts?",
    r"goobers?",
    r"arachis",
    r"satay",
    r"reese'?s",
    r"snickers",
    r"payday",
    r"baby ruth",
    r"mr\. goodbar",
    r"butterfinger",
    r"nutter butter",
    r"kung pao",
    r"pad thai",
    r"trail mix",
    r"p ?b ?(?:and|&) ?j",
)

_TREE_NUT_MASK = _rx(
    r"water ?chestnuts?",
    r"butternut\w*(?=[^;]*squash)",
    r"(?<=squash, )[^;]*butternut",
    r"acorn\w*(?=[^;]*squash)",
    r"(?<=squash, )[^;]*acorn",
    r"mouse nuts?",
    r"tiger ?nuts?",
    r"grape-?nuts",
    r"nutter butter",
    r"peanuts?",
    r"without (?:tree )?nuts",
    r"nut[- ]free",
)
_TREE_NUT = _rx(
    r"almonds?",
    r"almond\w*",
    r"brazil ?nuts?",
    r"cashews?",
    r"cashew\w*",
    r"chestnuts?",
    r"filberts?",
    r"hazelnuts?",
    r"hickory ?nuts?",
    r"macadamias?",
    r"macadamia\w*",
    r"pecans?",
    r"pine ?nuts?",
    r"pinenuts?",
    r"pin[yo]n",
    r"pignoli\w*",
    r"pistachios?",
    r"\w*walnuts?",
    r"butternuts?",
    r"beech ?nuts?",
    r"ginkgo",
    r"pili ?nuts?",
    r"pilinuts?",
    r"shea\w*",
    r"coconuts?",
    r"coconut\w*",
    r"heartnuts?",
    r"chinquapins?",
    r"acorns?",
    r"pralines?",
    r"marzipan",
    r"frangipane",
    r"gianduja",
    r"nutella",
    r"baklava",
    r"pesto",
    r"nougat",
    r"macaroons?",
    r"amaretti",
    r"nuts?",
    r"trail mix",
)

_FISH_MASK = _rx(r"swedish fish", r"goldfish", r"(?:inside|outside) drum")
_FISH = _rx(
    r"fish",
    r"fishes",
    r"anchov\w*",
    r"bass",
    r"bluefish",
    r"burbot",
    r"butterfish",
    r"carp",
    r"catfish",
    r"caviar",
    r"cisco",
    r"cod",
    r"codfish",
    r"croaker",
    r"cusk",
    r"dolphinfish",
    r"mahi ?-?mahi",
    r"drum",
    r"eels?",
    r"flatfish",
    r"flounder",
    r"gefilte\w*",
    r"grouper",
    r"haddock",
    r"halibut",
    r"herring",
    r"kipper\w*",
    r"ling",
    r"lingcod",
    r"lox",
    r"mackerel",
    r"milkfish",
    r"monkfish",
    r"mullet",
    r"perch",
    r"pike",
    r"walleye",
    r"pollock",
    r"pollack",
    r"pompano",
    r"porgy",
    r"pout",
    r"rockfish",
    r"roe",
    r"roughy",
    r"sablefish",
    r"salmon",
    r"sardines?",
    r"scrod",
    r"scup",
    r"shad",
    r"shark",
    r"sheepshead",
    r"smelts?",
    r"snapper",
    r"sole",
    r"sturgeon",
    r"sunfish",
    r"surimi",
    r"swordfish",
    r"tilapia",
    r"tilefish",
    r"trout",
    r"tuna",
    r"turbot",
    r"whitefish",
    r"whiting",
    r"wolffish",
    r"yellowtail",
    r"bonito",
    r"skipjack",
    r"sashimi",
    r"ceviche",
    r"worcestershire",
    r"caesar",
    r"nuoc mam",
    r"bouillabaisse",
    r"blackfish",
    r"sheefish",
    r"inconnu",
    r"grayling",
    r"steelhead",
    r"hake",
    r"pickerel",
    r"redfish",
    r"wahoo",
    r"dashi",
    r"tipnuk",
    r"devilfish",
    r"fish sticks?",
)
_SHELLFISH_MASK = _rx(
    r"(?:emu|ostrich), oyster",
    r"oyster blade",
    r"vegetable oyster",
    r"squash, summer, scallop",
    r"mushrooms?, oyster",
    r"crab ?apples?",
    r"oyster (?:mushrooms?|crackers?|plant)",
    r"scallop squash",
    r"lobster mushrooms?",
)
_SHELLFISH = _rx(
    r"shellfish",
    r"shrimps?",
    r"prawns?",
    r"crabs?",
    r"crabmeat",
    r"lobsters?",
    r"langostinos?",
    r"langoustines?",
    r"crayfish",
    r"crawfish",
    r"crawdads?",
    r"krill",
    r"clams?",
    r"clamato",
    r"oysters?",
    r"mussels?",
    r"scallops?",
    r"squid",
    r"calamari",
    r"octopus\w*",
    r"cuttlefish",
    r"abalone",
    r"conch",
    r"whelks?",
    r"snails?",
    r"escargots?",
    r"cockles?",
    r"periwinkles?",
    r"geoducks?",
    r"sea urchins?",
    r"sea cucumbers?",
    r"chitons?",
    r"ascidians?",
    r"tunicates?",
    r"oopah",
    r"crustaceans?",
    r"mollusks?",
    r"molluscs?",
    r"seafood",
    r"devilfish",
    r"bouillabaisse",
    r"scampi",
    r"surimi",
)

# A meat analog or meatless dish: its meat words name a flavour, not an ingredient.
_MEAT_ANALOG = _rx(
    r"meatless",
    r"vegetarian",
    r"vegan",
    r"veggie",
    r"meat[- ]free",
    r"meat substitutes?",
    r"meat extender",
    r"meat analogs?",
    r"soyburgers?",
    r"soy[- ]based",
    r"chik'?n?",
    r"chic-ketts",
    r"turk'y",
    r"loma linda",
    r"worthington",
    r"morningstar farms",
    r"gardenburger",
    r"tofurky",
    r"quorn",
    r"wham",
)
# SR28 analog products carry no ingredient list; most hold soy, wheat gluten, egg and milk.
_ANALOG_PRODUCT = _rx(
    r"loma linda",
    r"worthington",
    r"morningstar farms",
    r"gardenburger",
    r"meat substitutes?",
    r"meat extender",
    r"veggie burgers?",
    r"soyburgers?",
    r"vegetarian (?:fillets?|meatloaf|patties|burgers?|sausages?)",
    r"(?:bacon|bacon bits|sausage|chicken|frankfurter|luncheon slices|meatballs|sandwich spread)"
    r"(?:,[^,]*)?, meatless",
)
_MEAT_MASK = _rx(
    r"eggs?, (?:whole, )?(?:duck|goose|quail|turkey|chicken)",
    r"(?:duck|goose|quail|turkey|chicken)'?s? eggs?",
    r"(?:without|no|free of) (?:meat|pork|beef|chicken|ham|bacon|poultry|sausage)",
    r"(?:coconut|nut|crab|lobster|fish|clam|shrimp)\s+meats?",
    r"bear claws?",
    r"meatless",
    r"meat (?:extender|substitutes?|analogs?)",
    r"pigeon ?peas?",
    r"lamb'?s[- ](?:lettuce|quarters?)",
    r"duck sauce",
    r"buffalo[- ](?:sauce|style|flavou?r\w*)",
    r"poultry seasoning",
    r"steak[- ](?:fries|cut)",
    r"(?:hot ?dog|hamburger) relish",
    r"relish, (?:hot ?dog|hamburger)",
    r"grated meat",
    r"slim-a-bear",
    r"blood orange\w*",
    r"(?:vegetable|veggie|mushroom|fish|seafood|clam|shrimp|miso|kombu|dashi)\s+"
    r"(?:broth|stock|bouillon|consomme)",
    r"(?:broth|stock|bouillon),?\s+(?:vegetable|fish|mushroom)",
    r"beefsteak (?:tomato\w*|mushroom\w*|plant)",
    r"(?:hamburger|hot ?dog|frankfurter)s?(?: or (?:hamburger|hot ?dog)s?)?,?\s+(?:buns?|rolls?)",
    r"^(?:rolls?|buns?),\s+(?:hamburger|hot ?dog)(?: or (?:hamburger|hot ?dog))?",
    r"cracker barrel",
    r"cod liver",
    r"liver oil",
    r"turtle beans?",
    r"black turtle",
    r"vegetable marrow",
)
_MEAT_STRONG = _rx(
    r"beef\w*",
    r"veal",
    r"pork\w*",
    r"ham",
    r"hams",
    r"bacon",
    r"lamb",
    r"mutton",
    r"goat",
    r"venison",
    r"bison",
    r"buffalo",
    r"elk",
    r"moose",
    r"deer",
    r"caribou",
    r"reindeer",
    r"rabbit",
    r"squirrel",
    r"boar",
    r"horse",
    r"chicken\w*",
    r"turkey",
    r"duck\w*",
    r"goose",
    r"geese",
    r"quail",
    r"pheasant",
    r"ptarmigan",
    r"grouse",
    r"pigeon",
    r"squab",
    r"emu",
    r"ostrich",
    r"poultry",
    r"capon",
    r"cornish",
    r"guinea hen",
    r"owl",
    r"seal",
    r"whale",
    r"walrus",
    r"bear",
    r"beaver",
    r"muskrat",
    r"opossum",
    r"raccoon",
    r"frog legs?",
    r"alligator",
    r"sausages?",
    r"salami",
    r"pepperoni",
    r"bologna",
    r"frankfurters?",
    r"franks?",
    r"hot ?dogs?",
    r"corn ?dogs?",
    r"wieners?",
    r"bratwurst",
    r"kielbasa",
    r"knockwurst",
    r"chorizo",
    r"pastrami",
    r"prosciutto",
    r"pancetta",
    r"jerky",
    r"liverwurst",
    r"braunschweiger",
    r"pate",
    r"giblets",
    r"gizzards?",
    r"tripe",
    r"chitterlings",
    r"oxtail",
    r"sweetbreads?",
    r"lard",
    r"tallow",
    r"suet",
    r"schmaltz",
    r"drippings",
    r"cracklings",
    r"chicharrones?",
    r"meatballs?",
    r"meatloaf",
    r"mincemeat",
    r"burgers?",
    r"hamburgers?",
    r"cheeseburgers?",
    r"carne",
    r"carnitas",
    r"pollo",
    r"gyros?",
    r"kebabs?",
    r"shawarma",
    r"scrapple",
    r"spam",
    r"head ?cheese",
    r"souse",
    r"haggis",
    r"blood (?:sausage|pudding)",
    r"pemmican",
    r"barbacoa",
    r"luncheon",
    r"animal fat",
    r"bone marrow",
    r"salisbury",
    r"brisket",
    r"sirloin",
    r"pot roast",
    r"pepper steak",
)
# Generic words that mean meat only when nothing marks the food as fish or shellfish.
_MEAT_GENERIC = _rx(
    r"meats?",
    r"livers?",
    r"steaks?",
    r"broth",
    r"stock",
    r"bouillon",
    r"consomme",
    r"gravy",
    r"gravies",
)

_HONEY = re.compile(
    r"\bhoney(?!dew|suckle|crisp|\s+locust|\s+dew)\w*|\b(?:mead|royal jelly|propolis|bee pollen"
    r"|graham crackers?|baklava|nougat|granola)\b"
)
_GELATIN = _rx(
    r"gelatin\w*",
    r"gelatine",
    r"jell-?o",
    r"aspic",
    r"gumm(?:y|ies|i)\w*",
    r"marshmallows?",
    r"panna cotta",
    r"knox",
)
_GELATIN_MASK = _rx(r"gelatin[- ]free", r"agar")

_RULES: Final[tuple[_Rule, ...]] = (
    _rule(_MILK_STRONG, allergens={"milk"}, animal={"dairy"}, mask=_MILK_MASK),
    _rule(_EGG, allergens={"egg"}, animal={"egg"}, mask=_EGG_MASK),
    _rule(
        _BAKED_RICH,
        allergens={"wheat", "egg", "milk"},
        animal={"egg", "dairy"},
        mask=_BAKED_RICH_MASK,
    ),
    _rule(_WHEAT_STRONG, allergens={"wheat"}, mask=_WHEAT_STRONG_MASK),
    _rule(_SOY, allergens={"soy"}, mask=_SOY_MASK),
    _rule(_SESAME, allergens={"sesame"}),
    _rule(_PEANUT, allergens={"peanuts"}, mask=_PEANUT_MASK),
    _rule(_TREE_NUT, allergens={"tree_nuts"}, mask=_TREE_NUT_MASK),
    _rule(_FISH, allergens={"fish"}, animal={"fish"}, mask=_FISH_MASK),
    _rule(_SHELLFISH, allergens={"shellfish"}, animal={"shellfish"}, mask=_SHELLFISH_MASK),
    _rule(_HONEY, animal={"honey"}),
    _rule(_GELATIN, animal={"gelatin"}, mask=_GELATIN_MASK),
)

# Refined oils and fats made from soybean hold no soy protein (FALCPA section 203).
_REFINED_FAT_HEAD = re.compile(
    r"^(?:oils?|shortening\w*|margarine\w*|margarine-like\w*|vegetable oil|fat"
    r"|usda commodity food, oil)\b"
)
_GLUTEN_FREE = _rx(r"gluten[- ]free", r"wheat[- ]free")

# LanguaL descriptor texts (SR28 LANGDESC) that name an allergen or animal product outright.
_LANGUAL: Final[dict[str, Classification]] = {}


def _lang(
    names: Iterable[str], *, allergens: Iterable[str] = (), animal: Iterable[str] = ()
) -> None:
    value = Classification(allergens=frozenset(allergens), animal=frozenset(animal))
    for name in names:
        _LANGUAL[name] = value


_lang(
    (
        "MILK",
        "MILK ADDED",
        "MILK PROTEIN ADDED",
        "WHEY ADDED",
        "CHEESE ADDED",
        "BUTTER ADDED",
        "COW",
        "COW MILK",
        "MILK PRODUCT",
        "MARGARINE ADDED",
        "CUSTARD, COOKED (US CFR)",
    ),
    allergens={"milk"},
    animal={"dairy"},
)
_lang(
    ("EGG ADDED", "EGG WHITE ADDED", "EGG YOLK ADDED", "EGG", "CUSTARD, COOKED (US CFR)"),
    allergens={"egg"},
    animal={"egg"},
)
_LANGUAL["CUSTARD, COOKED (US CFR)"] = Classification(
    allergens=frozenset({"milk", "egg"}), animal=frozenset({"dairy", "egg"})
)
_lang(
    (
        "WHEAT",
        "COMMON WHEAT",
        "DURUM WHEAT",
        "HARD WHEAT",
        "SOFT WHEAT",
        "SPELT",
        "TRITICALE",
        "WHEAT ADDED",
        "WHEAT GERM ADDED",
        "BREADED OR BATTER-COATED",
    ),
    allergens={"wheat"},
)
_lang(("SOYBEAN",), allergens={"soy"})
_lang(("SESAME",), allergens={"sesame"})
_lang(("PEANUT", "PEANUT OR PEANUT BUTTER ADDED"), allergens={"peanuts"})
_lang(
    (
        "ALMOND",
        "BEECHNUT",
        "BLACK WALNUT",
        "BRAZILNUT",
        "BUTTERNUT",
        "CASHEW",
        "CHINESE CHESTNUT",
        "EUROPEAN CHESTNUT",
        "JAPANESE CHESTNUT",
        "EUROPEAN FILBERT",
        "ENGLISH WALNUT",
        "HICKORY",
        "MACADAMIA",
        "PECAN",
        "PINE NUT",
        "PISTACHIO",
        "COCONUT",
        "ACORN",
        "GINKGO",
        "PILI TREE",
        "TREE NUT ADDED",
        "NUT MILK",
    ),
    allergens={"tree_nuts"},
)
_lang(("FISH",), allergens={"fish"}, animal={"fish"})
_lang(("CRUSTACEAN", "MOLLUSC", "MOLLUSK"), allergens={"shellfish"}, animal={"shellfish"})
_lang(
    (
        "MEAT OR MEAT PRODUCT (FROM MAMMAL) (US CFR)",
        "POULTRY OR POULTRY PRODUCT (US CFR)",
        "CURED MEAT (US CFR)",
        "MEAT ADDED",
        "POULTRY ADDED",
        "ANIMAL FAT OR OIL ADDED",
        "CATTLE",
        "SWINE",
        "CHICKEN",
        "BROILER OR FRYER CHICKEN",
        "ROASTER CHICKEN",
        "HEN",
        "CAPON",
        "TURKEY (POULTRY)",
        "DUCK",
        "GOOSE",
        "QUAIL",
        "PHEASANT",
        "PIGEON",
        "GUINEA FOWL",
        "ORGAN MEAT",
        "HEART (ANIMAL)",
        "BRAIN",
        "TONGUE",
        "TRIPE",
        "GIZZARD",
        "LUNG",
        "SPLEEN",
        "PANCREAS",
        "THYMUS",
        "INTESTINE",
        "STOMACH",
        "SKIN, ANIMAL",
        "FAT BACK",
        "FOOT (MEAT CUT)",
    ),
    animal={"meat"},
)
_lang(("HONEY ADDED", "HONEY"), animal={"honey"})
_lang(("GELATIN", "GELATIN ADDED"), animal={"gelatin"})

_MILK: Final = Classification(allergens=frozenset({"milk"}), animal=frozenset({"dairy"}))
_EGG_C: Final = Classification(allergens=frozenset({"egg"}), animal=frozenset({"egg"}))
_FISH_C: Final = Classification(allergens=frozenset({"fish"}), animal=frozenset({"fish"}))
_SHELL_C: Final = Classification(
    allergens=frozenset({"shellfish"}), animal=frozenset({"shellfish"})
)
_MEAT_C: Final = Classification(animal=frozenset({"meat"}))
_TREE_C: Final = Classification(allergens=frozenset({"tree_nuts"}))
_ANALOG_C: Final = Classification(
    allergens=frozenset({"soy", "wheat", "egg", "milk"}), animal=frozenset({"egg", "dairy"})
)
_ANALOG_VEGAN_C: Final = Classification(allergens=frozenset({"soy", "wheat"}))

_SR28_MEAT_GROUPS: Final = frozenset({"0500", "0700", "1000", "1300", "1700"})
_FNDDS_MEAT_GROUPS: Final = frozenset(
    {"2002", "2004", "2006", "2008", "2010", "2202", "2204", "2206", "2602", "2604", "2606", "2608"}
)
_FNDDS_DAIRY_GROUPS: Final = frozenset(
    {
        "1002",
        "1004",
        "1006",
        "1008",
        "1202",
        "1204",
        "1206",
        "1208",
        "1402",
        "1602",
        "1604",
        "1820",
        "1822",
        "5802",
        "8006",
        "9010",
    }
)
_EGG_HEAD = re.compile(r"^(?:egg|eggs|egg substitute|egg white|egg yolk)\b")
_SEED_HEAD = re.compile(r"^seeds?\b")


def _normalise(text: str) -> str:
    # Accents and case carry no meaning for these rules ("pâté", "Soufflé").
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.lower().replace("&", " and ").split())


def _hits(pattern: re.Pattern[str], mask: re.Pattern[str] | None, text: str) -> bool:
    if mask is not None:
        text = mask.sub(" ; ", text)
    return pattern.search(text) is not None


def _words(text: str, *, recipe: bool) -> Classification:
    """Rules over one description; ``recipe`` means an ingredient list speaks for the parts."""
    refined_fat = _REFINED_FAT_HEAD.search(text) is not None and "lecithin" not in text
    found: list[Classification] = [
        Classification(allergens=r.allergens, animal=r.animal)
        for r in _RULES
        if not (refined_fat and r.pattern is _SOY) and _hits(r.pattern, r.mask, text)
    ]
    if not _NON_DAIRY.search(text) and _hits(_MILK_WEAK, _MILK_MASK, text):
        found.append(_MILK)
    if not _GLUTEN_FREE.search(text):
        generic = _WHEAT_GENERIC_MASK.sub(" ; ", _WHEAT_BRAN_MASK.sub(" ; ", text))
        if _WHEAT_GENERIC.search(generic):
            found.append(Classification(allergens=frozenset({"wheat"})))
    analog = _MEAT_ANALOG.search(text) is not None
    if not analog:
        meat_text = _MEAT_MASK.sub(" ; ", text)
        if _MEAT_STRONG.search(meat_text):
            found.append(_MEAT_C)
        else:
            seafood = any("fish" in c.animal or "shellfish" in c.animal for c in found)
            if not seafood and _MEAT_GENERIC.search(meat_text):
                found.append(_MEAT_C)
    elif not recipe and _ANALOG_PRODUCT.search(text):
        found.append(_ANALOG_VEGAN_C if "vegan" in text else _ANALOG_C)
    return merge(*found)


def _group(*, text: str, group_code: str, source: str) -> Classification:
    analog = _MEAT_ANALOG.search(text) is not None
    if source == "sr28":
        if group_code == "0100":
            return _EGG_C if _EGG_HEAD.search(text) else _MILK
        if group_code in _SR28_MEAT_GROUPS:
            return EMPTY if analog else _MEAT_C
        if group_code == "1500":
            shellfish = _hits(_SHELLFISH, _SHELLFISH_MASK, text)
            # Surimi imitations are fish flavoured with the shellfish they copy.
            return _SHELL_C if shellfish and "surimi" not in text else _FISH_C
        if group_code == "1200":
            if _SEED_HEAD.search(text) and not _hits(_TREE_NUT, _TREE_NUT_MASK, text):
                return EMPTY
            return _TREE_C
        return EMPTY
    if group_code in _FNDDS_MEAT_GROUPS:
        return EMPTY if analog else _MEAT_C
    if group_code in _FNDDS_DAIRY_GROUPS:
        return EMPTY if _NON_DAIRY.search(text) else _MILK
    if group_code == "2402":
        return _FISH_C
    if group_code == "2404":
        return _SHELL_C
    if group_code == "2502":
        return _EGG_C
    return EMPTY


def _complete(c: Classification) -> Classification:
    # An allergen that is an animal product implies the kind and vice versa.
    allergens = set(c.allergens)
    animal = set(c.animal)
    for allergen, kind in _ALLERGEN_ANIMAL.items():
        if allergen in allergens or kind in animal:
            allergens.add(allergen)
            animal.add(kind)
    return Classification(allergens=frozenset(allergens), animal=frozenset(animal))


def declared(allergens: Iterable[str]) -> Classification:
    """What someone states a food holds (allergen keys), with the animal kinds they imply."""
    return _complete(Classification(allergens=frozenset(allergens)))


def classify(
    *,
    description: str,
    group: str,
    group_code: str,
    source: str,
    langual: Sequence[str] = (),
    ingredients: Sequence[str] = (),
) -> Classification:
    """Allergens and animal kinds of one food, from its own data and its ingredient texts.

    Errs towards flagging: the result may over-state but should never omit what USDA's text says.
    """
    text = _normalise(description)
    recipe = len(ingredients) > 0
    parts = [
        _words(text, recipe=recipe),
        _group(text=text, group_code=group_code, source=source),
    ]
    parts.extend(_LANGUAL[d] for d in langual if d in _LANGUAL)
    parts.extend(_words(_normalise(i), recipe=False) for i in ingredients)
    return _complete(merge(*parts))
