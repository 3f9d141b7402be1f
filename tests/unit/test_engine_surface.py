"""The engine's public surface: what `app.text` exports, and that it stays pure."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import app.text
from app.text import CompareOptions, compare

ENGINE = Path(app.text.__file__).parent
ALLOWED_IMPORTS = {"__future__", "app", "fast_diff_match_patch"}


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(app.text).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert set(app.text.__all__) == public


def test_every_public_name_has_a_docstring() -> None:
    for name in app.text.__all__:
        obj = getattr(app.text, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__, name


def test_engine_imports_only_the_standard_library_and_diff_match_patch() -> None:
    import sys

    stdlib = set(sys.stdlib_module_names)
    for path in ENGINE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top in stdlib or top in ALLOWED_IMPORTS, f"{path.name} imports {name}"
                if top == "app":
                    assert name.startswith("app.text"), f"{path.name} imports {name}"


def test_options_validate_their_ranges() -> None:
    import pytest

    with pytest.raises(ValueError, match="granularity"):
        CompareOptions(granularity="line")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="pair_threshold"):
        CompareOptions(pair_threshold=1.5)
    with pytest.raises(ValueError, match=">= 1"):
        CompareOptions(move_min_words=0)


def test_keyword_overrides_and_options_object_agree() -> None:
    a, b = "The Harbor opened.", "The harbor opened."
    by_kwargs = compare(a, b, ignore_case=True)
    by_object = compare(a, b, CompareOptions(ignore_case=True))
    assert by_kwargs.to_dict() == by_object.to_dict()
    assert by_kwargs.options.ignore_case is True
    assert by_kwargs.to_dict()["options"]["ignore_case"] is True


def test_compare_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    assert gc.isenabled()
    compare("One fact here.", "One fact there.")
    assert gc.isenabled()
    gc.disable()
    try:
        compare("One fact here.", "One fact there.")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_comparison_leaves_its_result_out_of_the_young_collections() -> None:
    import gc

    c = compare("One fact here. Another one.", "One fact there. Another one.")
    young = {id(o) for generation in (0, 1) for o in gc.get_objects(generation=generation)}
    assert id(c.rows[0]) not in young
    assert id(c.a.sentences[0]) not in young
    assert any(o is c.rows[0] for o in gc.get_objects(generation=2))
    # Objects the process froze itself stay frozen: unfreezing would release them.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        compare("One fact here.", "One fact there.")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
