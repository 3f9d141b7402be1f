"""The comparison page's query (versions, mode, options), its URLs and its rendering."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from sqlalchemy.orm import Session

from app.services import MAX_ID, NotFound, compare_stored, get_story, version_texts
from app.services.accounts import Principal
from app.services.views import StoryDetail
from app.text import CompareOptions, Comparison
from app.web.presenters import MODES, Mode, present, row_views

FLAGS = ("ignore_case", "ignore_punctuation", "ignore_quotes", "ignore_whitespace")
_TRUE = frozenset({"1", "true", "on", "yes"})


@dataclass(frozen=True, slots=True)
class CompareQuery:
    """Everything that decides what the comparison page shows (and its permalink)."""

    a: int | None = None
    b: int | None = None
    mode: Mode = "side"
    granularity: str = "word"
    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_quotes: bool = False
    ignore_whitespace: bool = False
    expand: bool = False

    @classmethod
    def from_request(cls, request: Request) -> CompareQuery:
        q = request.query_params
        mode = q.get("mode", "side")
        granularity = q.get("granularity", "word")
        return cls(
            a=_int(q.get("a")),
            b=_int(q.get("b")),
            mode=mode if mode in MODES else "side",
            granularity=granularity if granularity in ("word", "char") else "word",
            expand=q.get("expand", "") in _TRUE,
            **{f: q.get(f, "") in _TRUE for f in FLAGS},
        )

    def resolved(self, story: StoryDetail) -> CompareQuery:
        """Fill in missing versions: the base as A, the newest other version as B.  A version
        named but not in the story is NotFound: a stale permalink must not show another pair."""
        ids = [v.id for v in story.versions]
        for named in (self.a, self.b):
            if named is not None and named not in ids:
                raise NotFound("version", named)
        a = self.a if self.a is not None else story.base_version_id or (ids[0] if ids else None)
        others = [i for i in ids if i != a]
        b = self.b if self.b is not None else (others[-1] if others else a)
        return replace(self, a=a, b=b)

    def options(self) -> CompareOptions:
        return CompareOptions(
            granularity="char" if self.granularity == "char" else "word",
            **{f: getattr(self, f) for f in FLAGS},
        )

    def params(self, **changes: Any) -> str:
        q = replace(self, **changes)
        values: dict[str, Any] = {"a": q.a, "b": q.b, "mode": q.mode}
        if q.granularity != "word":
            values["granularity"] = q.granularity
        values.update({f: 1 for f in FLAGS if getattr(q, f)})
        if q.expand:
            values["expand"] = 1
        return urlencode(values)

    def key(self) -> str:
        return self.params()


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and int(value) <= MAX_ID else None


@dataclass(frozen=True, slots=True)
class Loaded:
    """A resolved comparison page query with its story, version labels and comparison."""

    story: StoryDetail
    query: CompareQuery
    comparison: Comparison
    label_a: str
    label_b: str
    name: str
    """A download's file name stem: redline-<story>-<a>-<b>."""


def load(session: Session, story_id: int, query: CompareQuery) -> Loaded:
    """The story, the versions ``query`` names (or its defaults) and their comparison."""
    story = get_story(session, story_id, with_comparisons=False)
    q = query.resolved(story)
    a, b = version_texts(session, story_id, q.a or 0, q.b or 0)
    comparison = compare_stored(session, a, b, q.options())
    return Loaded(story, q, comparison, a.label, b.label, f"redline-{story_id}-{a.id}-{b.id}")


def urls(story_id: int, q: CompareQuery) -> dict[str, str]:
    base = f"/stories/{story_id}/compare"
    return {
        "self": f"{base}?{q.params()}",
        "swap": f"{base}?{q.params(a=q.b, b=q.a)}",
        "expand": f"{base}?{q.params(expand=True)}",
        "fragment": f"{base}/rows?{q.params()}",
        "report": f"{base}.html?{q.params(mode='side', expand=False)}",
        "json": f"{base}.json?{q.params(mode='side', expand=False)}",
        **{f"mode_{m}": f"{base}?{q.params(mode=m)}" for m in MODES},
    }


def render_compare(
    env: jinja2.Environment, page: Loaded, *, fragment: bool, principal: Principal | None = None
) -> str:
    """The comparison page, or (``fragment``) only its main region for an htmx swap."""
    q = page.query
    links = urls(page.story.id, q)
    versions = {v.id: v for v in page.story.versions}
    context: dict[str, Any] = {
        "story": page.story,
        "q": q,
        "urls": links,
        "view": present(page.comparison, q.mode, expand=q.expand),
        "mode": q.mode,
        "title_a": page.label_a,
        "title_b": page.label_b,
        "version_a": versions.get(q.a or 0),
        "version_b": versions.get(q.b or 0),
        "flags": FLAGS,
        "principal": principal,
    }
    context["expand_url"] = links["expand"]
    context["fragment_url"] = links["fragment"]
    name = "partials/compare-main.html" if fragment else "pages/compare.html"
    return env.get_template(name).render(**context)


def render_rows(
    env: jinja2.Environment, comparison: Comparison, mode: Mode, first: int, last: int
) -> str:
    """Rows ``first``..``last`` unfolded: what "show N unchanged" swaps in."""
    rows = [r for r in row_views(comparison) if first <= r.index <= last]
    return env.get_template("partials/row-range.html").render(rows=rows, mode=mode)
