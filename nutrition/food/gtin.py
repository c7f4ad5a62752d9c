"""Barcodes: checking a GTIN and putting it in the one form products are stored under.

A GTIN (GS1 General Specifications, section 3.3.2) has 8, 12, 13 or 14 digits, the last one a
check digit: weight the other digits 3, 1, 3, 1, ... from the right, sum, and the check digit
brings the sum up to a multiple of ten. The same product may be written as GTIN-12 (UPC-A),
as GTIN-13 with a leading zero, or as GTIN-14 with one more; ``canonical`` keeps 13 digits for
those (as Open Food Facts stores them) and every other code as it is.
"""

from __future__ import annotations

from typing import Final

from nutrition.errors import NutritionError

LENGTHS: Final[dict[int, str]] = {8: "GTIN-8", 12: "GTIN-12", 13: "GTIN-13", 14: "GTIN-14"}


def check_digit(body: str) -> int:
    """The GS1 check digit for ``body`` (a GTIN without its last digit)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def canonical(code: str, *, field: str = "code") -> str:
    """``code`` checked and in its stored form (see module doc).

    Raises NutritionError naming ``field`` with the check that failed: digits only, the length,
    or the check digit (saying which digit was expected).
    """
    if not code.isascii() or not code.isdigit():
        raise NutritionError("must hold digits 0-9 only", field=field)
    kind = LENGTHS.get(len(code))
    if kind is None:
        raise NutritionError(
            f"has {len(code)} digits; a GTIN has 8, 12, 13 or 14 (GTIN-8, UPC-A, EAN-13, GTIN-14)",
            field=field,
        )
    expected = check_digit(code[:-1])
    if int(code[-1]) != expected:
        raise NutritionError(
            f"fails the {kind} check digit: the last digit is {code[-1]}, the others give "
            f"{expected}",
            field=field,
        )
    if len(code) == 12:
        return "0" + code
    if len(code) == 14 and code.startswith("0"):
        return code[1:]
    return code
