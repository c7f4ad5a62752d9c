"""Alembic migrations of the crampfood schema; run them with ``api.store.migrate.upgrade``."""
