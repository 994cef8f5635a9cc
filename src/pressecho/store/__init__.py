"""The corpus store: SQLite schema and migrations (schema.py), the store (sqlite.py), export (export.py)."""

from pressecho.store.schema import SCHEMA_VERSION
from pressecho.store.sqlite import Store

__all__ = ["SCHEMA_VERSION", "Store"]
