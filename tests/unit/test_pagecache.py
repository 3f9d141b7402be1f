"""The in-memory caches behind the comparison page."""

from __future__ import annotations

import time

from app.web.pagecache import PageCache, StampCache


def test_page_cache_is_a_bounded_lru_with_etags() -> None:
    cache = PageCache(2)
    first = cache.put("a", "<p>a</p>")
    cache.put("b", "<p>b</p>")
    assert cache.get("a") == first  # "a" is now the most recent
    cache.put("c", "<p>c</p>")
    assert cache.get("b") is None
    assert cache.get("a") is not None
    assert first.etag.startswith('"')
    assert first.etag != cache.put("d", "<p>d</p>").etag


def test_page_cache_of_size_zero_keeps_nothing() -> None:
    cache = PageCache(0)
    page = cache.put("a", "x")
    assert page.body == b"x"
    assert cache.get("a") is None


def test_stamp_cache_refreshes_once_when_it_expires() -> None:
    stamps = StampCache(ttl=0.05)
    assert stamps.get(1) is None
    stamps.put(1, "t1")
    assert stamps.get(1) == "t1"
    time.sleep(0.06)
    assert stamps.get(1) is None  # this caller refreshes...
    assert stamps.get(1) == "t1"  # ...while the others keep the old stamp
    stamps.clear()
    assert stamps.get(1) is None
