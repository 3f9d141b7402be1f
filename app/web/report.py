"""A standalone HTML report of one comparison: inline CSS, no scripts, no external requests."""

from __future__ import annotations

from app.text import Comparison
from app.web.presenters import present
from app.web.templating import environment, stylesheet


def render_report(comparison: Comparison, *, title_a: str, title_b: str) -> str:
    """The comparison as one self-contained HTML page, every row shown (chrome folded)."""
    opts = comparison.options
    flags = [name for name in ("ignore_case", "ignore_punctuation", "ignore_quotes",
                               "ignore_whitespace") if getattr(opts, name)]  # fmt: skip
    options_text = ", ".join([f"{opts.granularity} diff", *(f.replace("_", " ") for f in flags)])
    return (
        environment()
        .get_template("report.html")
        .render(
            view=present(comparison, "side", expand=True),
            mode="side",
            title_a=title_a,
            title_b=title_b,
            engine=comparison.engine,
            options_text=options_text,
            css=stylesheet(),
            version_a=None,
            version_b=None,
            expand_url=None,
            fragment_url=None,
        )
    )
