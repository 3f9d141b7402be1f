"""Rendered comparison pages kept in memory: a page is immutable for its key (story state,
version pair, options, mode, engine version), so a repeat view costs no rendering."""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock


@dataclass(frozen=True, slots=True)
class CachedPage:
    body: bytes
    etag: str


class PageCache:
    """A bounded LRU of rendered pages; ``size`` 0 keeps nothing."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pages: OrderedDict[str, CachedPage] = OrderedDict()
        self._lock = Lock()

    def get(self, key: str) -> CachedPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, html: str) -> CachedPage:
        body = html.encode("utf-8")
        page = CachedPage(body, '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"')
        if self.size:
            with self._lock:
                self._pages[key] = page
                self._pages.move_to_end(key)
                while len(self._pages) > self.size:
                    self._pages.popitem(last=False)
        return page


class StampCache:
    """When each story last changed, remembered for ``ttl`` seconds so that a repeat view
    needs no database round trip.  Any write request in this process clears the memory at
    once; another worker process sees a change at most ``ttl`` seconds late."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._stamps: dict[int, tuple[str, float]] = {}

    def get(self, story_id: int) -> str | None:
        """The remembered stamp, or None when the caller should look it up.  When a stamp
        expires, one caller gets None and looks it up while the others keep the old one, so
        concurrent requests do not all reach for the database at once."""
        entry = self._stamps.get(story_id)
        if entry is None:
            return None
        stamp, expires = entry
        now = time.monotonic()
        if expires < now:
            self._stamps[story_id] = (stamp, now + self.ttl)
            return None
        return stamp

    def put(self, story_id: int, stamp: str) -> None:
        if len(self._stamps) > 10_000:
            self._stamps.clear()
        self._stamps[story_id] = (stamp, time.monotonic() + self.ttl)

    def clear(self) -> None:
        self._stamps.clear()
