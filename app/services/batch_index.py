"""The index a group of batch items is placed against (:class:`grouping.Index`): the stored
texts, stories and versions the group's hashes, story keys and LSH bands reach, read in a few
queries for the whole group, plus the group's own items decided before, which are not stored
yet and stand in with negative ids (new stories too).

What the group read is kept as a :class:`Snapshot`: read again under the write lock, an equal
snapshot means every decision of the group still holds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ingest.fingerprint import Fingerprint, key_terms
from app.services.grouping import Base, most_shared
from app.store.models import LshBand, Story, Version

_LOCAL = 2**62
"""Rank of the group's own versions among equals: newer than every stored one."""

Ref = tuple[int, int]
"""A story and a version (stored ids, or the group's negative stand-ins)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a group's decisions rest on: the stored copies of its texts (hash -> story and
    version), the stories of its keys, and the stored (band key, version) pairs of its bands."""

    texts: dict[str, Ref]
    keys: dict[str, int]
    bands: frozenset[tuple[int, int]]

    @classmethod
    def read(
        cls, session: Session, shas: Collection[str], keys: Collection[str],
        band_keys: Collection[int],
    ) -> Snapshot:  # fmt: skip
        texts = session.execute(
            select(Version.sha256, Version.story_id, Version.id)
            .where(Version.sha256.in_(shas)).order_by(Version.id)
        ).all() if shas else []  # fmt: skip
        stories = session.execute(
            select(Story.key, Story.id).where(Story.key.in_(keys))
        ).all() if keys else []  # fmt: skip
        bands = session.execute(
            select(LshBand.key, LshBand.version_id).where(LshBand.key.in_(band_keys))
        ).all() if band_keys else []  # fmt: skip
        first: dict[str, Ref] = {}
        for sha, story_id, version_id in texts:
            first.setdefault(sha, (story_id, version_id))
        return cls(first, {k: s for k, s in stories if k}, frozenset((k, v) for k, v in bands))


@dataclass(slots=True)
class _Local:
    story: int
    fp: Fingerprint
    text: str


@dataclass(slots=True)
class GroupIndex:
    """Stored stories and versions as ``snapshot`` found them, and the group's items added
    since (:meth:`add`).  ``terms`` caches key terms of stored versions by id (a version's
    text never changes), so a story's base is not read for them again and again."""

    session: Session
    snapshot: Snapshot
    terms: dict[int, frozenset[str]]
    _bands: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    _versions: dict[int, tuple[int, bytes | None, int | None]] = field(default_factory=dict)
    _bases: dict[int, tuple[int, str] | None] = field(default_factory=dict)
    _local: dict[int, _Local] = field(default_factory=dict)
    _local_bands: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    _local_bases: dict[int, int] = field(default_factory=dict)
    _local_texts: dict[str, Ref] = field(default_factory=dict)
    _local_keys: dict[str, int] = field(default_factory=dict)
    _new_stories: int = 0

    @classmethod
    def read(
        cls, session: Session, snapshot: Snapshot, fps: Iterable[Fingerprint],
        terms: dict[int, frozenset[str]],
    ) -> GroupIndex:  # fmt: skip
        """The index over ``snapshot``, with what the stored candidates of ``fps`` need read
        at once: their stories and fingerprints, and those stories' bases."""
        index = cls(session, snapshot, terms)
        for key, version_id in snapshot.bands:
            index._bands[key].append(version_id)
        # The group's own versions only add to these candidates: the best stored ones of
        # each fingerprint are all that can be asked for.
        wanted = {v for fp in fps for v in most_shared(index._shared(fp, index._bands), _rank)}
        if wanted:
            for version_id, story_id, signature, shingles in session.execute(
                select(Version.id, Version.story_id, Version.fingerprint, Version.shingles)
                .where(Version.id.in_(wanted))
            ):  # fmt: skip
                index._versions[version_id] = (story_id, signature, shingles)
        stories = {s for s, _, _ in index._versions.values()} | set(snapshot.keys.values())
        index._read_bases(stories)
        return index

    def story_by_key(self, key: str) -> int | None:
        return self._local_keys.get(key) or self.snapshot.keys.get(key)

    def duplicate(self, sha: str) -> Ref | None:
        """The story and version already holding this text, stored or in the group."""
        return self.snapshot.texts.get(sha) or self._local_texts.get(sha)

    def candidate_versions(self, fp: Fingerprint) -> list[int]:
        return most_shared(self._shared(fp, self._bands, self._local_bands), _rank)

    def fingerprints(self, versions: Iterable[int]) -> list[tuple[int, Fingerprint]]:
        out = []
        for v in sorted(versions, key=_rank):  # as the database lists them: by id
            if v < 0:
                out.append((self._local[v].story, self._local[v].fp))
            elif (known := self._versions.get(v)) is not None and known[1] is not None:
                out.append((known[0], Fingerprint(known[1], known[2] or 0)))
        return out

    def base(self, story_id: int) -> Base | None:
        if story_id in self._local_bases:
            v = self._local_bases[story_id]
            local = self._local[v]
            return Base(v, local.text, local.fp.terms or frozenset(key_terms(local.text)))
        stored = self._stored_base(story_id)
        if stored is None:
            return None
        version_id, text = stored
        if version_id not in self.terms:
            self.terms[version_id] = frozenset(key_terms(text))
        return Base(version_id, text, self.terms[version_id])

    def add(self, sha: str, fp: Fingerprint, text: str, story_id: int | None,
            story_key: str | None) -> Ref:  # fmt: skip
        """Record an item placed in ``story_id`` (None: a new story); its stand-in ids."""
        version = -(len(self._local) + 1)
        if story_id is None:
            self._new_stories += 1
            story_id = -self._new_stories
            if story_key:
                self._local_keys[story_key] = story_id
        self._local[version] = _Local(story_id, fp, text)
        if story_id not in self._local_bases and (story_id < 0 or not self._stored_base(story_id)):
            self._local_bases[story_id] = version  # the first version of a story is its base
        for key in set(fp.band_keys):
            self._local_bands[key].append(version)
        self._local_texts[sha] = (story_id, version)
        return story_id, version

    @staticmethod
    def _shared(fp: Fingerprint, *indexes: dict[int, list[int]]) -> Counter[int]:
        """How many of ``fp``'s bands each version of ``indexes`` shares."""
        shared: Counter[int] = Counter()
        for key in set(fp.search_keys):
            for index in indexes:
                shared.update(index.get(key, ()))
        return shared

    def _stored_base(self, story_id: int) -> tuple[int, str] | None:
        if story_id not in self._bases:
            self._read_bases({story_id})
        return self._bases[story_id]

    def _read_bases(self, stories: set[int]) -> None:
        stories = {s for s in stories if s > 0 and s not in self._bases}
        if not stories:
            return
        self._bases.update(dict.fromkeys(stories))
        for story_id, version_id, text in self.session.execute(
            select(Story.id, Version.id, Version.text)
            .join(Version, Story.base_version_id == Version.id)
            .where(Story.id.in_(stories))
        ):  # fmt: skip
            self._bases[story_id] = (version_id, text)


def _rank(version_id: int) -> int:
    """Higher is newer: stored versions by id, the group's own after them in their order."""
    return version_id if version_id > 0 else _LOCAL - version_id
