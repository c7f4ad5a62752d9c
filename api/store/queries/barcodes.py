"""Stored Open Food Facts answers by barcode (shared by every client; services commit)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from api.store.models import BarcodeProduct


def get(session: Session, *, code: str) -> BarcodeProduct | None:
    """The stored answer for ``code`` (canonical GTIN), fresh or not, or None."""
    return session.get(BarcodeProduct, code)


def get_many(session: Session, *, codes: Iterable[str]) -> list[BarcodeProduct]:
    """The stored answers among ``codes``."""
    wanted = sorted(set(codes))
    if not wanted:
        return []
    return list(session.exec(select(BarcodeProduct).where(col(BarcodeProduct.code).in_(wanted))))


def save(session: Session, row: BarcodeProduct) -> None:
    """Stage storing ``row``, replacing any answer for its code."""
    session.merge(row)
