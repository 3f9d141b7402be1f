"""Services on the real database: validation, duplicates, listing and search, the comparison
cache, base changes and deletes.  Every test makes its own stories (unique titles), so tests
sharing a database never see each other's rows."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.services import (
    DuplicateVersion,
    InvalidInput,
    NewVersion,
    NotFound,
    add_version,
    compare_stored,
    create_story,
    database_ready,
    delete_story,
    delete_version,
    get_story,
    get_version,
    list_sources,
    list_stories,
    load_demo,
    rename_story,
    set_base_version,
    version_texts,
)
from app.store import make_engine, make_sessionmaker
from app.store.models import ComparisonCache, Story, Version
from app.text import CompareOptions

LIMIT = 100_000
BASE = "The council approved the budget on Monday. It includes $4 million for roads."
EDIT = "The council approved the budget on Tuesday. It includes $4 million for roads."


def _unique(prefix: str = "Story") -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def _story(session: Session, *texts: str, source: str | None = None) -> tuple[int, list[int]]:
    ref = create_story(
        session, _unique(), [NewVersion(text=t, source=source) for t in texts], max_chars=LIMIT
    )
    return ref.id, ref.version_ids


def test_create_story_stores_both_versions_with_the_first_as_base(session: Session) -> None:
    sid, (a, b) = _story(session, BASE, EDIT)
    detail = get_story(session, sid)
    assert detail.base_version_id == a
    assert [v.id for v in detail.versions] == [a, b]
    assert [v.label for v in detail.versions] == ["Version A", "Version B"]
    assert detail.versions[0].is_base
    assert detail.versions[0].word_count == 13


def test_story_lists_similarity_counts_and_verdict_against_the_base(session: Session) -> None:
    sid, (_, b) = _story(session, BASE, EDIT)
    other = next(v for v in get_story(session, sid).versions if v.id == b)
    assert other.similarity is not None
    assert 0.5 < other.similarity < 1.0
    assert other.counts.get("reworded", 0) + other.counts.get("cosmetic", 0) >= 1
    assert other.verdict


@pytest.mark.parametrize(
    ("version", "field"),
    [
        (NewVersion(text="   \n "), "text_b"),
        (NewVersion(text="x" * (LIMIT + 1)), "text_b"),
        (NewVersion(text="Fine.", url="javascript:alert(1)"), "url_b"),
        (NewVersion(text="Fine.", url="ftp://example.com/a"), "url_b"),
    ],
)
def test_invalid_second_version_names_its_field_and_stores_nothing(
    session: Session, version: NewVersion, field: str
) -> None:
    title = _unique()
    with pytest.raises(InvalidInput) as caught:
        create_story(session, title, [NewVersion(text=BASE), version], max_chars=LIMIT)
    assert caught.value.field == field
    session.rollback()
    assert session.scalar(select(Story.id).where(Story.title == title)) is None


def test_exact_duplicate_is_refused_with_the_existing_id(session: Session) -> None:
    sid, (a, _) = _story(session, BASE, EDIT)
    respaced = BASE.replace(" ", "  ") + "\n"  # white space alone does not make a new version
    with pytest.raises(DuplicateVersion) as caught:
        add_version(session, sid, NewVersion(text=respaced), max_chars=LIMIT)
    assert caught.value.version_id == a
    assert len(get_story(session, sid, with_comparisons=False).versions) == 2


def test_add_version_to_a_missing_story(session: Session) -> None:
    with pytest.raises(NotFound):
        add_version(session, 10**9, NewVersion(text=BASE), max_chars=LIMIT)


def test_search_finds_title_and_text_and_filters_by_source(session: Session) -> None:
    marker = uuid.uuid4().hex[:12]
    source = f"Outlet {marker}"
    in_text, _ = _story(session, f"{BASE} Code word {marker}.", EDIT, source=source)
    titled = create_story(session, f"About {marker}", [NewVersion(text=EDIT)], max_chars=LIMIT)
    _story(session, BASE)  # matches neither
    found = list_stories(session, query=marker)
    assert {s.id for s in found.items} == {in_text, titled.id}
    by_source = list_stories(session, source=source)
    assert [s.id for s in by_source.items] == [in_text]
    assert by_source.items[0].sources == [source]
    assert by_source.items[0].versions == 2
    assert source in list_sources(session)


def test_search_treats_like_wildcards_literally(session: Session) -> None:
    _story(session, BASE)
    assert list_stories(session, query="%_%" + uuid.uuid4().hex).total == 0


def test_listing_is_newest_first_and_paginated(session: Session) -> None:
    marker = uuid.uuid4().hex
    ids = [_story(session, f"Story {n} {marker}. {BASE}")[0] for n in range(5)]
    first = list_stories(session, query=marker, per_page=2)
    assert (first.total, first.pages) == (5, 3)
    assert [s.id for s in first.items] == ids[::-1][:2]
    last = list_stories(session, query=marker, per_page=2, page=99)  # clamped to the last page
    assert last.page == 3
    assert [s.id for s in last.items] == [ids[0]]


def test_comparison_is_cached_once_per_pair_and_options(session: Session) -> None:
    sid, (a_id, b_id) = _story(session, BASE, EDIT)
    a, b = version_texts(session, sid, a_id, b_id)
    first = compare_stored(session, a, b, CompareOptions())
    again = compare_stored(session, a, b, CompareOptions())
    assert again.to_dict() == first.to_dict()
    compare_stored(session, a, b, CompareOptions(ignore_case=True))

    def rows() -> int:
        where = (ComparisonCache.version_a_id == a_id) & (ComparisonCache.version_b_id == b_id)
        return session.scalar(select(func.count()).where(where)) or 0

    assert rows() == 2


def test_concurrent_first_views_all_get_the_comparison_and_one_cache_row(
    session: Session, database_url: str
) -> None:
    sid, (a_id, b_id) = _story(session, BASE, EDIT)
    engine = make_engine(database_url)
    sessions = make_sessionmaker(engine, write=False)  # as page views (GET) open them
    results: list[dict[str, object]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def view() -> None:
        try:
            with sessions() as s:
                a, b = version_texts(s, sid, a_id, b_id)
                start.wait(timeout=60)  # all miss the cache, then all insert
                results.append(compare_stored(s, a, b, CompareOptions()).to_dict())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=view) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    assert errors == []
    assert len(results) == 8
    assert all(r == results[0] for r in results)
    where = (ComparisonCache.version_a_id == a_id) & (ComparisonCache.version_b_id == b_id)
    assert session.scalar(select(func.count()).where(where)) == 1


def test_versions_of_another_story_are_not_found(session: Session) -> None:
    sid, (a, _) = _story(session, BASE, EDIT)
    _, (other, _) = _story(session, BASE, EDIT)
    with pytest.raises(NotFound):
        version_texts(session, sid, a, other)


def test_rename_and_set_base(session: Session) -> None:
    sid, (a, b) = _story(session, BASE, EDIT)
    rename_story(session, sid, "  A   new title ")
    set_base_version(session, sid, b)
    detail = get_story(session, sid)
    assert detail.title == "A new title"
    assert detail.base_version_id == b
    with pytest.raises(InvalidInput):
        rename_story(session, sid, "   ")
    _, (foreign, _) = _story(session, BASE, EDIT)
    with pytest.raises(InvalidInput):
        set_base_version(session, sid, foreign)
    assert get_story(session, sid, with_comparisons=False).base_version_id == b
    assert a in {v.id for v in detail.versions}


def test_deleting_the_base_version_moves_the_base_and_drops_its_comparisons(
    session: Session,
) -> None:
    sid, (a, b) = _story(session, BASE, EDIT)
    get_story(session, sid)  # caches the comparison with the base
    delete_version(session, sid, a)
    detail = get_story(session, sid)
    assert [v.id for v in detail.versions] == [b]
    assert detail.base_version_id == b
    cached = select(func.count()).where(ComparisonCache.version_a_id == a)
    assert session.scalar(cached) == 0
    with pytest.raises(NotFound):
        get_version(session, a)


def test_delete_story_removes_its_versions(session: Session) -> None:
    sid, ids = _story(session, BASE, EDIT)
    delete_story(session, sid)
    assert session.scalar(select(func.count()).where(Version.id.in_(ids))) == 0
    with pytest.raises(NotFound):
        get_story(session, sid)
    with pytest.raises(NotFound):
        delete_story(session, sid)


def test_get_version_has_the_text(session: Session) -> None:
    sid, (a, _) = _story(session, BASE, EDIT)
    detail = get_version(session, a)
    assert (detail.text, detail.story_id, detail.info.is_base) == (BASE, sid, True)


def test_demo_loads_with_comparisons_precomputed_and_reloads(session: Session) -> None:
    first = load_demo(session, replace=True)
    detail = get_story(session, first, with_comparisons=False)
    assert len(detail.versions) == 4
    assert detail.base_version_id is not None
    cached = select(func.count()).where(ComparisonCache.version_a_id == detail.base_version_id)
    assert session.scalar(cached) == 3
    second = load_demo(session, replace=True)
    demo_title = detail.title
    assert session.scalars(select(Story.id).where(Story.title == demo_title)).all() == [second]
    assert len(get_story(session, second, with_comparisons=False).versions) == 4


def test_database_ready(session: Session) -> None:
    assert database_ready(session)
