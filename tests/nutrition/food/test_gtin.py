"""GTIN checks: digits, length, check digit, and the canonical form."""

from __future__ import annotations

import pytest

from nutrition.errors import NutritionError
from nutrition.food.gtin import canonical, check_digit


@pytest.mark.parametrize(
    "code",
    ["3017620422003", "96385074", "012000161155", "5449000000996", "10012345678902"],
)
def test_valid_codes_pass(code):
    assert canonical(code)


def test_check_digit_of_a_known_ean():
    # Nutella 400 g, EAN-13 3017620422003 (GS1 France prefix 30).
    assert check_digit("301762042200") == 3


def test_upc_a_and_padded_forms_share_one_canonical_code():
    assert canonical("012000161155") == "0012000161155"
    assert canonical("0012000161155") == "0012000161155"
    assert canonical("00012000161155") == "0012000161155"
    assert canonical("96385074") == "96385074"
    assert canonical("10012345678902") == "10012345678902"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("3017620422004", "check digit"),
        ("301762042201", "GTIN-12 check digit"),
        ("30176204220", "11 digits"),
        ("301762042200a", "digits 0-9"),
        ("", "digits 0-9"),
        ("３０１７６２０４２２００３", "digits 0-9"),
    ],
)
def test_each_failed_check_is_named(code, words):
    with pytest.raises(NutritionError) as failed:
        canonical(code, field="barcode")
    assert failed.value.field == "barcode"
    assert words in failed.value.message


def test_the_check_digit_message_says_what_was_expected():
    with pytest.raises(NutritionError, match=r"GTIN-13 check digit: the last digit is 4, .* 3"):
        canonical("3017620422004")
