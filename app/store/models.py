"""Tables (SQLAlchemy 2 typed mappings, no behaviour): stories, their versions, cached
comparisons, the near-duplicate index, batch imports with their items, and the accounts:
users, their login sessions and API tokens, and the audit log.  A naming
convention gives every constraint a stable name, which SQLite's batch migrations need."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp read back in UTC with its offset on every database: SQLite stores none,
    and a naive time in the JSON API would be no RFC 3339 date-time."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, _dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Story(Base):
    __tablename__ = "story"
    __table_args__ = ({"sqlite_autoincrement": True},)  # ids are permalinks: never reused

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    key: Mapped[str | None] = mapped_column(String(200), unique=True, index=True)
    """The explicit story key imported articles name (their "story" field), if any."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    base_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("version.id", ondelete="SET NULL", use_alter=True), nullable=True
    )
    versions: Mapped[list[Version]] = relationship(
        back_populates="story",
        cascade="all, delete-orphan",
        passive_deletes=True,
        foreign_keys="Version.story_id",
        order_by="Version.id",
    )


class Version(Base):
    __tablename__ = "version"
    __table_args__ = (
        Index("ix_version_story_sha", "story_id", "sha256"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(200), index=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    byline: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    filename: Mapped[str | None] = mapped_column(String(300))
    content_type: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    word_count: Mapped[int] = mapped_column(Integer)
    grouping_method: Mapped[str | None] = mapped_column(String(40))
    grouping_score: Mapped[float | None] = mapped_column(Float)
    extra: Mapped[dict[str, str] | None] = mapped_column(JSON)
    """Metadata an import brought that has no column of its own."""
    fingerprint: Mapped[bytes | None] = mapped_column(LargeBinary)
    """The MinHash signature of the text (near-duplicate search)."""
    shingles: Mapped[int | None] = mapped_column(Integer)
    """How many distinct shingles the signature was made of."""
    story: Mapped[Story] = relationship(back_populates="versions", foreign_keys=[story_id])


class ComparisonCache(Base):
    """A computed comparison, keyed by the version pair, the options and the engine version."""

    __tablename__ = "comparison_cache"
    __table_args__ = (UniqueConstraint("version_a_id", "version_b_id", "options_key", "engine"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_a_id: Mapped[int] = mapped_column(
        ForeignKey("version.id", ondelete="CASCADE"), index=True
    )
    version_b_id: Mapped[int] = mapped_column(
        ForeignKey("version.id", ondelete="CASCADE"), index=True
    )
    options_key: Mapped[str] = mapped_column(String(200))
    engine: Mapped[str] = mapped_column(String(20))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class LshBand(Base):
    """One band of a version's MinHash signature: versions sharing a key are candidates."""

    __tablename__ = "lsh_band"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("version.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Batch(Base):
    """An import of many articles: an uploaded file or the paths given to `redline import`."""

    __tablename__ = "batch"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    total: Mapped[int | None] = mapped_column(Integer)
    """Items read from the input; None while it is still being read."""
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class BatchUpload(Base):
    """An uploaded batch file, kept in the database (every worker can read it) until read."""

    __tablename__ = "batch_upload"

    batch_id: Mapped[int] = mapped_column(
        ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True
    )
    filename: Mapped[str] = mapped_column(String(300))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class BatchItem(Base):
    """One article of a batch: what it became (or why it failed), and until then its fields."""

    __tablename__ = "batch_item"
    __table_args__ = (
        UniqueConstraint("batch_id", "seq"),
        Index("ix_batch_item_batch_state", "batch_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(1000))
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("story.id", ondelete="SET NULL"), index=True
    )
    version_id: Mapped[int | None] = mapped_column(ForeignKey("version.id", ondelete="SET NULL"))
    score: Mapped[float | None] = mapped_column(Float)
    payload: Mapped[dict[str, object] | None] = mapped_column(JSON)
    """The article as read, until it is stored (then cleared)."""


class User(Base):
    """An account: ``admin`` (everything) or ``editor`` (browse, compare, add versions)."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class LoginSession(Base):
    """A signed-in browser.  Only the SHA-256 of its cookie is kept, so a copy of the
    database opens no sessions."""

    __tablename__ = "login_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    """The user's role when the session began: a session outlives no role change."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    ip: Mapped[str | None] = mapped_column(String(64))


class ApiToken(Base):
    """A bearer token for the API, acting as its user with the user's current role."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    """The token's first characters, to tell tokens apart in lists."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AuditEvent(Base):
    """Who did what, when and from where.  The actor's name is copied so that the record
    survives the account."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_action_at", "action", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(300))
    ip: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
