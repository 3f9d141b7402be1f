"""The examples in the docstrings of the app's modules run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import app

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(app.__path__, "app.")
    if not m.name.startswith(("app.web", "app.cli"))  # no examples there; importing is costly
)


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"
