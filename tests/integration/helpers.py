"""Helpers for integration tests: HTML through CSS selectors, the schema checker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector


def select(page: str, css: str) -> list[Any]:
    """Elements of ``page`` matching ``css``."""
    found = CSSSelector(css)(lxml_html.fromstring(page))
    assert isinstance(found, list)
    return found


def texts(page: str, css: str) -> list[str]:
    return [" ".join(el.text_content().split()) for el in select(page, css)]


def check_json(checker: Path, tmp: Path, a: str, b: str, result: dict[str, Any]) -> str:
    """Run the schema checker on ``result`` for texts ``a`` and ``b``; its verdict line."""
    files = [tmp / "a.txt", tmp / "b.txt", tmp / "c.json"]
    files[0].write_text(a, encoding="utf-8")
    files[1].write_text(b, encoding="utf-8")
    files[2].write_text(json.dumps(result), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(checker), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout
    return out.stdout.strip().splitlines()[-1]
