"""Readiness: whether this worker can serve (database, catalog, schema revision)."""

from __future__ import annotations

from sqlalchemy import Engine, text

from api.schemas.foods import ReadyCheck, ReadyPublic
from api.services.catalog import Catalog
from api.store.migrate import current_revision, head_revision


def readiness(engine: Engine, catalog: Catalog) -> ReadyPublic:
    """Check the database, the catalog and the migrations; ``ready`` when all pass."""
    checks: dict[str, ReadyCheck] = {}
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = ReadyCheck(ok=True, detail=engine.dialect.name)
        revision = current_revision(engine)
        head = head_revision()
        checks["migrations"] = ReadyCheck(
            ok=revision == head, detail=f"at {revision or 'none'}, head {head}"
        )
    except Exception as exc:  # any failure to reach the database means: not ready
        checks["database"] = ReadyCheck(ok=False, detail=f"unreachable ({type(exc).__name__})")
        checks["migrations"] = ReadyCheck(ok=False, detail="unknown: no database")
    foods = len(catalog.foods)
    checks["catalog"] = ReadyCheck(ok=foods > 0, detail=f"{foods} foods loaded")
    return ReadyPublic(ready=all(c.ok for c in checks.values()), checks=checks)
