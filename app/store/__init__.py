"""Persistence: typed models, engine factory, migrations."""

from app.store.db import create_database, drop_database, make_engine, make_sessionmaker
from app.store.migrate import downgrade_database, upgrade_database

__all__ = [
    "create_database",
    "downgrade_database",
    "drop_database",
    "make_engine",
    "make_sessionmaker",
    "upgrade_database",
]
