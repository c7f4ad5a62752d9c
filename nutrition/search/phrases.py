"""The grammar of a meal as people type it: text -> mentions of foods with amounts.

"2 eggs, 2 slices of whole wheat toast and a glass of orange juice" is cut into one
``Mention`` per food, each keeping the span of text it came from. The grammar knows:

* separators: commas, semicolons, colons, full stops, ``+``, ``&``, new lines, and the
  words "and", "with", "w/", "plus", "then", "also"; "X and Y" stays one food when USDA
  names a food so (``joined``: "macaroni and cheese", "peanut butter and jelly");
* amounts before or after the food: digits ("2", "1.5", ".5"), fractions ("1/2", "1 1/2",
  "1-1/2", "½", "1½"), ranges ("1-2": the midpoint), words ("a", "an", "one" to "twelve",
  "twenty", "half", "a half", "half a", "a quarter", "three quarters", "one and a half",
  "a couple of" = 2, "a few" = 3, "several" = 3, "a dozen" = 12), and "x2" / "2x";
* units: masses and volumes written apart or glued ("30g", "8 oz", "250 ml", "1 fl oz"),
  household measures ("cup", "tbsp", "slice", "glass", "bowl", "handful", "can", "box",
  "fillet", "piece", ...), sizes ("small", "medium", "large", "extra large");
* preparation words: cooking words ("grilled", "boiled", "raw") help find the food, cutting
  words ("sliced", "chopped") choose between a food's cup measures;
* a few everyday names USDA spells otherwise (``SYNONYMS``: "toast" is toasted bread, "oj"
  is orange juice) and filler ("I had", "for breakfast") that names no food.

The grammar does no lookup of foods; ``nutrition.search.parse`` resolves mentions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

__all__ = [
    "MAX_TEXT",
    "Gap",
    "Mention",
    "Phrases",
    "food_query",
    "read_meal",
    "singular",
]

#: Longest text the grammar reads (characters).
MAX_TEXT: Final = 1000

_VULGAR: Final[dict[str, float]] = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}
_V = "".join(_VULGAR)

_LEX = re.compile(
    rf"(?P<mixed>\d+[ -]+\d+/\d+|\d+ ?[{_V}])"
    rf"|(?P<frac>\d+ ?/ ?\d+)"
    rf"|(?P<pct>\d+(?:\.\d+)?%)"
    rf"|(?P<num>\d+(?:\.\d+)?|\.\d+|[{_V}])"
    r"|(?P<word>[^\W\d_]+(?:['\u2019][^\W\d_]+)*)"
    r"|(?P<sep>[,;:+&\n|]|\.(?!\d))"
    r"|(?P<slash>/)"
    r"|(?P<paren>[()\[\]])"
    r"|(?P<dash>[-\u2013])"
)

_NUMBER_WORDS: Final[dict[str, float]] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "hundred": 100,
    "dozen": 12,
    "couple": 2,
    "pair": 2,
    "few": 3,
    "several": 3,
    "half": 0.5,
    "quarter": 0.25,
    "third": 1 / 3,
}
# Words that multiply what precedes them: "three quarters", "two thirds", "two dozen".
_PARTS: Final[dict[str, float]] = {
    "half": 0.5,
    "halves": 0.5,
    "quarter": 0.25,
    "quarters": 0.25,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "dozen": 12,
}
_ARTICLES: Final[frozenset[str]] = frozenset({"a", "an"})

#: Canonical names of mass units, by spelling.
MASS_WORDS: Final[dict[str, str]] = {
    "g": "g",
    "gr": "g",
    "gm": "g",
    "gms": "g",
    "gram": "g",
    "grams": "g",
    "gramme": "g",
    "grammes": "g",
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "oz": "oz",
    "ozs": "oz",
    "ounce": "oz",
    "ounces": "oz",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
}
#: Canonical names of volume units, by spelling ("fl oz" is read from two words).
VOLUME_WORDS: Final[dict[str, str]] = {
    "ml": "ml",
    "mls": "ml",
    "milliliter": "ml",
    "milliliters": "ml",
    "millilitre": "ml",
    "millilitres": "ml",
    "cl": "cl",
    "dl": "dl",
    "l": "l",
    "liter": "l",
    "liters": "l",
    "litre": "l",
    "litres": "l",
    "cup": "cup",
    "cups": "cup",
    "c": "cup",
    "tbsp": "tbsp",
    "tbsps": "tbsp",
    "tbs": "tbsp",
    "tbl": "tbsp",
    "tablespoon": "tbsp",
    "tablespoons": "tbsp",
    "tablespoonful": "tbsp",
    "tsp": "tsp",
    "tsps": "tsp",
    "teaspoon": "tsp",
    "teaspoons": "tsp",
    "teaspoonful": "tsp",
    "pint": "pint",
    "pints": "pint",
    "quart": "quart",
    "quarts": "quart",
}
#: Household measures that are not a mass or volume: a food's own portions give their weight.
HOUSEHOLD_WORDS: Final[frozenset[str]] = frozenset(
    {
        "slice",
        "piece",
        "pc",
        "glass",
        "bowl",
        "mug",
        "plate",
        "handful",
        "can",
        "tin",
        "box",
        "bottle",
        "jar",
        "carton",
        "container",
        "packet",
        "package",
        "pack",
        "pouch",
        "bag",
        "bar",
        "stick",
        "scoop",
        "serving",
        "portion",
        "helping",
        "fillet",
        "filet",
        "link",
        "patty",
        "strip",
        "wedge",
        "cube",
        "clove",
        "stalk",
        "spear",
        "leaf",
        "sprig",
        "ear",
        "head",
        "bunch",
        "pinch",
        "dash",
        "square",
        "sheet",
        "shot",
        "spoon",
        "spoonful",
        "dollop",
        "chunk",
        "floret",
        "ring",
        "round",
        "item",
        "unit",
        "each",
        "order",
    }
)
# Household words that also end food names ("salmon fillet", "pizza slice") and may be read
# as the unit when no unit came first.
TRAILING_UNITS: Final[frozenset[str]] = frozenset(
    {
        "fillet",
        "filet",
        "slice",
        "piece",
        "bar",
        "stick",
        "patty",
        "link",
        "strip",
        "wedge",
        "steak",
    }
)
_UNIT_SPELLINGS: Final[dict[str, str]] = {
    "pcs": "piece",
    "pc": "piece",
    "filet": "fillet",
    "tin": "can",
    "spoonful": "spoon",
    "each": "piece",
}
#: Sizes as people write them -> USDA's words.
SIZE_WORDS: Final[dict[str, str]] = {
    "small": "small",
    "sm": "small",
    "little": "small",
    "medium": "medium",
    "med": "medium",
    "regular": "medium",
    "average": "medium",
    "large": "large",
    "lg": "large",
    "big": "large",
    "tall": "large",
    "huge": "large",
    "jumbo": "jumbo",
    "mini": "mini",
    "miniature": "mini",
    "extra": "extra",
}
#: Cooking words: they pick the food as eaten ("grilled chicken") among rows of that food,
#: without narrowing the search; words that make another food ("dried", "canned",
#: "smoked") stay food words.
COOKING_WORDS: Final[frozenset[str]] = frozenset(
    {
        "raw",
        "cooked",
        "boiled",
        "hard",
        "soft",
        "poached",
        "fried",
        "deep",
        "pan",
        "stir",
        "scrambled",
        "grilled",
        "baked",
        "roasted",
        "roast",
        "broiled",
        "steamed",
        "sauteed",
        "stewed",
        "braised",
        "toasted",
        "mashed",
        "fresh",
        "plain",
        "barbecued",
        "bbq",
        "microwaved",
        "blanched",
    }
)
#: Cutting words: how a food was cut, which only chooses between its measures ("1 cup, sliced").
CUT_WORDS: Final[dict[str, str]] = {
    "sliced": "sliced",
    "slices": "sliced",
    "diced": "diced",
    "chopped": "chopped",
    "minced": "minced",
    "shredded": "shredded",
    "grated": "grated",
    "cubed": "cubed",
    "halved": "halves",
    "quartered": "quartered",
    "crushed": "crushed",
    "pieces": "pieces",
    "packed": "packed",
    "heaping": "heaping",
    "heaped": "heaping",
    "level": "level",
}
# Words that name no food and carry no amount: dropped wherever they stand.
_FILLER: Final[frozenset[str]] = frozenset(
    {
        "i",
        "had",
        "have",
        "ate",
        "eaten",
        "eat",
        "drank",
        "drink",
        "just",
        "some",
        "about",
        "around",
        "approximately",
        "approx",
        "roughly",
        "maybe",
        "like",
        "my",
        "the",
        "ish",
        "today",
        "tonight",
        "this",
        "morning",
        "also",
        "then",
        "bit",
        "little",
        "lot",
        "lots",
        "of",
        "for",
        "at",
        "in",
        "full",
        "generous",
        "normal",
        "standard",
        "typical",
    }
)
# Filler inside a food's words ("a slice of the bread"); "drink" there names the food.
_INNER_FILLER: Final[frozenset[str]] = frozenset(
    {"a", "an", "of", "the", "my", "some", "just", "about", "around", "approximately", "ish"}
    | {"full", "generous", "normal", "standard", "typical"}
)
# Meal names: a part that is only these (plus filler) is a heading, not a food.
_MEAL_WORDS: Final[frozenset[str]] = frozenset(
    {"breakfast", "brunch", "lunch", "dinner", "supper", "snack", "snacks", "dessert", "meal"}
)
_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    {"tbsp", "tbs", "tsp", "oz", "fl", "lb", "lbs", "g", "gm", "kg", "ml", "pkg", "pc", "pcs"}
    | {"approx", "med", "lg", "sm", "c", "l", "qt", "pt", "no"}
)
_CONNECTORS: Final[frozenset[str]] = frozenset(
    {"and", "with", "plus", "then", "also", "n", "on", "over"}
)

#: Everyday names -> the words USDA uses (a phrase of two words is tried before one word).
SYNONYMS: Final[dict[str, str]] = {
    "toast": "bread toasted",
    "french toast": "french toast",
    "oj": "orange juice",
    "pb": "peanut butter",
    "pbj": "peanut butter and jelly sandwich",
    "mac": "macaroni",
    "porridge": "oatmeal",
    "fries": "french fries",
    "chips": "chips",
    "soda": "soft drink",
    "pop": "soft drink",
    "coke": "cola",
    "veggies": "vegetables",
    "yoghurt": "yogurt",
    "yogourt": "yogurt",
    "hotdog": "hot dog",
    "ketchup": "catsup",
    "aubergine": "eggplant",
    "courgette": "zucchini",
    "prawns": "shrimp",
    "prawn": "shrimp",
    "mince": "ground beef",
    "porridge oats": "oatmeal",
    "garbanzo": "chickpeas",
    "garbanzos": "chickpeas",
}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # num, word, sep, slash, dash
    text: str
    norm: str
    start: int
    end: int
    value: float = 0.0


@dataclass(frozen=True, slots=True)
class Mention:
    """One food as typed: ``text[start:end]`` in the original, and what was understood.

    ``quantity`` is None when no amount was given; ``unit`` is a canonical mass or volume
    unit, a household word ("slice", "glass"), or None. ``words`` are the food's own words
    (synonyms applied), ``cooking`` the cooking words among them, ``cuts`` the cutting words
    (kept out of ``words``), ``trailing`` a household word that ends the food's name and may
    be its unit ("salmon fillet").
    """

    start: int
    end: int
    text: str
    quantity: float | None
    unit: str | None
    size: str | None
    words: tuple[str, ...]
    cooking: tuple[str, ...]
    cuts: tuple[str, ...]
    trailing: str | None = None

    @property
    def query(self) -> str:
        """The words to search the catalog with."""
        return " ".join(self.words)


@dataclass(frozen=True, slots=True)
class Gap:
    """A part of the text that names no food we could read, and why."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Phrases:
    """What the grammar read: mentions of foods, and the parts it could not read."""

    mentions: tuple[Mention, ...]
    gaps: tuple[Gap, ...]


def singular(word: str) -> str:
    """A light singular form ("slices" -> "slice", "boxes" -> "box", "berries" -> "berry")."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("oes", "xes", "ches", "shes", "sses")):
        return word[:-2]
    return word[:-1]


def _norm_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"['\u2019]", "", plain)


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    for match in _LEX.finditer(text):
        kind = match.lastgroup or "word"
        raw = match.group()
        start, end = match.span()
        if kind == "mixed":
            tokens.append(_Token("num", raw, raw, start, end, _mixed_value(raw)))
        elif kind == "frac":
            num, den = (float(p) for p in raw.replace(" ", "").split("/"))
            tokens.append(_Token("num", raw, raw, start, end, num / den if den else 0.0))
        elif kind == "num":
            value = _VULGAR[raw] if raw in _VULGAR else float(raw)
            tokens.append(_Token("num", raw, raw, start, end, value))
        elif kind == "pct":
            tokens.append(_Token("word", raw, raw, start, end))
        elif kind == "word":
            tokens.append(_Token("word", raw, _norm_word(raw), start, end))
        elif kind == "sep" and raw == "." and tokens and tokens[-1].norm in _ABBREVIATIONS:
            continue  # "1 tbsp. honey": the stop ends an abbreviation, not a part
        else:
            tokens.append(_Token(kind, raw, raw, start, end))
    return tokens


def _mixed_value(raw: str) -> float:
    if raw[-1] in _VULGAR:
        return float(raw[:-1].strip()) + _VULGAR[raw[-1]]
    whole, frac = re.split(r"[ -]+", raw, maxsplit=1)
    num, den = (float(p) for p in frac.split("/"))
    return float(whole) + (num / den if den else 0.0)


# -- amounts ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Amount:
    value: float
    start: int
    end: int
    used: int  # tokens consumed


def _word_value(token: _Token) -> float | None:
    if token.kind == "num":
        return token.value
    if token.kind == "word":
        return _NUMBER_WORDS.get(token.norm)
    return None


def _amount_at(tokens: Sequence[_Token], at: int) -> _Amount | None:
    """Read an amount starting at ``tokens[at]``: digits, words, fractions, ranges."""
    n = len(tokens)

    def word(i: int) -> str:
        return tokens[i].norm if i < n and tokens[i].kind == "word" else ""

    if at >= n:
        return None
    if word(at) == "half" and word(at + 1) == "and" and word(at + 2) == "half":
        return None  # "half and half" is a cream
    if word(at) in _ARTICLES:
        if word(at + 1) not in ("half", "quarter", "third", "dozen", "couple", "few", "pair"):
            return _Amount(1.0, tokens[at].start, tokens[at].end, 1)
        last = at + 1
        value = _NUMBER_WORDS[word(last)]
    else:
        found = _word_value(tokens[at])
        if found is None:
            return None
        last, value = at, found
    j = last + 1
    # "three quarters", "two thirds", "two dozen"
    if word(j) in _PARTS and word(last) not in _PARTS:
        value *= _PARTS[word(j)]
        j += 1
    # "one and a half", "1 and 1/2", "two and half"
    if word(j) == "and":
        if word(j + 1) in _ARTICLES and word(j + 2) in ("half", "quarter", "third"):
            value += _NUMBER_WORDS[word(j + 2)]
            j += 3
        elif word(j + 1) == "half" and word(j + 2) != "and":
            value += 0.5
            j += 2
        elif j + 1 < n and tokens[j + 1].kind == "num" and tokens[j + 1].value < 1:
            value += tokens[j + 1].value
            j += 2
    # "half a cup", "half of an apple", "a quarter of a"
    if word(j - 1) in ("half", "quarter", "third", "halves", "quarters", "thirds"):
        if word(j) == "of":
            j += 1
        if word(j) in _ARTICLES:
            j += 1
    # ranges "1-2", "2 to 3", "2 or 3": the midpoint
    if tokens[last].kind == "num" and j + 1 < n and tokens[j + 1].kind == "num":
        joiner = tokens[j]
        if (joiner.kind == "dash" or word(j) in ("to", "or")) and tokens[j + 1].value > value:
            value = (value + tokens[j + 1].value) / 2
            j += 2
    if not value > 0:
        return None
    return _Amount(value, tokens[at].start, tokens[j - 1].end, j - at)


def _multiplier(tokens: Sequence[_Token], at: int) -> _Amount | None:
    """ "x2", "x 2", "2x", "2 x" as a count written after (or before) the food."""
    n = len(tokens)
    tok = tokens[at]
    if tok.kind == "word" and tok.norm == "x" and at + 1 < n and tokens[at + 1].kind == "num":
        return _Amount(tokens[at + 1].value, tok.start, tokens[at + 1].end, 2)
    if tok.kind == "word" and re.fullmatch(r"x\d+", tok.norm):
        return _Amount(float(tok.norm[1:]), tok.start, tok.end, 1)
    return None


# -- one part of the text ----------------------------------------------------------------


@dataclass(slots=True)
class _Reading:
    quantity: float | None = None
    unit: str | None = None
    size: str | None = None
    words: list[str] | None = None
    cooking: list[str] | None = None
    cuts: list[str] | None = None
    trailing: str | None = None
    start: int = -1
    end: int = -1


def _unit_at(tokens: Sequence[_Token], at: int) -> tuple[str, int] | None:
    """A unit word at ``tokens[at]``: (canonical unit, tokens used)."""
    if at >= len(tokens) or tokens[at].kind != "word":
        return None
    word = tokens[at].norm
    nxt = tokens[at + 1].norm if at + 1 < len(tokens) and tokens[at + 1].kind == "word" else ""
    if word in ("fl", "fluid") and singular(nxt) in ("oz", "ounce"):
        return "fl oz", 2
    if word == "floz":
        return "fl oz", 1
    if word in MASS_WORDS:
        return MASS_WORDS[word], 1
    if word in VOLUME_WORDS:
        if word in ("c", "l") and nxt in ("of",):
            return VOLUME_WORDS[word], 1
        if word in ("c",):
            return None
        return VOLUME_WORDS[word], 1
    one = singular(word)
    one = _UNIT_SPELLINGS.get(one, _UNIT_SPELLINGS.get(word, one))
    if one in HOUSEHOLD_WORDS:
        return one, 1
    return None


def _read_part(tokens: Sequence[_Token]) -> _Reading:
    """Amount, size, unit and food words of one part (tokens without separators)."""
    reading = _Reading(words=[], cooking=[], cuts=[])
    assert reading.words is not None and reading.cooking is not None and reading.cuts is not None
    n = len(tokens)
    i = 0
    # leading filler ("I had", "some")
    while i < n and tokens[i].kind == "word" and tokens[i].norm in _FILLER:
        i += 1
    amount = _amount_at(tokens, i) if i < n else None
    if amount is None and i < n:
        amount = _multiplier(tokens, i)
    if amount is not None:
        reading.quantity = amount.value
        i += amount.used
        extra = _multiplier(tokens, i) if i < n else None
        if extra is not None:
            reading.quantity *= extra.value
            i += extra.used
        inner = _amount_at(tokens, i) if i < n and tokens[i].kind == "num" else None
        at = i + inner.used if inner is not None else i
        while at < n and tokens[at].kind == "dash":
            at += 1
        measure = _unit_at(tokens, at) if inner is not None else None
        if inner is not None and measure is not None and measure[0] not in HOUSEHOLD_WORDS:
            # "a 12 oz can of soda", "2 8-oz glasses": the inner measure is the amount.
            reading.quantity *= inner.value
            reading.unit = measure[0]
            i = at + measure[1]
            while i < n and tokens[i].kind == "dash":
                i += 1
            vessel = _unit_at(tokens, i)
            if vessel is not None and vessel[0] in HOUSEHOLD_WORDS:
                i += vessel[1]
    # sizes and units, in either order ("large can", "cup large"), then "of"
    for _ in range(3):
        if i < n and tokens[i].kind == "word" and tokens[i].norm in SIZE_WORDS:
            size = SIZE_WORDS[tokens[i].norm]
            if size == "extra" and i + 1 < n and tokens[i + 1].norm in ("large", "big", "small"):
                size = "extra " + SIZE_WORDS[tokens[i + 1].norm]
                i += 1
            elif size == "extra":
                break
            reading.size = size
            i += 1
            continue
        unit = _unit_at(tokens, i) if reading.unit is None else None
        if unit is not None and (_has_food_after(tokens, i + unit[1]) or i + unit[1] >= n):
            reading.unit = unit[0]
            i += unit[1]
            continue
        break
    while i < n and tokens[i].kind == "word" and tokens[i].norm in ("of", "a", "an"):
        i += 1
    rest = [t for t in tokens[i:] if t.kind != "paren"]
    # an amount written after the food: "chicken 150 g", "eggs x2", "rice (1 cup)"
    tail = _trailing_amount(rest)
    if tail is not None:
        quantity, tail_unit, cut = tail
        if reading.quantity is None:
            reading.quantity = quantity
            reading.unit = reading.unit or tail_unit
        elif reading.unit is None and tail_unit is None:
            reading.quantity *= quantity
        rest = rest[:cut]
    previous = ""
    words_only = [t for t in rest if t.kind == "word"]
    final = words_only[-1] if words_only else None
    for token in rest:
        if token.kind != "word":
            continue
        word = token.norm
        after_for, previous = previous in ("for", "at"), word
        if word in _MEAL_WORDS and after_for:
            continue
        if word in _INNER_FILLER:
            continue
        if word in CUT_WORDS:
            reading.cuts.append(CUT_WORDS[word])
            continue
        if word in SIZE_WORDS and reading.size is None and (not reading.words or token is final):
            reading.size = SIZE_WORDS[word]
            continue
        if word in COOKING_WORDS:
            reading.cooking.append(word)
        reading.words.append(word)
    if reading.words and reading.unit is None:
        ending = singular(reading.words[-1])
        ending = _UNIT_SPELLINGS.get(ending, ending)
        if ending in TRAILING_UNITS and len(reading.words) > 1:
            reading.trailing = ending
    return reading


def _has_food_after(tokens: Sequence[_Token], at: int) -> bool:
    """Whether a word that could name a food follows ``at`` (so "a can" of tuna is a unit,
    while "can" at the end is not read as one)."""
    return any(t.kind in ("word", "num") for t in tokens[at:])


def _trailing_amount(rest: list[_Token]) -> tuple[float, str | None, int] | None:
    """An amount after the food words: (quantity, unit or None, index where it starts)."""
    n = len(rest)
    if n < 2:
        return None
    for cut in range(1, n):
        tok = rest[cut]
        if tok.kind not in ("num", "word"):
            continue
        mult = _multiplier(rest, cut)
        if mult is not None and cut + mult.used == n:
            return mult.value, None, cut
        if tok.kind != "num":
            continue
        amount = _amount_at(rest, cut)
        if amount is None:
            continue
        after = cut + amount.used
        unit = _unit_at(rest, after) if after < n else None
        end = after + (unit[1] if unit else 0)
        if end == n and (unit is not None or after == n):
            return amount.value, unit[0] if unit else None, cut
        if unit is not None and end < n and all(t.kind != "word" for t in rest[end:]):
            return amount.value, unit[0], cut
    return None


# -- cutting the text into parts ---------------------------------------------------------


def _apply_synonyms(tokens: list[_Token]) -> list[_Token]:
    out: list[_Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "word" and i + 1 < len(tokens) and tokens[i + 1].kind == "word":
            pair = f"{tok.norm} {tokens[i + 1].norm}"
            if pair in SYNONYMS:
                nxt = tokens[i + 1]
                out.extend(_expand(SYNONYMS[pair], tok.start, nxt.end, tok.text + " " + nxt.text))
                i += 2
                continue
        if tok.kind == "word" and tok.norm in SYNONYMS:
            out.extend(_expand(SYNONYMS[tok.norm], tok.start, tok.end, tok.text))
            i += 1
            continue
        out.append(tok)
        i += 1
    return out


def _expand(phrase: str, start: int, end: int, text: str) -> list[_Token]:
    return [_Token("word", text, word, start, end) for word in phrase.split()]


def _is_connector(tokens: Sequence[_Token], at: int) -> int:
    """How many tokens at ``at`` form a connector ("and", "with", "w/", "&"); 0 if none."""
    tok = tokens[at]
    if tok.kind == "sep":
        return 1
    if tok.kind == "word" and tok.norm in _CONNECTORS:
        return 1
    if (
        tok.kind == "word"
        and tok.norm == "w"
        and at + 1 < len(tokens)
        and tokens[at + 1].kind == "slash"
    ):
        return 2
    return 0


def _parts(tokens: list[_Token], joined: frozenset[tuple[str, str]]) -> list[list[_Token]]:
    """Cut at separators and connectors, except where they belong to a name or an amount."""
    parts: list[list[_Token]] = []
    current: list[_Token] = []
    i = 0
    while i < len(tokens):
        width = _is_connector(tokens, i)
        if width and not _keeps_together(tokens, i, current, joined):
            if current:
                parts.append(current)
            current = []
            i += width
            continue
        current.append(tokens[i])
        i += 1
    if current:
        parts.append(current)
    return parts


def _keeps_together(
    tokens: Sequence[_Token], at: int, current: Sequence[_Token], joined: frozenset[tuple[str, str]]
) -> bool:
    """Whether the connector at ``at`` is part of a food's name or of an amount."""
    tok = tokens[at]
    if tok.kind == "sep" and tok.norm not in ("&", "+"):
        return False
    if not current or at + 1 >= len(tokens):
        return False
    before, after = current[-1], tokens[at + 1]
    if tok.norm == "and" and _word_value(before) is not None and before.norm not in _PARTS:
        # "one and a half", "2 and 1/2"
        if after.kind == "num" and after.value < 1:
            return True
        following = tokens[at + 2].norm if at + 2 < len(tokens) else ""
        if after.norm in _ARTICLES and following in ("half", "quarter", "third"):
            return True
        if after.norm == "half" and following != "and":
            return True
    if tok.norm == "and" and before.kind == "word" and before.norm == "half":
        return after.kind == "word" and after.norm == "half"  # "half and half"
    if before.kind != "word" or after.kind != "word":
        return False
    return (singular(before.norm), singular(after.norm)) in joined


def read_meal(text: str, *, joined: frozenset[tuple[str, str]] = frozenset()) -> Phrases:
    """Read ``text`` into mentions of foods (see the module doc for the grammar).

    ``joined`` holds (word, word) pairs that USDA names as one food around "and" or "with"
    ("macaroni", "cheese"), in the light singular form of ``singular``.
    """
    tokens = _apply_synonyms(_lex(text))
    mentions: list[Mention] = []
    gaps: list[Gap] = []
    for part in _parts(tokens, joined):
        reading = _read_part(part)
        start, end = part[0].start, part[-1].end
        words = reading.words or []
        previous = mentions[-1] if mentions else None
        amount_only = not words and (reading.quantity is not None or reading.unit is not None)
        if amount_only and previous is not None and previous.quantity is None:
            # "coffee, 2 cups": the amount belongs to the food before it.
            mentions[-1] = replace(
                previous,
                end=end,
                text=text[previous.start : end],
                quantity=reading.quantity or 1.0,
                unit=reading.unit,
                size=reading.size or previous.size,
            )
        elif amount_only:
            gaps.append(Gap(start, end, text[start:end], "an amount without a food"))
        elif not words or all(w in _MEAL_WORDS for w in words):
            continue  # filler, or a heading such as "breakfast:"
        elif previous is not None and _only_cooking(reading):
            # "1 medium sweet potato, baked": how the food before it was cooked
            mentions[-1] = replace(
                previous,
                end=end,
                text=text[previous.start : end],
                words=(*previous.words, *words),
                cooking=(*previous.cooking, *words),
            )
        else:
            mentions.append(_mention(reading, start, end, text[start:end]))
    return Phrases(mentions=tuple(mentions), gaps=tuple(gaps))


def _only_cooking(reading: _Reading) -> bool:
    words = reading.words or []
    return (
        reading.quantity is None
        and reading.unit is None
        and bool(words)
        and all(w in COOKING_WORDS for w in words)
    )


def _mention(reading: _Reading, start: int, end: int, span: str) -> Mention:
    quantity = reading.quantity
    if quantity is None and reading.unit is not None:
        quantity = 1.0  # "a slice of bread" without the article, "cup of coffee"
    return Mention(
        start=start,
        end=end,
        text=span,
        quantity=quantity,
        unit=reading.unit,
        size=reading.size,
        words=tuple(reading.words or ()),
        cooking=tuple(reading.cooking or ()),
        cuts=tuple(reading.cuts or ()),
        trailing=reading.trailing,
    )


def food_query(text: str) -> str:
    """The food words of a search query, amounts and units removed ("1 medium banana" ->
    "banana"); the query itself when it holds no food word or more than one food."""
    phrases = read_meal(text)
    if len(phrases.mentions) != 1:
        return text
    words = phrases.mentions[0].words
    return " ".join(words) if words else text
