"""Suggestions real people and their clinicians would accept: a panel of realistic diets.

``python bench/bench_real_diets.py [--http] [--database-url URL]``

A panel of people (``PANEL``: young and old, both sexes, pregnant, lactating, vegan,
vegetarian, pescatarian, with allergies, salt-sensitive conditions and blood-pressure
medicines) eat their own pool of real FNDDS 2017-2018 foods in household amounts, 2-4 meals a
day for 14 days; a seeded RNG picks each day's foods from the person's pool, and some people
under-log (one meal a day, days missing) as real app users do. For each person the last 7 days
become ``LoggedItem`` values and the 14 days their food history, exactly as the service builds
them, and ``api.services.suggestions.build_suggestions`` answers (in-process, no database).

Reported (all in bench/results/real_diets.json, and printed):

a. plausibility: share of suggested portions one person would eat at one sitting (not a
   condiment, 10 g to 2x the food's typical amount, at most 600 kcal), with every miss listed;
b. variety between people: mean pairwise Jaccard overlap of the top-10 lists, and the food
   found in the most people's lists;
c. own foods: among people whose 14-day log holds a helpful food (allowed by the safety rules
   in their usual portion and closing >= 10 % of one of their "below" gaps), the share whose
   list holds at least one of their own foods;
d. how much of each "below" gap the top 3 suggestions close together, per nutrient;
e. safety, recomputed from the catalog: portions over 460 mg sodium, over 140 mg for
   salt-sensitive conditions, over 200 mg potassium under a potassium restriction, and any
   allergen or excluded animal product (all must be 0);
f. stability: the same request twice gives byte-identical JSON;
g. rotation: for 3 people, the overlap between their lists on 7 consecutive days;
h. latency: ``build_suggestions`` over the panel (p50/p95/p99), and the service
   ``suggestions_for`` against a real database for a user with 2 years of logs (and one with
   2 weeks, for comparison). Target p99 <= 10 ms.

``--http`` also serves the API (``python -m api serve``, one worker; a temporary SQLite file
unless ``--database-url``), posts a few panel members' profiles and meals through the API,
and measures requests/s of ``GET /v1/users/{id}/suggestions?days=7`` next to ``GET /health``
in the same run (and the ratio), single-request p99 when idle, and whether the same request
under load answers the same body as when idle.

PostgreSQL: ``--database-url postgresql+psycopg://postgres@127.0.0.1:5432/crampfood_bench``
(created when missing; each run uses a new client, so earlier runs' rows do not interfere).
The database serves part h and ``--http``; the panel replay needs none.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # also puts the repository root on sys.path
from sqlmodel import Session

from api.schemas.meals import MealBatchCreate
from api.schemas.suggestions import SuggestionsPublic
from api.schemas.users import UserUpdate
from api.services.catalog import Catalog
from api.services.client_foods import ClientFoods
from api.services.idempotency import IdempotentWrite
from api.services.keys import authenticate, create_key
from api.services.meals import log_meals
from api.services.profiles import client_user, put_profile
from api.services.suggestions import (
    Options,
    build_suggestions,
    history_of,
    suggestions_for,
    window_gaps,
)
from api.store.engine import make_engine
from api.store.migrate import upgrade
from api.store.models import ITEM_NUTRIENTS
from food_data.catalog import load_foods
from nutrition.food.foods import Food
from nutrition.food.portions import default_portion
from nutrition.food.processing import is_condiment
from nutrition.food.tags import LOW_SODIUM_MG
from nutrition.nutrients import scale
from nutrition.person.gaps import Gap
from nutrition.person.intake import LoggedItem
from nutrition.person.profile import DIET_EXCLUDES, Profile
from nutrition.person.targets import life_stage
from nutrition.recommend.personal import History
from nutrition.recommend.safety import (
    POTASSIUM_RESTRICTED_MAX_MG,
    SALT_SENSITIVE_CONDITIONS,
    SODIUM_HIGH_MG,
    Rules,
    rules_for,
    violations,
)

NAME = "real_diets"
SEED = 20250316
#: The last day of every in-process replay: fixed, so a run does not depend on the date.
END = date(2025, 3, 16)
DAYS = 14
WINDOW_DAYS = 7
LIMIT = 10
TARGET_P99_MS = 10.0
#: Plausible portion: at least this many grams, at most this multiple of the typical amount,
#: at most this much energy.
MIN_GRAMS = 10.0
MAX_TYPICAL = 2.0
MAX_KCAL = 600.0
#: An own food "would help" when its usual portion closes at least this share of a gap.
HELPS_SHARE = 0.10
ROTATION_PEOPLE = ("ana", "priya", "zoe")
HTTP_PEOPLE = ("ana", "luis", "priya", "kenji", "zoe", "dorothy")
#: How long the load runs while the same requests are compared with their idle answers.
UNDER_LOAD_SECONDS = 8
#: Local meal times (UTC here) and the minutes each may drift.
MEAL_TIMES = {"breakfast": (7, 30), "lunch": (12, 30), "snack": (15, 45), "dinner": (19, 0)}
MEAL_JITTER_MIN = 40
MEAL_KINDS = tuple(MEAL_TIMES)

# -- the panel --------------------------------------------------------------------------------
#
# Each person: an id, the eating pattern, a profile (the PUT /v1/users body without the time
# zone), and per meal kind: "always" (eaten every time the meal is logged), "foods" (the pool
# that day's picks come from), "n" (how many pool foods per meal, inclusive range) and "p"
# (the chance the meal is logged at all; default 1). "day_rate" is the chance a whole day is
# logged. Foods are real FNDDS 2017-2018 ids with grams eaten, mostly FNDDS's own "Quantity
# not specified" amount, scaled for small or large appetites. Day-to-day amounts vary by
# +-15 %. The comments name the foods; the script checks every id, and that nobody logs a food
# their own diet or allergies exclude.

# fmt: off
PANEL: list[dict[str, Any]] = [
    {
        "id": "ana", "pattern": "US omnivore, office worker",
        "profile": {"age": 45, "sex": "female"},
        "meals": {
            "breakfast": {"always": [("fndds:92101000", 360)], "n": (2, 3), "foods": [  # coffee
                ("fndds:51300120", 66), ("fndds:32130010", 110),  # wheat toast, scrambled eggs
                ("fndds:57123000", 28), ("fndds:11112110", 183),  # Cheerios, 2% milk
                ("fndds:61210220", 248), ("fndds:11434010", 150),  # orange juice, fruit yogurt
                ("fndds:63107010", 126),  # banana
            ]},
            "lunch": {"n": (3, 3), "foods": [
                ("fndds:27540310", 143), ("fndds:71200100", 28),  # turkey sandwich, potato chips
                ("fndds:63101000", 200), ("fndds:75143000", 73),  # apple, side salad
                ("fndds:74602010", 300), ("fndds:27520310", 127),  # tomato soup, ham sandwich
                ("fndds:92410320", 360),  # diet cola
            ]},
            "dinner": {"n": (3, 3), "foods": [
                ("fndds:24122131", 120), ("fndds:56205008", 118),  # chicken breast, white rice
                ("fndds:72201211", 78), ("fndds:58146322", 250),  # broccoli, pasta with meat sauce
                ("fndds:71101000", 285),  # baked potato
                ("fndds:27214100", 84),  # meat loaf
            ]},
            "snack": {"p": 0.8, "n": (1, 2), "foods": [
                ("fndds:53206000", 60), ("fndds:13110100", 135),  # cookies, vanilla ice cream
                ("fndds:42101110", 28), ("fndds:63123000", 75),  # salted almonds, grapes
                            ]},
        },
    },
    {
        "id": "luis", "pattern": "Mexican-American, construction worker",
        "profile": {"age": 38, "sex": "male"},
        "meals": {
            "breakfast": {"p": 0.9, "always": [("fndds:92101850", 372)], "n": (1, 2), "foods": [
                ("fndds:58100015", 259), ("fndds:51161270", 93),  # breakfast burrito, pan dulce
                ("fndds:31105030", 110), ("fndds:52215200", 56),  # fried eggs x2, flour tortilla
                ("fndds:41205010", 130),  # refried beans
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:58101320", 201), ("fndds:58163410", 182),  # tacos with meat, Spanish rice
                ("fndds:41205010", 130), ("fndds:58100255", 277),  # refried beans, chicken burrito
                ("fndds:92410310", 372), ("fndds:61119010", 154),  # cola, orange
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:58100620", 264), ("fndds:52215100", 77),  # enchiladas x2, corn tortillas
                ("fndds:41104010", 184), ("fndds:27120130", 183),  # pinto beans, pork stew
                ("fndds:27141050", 244), ("fndds:63105010", 50),  # stewed chicken, avocado
                ("fndds:74402110", 32), ("fndds:28315140", 299),  # pico de gallo, beef soup
            ]},
            "snack": {"p": 0.6, "n": (1, 1), "foods": [
                ("fndds:54401021", 45), ("fndds:63129010", 165),  # corn chips, mango
                ("fndds:92610020", 248), ("fndds:13210350", 130),  # horchata, flan
            ]},
        },
    },
    {
        "id": "priya", "pattern": "South Asian vegetarian, diabetes, ACE inhibitor",
        "profile": {"age": 52, "sex": "female", "diet": "vegetarian", "conditions": ["diabetes"],
                    "medications": ["ace_inhibitor"]},
        "meals": {
            "breakfast": {"always": [("fndds:92306800", 360)], "n": (1, 2), "foods": [  # chai
                ("fndds:58174000", 170), ("fndds:55702100", 80),  # upma, dosa
                ("fndds:11411100", 170), ("fndds:63107010", 126),  # plain whole-milk yogurt, banana
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:41311030", 240), ("fndds:56205008", 118),  # lentil curry (dal), white rice
                ("fndds:51108100", 44), ("fndds:75440600", 240),  # naan, vegetable curry
                ("fndds:41302010", 92), ("fndds:75220021", 83),  # chickpeas, okra
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:41311040", 200), ("fndds:72125310", 100),  # dal with rice, palak paneer
                ("fndds:75214021", 80), ("fndds:71103030", 170),  # cauliflower, boiled potato
                ("fndds:41108010", 92), ("fndds:51108100", 44),  # mung beans, naan
            ]},
            "snack": {"p": 0.8, "n": (1, 1), "foods": [
                ("fndds:92306800", 360), ("fndds:42104100", 28),  # chai, cashews
                ("fndds:63129010", 83), ("fndds:13210450", 130),  # mango, firni
                ("fndds:13252500", 45),  # barfi
            ]},
        },
    },
    {
        "id": "kenji", "pattern": "East Asian (Japanese), hypertension, thiazide",
        "profile": {"age": 67, "sex": "male", "conditions": ["hypertension"],
                    "medications": ["thiazide_diuretic"]},
        "meals": {
            "breakfast": {"always": [("fndds:92303010", 360)], "n": (3, 4), "foods": [  # green tea
                ("fndds:56205008", 177), ("fndds:41601070", 300),  # white rice, miso soup
                ("fndds:31103010", 50), ("fndds:41420010", 62),  # boiled egg, tofu
                ("fndds:75232110", 50),  # seaweed
            ]},
            "lunch": {"n": (2, 2), "foods": [
                ("fndds:58400100", 301), ("fndds:58151200", 180),  # noodle soup, salmon sushi roll
                ("fndds:58150320", 198), ("fndds:58112510", 100),  # chicken fried rice, dumplings
                ("fndds:75210010", 85),  # Chinese cabbage
            ]},
            "dinner": {"n": (3, 4), "foods": [
                ("fndds:26137123", 113), ("fndds:26121121", 113),  # salmon, mackerel
                ("fndds:56205008", 118), ("fndds:75340010", 64),  # rice, stir-fried vegetables
                ("fndds:41812500", 163), ("fndds:27320310", 220),  # tofu and vegetables, chow mein
                ("fndds:41420020", 80),  # edamame
            ]},
            "snack": {"p": 0.8, "n": (1, 1), "foods": [
                ("fndds:61119010", 154), ("fndds:54318000", 30),  # orange, rice chips
                ("fndds:63137010", 180),  # pear
            ]},
        },
    },
    {
        "id": "elena", "pattern": "Mediterranean pescatarian",
        "profile": {"age": 60, "sex": "female", "diet": "pescatarian"},
        "meals": {
            "breakfast": {"always": [("fndds:92101000", 240)], "n": (3, 3), "foods": [  # coffee
                ("fndds:11411410", 150), ("fndds:51300110", 36),  # Greek yogurt, whole wheat bread
                ("fndds:74101000", 90), ("fndds:14104400", 21),  # tomato, feta
                ("fndds:61119010", 154),  # orange
            ]},
            "lunch": {"always": [("fndds:82104000", 14)], "n": (3, 3), "foods": [
                ("fndds:75146000", 105), ("fndds:41205070", 60),  # Greek salad, hummus
                ("fndds:51109100", 57), ("fndds:41304990", 184),  # pita, lentils
                ("fndds:74506000", 80), ("fndds:58175110", 80),  # tomato-cucumber salad, tabbouleh
                ("fndds:75510020", 15),  # olives
            ]},
            "dinner": {"n": (3, 3), "foods": [
                ("fndds:26109120", 113), ("fndds:26137120", 113),  # cod, salmon
                ("fndds:58146222", 250), ("fndds:41302040", 92),  # pasta marinara, chickpeas
                ("fndds:72125217", 93), ("fndds:26319120", 85),  # spinach, shrimp
                ("fndds:51300110", 36),  # whole wheat bread
            ]},
            "snack": {"p": 0.9, "n": (1, 2), "foods": [
                ("fndds:42101130", 28), ("fndds:42116000", 28),  # almonds, walnuts
                ("fndds:63123000", 75), ("fndds:63137010", 180),  # grapes, pear
            ]},
        },
    },
    {
        "id": "jay", "pattern": "fast-food heavy, skips breakfast",
        "profile": {"age": 24, "sex": "male"},
        "meals": {
            "breakfast": {"p": 0.4, "n": (1, 2), "foods": [
                ("fndds:32202030", 159), ("fndds:71404010", 80),  # sausage egg muffin, hash brown
                ("fndds:92101904", 372), ("fndds:95310400", 496),  # flavored latte, Monster
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:27510155", 165), ("fndds:71401030", 110),  # cheeseburger, fries
                ("fndds:92410310", 372), ("fndds:24198731", 80),  # cola, nuggets
                ("fndds:27540146", 140), ("fndds:58106540", 248),  # chicken sandwich, pizza
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:58106210", 238), ("fndds:24198741", 100),  # cheese pizza, chicken tenders
                ("fndds:58100200", 238), ("fndds:24167220", 220),  # chicken burrito, wings
                ("fndds:71401030", 110), ("fndds:92410310", 372),  # fries, cola
            ]},
            "snack": {"p": 0.7, "n": (1, 1), "foods": [
                ("fndds:71200100", 28), ("fndds:53206000", 60),  # chips, cookies
                ("fndds:95310400", 496), ("fndds:91705010", 42),  # Monster, milk chocolate
            ]},
        },
    },
    {
        "id": "dorothy", "pattern": "older woman, small appetite, heart failure, loop diuretic",
        "profile": {"age": 84, "sex": "female", "conditions": ["heart_failure"],
                    "medications": ["loop_diuretic"]},
        "meals": {
            "breakfast": {"always": [("fndds:92302000", 240)], "n": (2, 2), "foods": [  # tea
                ("fndds:51101010", 25), ("fndds:56203066", 160),  # white toast, oatmeal with milk
                ("fndds:63101120", 120), ("fndds:63135170", 120),  # applesauce, canned peaches
            ]},
            "lunch": {"p": 0.9, "n": (2, 2), "foods": [
                ("fndds:58403010", 241), ("fndds:54325000", 12),  # chicken noodle soup, saltines
                ("fndds:14201010", 105), ("fndds:27520310", 64),  # cottage cheese, ham sandwich
                ("fndds:63107010", 63),  # half a banana
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:71501010", 100), ("fndds:27214100", 60),  # mashed potato, meat loaf
                ("fndds:75205023", 70), ("fndds:26158013", 85),  # canned green beans, tilapia
                ("fndds:73102211", 78), ("fndds:13210280", 100),  # carrots, pudding
            ]},
            "snack": {"p": 0.9, "n": (1, 1), "foods": [
                ("fndds:95103000", 252), ("fndds:53206000", 30),  # Ensure, a cookie
            ]},
        },
    },
    {
        "id": "marcus", "pattern": "athlete, college soccer",
        "profile": {"age": 22, "sex": "male"},
        "meals": {
            "breakfast": {"n": (3, 4), "foods": [
                ("fndds:56203066", 360), ("fndds:63107010", 126),  # oatmeal with milk, banana
                ("fndds:32130010", 220), ("fndds:11112110", 366),  # scrambled eggs x4, 2% milk
                ("fndds:11411420", 225), ("fndds:42202000", 32),  # Greek yogurt, peanut butter
                ("fndds:51300110", 72),  # whole wheat bread
            ]},
            "lunch": {"n": (3, 4), "foods": [
                ("fndds:24122131", 240), ("fndds:56205018", 294),  # chicken breast x2, brown rice
                ("fndds:72201211", 156), ("fndds:73402010", 200),  # broccoli, sweet potato
                ("fndds:41102080", 180), ("fndds:75143000", 73),  # black beans, side salad
            ]},
            "dinner": {"n": (3, 4), "foods": [
                ("fndds:21101130", 200), ("fndds:56130000", 280),  # steak, pasta
                ("fndds:26137120", 170), ("fndds:71101000", 285),  # salmon, baked potato
                ("fndds:72125211", 90), ("fndds:11112110", 244),  # spinach, 2% milk
            ]},
            "snack": {"n": (2, 2), "foods": [
                ("fndds:95320200", 496), ("fndds:95120010", 256),  # Gatorade, protein shake
                ("fndds:53720200", 68), ("fndds:63101000", 200),  # Clif bar, apple
                ("fndds:42101130", 28),  # almonds
            ]},
        },
    },
    {
        "id": "sofia", "pattern": "pregnant, US omnivore",
        "profile": {"age": 29, "sex": "female", "pregnant": True},
        "meals": {
            "breakfast": {"n": (2, 3), "foods": [
                ("fndds:11111000", 244), ("fndds:57330000", 61),  # whole milk, raisin bran
                ("fndds:63107010", 126), ("fndds:61210250", 248),  # banana, calcium orange juice
                ("fndds:51180010", 105), ("fndds:14301010", 30),  # bagel, cream cheese
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:27540310", 143), ("fndds:27446300", 344),  # turkey sandwich, chicken salad
                ("fndds:11432000", 170), ("fndds:63101000", 200),  # fruit yogurt, apple
                ("fndds:54325000", 18),  # saltines
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:58146322", 250), ("fndds:24152231", 140),  # pasta bolognese, thighs
                ("fndds:56205008", 118), ("fndds:75224022", 80),  # rice, peas
                ("fndds:71101000", 285), ("fndds:75143000", 73),  # baked potato, salad
            ]},
            "snack": {"n": (1, 2), "foods": [
                ("fndds:14104100", 21), ("fndds:63223020", 150),  # cheddar, strawberries
                ("fndds:13110100", 135), ("fndds:63123000", 75),  # ice cream, grapes
                ("fndds:11111000", 244),  # whole milk
            ]},
        },
    },
    {
        "id": "hannah", "pattern": "lactating vegetarian",
        "profile": {"age": 33, "sex": "female", "lactating": True, "diet": "vegetarian"},
        "meals": {
            "breakfast": {"always": [("fndds:92101900", 360)], "n": (1, 2), "foods": [  # latte
                ("fndds:56203066", 240), ("fndds:63203010", 75),  # oatmeal with milk, blueberries
                ("fndds:32130010", 110), ("fndds:51300120", 66),  # scrambled eggs, toast
                ("fndds:11434010", 150),  # Greek yogurt with fruit
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:41811890", 70), ("fndds:41601030", 309),  # veggie burger, black bean soup
                ("fndds:56204010", 170), ("fndds:75143100", 87),  # quinoa, avocado salad
                ("fndds:58106210", 119), ("fndds:41205070", 60),  # a slice of pizza, hummus
                ("fndds:51109100", 57),  # pita
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:58146150", 250), ("fndds:75440610", 200),  # pasta, vegetable curry
                ("fndds:41102040", 92), ("fndds:72119211", 65),  # black beans, kale
                ("fndds:73402010", 150), ("fndds:58145110", 230),  # sweet potato, mac and cheese
            ]},
            "snack": {"n": (1, 2), "foods": [
                ("fndds:42101130", 28), ("fndds:63101000", 200),  # almonds, apple
                ("fndds:14107030", 21), ("fndds:63107010", 126),  # mozzarella stick, banana
                ("fndds:11112110", 244),  # 2% milk
            ]},
        },
    },
    {
        "id": "zoe", "pattern": "vegan, student",
        "profile": {"age": 26, "sex": "female", "diet": "vegan"},
        "meals": {
            "breakfast": {"always": [("fndds:11320000", 244)], "n": (2, 3), "foods": [  # soy milk
                ("fndds:56203056", 240), ("fndds:63107010", 126),  # oatmeal (water), banana
                ("fndds:42202000", 32), ("fndds:43108010", 9),  # peanut butter, chia seeds
            ]},
            "lunch": {"n": (3, 3), "foods": [
                ("fndds:41420010", 124), ("fndds:56204005", 170),  # tofu, quinoa
                ("fndds:41302080", 90), ("fndds:41205070", 60),  # chickpeas, hummus
                ("fndds:63105010", 50), ("fndds:75143050", 74),  # avocado, green salad
            ]},
            "dinner": {"n": (3, 3), "foods": [
                ("fndds:41102020", 180), ("fndds:56205018", 147),  # black beans, brown rice
                ("fndds:75340010", 64), ("fndds:73402010", 150),  # stir-fry, sweet potato
                ("fndds:41305000", 90), ("fndds:56130000", 140),  # lentils, pasta
            ]},
            "snack": {"n": (2, 2), "foods": [
                ("fndds:63101000", 200), ("fndds:42101130", 28),  # apple, almonds
                ("fndds:11350020", 244), ("fndds:63223020", 150),  # almond milk, strawberries
                ("fndds:41107010", 92),  # soybeans
            ]},
        },
    },
    {
        "id": "omar", "pattern": "vegan, Middle Eastern, tree-nut allergy",
        "profile": {"age": 41, "sex": "male", "diet": "vegan", "allergies": ["tree_nuts"]},
        "meals": {
            "breakfast": {"always": [("fndds:92101000", 240)], "n": (3, 4), "foods": [  # coffee
                ("fndds:41205070", 60), ("fndds:51109100", 57),  # hummus, pita
                ("fndds:74101000", 90), ("fndds:75111000", 60),  # tomato, cucumber
                ("fndds:75510020", 15), ("fndds:11360000", 244),  # olives, rice milk
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:41209000", 112), ("fndds:58175110", 80),  # falafel x4, tabbouleh
                ("fndds:51109100", 57), ("fndds:56205002", 122),  # pita, rice
                ("fndds:71401020", 110), ("fndds:92410310", 372),  # oven fries, cola
            ]},
            "dinner": {"n": (3, 3), "foods": [
                ("fndds:41302080", 180), ("fndds:56205002", 122),  # chickpeas, rice
                ("fndds:41305000", 180), ("fndds:72125217", 93),  # lentils, spinach
                ("fndds:71103030", 170), ("fndds:74506000", 80),  # boiled potato, salad
            ]},
            "snack": {"p": 0.8, "n": (1, 1), "foods": [
                ("fndds:61119010", 154), ("fndds:63123000", 75),  # orange, grapes
                ("fndds:63149010", 155), ("fndds:92302000", 240),  # watermelon, black tea
            ]},
        },
    },
    {
        "id": "yuki", "pattern": "pescatarian, Japanese",
        "profile": {"age": 35, "sex": "male", "diet": "pescatarian"},
        "meals": {
            "breakfast": {"n": (2, 2), "foods": [
                ("fndds:92101900", 360), ("fndds:11411410", 150),  # latte, Greek yogurt
                ("fndds:51101010", 50), ("fndds:63107010", 126),  # white toast, banana
            ]},
            "lunch": {"n": (3, 3), "foods": [
                ("fndds:58151180", 180), ("fndds:58151200", 180),  # California roll, salmon roll
                ("fndds:41420010", 62), ("fndds:56112000", 160),  # tofu, noodles
                ("fndds:41107010", 92),  # soybeans
            ]},
            "dinner": {"n": (3, 4), "foods": [
                ("fndds:56205008", 237), ("fndds:26137123", 113),  # rice, salmon
                ("fndds:26155190", 85), ("fndds:26319130", 85),  # tuna, shrimp
                ("fndds:41420010", 62), ("fndds:75210010", 85),  # tofu, Chinese cabbage
                ("fndds:75232110", 50),  # seaweed
            ]},
            "snack": {"p": 0.8, "n": (1, 2), "foods": [
                ("fndds:92303010", 360), ("fndds:63126500", 75),  # green tea, kiwi
                ("fndds:63137010", 180),  # pear
            ]},
        },
    },
    {
        "id": "mia", "pattern": "child, peanut and tree-nut allergy",
        "profile": {"age": 9, "sex": "female", "allergies": ["peanuts", "tree_nuts"]},
        "meals": {
            "breakfast": {"n": (2, 2), "foods": [
                ("fndds:57349000", 41), ("fndds:11112210", 244),  # Frosted Flakes, 1% milk
                ("fndds:55100005", 100), ("fndds:61210220", 186),  # pancakes, orange juice
                ("fndds:63107010", 126),  # banana
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:58106234", 147), ("fndds:24198735", 80),  # school pizza, school nuggets
                ("fndds:63101000", 100), ("fndds:11112210", 244),  # half an apple, 1% milk
                ("fndds:58145110", 150),  # mac and cheese
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:58146322", 175), ("fndds:24142301", 100),  # pasta meat sauce, drumsticks
                ("fndds:75224022", 80), ("fndds:56205008", 118),  # peas, rice
                ("fndds:71501010", 125), ("fndds:25210110", 57),  # mashed potato, hot dog
            ]},
            "snack": {"n": (1, 2), "foods": [
                ("fndds:63123000", 75), ("fndds:54304020", 36),  # grapes, Goldfish
                ("fndds:11432000", 113), ("fndds:14104100", 21),  # fruit yogurt, cheddar
                ("fndds:54403010", 20),  # popcorn
            ]},
        },
    },
    {
        "id": "ben", "pattern": "teenager, milk allergy",
        "profile": {"age": 15, "sex": "male", "allergies": ["milk"]},
        "meals": {
            "breakfast": {"p": 0.6, "n": (1, 2), "foods": [
                ("fndds:57134000", 50), ("fndds:11320000", 244),  # corn flakes, soy milk
                ("fndds:51180010", 105), ("fndds:63107010", 126),  # bagel, banana
                ("fndds:61210220", 248),  # orange juice
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:27510521", 145), ("fndds:71401030", 110),  # hamburger, fries
                ("fndds:42302010", 112), ("fndds:63101000", 200),  # PB&J sandwich, apple
                ("fndds:95320500", 496),  # Powerade
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:24122131", 160), ("fndds:56205008", 177),  # chicken breast, rice
                ("fndds:21101130", 134), ("fndds:72201211", 78),  # steak, broccoli
                ("fndds:71101000", 285), ("fndds:56130000", 210),  # baked potato, pasta
            ]},
            "snack": {"n": (1, 2), "foods": [
                ("fndds:71200100", 28), ("fndds:54408016", 28),  # potato chips, pretzels
                ("fndds:63123000", 75), ("fndds:63101000", 200),  # grapes, apple
            ]},
        },
    },
    {
        "id": "gloria", "pattern": "Southern US, hypertension, diabetes",
        "profile": {"age": 50, "sex": "female", "conditions": ["hypertension", "diabetes"]},
        "meals": {
            "breakfast": {"always": [("fndds:92101000", 240)], "n": (2, 3), "foods": [  # coffee
                ("fndds:56201052", 240), ("fndds:31105030", 110),  # grits, fried eggs
                ("fndds:22601000", 16), ("fndds:27560650", 118),  # bacon, sausage biscuit
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:24127200", 175), ("fndds:72107221", 135),  # fried chicken breast, collards
                ("fndds:52202060", 65), ("fndds:58145110", 230),  # cornbread, mac and cheese
                ("fndds:92308000", 372),  # sweet tea
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:41301010", 92), ("fndds:24157300", 110),  # black-eyed peas, fried thigh
                ("fndds:75205023", 70), ("fndds:56205008", 118),  # green beans, rice
                ("fndds:73402022", 100), ("fndds:22101110", 90),  # sweet potato, pork chop
            ]},
            "snack": {"p": 0.7, "n": (1, 1), "foods": [
                ("fndds:63135140", 125), ("fndds:71200100", 28),  # canned peaches, chips
                ("fndds:92308000", 372),  # sweet tea
            ]},
        },
    },
    {
        "id": "walter", "pattern": "chronic kidney disease, hypertension, ACE inhibitor",
        "profile": {"age": 70, "sex": "male",
                    "conditions": ["chronic_kidney_disease", "hypertension"],
                    "medications": ["ace_inhibitor"]},
        "meals": {
            "breakfast": {"always": [("fndds:92101000", 240)], "n": (3, 3), "foods": [  # coffee
                ("fndds:51101010", 50), ("fndds:32130010", 110),  # white toast, scrambled eggs
                ("fndds:57134000", 25), ("fndds:11112210", 122),  # corn flakes, 1% milk
                ("fndds:63135170", 120),  # canned peaches
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:27520310", 127), ("fndds:74602010", 300),  # ham sandwich, tomato soup
                ("fndds:54325000", 18), ("fndds:63101000", 200),  # saltines, apple
            ]},
            "dinner": {"n": (3, 4), "foods": [
                ("fndds:21407110", 85), ("fndds:71501010", 125),  # pot roast, mashed potato
                ("fndds:73102211", 78), ("fndds:56205008", 118),  # carrots, rice
                ("fndds:75205023", 70),  # canned green beans
            ]},
            "snack": {"p": 0.8, "n": (1, 1), "foods": [
                ("fndds:54408016", 28), ("fndds:53206000", 30),  # pretzels, a cookie
                ("fndds:63123000", 75),  # grapes
            ]},
        },
    },
    {
        "id": "frank", "pattern": "liver disease, convenience foods",
        "profile": {"age": 55, "sex": "male", "conditions": ["liver_disease"]},
        "meals": {
            "breakfast": {"p": 0.5, "always": [("fndds:92101000", 360)], "n": (1, 1), "foods": [
                ("fndds:51101000", 56), ("fndds:31105030", 55),  # white bread, a fried egg
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:27560110", 166), ("fndds:71200100", 28),  # bologna sandwiches, chips
                ("fndds:92410310", 372), ("fndds:58403010", 241),  # cola, chicken noodle soup
                ("fndds:25210110", 57),  # hot dog
            ]},
            "dinner": {"n": (2, 2), "foods": [
                ("fndds:28110380", 284), ("fndds:28140710", 312),  # frozen dinners
                ("fndds:27111407", 190), ("fndds:56205008", 118),  # canned chili, rice
                ("fndds:75205023", 70), ("fndds:27510155", 165),  # green beans, cheeseburger
            ]},
            "snack": {"p": 0.6, "n": (1, 1), "foods": [
                ("fndds:92410310", 372), ("fndds:91705010", 42),  # cola, milk chocolate
                ("fndds:13110100", 135),  # ice cream
            ]},
        },
    },
    {
        "id": "rosa", "pattern": "Puerto Rican, heart failure, K-sparing + loop diuretic",
        "profile": {"age": 64, "sex": "female", "conditions": ["heart_failure"],
                    "medications": ["potassium_sparing_diuretic", "loop_diuretic"]},
        "meals": {
            "breakfast": {"always": [("fndds:92101850", 372)], "n": (1, 1), "foods": [
                ("fndds:51101000", 56), ("fndds:32105310", 170),  # white bread, plantain omelet
                ("fndds:56203066", 240), ("fndds:63133010", 83),  # oatmeal with milk, papaya
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:58156710", 212), ("fndds:27121010", 150),  # rice with beans, stewed pork
                ("fndds:24198840", 85), ("fndds:71900100", 100),  # fried chicken chunks, plantain
                ("fndds:63105010", 50), ("fndds:28340210", 275),  # avocado, chicken rice soup
            ]},
            "dinner": {"n": (2, 2), "foods": [
                ("fndds:27118180", 176), ("fndds:56205410", 116),  # beef stew, rice
                ("fndds:58155410", 329), ("fndds:75143000", 73),  # soupy rice with chicken, salad
                ("fndds:58156110", 130),  # fried rice
            ]},
            "snack": {"p": 0.6, "n": (1, 1), "foods": [
                ("fndds:13210350", 130), ("fndds:63133010", 83),  # flan, papaya
                ("fndds:61119010", 154),  # orange
            ]},
        },
    },
    {
        "id": "david", "pattern": "Midwest, diabetes, hypertension, ARB, low carb",
        "profile": {"age": 58, "sex": "male", "conditions": ["diabetes", "hypertension"],
                    "medications": ["arb"]},
        "meals": {
            "breakfast": {"always": [("fndds:92101000", 360)], "n": (2, 3), "foods": [  # coffee
                ("fndds:31105030", 110), ("fndds:22601000", 16),  # fried eggs, bacon
                ("fndds:51300120", 33), ("fndds:14201010", 105),  # toast, cottage cheese
            ]},
            "lunch": {"n": (3, 3), "foods": [
                ("fndds:25230780", 84), ("fndds:14104100", 42),  # deli turkey, cheddar
                ("fndds:75143000", 73), ("fndds:27446300", 344),  # salad, chicken salad
                ("fndds:92410320", 360), ("fndds:63101000", 200),  # diet cola, apple
            ]},
            "dinner": {"n": (3, 4), "foods": [
                ("fndds:21101130", 134), ("fndds:71101000", 285),  # steak, baked potato
                ("fndds:75205021", 70), ("fndds:24122131", 120),  # green beans, chicken breast
                ("fndds:72201211", 78), ("fndds:22101110", 90),  # broccoli, pork chop
            ]},
            "snack": {"p": 0.8, "n": (1, 2), "foods": [
                ("fndds:42101110", 28), ("fndds:13230120", 110),  # almonds, sugar-free pudding
                ("fndds:14107030", 21), ("fndds:92410320", 360),  # mozzarella stick, diet cola
            ]},
        },
    },
    {
        "id": "keisha", "pattern": "night-shift nurse, irregular logging",
        "profile": {"age": 37, "sex": "female"}, "day_rate": 0.75,
        "meals": {
            "breakfast": {"p": 0.5, "n": (1, 1), "foods": [
                ("fndds:92101904", 372), ("fndds:11432000", 170),  # flavored latte, fruit yogurt
                ("fndds:63107010", 126),  # banana
            ]},
            "lunch": {"p": 0.8, "n": (1, 2), "foods": [
                ("fndds:58400100", 301), ("fndds:27540310", 143),  # noodle soup, turkey sandwich
                ("fndds:58106210", 238), ("fndds:71200100", 28),  # pizza, chips
            ]},
            "dinner": {"n": (2, 2), "foods": [
                ("fndds:24122131", 120), ("fndds:75143000", 73),  # chicken breast, salad
                ("fndds:58304060", 298), ("fndds:56205008", 118),  # frozen spaghetti meal, rice
                ("fndds:95310400", 496),  # Monster
            ]},
            "snack": {"n": (1, 2), "foods": [
                ("fndds:53720500", 80), ("fndds:95310400", 496),  # protein bar, Monster
                ("fndds:63101000", 200), ("fndds:54304005", 45),  # apple, Cheez-It
                ("fndds:92101904", 372),  # flavored latte
            ]},
        },
    },
    {
        "id": "tom", "pattern": "under-logger: dinner only",
        "profile": {"age": 31, "sex": "male"},
        "meals": {
            "dinner": {"n": (3, 4), "foods": [
                ("fndds:21101130", 134), ("fndds:24122131", 120),  # steak, chicken breast
                ("fndds:58146321", 250), ("fndds:58106540", 248),  # pasta bolognese, pizza
                ("fndds:58100255", 277), ("fndds:56205008", 118),  # chicken burrito, rice
                ("fndds:75143000", 73), ("fndds:93101000", 360),  # salad, beer
                ("fndds:71101000", 285), ("fndds:71401031", 110),  # baked potato, fries
            ]},
        },
    },
    {
        "id": "lily", "pattern": "vegetarian teenager, skips breakfast",
        "profile": {"age": 16, "sex": "female", "diet": "vegetarian"},
        "meals": {
            "breakfast": {"p": 0.3, "n": (1, 1), "foods": [
                ("fndds:57123000", 28), ("fndds:51180010", 105),  # Cheerios, bagel
                ("fndds:11553110", 324),  # smoothie
            ]},
            "lunch": {"n": (2, 2), "foods": [
                ("fndds:58106210", 119), ("fndds:71401030", 110),  # pizza slice, fries
                ("fndds:75143000", 73), ("fndds:58145110", 230),  # salad, mac and cheese
                ("fndds:14640100", 116),  # grilled cheese
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:58146150", 250), ("fndds:41811890", 70),  # pasta with cheese, veggie burger
                ("fndds:56205008", 118), ("fndds:72201211", 78),  # rice, broccoli
                ("fndds:41205010", 130), ("fndds:52215200", 56),  # refried beans, flour tortilla
            ]},
            "snack": {"n": (1, 2), "foods": [
                ("fndds:53710500", 37), ("fndds:71200100", 28),  # cereal bar, chips
                ("fndds:13110100", 135), ("fndds:63101000", 200),  # ice cream, apple
            ]},
        },
    },
    {
        "id": "arthur", "pattern": "older man living alone, hypertension, thiazide",
        "profile": {"age": 78, "sex": "male", "conditions": ["hypertension"],
                    "medications": ["thiazide_diuretic"]},
        "meals": {
            "breakfast": {"always": [("fndds:92302000", 240)], "n": (2, 3), "foods": [  # tea
                ("fndds:57330000", 61), ("fndds:11112210", 244),  # raisin bran, 1% milk
                ("fndds:63107010", 126), ("fndds:51101010", 25),  # banana, white toast
            ]},
            "lunch": {"p": 0.6, "n": (1, 2), "foods": [
                ("fndds:54325000", 18), ("fndds:14104100", 21),  # saltines, cheddar
                ("fndds:26155190", 85), ("fndds:58403010", 241),  # canned tuna, chicken noodle soup
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:28110250", 284), ("fndds:28110380", 284),  # frozen sirloin tips, Salisbury
                ("fndds:71101000", 285), ("fndds:41602030", 316),  # baked potato, split pea soup
                ("fndds:75205023", 70),  # canned green beans
            ]},
            "snack": {"p": 0.6, "n": (1, 1), "foods": [
                ("fndds:53206000", 30), ("fndds:63135140", 125),  # a cookie, canned peaches
            ]},
        },
    },
    {
        "id": "fatima", "pattern": "pregnant, South Asian omnivore",
        "profile": {"age": 27, "sex": "female", "pregnant": True},
        "meals": {
            "breakfast": {"always": [("fndds:92306800", 360)], "n": (1, 2), "foods": [  # chai
                ("fndds:32130010", 110), ("fndds:51108100", 44),  # omelet, naan
                ("fndds:11411100", 170), ("fndds:63107010", 126),  # yogurt, banana
                ("fndds:11111000", 244),  # whole milk
            ]},
            "lunch": {"n": (2, 3), "foods": [
                ("fndds:27146150", 240), ("fndds:56205008", 118),  # chicken curry, rice
                ("fndds:41311030", 240), ("fndds:41302010", 92),  # dal, chickpeas
                ("fndds:72125221", 93), ("fndds:51108100", 44),  # spinach, naan
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:27146155", 200), ("fndds:27116100", 240),  # curries
                ("fndds:75440600", 240), ("fndds:75220021", 83),  # vegetable curry, okra
                ("fndds:51108100", 44), ("fndds:56205008", 118),  # naan, rice
            ]},
            "snack": {"p": 0.7, "n": (1, 1), "foods": [
                ("fndds:63129010", 166), ("fndds:42104100", 28),  # mango, cashews
                ("fndds:13210450", 130),  # firni
            ]},
        },
    },
    {
        "id": "sam", "pattern": "keto / low carb",
        "profile": {"age": 48, "sex": "male"},
        "meals": {
            "breakfast": {"always": [("fndds:92101000", 360)], "n": (2, 2), "foods": [  # coffee
                ("fndds:32130020", 165), ("fndds:22601000", 32),  # eggs in butter x3, bacon
                ("fndds:14104100", 21), ("fndds:63105010", 75),  # cheddar, avocado
            ]},
            "lunch": {"n": (2, 2), "foods": [
                ("fndds:27446315", 321), ("fndds:21500310", 170),  # chicken bacon salad, patties
                ("fndds:72201224", 80), ("fndds:14104100", 42),  # buttered broccoli, cheddar
            ]},
            "dinner": {"n": (2, 3), "foods": [
                ("fndds:21101120", 200), ("fndds:24152230", 160),  # steak, chicken thighs
                ("fndds:26137121", 170), ("fndds:72125218", 93),  # salmon, spinach
                ("fndds:22101110", 90), ("fndds:75143000", 73),  # pork chop, salad
            ]},
            "snack": {"n": (1, 1), "foods": [
                ("fndds:42101110", 28), ("fndds:14104100", 21),  # almonds, cheddar
                ("fndds:42116000", 28),  # walnuts
            ]},
        },
    },
    {
        "id": "grace", "pattern": "Caribbean-American, fish and shellfish allergy",
        "profile": {"age": 42, "sex": "female", "allergies": ["fish", "shellfish"]},
        "meals": {
            "breakfast": {"n": (2, 3), "foods": [
                ("fndds:56203066", 240), ("fndds:63107010", 126),  # oatmeal with milk, banana
                ("fndds:92302000", 240), ("fndds:51300120", 66),  # tea, toast
                ("fndds:31103010", 100),  # boiled eggs
            ]},
            "lunch": {"n": (3, 3), "foods": [
                ("fndds:27146150", 240), ("fndds:58156710", 141),  # chicken curry, rice and beans
                ("fndds:75211031", 78), ("fndds:71900200", 85),  # cabbage, fried plantain
                ("fndds:75143000", 73),  # salad
            ]},
            "dinner": {"n": (3, 3), "foods": [
                ("fndds:27141050", 244), ("fndds:27146155", 200),  # stewed chicken, curry with rice
                ("fndds:73402010", 150), ("fndds:56205008", 118),  # sweet potato, rice
                ("fndds:72125217", 93), ("fndds:22101110", 90),  # greens, pork chop
            ]},
            "snack": {"p": 0.8, "n": (1, 2), "foods": [
                ("fndds:63129010", 165), ("fndds:63133010", 83),  # mango, papaya
                ("fndds:92410310", 372), ("fndds:42403010", 240),  # cola, coconut water
            ]},
        },
    },
    {
        "id": "henry", "pattern": "Northern European, heart failure, loop diuretic, ARB",
        "profile": {"age": 72, "sex": "male", "conditions": ["heart_failure"],
                    "medications": ["loop_diuretic", "arb"]},
        "meals": {
            "breakfast": {"always": [("fndds:92101000", 240)], "n": (2, 3), "foods": [  # coffee
                ("fndds:51401010", 64), ("fndds:14109010", 21),  # rye bread, Swiss cheese
                ("fndds:31103010", 50), ("fndds:56203066", 240),  # boiled egg, oatmeal with milk
            ]},
            "lunch": {"p": 0.9, "n": (2, 3), "foods": [
                ("fndds:41602050", 312), ("fndds:51401010", 32),  # split pea soup, rye bread
                ("fndds:75111000", 60), ("fndds:27540310", 143),  # cucumber, turkey sandwich
            ]},
            "dinner": {"n": (3, 4), "foods": [
                ("fndds:71103010", 170), ("fndds:22101110", 90),  # boiled potatoes, pork chop
                ("fndds:21407110", 85), ("fndds:26109121", 113),  # pot roast, cod
                ("fndds:73102211", 78), ("fndds:75224022", 80),  # carrots, peas
                ("fndds:75211020", 75),  # cabbage
            ]},
            "snack": {"p": 0.8, "n": (1, 1), "foods": [
                ("fndds:63101000", 200), ("fndds:53206000", 30),  # apple, a cookie
            ]},
        },
    },
    {
        "id": "chloe", "pattern": "wheat and soy allergy, gluten-free cooking",
        "profile": {"age": 34, "sex": "female", "allergies": ["wheat", "soy"]},
        "meals": {
            "breakfast": {"n": (2, 3), "foods": [
                ("fndds:11434010", 150), ("fndds:63203010", 75),  # Greek yogurt fruit, blueberries
                ("fndds:32130020", 110), ("fndds:11112110", 244),  # eggs in butter, 2% milk
                ("fndds:63107010", 126),  # banana
            ]},
            "lunch": {"n": (3, 3), "foods": [
                ("fndds:52215100", 77), ("fndds:41102080", 90),  # corn tortillas, black beans
                ("fndds:56205018", 147), ("fndds:63105010", 50),  # brown rice, avocado
                ("fndds:63101000", 200), ("fndds:75143000", 73),  # apple, salad
            ]},
            "dinner": {"n": (3, 3), "foods": [
                ("fndds:26137120", 113), ("fndds:71101000", 285),  # salmon, baked potato
                ("fndds:24152231", 140), ("fndds:56204010", 170),  # chicken thighs, quinoa
                ("fndds:72201223", 80), ("fndds:73402010", 150),  # broccoli, sweet potato
            ]},
            "snack": {"p": 0.9, "n": (1, 2), "foods": [
                ("fndds:14104100", 21), ("fndds:63123000", 75),  # cheddar, grapes
                ("fndds:42101130", 28), ("fndds:54403010", 20),  # almonds, popcorn
                ("fndds:63223020", 150),  # strawberries
            ]},
        },
    },
]
# fmt: on


# -- the panel as logs --------------------------------------------------------------------------


def profile_of(person: dict[str, Any]) -> Profile:
    """The domain profile of a panel member."""
    p = person["profile"]
    return Profile(
        age=p["age"],
        sex=p["sex"],
        pregnant=p.get("pregnant", False),
        lactating=p.get("lactating", False),
        diet=p.get("diet"),
        allergies=frozenset(p.get("allergies", ())),
        dislikes=tuple(p.get("dislikes", ())),
        medications=frozenset(p.get("medications", ())),
        conditions=frozenset(p.get("conditions", ())),
    )


def pool_of(person: dict[str, Any]) -> dict[str, float]:
    """Every food the person may eat, with its base grams (first mention)."""
    pool: dict[str, float] = {}
    for spec in person["meals"].values():
        for food_id, grams in [*spec.get("always", ()), *spec.get("foods", ())]:
            pool.setdefault(food_id, float(grams))
    return pool


def check_panel(catalog: Catalog) -> None:
    """Fail loudly on an unknown id, an invalid profile, or a food the person cannot eat."""
    problems: list[str] = []
    ids = [p["id"] for p in PANEL]
    if len(set(ids)) != len(ids):
        problems.append("duplicate person ids")
    for person in PANEL:
        profile = profile_of(person)
        life_stage(profile=profile)  # raises for a profile the DRIs do not cover
        excluded = DIET_EXCLUDES.get(profile.diet or "", frozenset())
        for food_id in pool_of(person):
            if not re.fullmatch(r"fndds:\d{8}", food_id):
                problems.append(f"{person['id']}: {food_id} is not an FNDDS id")
                continue
            food = catalog.foods.get(food_id)
            if food is None:
                problems.append(f"{person['id']}: unknown food {food_id}")
                continue
            if food.allergens & profile.allergies:
                problems.append(f"{person['id']}: {food.description} has {food.allergens}")
            if food.animal & excluded:
                problems.append(f"{person['id']} ({profile.diet}): {food.description}")
    if problems:
        raise SystemExit("the panel is not realistic:\n  " + "\n  ".join(problems))


@dataclass(frozen=True)
class LoggedMeal:
    """One logged meal: when, which kind, and (food id, grams) items."""

    eaten_at: datetime
    kind: str
    items: tuple[tuple[str, float], ...]


def diet(person: dict[str, Any], *, end: date, days: int) -> list[LoggedMeal]:
    """The person's logged meals for ``days`` days ending ``end`` (seeded per person)."""
    rng = random.Random(f"{SEED}:{person['id']}")
    meals: list[LoggedMeal] = []
    for back in range(days - 1, -1, -1):
        day = end - timedelta(days=back)
        if rng.random() >= person.get("day_rate", 1.0):
            continue
        for kind in MEAL_KINDS:
            spec = person["meals"].get(kind)
            if spec is None or rng.random() >= spec.get("p", 1.0):
                continue
            lo, hi = spec["n"]
            picked = rng.sample(spec["foods"], min(len(spec["foods"]), rng.randint(lo, hi)))
            chosen = [*spec.get("always", ()), *picked]
            items = tuple(
                (food_id, float(round(grams * rng.uniform(0.85, 1.15))))
                for food_id, grams in chosen
            )
            hour, minute = MEAL_TIMES[kind]
            eaten = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
            eaten += timedelta(minutes=rng.randint(-MEAL_JITTER_MIN, MEAL_JITTER_MIN))
            meals.append(LoggedMeal(eaten, kind, items))
    return meals


@dataclass(frozen=True)
class Replay:
    """One person's request, built as the service builds it."""

    person: dict[str, Any]
    profile: Profile
    items: tuple[LoggedItem, ...]
    history: History
    grams_by_food: dict[str, list[float]]
    window: tuple[date, date]
    days_logged: int
    kcal_per_logged_day: float

    @property
    def pid(self) -> str:
        return str(self.person["id"])

    def call(self, catalog: Catalog, *, rotation_day: date | None = None) -> SuggestionsPublic:
        """``build_suggestions`` for this person (rotation key of ``rotation_day``)."""
        day = rotation_day or self.window[1]
        return build_suggestions(
            profile=self.profile,
            items=self.items,
            history=self.history,
            window=self.window,
            tz_name="UTC",
            rotation_key=f"{self.pid}:{day.isoformat()}",
            options=Options(limit=LIMIT),
            catalog=catalog,
        )


def logged_item(catalog: Catalog, *, eaten_at: datetime, food_id: str, grams: float) -> LoggedItem:
    """A logged item with the amounts the service stores (``api/services/meal_items.py``)."""
    amounts = scale(catalog.foods[food_id].nutrients, grams)
    return LoggedItem(
        eaten_at=eaten_at,
        food_id=food_id,
        grams=grams,
        nutrients={k: amounts[k] for k in ITEM_NUTRIENTS},
    )


def replay_of(person: dict[str, Any], catalog: Catalog, *, end: date) -> Replay:
    """The last 7 days as logged items, the 14 days as history."""
    meals = diet(person, end=end, days=DAYS)
    start = end - timedelta(days=WINDOW_DAYS - 1)
    grams_by_food: dict[str, list[float]] = {}
    items: list[LoggedItem] = []
    for meal in meals:
        for food_id, grams in meal.items:
            grams_by_food.setdefault(food_id, []).append(grams)
            if meal.eaten_at.date() >= start:
                items.append(
                    logged_item(catalog, eaten_at=meal.eaten_at, food_id=food_id, grams=grams)
                )
    days = {i.eaten_at.date() for i in items}
    kcal = sum(i.nutrients.get("energy_kcal") or 0.0 for i in items)
    return Replay(
        person=person,
        profile=profile_of(person),
        items=tuple(items),
        history=history_of(grams_by_food),
        grams_by_food=grams_by_food,
        window=(start, end),
        days_logged=len(days),
        kcal_per_logged_day=kcal / len(days) if days else 0.0,
    )


# -- measures -----------------------------------------------------------------------------------


def typical_grams(food: Food) -> tuple[float, str]:
    """What one person typically eats of ``food``: FNDDS's "Quantity not specified" amount
    when it has one, else the default portion."""
    if food.source == "fndds":
        for p in food.portions:
            if "quantity not specified" in p.description.lower():
                return p.grams, "quantity not specified"
    return default_portion(food).grams, "default portion"


def per_portion(food: Food, grams: float, key: str) -> float | None:
    value = food.nutrients.get(key)
    return None if value is None else value * grams / 100.0


def plausibility(
    answers: dict[str, SuggestionsPublic], catalog: Catalog
) -> tuple[dict[str, Any], dict[str, int]]:
    """(a) Share of portions one would eat at one sitting; the misses; plausible per person."""
    total = plausible = 0
    by_kind = {"own": [0, 0], "new": [0, 0]}  # [plausible, total]
    misses: list[dict[str, Any]] = []
    unknown_energy: list[str] = []
    per_person: dict[str, int] = {}
    for pid, answer in answers.items():
        per_person[pid] = 0
        for s in answer.suggestions:
            food = catalog.foods[s.food.id]
            grams = s.portion.grams
            typical, typical_from = typical_grams(food)
            kcal = per_portion(food, grams, "energy_kcal")
            reasons = []
            if is_condiment(
                description=food.description, group_code=food.group_code, source=food.source
            ):
                reasons.append("condiment")
            if grams < MIN_GRAMS:
                reasons.append(f"under {MIN_GRAMS:g} g")
            if grams > MAX_TYPICAL * typical:
                reasons.append(f"over {MAX_TYPICAL:g}x typical {typical:g} g ({typical_from})")
            if kcal is None:
                unknown_energy.append(f"{pid}: {s.food.id}")
            elif kcal > MAX_KCAL:
                reasons.append(f"{kcal:.0f} kcal > {MAX_KCAL:g}")
            total += 1
            kind = by_kind["own" if s.own else "new"]
            kind[1] += 1
            kind[0] += not reasons
            if reasons:
                misses.append(
                    {
                        "person": pid,
                        "food_id": s.food.id,
                        "description": food.description,
                        "portion": s.portion.description,
                        "grams": grams,
                        "typical_grams": typical,
                        "typical_from": typical_from,
                        "kcal": None if kcal is None else round(kcal, 1),
                        "own": s.own,
                        "reasons": reasons,
                    }
                )
            else:
                plausible += 1
                per_person[pid] += 1
    return {
        "suggestions": total,
        "plausible": plausible,
        "share": round(plausible / total, 4) if total else None,
        "share_own_foods": _share(*by_kind["own"]),
        "share_new_foods": _share(*by_kind["new"]),
        "rule": (
            f"not a condiment, {MIN_GRAMS:g} g <= portion <= {MAX_TYPICAL:g}x typical amount "
            "(FNDDS 'Quantity not specified', else the default portion), energy <= "
            f"{MAX_KCAL:g} kcal"
        ),
        "implausible": misses,
        "energy_unknown": unknown_energy,
    }, per_person


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 1.0


def overlap(answers: dict[str, SuggestionsPublic], catalog: Catalog) -> dict[str, Any]:
    """(b) Mean pairwise Jaccard of the top-10 lists; the food in the most lists."""
    lists = {
        pid: {s.food.id for s in a.suggestions[:LIMIT]}
        for pid, a in answers.items()
        if a.suggestions
    }
    pairs = [jaccard(lists[x], lists[y]) for x, y in itertools.combinations(lists, 2)]
    counts = Counter(food_id for ids in lists.values() for food_id in ids)
    top = counts.most_common(5)
    return {
        "people": len(lists),
        "people_without_suggestions": sorted(set(answers) - set(lists)),
        "pairs": len(pairs),
        "mean_pairwise_jaccard": round(statistics.fmean(pairs), 4) if pairs else None,
        "max_pairwise_jaccard": round(max(pairs), 4) if pairs else None,
        "most_shared": [
            {
                "food_id": food_id,
                "description": catalog.foods[food_id].description,
                "people": n,
                "share_of_people": round(n / len(lists), 4),
            }
            for food_id, n in top
        ],
        "largest_share_with_one_food": round(top[0][1] / len(lists), 4) if top else None,
        "distinct_foods": len(counts),
    }


def creditable(gap: Gap, rules: Rules) -> bool:
    """A "below" gap the rules let suggestions close (not K under a K restriction, sodium
    only when the rules raise it)."""
    if gap.status != "below" or gap.remaining <= 0:
        return False
    if gap.nutrient == "potassium" and rules.potassium_restricted:
        return False
    return not (gap.nutrient == "sodium" and not rules.raise_sodium)


def domain_view(replay: Replay) -> tuple[list[Gap], Rules]:
    """The person's gaps and safety rules, as the service derives them."""
    start, end = replay.window
    found, log = window_gaps(
        profile=replay.profile, items=replay.items, tz_name="UTC", start=start, end=end
    )
    return found, rules_for(profile=replay.profile, gaps=found, log=log)


def own_foods(
    replays: dict[str, Replay], answers: dict[str, SuggestionsPublic], catalog: Catalog
) -> dict[str, Any]:
    """(c) People whose own log holds a helpful food: how many get one of their own foods."""
    eligible: list[dict[str, Any]] = []
    others_with_own = 0
    for pid, replay in replays.items():
        found, rules = domain_view(replay)
        gaps = [g for g in found if creditable(g, rules)]
        answer = answers[pid]
        own_listed = [s.food.id for s in answer.suggestions if s.own]
        helpers = []
        for eaten in replay.history.foods:
            food = catalog.foods[eaten.food_id]
            grams = eaten.usual_grams
            amounts = scale(food.nutrients, grams)
            if violations(food=food, amounts=amounts, rules=rules):
                continue
            closes = {
                g.nutrient: min(1.0, a / g.remaining)
                for g in gaps
                if (a := amounts.get(g.nutrient)) is not None
            }
            best = max(closes.items(), key=lambda kv: kv[1], default=(None, 0.0))
            if best[1] >= HELPS_SHARE:
                helpers.append((best[1], best[0], eaten.food_id, grams))
        if not helpers:
            others_with_own += bool(own_listed)
            continue
        helpers.sort(key=lambda h: (-h[0], h[2]))
        eligible.append(
            {
                "person": pid,
                "helpful_own_foods": len(helpers),
                "best": [
                    {
                        "food_id": fid,
                        "description": catalog.foods[fid].description,
                        "usual_grams": grams,
                        "closes": {nutrient: round(share, 3)},
                        "listed": fid in own_listed,
                    }
                    for share, nutrient, fid, grams in helpers[:3]
                ],
                "own_in_list": len(own_listed),
                "got_own": bool(own_listed),
            }
        )
    got = sum(e["got_own"] for e in eligible)
    return {
        "rule": (
            "a history food in its usual (median logged) portion that safety.violations "
            f"allows under the person's rules and that closes >= {HELPS_SHARE:.0%} of a "
            "'below' gap the rules credit (not potassium under a potassium restriction; "
            "sodium only when the rules raise it)"
        ),
        "people_with_helpful_own_food": len(eligible),
        "of_them_with_own_suggestion": got,
        "share": round(got / len(eligible), 4) if eligible else None,
        "missed": [e["person"] for e in eligible if not e["got_own"]],
        "people_without_helpful_own_food_but_own_suggestion": others_with_own,
        "detail": eligible,
    }


def closure(replays: dict[str, Replay], answers: dict[str, SuggestionsPublic]) -> dict[str, Any]:
    """(d) Share of each "below" gap the top 3 suggestions close together (capped at 1)."""
    shares: dict[str, list[float]] = {}
    not_credited: Counter[str] = Counter()
    per_person: dict[str, dict[str, float]] = {}
    for pid, replay in replays.items():
        found, rules = domain_view(replay)
        top3 = answers[pid].suggestions[:3]
        per_person[pid] = {}
        for gap in found:
            if gap.status != "below" or gap.remaining <= 0:
                continue
            if not creditable(gap, rules):
                not_credited[gap.nutrient] += 1
                continue
            closed = min(1.0, sum(s.closes.get(gap.nutrient, 0.0) for s in top3))
            shares.setdefault(gap.nutrient, []).append(closed)
            per_person[pid][gap.nutrient] = round(closed, 3)
    return {
        "per_nutrient": {
            n: {
                "people_below": len(v),
                "mean_closed_by_top3": round(statistics.fmean(v), 4),
                "min": round(min(v), 4),
                "fully_closed": sum(x >= 0.999 for x in v),
            }
            for n, v in sorted(shares.items())
        },
        "below_but_not_credited_by_rules": dict(not_credited),
        "per_person": per_person,
    }


def safety(
    replays: dict[str, Replay], answers: dict[str, SuggestionsPublic], catalog: Catalog
) -> dict[str, Any]:
    """(e) Rule breaches recomputed from the catalog for each suggested portion."""
    tol = 0.01  # mg: portions are answered rounded to 0.1 g
    found: dict[str, list[str]] = {
        "sodium_over_460mg": [],
        "sodium_over_140mg_salt_sensitive": [],
        "sodium_unknown": [],
        "potassium_over_200mg_restricted": [],
        "allergen": [],
        "diet": [],
    }
    salt_sensitive_people = 0
    for pid, answer in answers.items():
        replay = replays[pid]
        _, rules = domain_view(replay)
        sensitive = bool(replay.profile.conditions & SALT_SENSITIVE_CONDITIONS)
        salt_sensitive_people += sensitive
        excluded = DIET_EXCLUDES.get(replay.profile.diet or "", frozenset())
        for s in answer.suggestions:
            food = catalog.foods[s.food.id]
            grams = s.portion.grams
            label = f"{pid}: {food.description} ({grams:g} g)"
            sodium = per_portion(food, grams, "sodium")
            if sodium is None:
                found["sodium_unknown"].append(label)
            else:
                if sodium > SODIUM_HIGH_MG + tol:
                    found["sodium_over_460mg"].append(f"{label}: {sodium:.0f} mg")
                if sensitive and sodium > LOW_SODIUM_MG + tol:
                    found["sodium_over_140mg_salt_sensitive"].append(f"{label}: {sodium:.0f} mg")
            if rules.potassium_restricted:
                k = per_portion(food, grams, "potassium")
                if k is None or k > POTASSIUM_RESTRICTED_MAX_MG + tol:
                    found["potassium_over_200mg_restricted"].append(f"{label}: {k} mg")
            if food.allergens & replay.profile.allergies:
                found["allergen"].append(f"{label}: {sorted(food.allergens)}")
            if food.animal & excluded:
                found["diet"].append(f"{label}: {sorted(food.animal)}")
    return {
        "counts": {k: len(v) for k, v in found.items()},
        "all_zero": not any(found.values()),
        "salt_sensitive_people": salt_sensitive_people,
        "detail": {k: v for k, v in found.items() if v},
    }


def stability(replays: dict[str, Replay], catalog: Catalog) -> dict[str, Any]:
    """(f) The same request twice gives byte-identical JSON."""
    different = []
    for pid, replay in replays.items():
        first = replay.call(catalog).model_dump_json(by_alias=True)
        second = replay.call(catalog).model_dump_json(by_alias=True)
        if first != second:
            different.append(pid)
    return {
        "requests": len(replays),
        "identical": len(replays) - len(different),
        "differ": different,
    }


def rotation(
    replays: dict[str, Replay], catalog: Catalog, *, people: Sequence[str]
) -> dict[str, Any]:
    """(g) One person's lists on 7 consecutive days (only the rotation key's day changes)."""
    out: dict[str, Any] = {
        "note": "logs and window held fixed; only the day in the rotation key changes"
    }
    for pid in people:
        replay = replays[pid]
        end = replay.window[1]
        lists = [
            {
                s.food.id
                for s in replay.call(catalog, rotation_day=end + timedelta(days=k)).suggestions
            }
            for k in range(7)
        ]
        consecutive = [jaccard(a, b) for a, b in itertools.pairwise(lists)]
        every = [jaccard(a, b) for a, b in itertools.combinations(lists, 2)]
        out[pid] = {
            "mean_consecutive_jaccard": round(statistics.fmean(consecutive), 4),
            "min_consecutive_jaccard": round(min(consecutive), 4),
            "mean_all_pairs_jaccard": round(statistics.fmean(every), 4),
            "days_changed": sum(j < 1.0 for j in consecutive),
            "distinct_foods_in_week": len(set().union(*lists)),
            "in_every_day": len(set.intersection(*lists)),
        }
    means = [out[p]["mean_consecutive_jaccard"] for p in people]
    out["mean_consecutive_jaccard"] = round(statistics.fmean(means), 4)
    out["rotates"] = all(out[p]["days_changed"] > 0 for p in people)
    return out


def timed_ms(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def latency(replays: dict[str, Replay], catalog: Catalog, *, rounds: int) -> dict[str, Any]:
    """(h) ``build_suggestions`` over the panel, ``rounds`` calls per person, interleaved."""
    samples: list[float] = []
    by_person: dict[str, list[float]] = {pid: [] for pid in replays}
    cpu0 = time.process_time()
    for _ in range(rounds):
        for pid, replay in replays.items():
            ms = timed_ms(lambda r=replay: r.call(catalog))
            samples.append(ms)
            by_person[pid].append(ms)
    cpu_ms = (time.process_time() - cpu0) * 1000 / len(samples)
    stats = common.percentiles(samples)
    slowest = max(by_person, key=lambda p: statistics.median(by_person[p]))
    return {
        **stats,
        "cpu_ms_per_call": round(cpu_ms, 4),
        "target_p99_ms": TARGET_P99_MS,
        "met": stats["p99_ms"] <= TARGET_P99_MS,
        "slowest_person": slowest,
        "slowest_person_median_ms": round(statistics.median(by_person[slowest]), 4),
    }


# -- the service against a real database -------------------------------------------------------


def meal_bodies(person: dict[str, Any], *, days: int) -> list[dict[str, Any]]:
    """The person's diet for ``days`` days up to now as ``MealCreate`` bodies (items by food
    id and grams); today's meals that lie in the future are not logged yet."""
    now = datetime.now(UTC)
    return [
        {
            "eaten_at": m.eaten_at.isoformat(),
            "meal": m.kind,
            "items": [{"food_id": f, "grams": g} for f, g in m.items],
        }
        for m in diet(person, end=now.date(), days=days)
        if m.eaten_at <= now
    ]


def profile_body(person: dict[str, Any]) -> dict[str, Any]:
    """The PUT /v1/users body of a panel member."""
    return {"timezone": "UTC", **person["profile"]}


def backend_of(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` when missing (bench_http's helper)."""
    if backend_of(url) == "postgresql":
        from bench_http import ensure_postgres_database

        ensure_postgres_database(url=url, fresh=False)


def service_latency(
    *, url: str, catalog: Catalog, person: dict[str, Any], calls: int
) -> dict[str, Any]:
    """(h) ``suggestions_for`` for a user with 2 years of logs and one with 2 weeks."""
    from sqlalchemy import text

    engine = make_engine(url)
    try:
        upgrade(engine)  # as tests/conftest.py and the app's start-up do
        key = create_key(engine, client_name=f"bench-real-diets-{uuid.uuid4().hex[:10]}")
        with Session(engine) as session:
            client = authenticate(session, key)
        assert client is not None
        users = {"2 years": ("two-years", 730), "2 weeks": ("two-weeks", 14)}
        loaded: dict[str, Any] = {}
        for label, (uid, days) in users.items():
            started = time.perf_counter()
            with Session(engine) as session:
                put_profile(
                    session, client=client, user_id=uid, body=UserUpdate(**profile_body(person))
                )
            bodies = meal_bodies(person, days=days)
            for i in range(0, len(bodies), 500):
                with Session(engine) as session:
                    user = client_user(session, client=client, user_id=uid)
                    log_meals(
                        session,
                        user=user,
                        body=MealBatchCreate.model_validate({"meals": bodies[i : i + 500]}),
                        foods=ClientFoods(session, client_id=user.client_id, catalog=catalog),
                        write=IdempotentWrite(
                            key=None,
                            method="POST",
                            path=f"/v1/users/{uid}/meals/batch",
                            max_age=timedelta(hours=48),
                        ),
                    )
            loaded[label] = {
                "days": days,
                "meals": len(bodies),
                "items": sum(len(b["items"]) for b in bodies),
                "load_seconds": round(time.perf_counter() - started, 2),
            }
        if backend_of(url) == "postgresql":
            with engine.begin() as conn:
                conn.execute(text("ANALYZE meal_item"))

        samples: dict[str, dict[str, list[float]]] = {
            label: {"service": [], "request_work": []} for label in users
        }
        cpu = dict.fromkeys(users, 0.0)
        for i in range(-20, calls):  # the first 20 rounds warm up and are not kept
            # Alternate the users call by call so other load on the machine hits both alike.
            for label, (uid, _) in users.items():
                with Session(engine, expire_on_commit=False) as session:
                    t0 = time.perf_counter()
                    user = client_user(session, client=client, user_id=uid)
                    t1, c1 = time.perf_counter(), time.process_time()
                    foods = ClientFoods(session, client_id=user.client_id, catalog=catalog)
                    answer = suggestions_for(session, user=user, foods=foods, options=Options())
                    t2, c2 = time.perf_counter(), time.process_time()
                    answer.model_dump_json(by_alias=True)
                    t3 = time.perf_counter()
                if i >= 0:
                    cpu[label] += (c2 - c1) * 1000
                    samples[label]["service"].append((t2 - t1) * 1000)
                    samples[label]["request_work"].append((t3 - t0) * 1000)
        result: dict[str, Any] = {"backend": backend_of(url), "person": person["id"]}
        for label in users:
            service = common.percentiles(samples[label]["service"])
            result[label] = {
                **loaded[label],
                "suggestions_for_ms": service,
                # Process CPU per call: robust to other load on the machine, unlike wall time.
                "suggestions_for_cpu_ms_per_call": round(cpu[label] / calls, 4),
                "with_user_lookup_and_json_ms": common.percentiles(samples[label]["request_work"]),
                "target_p99_ms": TARGET_P99_MS,
                "met": service["p99_ms"] <= TARGET_P99_MS,
            }
        return result
    finally:
        engine.dispose()


# -- HTTP ---------------------------------------------------------------------------------------


def http_run(
    *, url: str, catalog: Catalog, seconds: float, connections: int, tool: str
) -> dict[str, Any]:
    """Serve the API, post a few people's logs, measure suggestions next to /health."""
    import httpx

    people = [p for p in PANEL if p["id"] in HTTP_PEOPLE]
    result: dict[str, Any] = {"backend": backend_of(url), "workers": 1, "people": HTTP_PEOPLE}
    with common.serve(database_url=url) as server:
        result["startup_seconds"] = round(server.wait_healthy(), 2)
        key = common.create_key(database_url=url, name=f"bench-real-diets-{uuid.uuid4().hex[:10]}")
        headers = {"Authorization": f"Bearer {key}"}
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as http:
            for person in people:
                r = http.put(f"/v1/users/{person['id']}", json=profile_body(person))
                r.raise_for_status()
                meals = meal_bodies(person, days=DAYS)
                r = http.post(f"/v1/users/{person['id']}/meals/batch", json={"meals": meals})
                if r.status_code != 201:
                    raise SystemExit(f"batch for {person['id']}: {r.status_code} {r.text[:500]}")
            paths = [f"/v1/users/{p['id']}/suggestions?days=7" for p in people]
            idle: dict[str, bytes] = {}
            for path in paths:
                r = http.get(path)
                r.raise_for_status()
                idle[path] = r.content
            lists = {
                path: [s["food"]["id"] for s in json.loads(body)["suggestions"]]
                for path, body in idle.items()
            }
            # Single requests on an idle server (keep-alive connection, sequential).
            single: dict[str, list[float]] = {"suggestions": [], "health": []}
            for i in range(-20, 240):
                for name, path in (("suggestions", paths[i % len(paths)]), ("health", "/health")):
                    t0 = time.perf_counter()
                    r = http.get(path)
                    ms = (time.perf_counter() - t0) * 1000
                    r.raise_for_status()
                    if i >= 0:
                        single[name].append(ms)
            result["idle_single_request_ms"] = {k: common.percentiles(v) for k, v in single.items()}
            runs = {
                name: common.load(
                    base_url=server.base_url,
                    paths=endpoint_paths,
                    headers=headers,
                    seconds=seconds,
                    connections=connections,
                    tool=tool,
                ).as_dict()
                for name, endpoint_paths in (("health", ["/health"]), ("suggestions", paths))
            }
            result["load"] = runs
            result["ratio_suggestions_to_health_rps"] = round(
                runs["suggestions"]["rps"] / runs["health"]["rps"], 4
            )
            result["same_body_under_load"] = same_under_load(
                http=http,
                base_url=server.base_url,
                headers=headers,
                idle=idle,
                connections=connections,
                tool=tool,
            )
        result["server_rss_kib"] = common.rss_kib(server.pid)
    result["lists"] = {
        path: [f"{fid} {catalog.foods[fid].description}" for fid in ids]
        for path, ids in lists.items()
    }
    return result


def same_under_load(
    *,
    http: Any,
    base_url: str,
    headers: dict[str, str],
    idle: dict[str, bytes],
    connections: int,
    tool: str,
) -> dict[str, Any]:
    """Fetch every path again while a load run drives the same paths; compare with idle."""
    done: list[common.LoadResult] = []
    paths = list(idle)
    background = threading.Thread(
        target=lambda: done.append(
            common.load(
                base_url=base_url,
                paths=paths,
                headers=headers,
                seconds=UNDER_LOAD_SECONDS,
                connections=connections,
                tool=tool,
            )
        )
    )
    background.start()
    time.sleep(1.5)  # let the generator start and reach full load
    checked = differ = 0
    deadline = time.perf_counter() + UNDER_LOAD_SECONDS - 2.5
    while time.perf_counter() < deadline:
        for path in paths:
            r = http.get(path)
            checked += 1
            if r.status_code != 200 or r.content != idle[path]:
                differ += 1
    background.join()
    load = done[0].as_dict() if done else None
    return {
        "checked": checked,
        "differ": differ,
        "identical": differ == 0 and checked > 0,
        "concurrent_load_rps": None if load is None else load["rps"],
        "concurrent_load_errors": None if load is None else load["errors"],
    }


# -- report -------------------------------------------------------------------------------------


SHORT = {"potassium": "K", "magnesium": "Mg", "calcium": "Ca", "sodium": "Na", "thiamin": "B1"}


def person_rows(
    replays: dict[str, Replay],
    answers: dict[str, SuggestionsPublic],
    plausible: dict[str, int],
    closed: dict[str, dict[str, float]],
) -> list[dict[str, Any]]:
    rows = []
    for pid, replay in replays.items():
        answer = answers[pid]
        below = [SHORT[g.nutrient] for g in answer.gaps if g.status == "below"]
        top3 = closed.get(pid, {})
        first = answer.suggestions[0].food.description[:34] if answer.suggestions else "-"
        rows.append(
            {
                "person": pid,
                "pattern": replay.person["pattern"][:40],
                "days": replay.days_logged,
                "kcal/day": round(replay.kcal_per_logged_day),
                "below": " ".join(below) or "-",
                "n": len(answer.suggestions),
                "own": sum(s.own for s in answer.suggestions),
                "plaus": f"{plausible.get(pid, 0)}/{len(answer.suggestions)}",
                "top3 closes": round(statistics.fmean(top3.values()), 2) if top3 else None,
                "first suggestion": first,
            }
        )
    return rows


def person_detail(replay: Replay, answer: SuggestionsPublic) -> dict[str, Any]:
    """What the JSON keeps of one person."""
    return {
        "pattern": replay.person["pattern"],
        "profile": replay.person["profile"],
        "pool_foods": len(pool_of(replay.person)),
        "window": [d.isoformat() for d in replay.window],
        "days_logged": replay.days_logged,
        "items_in_window": len(replay.items),
        "kcal_per_logged_day": round(replay.kcal_per_logged_day, 1),
        "history_foods": len(replay.history.foods),
        "gaps": {g.nutrient: {"status": g.status, "percent": g.percent} for g in answer.gaps},
        "suggestions": [
            {
                "food_id": s.food.id,
                "description": s.food.description,
                "portion": s.portion.description,
                "grams": s.portion.grams,
                "energy_kcal": s.energy_kcal,
                "own": s.own,
                "closes": s.closes,
                "sodium_mg": s.adds.get("sodium"),
            }
            for s in answer.suggestions
        ],
        "swaps": len(answer.swaps),
    }


def show(label: str, value: Any) -> None:
    print(f"  {label:<58} {value}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http", action="store_true", help="also measure through the served API")
    parser.add_argument(
        "--database-url", help="for part h and --http; default a temporary SQLite file"
    )
    parser.add_argument("--rounds", type=int, default=10, help="latency calls per panel member")
    parser.add_argument("--calls", type=int, default=250, help="suggestions_for calls per user")
    parser.add_argument("--seconds", type=float, default=8.0, help="HTTP load time per endpoint")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    args = parser.parse_args(argv)
    if args.rounds * len(PANEL) < 200 or args.calls < 200:
        parser.error("at least 200 calls per latency figure: raise --rounds or --calls")
    started = time.perf_counter()
    load_at_start = [round(x, 2) for x in os.getloadavg()]

    t0 = time.perf_counter()
    catalog = Catalog.build(load_foods())
    catalog_s = time.perf_counter() - t0
    check_panel(catalog)
    replays = {p["id"]: replay_of(p, catalog, end=END) for p in PANEL}
    answers = {pid: r.call(catalog) for pid, r in replays.items()}

    plaus, plausible_per_person = plausibility(answers, catalog)
    shared = overlap(answers, catalog)
    own = own_foods(replays, answers, catalog)
    closed = closure(replays, answers)
    safe = safety(replays, answers, catalog)
    stable = stability(replays, catalog)
    rotated = rotation(replays, catalog, people=ROTATION_PEOPLE)
    speed = latency(replays, catalog, rounds=args.rounds)

    with tempfile.TemporaryDirectory(prefix="crampfood-real-diets-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        ensure_database(url)
        service = service_latency(url=url, catalog=catalog, person=PANEL[0], calls=args.calls)
        http = None
        if args.http:
            http = http_run(
                url=url,
                catalog=catalog,
                seconds=args.seconds,
                connections=args.connections,
                tool=args.tool,
            )

    print(
        f"panel: {len(PANEL)} people, FNDDS 2017-2018 foods, {DAYS} days ending {END}, "
        f"window {WINDOW_DAYS} days; catalog built in {catalog_s:.1f} s"
    )
    common.print_table(
        person_rows(replays, answers, plausible_per_person, closed["per_person"]),
        columns=[
            "person",
            "pattern",
            "days",
            "kcal/day",
            "below",
            "n",
            "own",
            "plaus",
            "top3 closes",
            "first suggestion",
        ],
    )
    print("\nquality")
    show(
        "(a) plausible portions", f"{plaus['plausible']}/{plaus['suggestions']} = {plaus['share']}"
    )
    for miss in plaus["implausible"][:8]:
        own_mark = " (own food)" if miss["own"] else ""
        print(
            f"      {miss['person']}: {miss['description'][:50]} {miss['grams']:g} g{own_mark}: "
            f"{'; '.join(miss['reasons'])}"
        )
    if len(plaus["implausible"]) > 8:
        print(f"      ... {len(plaus['implausible']) - 8} more in the JSON")
    show("(b) mean pairwise Jaccard of top-10 lists", shared["mean_pairwise_jaccard"])
    most = shared["most_shared"][0] if shared["most_shared"] else None
    if most:
        show(
            "(b) food in the most lists",
            f"{most['description']} ({most['food_id']}): {most['people']}/{shared['people']}"
            f" = {most['share_of_people']}",
        )
    show("(b) distinct foods over all lists", shared["distinct_foods"])
    if shared["people_without_suggestions"]:
        show(
            "(b) people without suggestions (no gap to close)",
            ", ".join(shared["people_without_suggestions"]),
        )
    show(
        "(c) people with a helpful own food who get >= 1 own food",
        f"{own['of_them_with_own_suggestion']}/{own['people_with_helpful_own_food']}"
        f" = {own['share']}" + (f" (missed: {', '.join(own['missed'])})" if own["missed"] else ""),
    )
    for nutrient, row in closed["per_nutrient"].items():
        show(
            f"(d) {nutrient}: mean share of gap closed by top 3",
            f"{row['mean_closed_by_top3']} over {row['people_below']} people below"
            f" ({row['fully_closed']} fully)",
        )
    if closed["below_but_not_credited_by_rules"]:
        show("(d) below but not credited by the rules", closed["below_but_not_credited_by_rules"])
    for name, count in safe["counts"].items():
        show(f"(e) {name.replace('_', ' ')} (must be 0)", count)
    show("(f) same request twice, identical JSON", f"{stable['identical']}/{stable['requests']}")
    for pid in ROTATION_PEOPLE:
        r = rotated[pid]
        show(
            f"(g) rotation {pid}: consecutive-day Jaccard mean / min",
            f"{r['mean_consecutive_jaccard']} / {r['min_consecutive_jaccard']}, "
            f"changed {r['days_changed']}/6 days, {r['distinct_foods_in_week']} foods in week",
        )
    print("\nlatency, ms")
    rows = [
        {
            "case": "build_suggestions, panel (in-process)",
            **speed,
            "cpu/call": speed["cpu_ms_per_call"],
        },
        *(
            {
                "case": f"suggestions_for, {label} ({service['backend']})",
                **service[label]["suggestions_for_ms"],
                "cpu/call": service[label]["suggestions_for_cpu_ms_per_call"],
            }
            for label in ("2 years", "2 weeks")
        ),
        *(
            {
                "case": f"  + user lookup + JSON, {label}",
                **service[label]["with_user_lookup_and_json_ms"],
            }
            for label in ("2 years", "2 weeks")
        ),
    ]
    common.print_table(
        rows, columns=["case", "n", "p50_ms", "p95_ms", "p99_ms", "max_ms", "cpu/call"]
    )
    show(
        f"(h) build_suggestions p99 <= {TARGET_P99_MS:g} ms",
        "met" if speed["met"] else "MISSED",
    )
    show(
        f"(h) suggestions_for, 2 years of logs, p99 <= {TARGET_P99_MS:g} ms",
        "met" if service["2 years"]["met"] else "MISSED",
    )
    if http:
        print(
            f"\nHTTP ({http['backend']}, one worker, {http['load']['health']['tool']}, "
            f"{args.connections} connections, {args.seconds:g} s each)"
        )
        common.print_table(
            [
                {
                    "endpoint": name,
                    "rps": run["rps"],
                    **run["latency_ms"],
                    "errors": sum(run["errors"].values()),
                }
                for name, run in http["load"].items()
            ],
            columns=["endpoint", "rps", "p50_ms", "p95_ms", "p99_ms", "max_ms", "errors"],
        )
        show("suggestions rps / health rps", http["ratio_suggestions_to_health_rps"])
        for name, stats in http["idle_single_request_ms"].items():
            show(f"idle single request p99, {name}", f"{stats['p99_ms']:.2f} ms")
        same = http["same_body_under_load"]
        show(
            "same body under load as idle",
            f"{same['checked'] - same['differ']}/{same['checked']} identical",
        )

    result = {
        "panel": {
            "people": len(PANEL),
            "end": END.isoformat(),
            "days": DAYS,
            "window_days": WINDOW_DAYS,
            "seed": SEED,
            "pool_sizes": {p["id"]: len(pool_of(p)) for p in PANEL},
        },
        "setup": {"catalog_build_seconds": round(catalog_s, 2)},
        "a_plausibility": plaus,
        "b_overlap": shared,
        "c_own_foods": own,
        "d_top3_closure": {k: v for k, v in closed.items() if k != "per_person"},
        "e_safety": safe,
        "f_stability": stable,
        "g_rotation": rotated,
        "h_latency": {"build_suggestions_panel_ms": speed, "service_with_database": service},
        "http": http,
        "database_url": args.database_url or "sqlite:///<temporary file>",
        "people": {
            pid: {
                **person_detail(replays[pid], answers[pid]),
                "top3_closes": closed["per_person"].get(pid, {}),
            }
            for pid in replays
        },
        "seconds": round(time.perf_counter() - started, 1),
    }
    if http and any(run["errors"] for run in http["load"].values()):
        result["warning"] = "some HTTP requests failed under load: the HTTP figures are not valid"
        print(result["warning"])
    result["load_average_at_start"] = load_at_start
    print(
        f"\nload average at start {load_at_start}, at end "
        f"{[round(x, 2) for x in os.getloadavg()]} (other load skews wall-time tails)"
    )
    print(f"wrote {common.write_result(NAME, result)} in {result['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
