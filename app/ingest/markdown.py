"""Markdown to the prose it renders as: markup that is not prose goes, the words stay.

Heading marks, emphasis, link targets, images, raw HTML and rules are dropped; a paragraph's
wrapped lines join into one line (the engine reads single newlines as paragraph breaks, as in
scraped copies); blocks are separated by a blank line; list items keep a ``- `` or ``1. ``
marker, one per line.

>>> markdown_to_text("# Vote\\n\\nThe **council** [approved](https://example.org) it,\\nat last.")
'Vote\\n\\nThe council approved it, at last.'
>>> markdown_to_text("- one\\n- *two*")
'- one\\n- two'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_DROPPED_INLINE = frozenset({"image", "html_inline"})


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def markdown_to_text(source: str) -> str:
    """The prose of the Markdown ``source``, as plain text with blank-line paragraphs."""
    blocks: list[str] = []
    items: list[str] = []  # the items of the list being read, joined by single newlines
    markers: list[str] = []  # the marker of each open list item, innermost last
    for token in _parser().parse(source):
        if token.type == "list_item_open":
            markers.append(f"{token.info}. " if token.info else "- ")
        elif token.type == "list_item_close":
            markers.pop()
        elif token.type in ("bullet_list_close", "ordered_list_close") and items and not markers:
            blocks.append("\n".join(items))
            items = []
        elif token.type == "inline":
            line = _inline(token.children or ())
            if markers:
                items.append("  " * (len(markers) - 1) + markers[-1] + line)
                markers[-1] = "  "  # a second paragraph of the same item is not a new item
            elif line.strip():
                blocks.append(line)
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(blocks)


def _inline(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.children and child.type not in _DROPPED_INLINE:
            parts.append(_inline(child.children))
    return "".join(parts).strip()
