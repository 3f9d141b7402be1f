"""Settings from the environment (prefix ``REDLINE_``) or a ``.env`` file: the only module that
reads the environment.  Entry points call :func:`get_settings` and pass values down."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting, its default and meaning (mirrored in ``.env.example``)."""

    model_config = SettingsConfigDict(env_prefix="REDLINE_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./data/redline.db"
    """SQLAlchemy URL: a SQLite file (the directory is created) or postgresql+psycopg://..."""
    host: str = "127.0.0.1"
    """Address `redline serve` listens on."""
    port: int = Field(8000, ge=1, le=65535)
    """Port `redline serve` listens on."""
    web_workers: int = Field(1, ge=1, le=64)
    """uvicorn worker processes for `redline serve`."""
    max_upload_bytes: int = Field(100 * 1024 * 1024, ge=1024)
    """Largest request body accepted, in bytes (413 above it)."""
    max_text_chars: int = Field(5_000_000, ge=1000)
    """Longest article text stored, in characters."""
    load_demo: bool = True
    """Load the demo story into an empty database when serving."""
    page_cache_entries: int = Field(512, ge=0)
    """Rendered comparison pages kept in memory per process (0 turns the cache off)."""
    public_read: bool = False
    """Let anyone browse stories and comparisons without signing in (read only)."""
    session_hours: float = Field(12.0, gt=0, le=24 * 90)
    """How long a sign-in lasts, in hours."""
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    """Log level of the server."""
    queue_url: str = "sqlite:///./data/queue.db"
    """Job queue for batch imports: a SQLite file (embedded default) or redis://host:port/db."""
    queue_name: str = Field("redline", pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    """Name of the queue (the key prefix in Redis), so several installations can share one."""
    embedded_worker: bool = True
    """`redline serve` also starts a `redline worker` process beside the web app."""
    worker_processes: int = Field(default_factory=lambda: min(2, os.cpu_count() or 1), ge=1,
                                  le=64)  # fmt: skip
    """Processes of each `redline worker`, each taking one task at a time: 2 by default (1 on
    a one-core machine), as a batch's chunks run in parallel and its work is the CPU's."""
    batch_chunk_items: int = Field(200, ge=1, le=100_000)
    """Articles of a batch handled by one task; chunks of one batch run in parallel."""
    batch_stall_seconds: float = Field(60.0, gt=0)
    """A batch with no progress for this long, in seconds, is taken up again by a worker (its
    worker died); items already stored are never stored twice."""

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, url: str) -> str:
        if not url.startswith(("sqlite://", "postgresql")):
            raise ValueError("database_url must be a sqlite:// or postgresql+psycopg:// URL")
        return url

    @field_validator("queue_url")
    @classmethod
    def _known_queue(cls, url: str) -> str:
        if not url.startswith(("sqlite://", "redis://", "rediss://")):
            raise ValueError("queue_url must be a sqlite:///path or redis://host:port/db URL")
        return url


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
