"""The comparison as a side-by-side view in the terminal (rich), readable without colour too:
inserted words are wrapped in ``{+ +}`` and deleted ones in ``[- -]`` (as ``git diff
--word-diff`` does)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from app.text import Comparison
from app.web.presenters import LABELS, Piece, percent, row_views

STYLES = {
    "added": "green", "removed": "red", "reworded": "yellow", "moved": "blue",
    "split": "magenta", "merged": "magenta", "cosmetic": "cyan", "boilerplate": "dim",
    "equal": "",
}  # fmt: skip


def render(comparison: Comparison, console: Console, *, title_a: str, title_b: str) -> None:
    """Print the summary line and one table row per alignment row."""
    s = comparison.summary
    counts = ", ".join(f"{LABELS[k].lower()} {n}" for k, n in s.counts.items() if n)
    words = f"+{s.words_added}/-{s.words_removed} words"
    line = f" · {percent(s.similarity)}% similar · {counts} · {words}"
    console.print(Text.assemble((s.verdict.upper(), "bold"), line))
    table = Table(show_lines=False, expand=True, pad_edge=False, box=None)
    table.add_column("", no_wrap=True, style="bold")
    table.add_column(f"A · {title_a}", ratio=1, overflow="fold")
    table.add_column(f"B · {title_b}", ratio=1, overflow="fold")
    for r in row_views(comparison):
        scored = r.similarity is not None and r.kind != "equal"
        label = LABELS[r.kind] + (f" {r.similarity}%" if scored else "")
        plain = r.kind in ("added", "removed", "boilerplate")  # the label says it all
        table.add_row(
            Text(label, style=STYLES[r.kind]), _side(r.left, plain), _side(r.right, plain)
        )
    console.print(table)


def _side(pieces: list[Piece], plain: bool) -> Text:
    out = Text()
    for p in pieces:
        if plain:
            out.append(p.text)
        elif p.op == "insert":
            out.append("{+" + p.text + "+}", style="bold green")
        elif p.op == "delete":
            out.append("[-" + p.text + "-]", style="bold red")
        else:
            out.append(p.text)
    return out
