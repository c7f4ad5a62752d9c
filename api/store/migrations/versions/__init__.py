"""Alembic revisions, oldest first by their ``NNNN_`` prefix (Alembic skips this file)."""
