"""Settings come from REDLINE_* variables, keep their documented defaults and refuse bad values."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.settings import Settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No REDLINE_* variable or .env file of the developer leaks into these tests."""
    for name in list(os.environ):
        if name.startswith("REDLINE_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_defaults() -> None:
    s = Settings()
    assert s.database_url == "sqlite:///./data/redline.db"
    assert (s.host, s.port, s.web_workers) == ("127.0.0.1", 8000, 1)
    assert s.max_upload_bytes == 100 * 1024 * 1024
    assert s.load_demo is True
    assert s.log_level == "info"


def test_values_come_from_prefixed_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDLINE_PORT", "9001")
    monkeypatch.setenv("REDLINE_LOAD_DEMO", "false")
    monkeypatch.setenv("REDLINE_DATABASE_URL", "postgresql+psycopg://u@db/redline")
    monkeypatch.setenv("PORT", "1234")  # unprefixed names are not ours
    s = Settings()
    assert s.port == 9001
    assert s.load_demo is False
    assert s.database_url == "postgresql+psycopg://u@db/redline"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REDLINE_PORT", "0"),
        ("REDLINE_PORT", "70000"),
        ("REDLINE_PORT", "eighty"),
        ("REDLINE_WEB_WORKERS", "0"),
        ("REDLINE_MAX_UPLOAD_BYTES", "10"),
        ("REDLINE_LOG_LEVEL", "chatty"),
        ("REDLINE_LOAD_DEMO", "perhaps"),
        ("REDLINE_DATABASE_URL", "mysql://u@db/redline"),
    ],
)
def test_bad_values_fail_at_start(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match=name.removeprefix("REDLINE_").lower()):
        Settings()
