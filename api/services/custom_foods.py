"""Custom foods: a client's own foods. Create (idempotently), change, delete.

A custom food is seen by the client that made it alone: every other client gets 404, and
its search never shows it. Its barcode (checked as a GTIN, stored canonical) is unique
within the client. Deleting one keeps every meal that logged it as it was (items hold their
amounts); it is refused (409) while one of the client's recipes uses it.
"""

from __future__ import annotations

from sqlmodel import Session

from api.errors import Conflict, Unprocessable, field_error
from api.schemas.foods import FoodCreate, FoodPublic, FoodUpdate, custom_food_public
from api.services.client_foods import CUSTOM, RECIPE, ClientFoods
from api.services.idempotency import Answer, Created, IdempotentWrite, idempotent_create
from api.services.recipes import delete_recipe, refuse_if_used
from api.services.transaction import commit_or_conflict, write_transaction
from api.store.engine import serialized_write
from api.store.models import CustomFood, utcnow
from api.store.queries import custom_foods as custom_store
from nutrition.errors import FoodNotFound
from nutrition.food.gtin import canonical


def _barcode(session: Session, *, client_id: int, code: str, own_id: str | None) -> str:
    """The canonical barcode; 422 naming ``barcode`` when invalid or already used."""
    barcode = canonical(code, field="barcode")
    other = custom_store.by_barcode(session, client_id=client_id, barcode=barcode)
    if other is not None and other.id != own_id:
        raise Unprocessable(
            f"barcode {barcode} is already used by {CUSTOM}{other.id}",
            errors=[field_error("barcode", f"is already used by {CUSTOM}{other.id}")],
        )
    return barcode


def create_food(
    session: Session, foods: ClientFoods, *, body: FoodCreate, write: IdempotentWrite
) -> Answer:
    """Store a new custom food and answer it (201; a retry with the same key replays it)."""

    def prepare() -> Created:
        barcode = None
        if body.barcode is not None:
            barcode = _barcode(session, client_id=foods.client_id, code=body.barcode, own_id=None)
        now = utcnow()
        row = CustomFood(
            id=custom_store.new_id(),
            client_id=foods.client_id,
            description=body.description,
            brand=body.brand,
            barcode=barcode,
            nutrients=body.nutrients.known(),
            portions=[p.model_dump() for p in body.portions],
            allergens=sorted(set(body.allergens)),
            created_at=now,
            updated_at=now,
        )
        answer = custom_food_public(row, custom_store.to_food(row))
        return Created(answer, lambda s: custom_store.save(s, row))

    answer = idempotent_create(
        session, write=write, client_id=foods.client_id, user_id=None, body=body, prepare=prepare
    )
    foods.own_foods_changed()
    return answer


def _own(session: Session, foods: ClientFoods, food_id: str) -> CustomFood:
    row = None
    if food_id.startswith(CUSTOM):
        row = custom_store.get(session, client_id=foods.client_id, code=food_id[len(CUSTOM) :])
    if row is None:
        raise FoodNotFound(food_id, field="food_id")
    return row


def change_food(
    session: Session, foods: ClientFoods, *, food_id: str, body: FoodUpdate
) -> FoodPublic:
    """Apply a patch (only the fields sent change) and commit; meals logged before keep their
    amounts."""
    if food_id.startswith(RECIPE):
        raise Unprocessable(
            "a recipe changes with PATCH /v1/recipes/{id}",
            errors=[field_error("food_id", "is a recipe: use PATCH /v1/recipes/{id}")],
        )
    row = _own(session, foods, food_id)
    sent = body.model_fields_set
    if body.description is not None:
        row.description = body.description
    if "brand" in sent:
        row.brand = body.brand
    if "barcode" in sent:
        row.barcode = (
            None
            if body.barcode is None
            else _barcode(session, client_id=foods.client_id, code=body.barcode, own_id=row.id)
        )
    if body.nutrients is not None:
        values = dict(row.nutrients)
        for key in body.nutrients.model_fields_set:
            value = getattr(body.nutrients, key)
            if value is None:
                values.pop(key, None)
            else:
                values[key] = value
        row.nutrients = values
    if body.portions is not None:
        row.portions = [p.model_dump() for p in body.portions]
    if body.allergens is not None:
        row.allergens = sorted(set(body.allergens))
    row.updated_at = utcnow()
    answer = custom_food_public(row, custom_store.to_food(row))
    with serialized_write(session):
        custom_store.save(session, row)
        if not commit_or_conflict(session):
            raise Conflict(
                "the change conflicted with a concurrent one (the barcode was just taken?)",
                errors=[field_error("barcode", "conflicted with a concurrent change")],
            )
    foods.forget(food_id)
    return answer


def delete_food(session: Session, foods: ClientFoods, *, food_id: str) -> None:
    """Delete a custom food (404 if the client has none by that id; 409 while a recipe uses
    it) and commit. Meals that logged it keep their items and amounts. A ``recipe:`` id
    deletes that recipe."""
    if food_id.startswith(RECIPE):
        delete_recipe(session, foods, food_id=food_id)
        return
    row = _own(session, foods, food_id)
    refuse_if_used(session, foods, food_id, field="food_id")
    with write_transaction(session):
        custom_store.delete(session, row)
    foods.forget(food_id)
