"""Rendered comparison pages kept in memory: a page is immutable for its key (story state,
version pair, options, mode, engine version), so a repeat view costs no rendering."""

from __future__ import annotations

import hashlib
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
