"""Persistence: typed models, engine factory, migrations."""

from app.store.db import make_engine, make_sessionmaker
from app.store.migrate import downgrade_database, upgrade_database

__all__ = ["downgrade_database", "make_engine", "make_sessionmaker", "upgrade_database"]
