"""Barcode lookup: the client's own custom food with that barcode, else Open Food Facts.

The code is checked (``nutrition.food.gtin``: digits, length, check digit; 422 naming the
check that failed) and put in its canonical form. Open Food Facts answers are stored
(``barcode_product``): a found product for ``CRAMPFOOD_BARCODE_TTL_HOURS``, "no such
product" for ``CRAMPFOOD_BARCODE_NOT_FOUND_TTL_HOURS``; a stored answer still fresh is used
without asking. When Open Food Facts cannot be reached (or the breaker is open), a product
stored before is answered even if stale; with none, 503 with ``Retry-After``. No database
transaction is held open while Open Food Facts is asked.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session

from api.errors import NotFound, ServiceUnavailable, field_error
from api.schemas.foods import FoodPublic, custom_food_public, product_public
from api.services.client_foods import OFF, ClientFoods
from api.services.openfoodfacts import OpenFoodFacts, Unavailable
from api.services.transaction import commit_or_conflict
from api.settings import Settings
from api.store.engine import serialized_write
from api.store.models import BarcodeProduct, utcnow
from api.store.queries import barcodes as barcode_store
from api.store.queries import custom_foods as custom_store
from food_data.openfoodfacts import product_food
from nutrition.errors import FoodNotFound, NutritionError
from nutrition.food.gtin import canonical


def lookup(
    session: Session,
    foods: ClientFoods,
    *,
    code: str,
    gateway: OpenFoodFacts,
    settings: Settings,
) -> FoodPublic:
    """The food behind barcode ``code`` for this client (see the module doc)."""
    barcode = canonical(code, field="code")
    own = custom_store.by_barcode(session, client_id=foods.client_id, barcode=barcode)
    if own is not None:
        return custom_food_public(own, custom_store.to_food(own))
    return _product(session, barcode=barcode, gateway=gateway, settings=settings)


def product_by_id(
    session: Session, *, food_id: str, gateway: OpenFoodFacts, settings: Settings
) -> FoodPublic:
    """The product ``off:<barcode>``; 404 for an id that is not a canonical barcode."""
    code = food_id[len(OFF) :]
    try:
        barcode = canonical(code, field="food_id")
    except NutritionError:
        raise FoodNotFound(food_id, field="food_id") from None
    if barcode != code:
        raise FoodNotFound(food_id, field="food_id")
    return _product(session, barcode=barcode, gateway=gateway, settings=settings)


def _product(
    session: Session, *, barcode: str, gateway: OpenFoodFacts, settings: Settings
) -> FoodPublic:
    site = settings.openfoodfacts_url
    stored = barcode_store.get(session, code=barcode)
    now = utcnow()
    kept: dict[str, Any] | None = None
    kept_at: datetime | None = None
    if stored is not None:
        kept, kept_at = stored.product, stored.fetched_at
        if stored.expires_at > now:
            if stored.found and kept is not None:
                return product_public(product_food(barcode, kept), fetched_at=kept_at, site=site)
            raise _not_found(barcode)
        if not stored.found:
            kept_at = None  # its data (if any) is not what to answer while OFF is down
    # End the read transaction: no connection waits on Open Food Facts.
    session.rollback()
    try:
        answer = gateway.product(barcode)
    except Unavailable as exc:
        if kept is not None and kept_at is not None:
            return product_public(product_food(barcode, kept), fetched_at=kept_at, site=site)
        raise ServiceUnavailable(
            f"{exc.reason}; try again later",
            retry_after=exc.retry_after,
            errors=[field_error("code", "Open Food Facts could not be asked now")],
        ) from exc
    ttl = settings.barcode_ttl_hours if answer.found else settings.barcode_not_found_ttl_hours
    # A product Open Food Facts no longer has keeps its last data for the recipes using it.
    product = answer.product if answer.found else kept
    with serialized_write(session):
        barcode_store.save(
            session,
            BarcodeProduct(
                code=barcode,
                found=answer.found,
                product=product,
                fetched_at=now,
                expires_at=now + timedelta(hours=ttl),
            ),
        )
        commit_or_conflict(session)  # a concurrent lookup storing it first is fine
    if not answer.found or product is None:
        raise _not_found(barcode)
    return product_public(product_food(barcode, product), fetched_at=now, site=site)


def _not_found(barcode: str) -> NotFound:
    return NotFound(
        f"Open Food Facts has no product {barcode}",
        errors=[field_error("code", "no product with this barcode")],
    )
