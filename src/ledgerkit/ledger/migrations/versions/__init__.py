"""One file per schema version (Alembic revisions ``0001``, ``0002`` …)."""
