"""Storage: migrations both ways on the test database, models in step with migrations,
concurrent writers on SQLite, atomic writes."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.services import InvalidInput, NewVersion, add_version, create_story
from app.store import (
    create_database,
    downgrade_database,
    drop_database,
    make_engine,
    make_sessionmaker,
    upgrade_database,
)
from app.store.models import Base, Story


@pytest.fixture
def scratch_url(tmp_path: Path, database_url: str) -> Iterator[str]:
    """An empty database of the same kind as the test database (dropped afterwards)."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'scratch.db'}"
        return
    name = f"redline_scratch_{uuid.uuid4().hex[:8]}"
    yield create_database(database_url, name)
    drop_database(database_url, name)


def test_upgrade_downgrade_upgrade(scratch_url: str) -> None:
    upgrade_database(scratch_url)
    engine = make_engine(scratch_url)
    assert {"story", "version", "comparison_cache"} <= set(inspect(engine).get_table_names())
    downgrade_database(scratch_url, "base")
    assert "story" not in inspect(engine).get_table_names()
    upgrade_database(scratch_url)
    assert "version" in inspect(engine).get_table_names()
    engine.dispose()


def test_models_match_the_migrations(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    engine.dispose()
    assert diff == []


def test_fifty_concurrent_writers(database_url: str) -> None:
    engine = make_engine(database_url)
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        ref = create_story(
            s, "Concurrent", [NewVersion(text="Base text of the story.")], max_chars=10_000
        )
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            with sessions() as s:
                add_version(
                    s,
                    ref.id,
                    NewVersion(text=f"Version number {n} of the story."),
                    max_chars=10_000,
                )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sessions() as s:
        story = s.get(Story, ref.id)
        assert story is not None
        assert len(story.versions) == 51
    engine.dispose()


def test_a_failed_write_leaves_nothing(session: Session) -> None:
    title = f"Atomic {uuid.uuid4().hex}"
    with pytest.raises(InvalidInput):
        create_story(
            session, title, [NewVersion(text="Fine."), NewVersion(text="  ")], max_chars=1000
        )
    session.rollback()
    assert session.scalar(select(Story).where(Story.title == title)) is None


def test_deleted_ids_are_never_reused(session: Session) -> None:
    first = create_story(
        session, "Permalink one", [NewVersion(text="Some text here.")], max_chars=1000
    )
    session.delete(session.get(Story, first.id))
    session.commit()
    second = create_story(
        session, "Permalink two", [NewVersion(text="Other text.")], max_chars=1000
    )
    assert second.id > first.id
    assert second.version_ids[0] > first.version_ids[0]
