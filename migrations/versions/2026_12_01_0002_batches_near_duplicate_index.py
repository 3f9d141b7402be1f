"""batches near-duplicate index

Batch imports with their items and uploads; story keys; MinHash fingerprints of versions with
their LSH bands, computed here for the versions already stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 13:37:36.126555
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.ingest.fingerprint import fingerprint


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
# Where SQLite recreates a table, it must keep AUTOINCREMENT: story and version ids are permalinks.
_KEEP_IDS = {"sqlite_autoincrement": True}


def upgrade() -> None:
    op.create_table(
        "batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batch_status"), ["status"], unique=False)

    op.create_table(
        "batch_upload",
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch.id"],
            name=op.f("fk_batch_upload_batch_id_batch"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_batch_upload")),
    )
    op.create_table(
        "batch_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=1000), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch.id"],
            name=op.f("fk_batch_item_batch_id_batch"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["story.id"],
            name=op.f("fk_batch_item_story_id_story"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["version.id"],
            name=op.f("fk_batch_item_version_id_version"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batch_item")),
        sa.UniqueConstraint("batch_id", "seq", name=op.f("uq_batch_item_batch_id")),
    )
    with op.batch_alter_table("batch_item", schema=None) as batch_op:
        batch_op.create_index("ix_batch_item_batch_state", ["batch_id", "state"], unique=False)
        batch_op.create_index(batch_op.f("ix_batch_item_story_id"), ["story_id"], unique=False)

    op.create_table(
        "lsh_band",
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["version.id"],
            name=op.f("fk_lsh_band_version_id_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "version_id", name=op.f("pk_lsh_band")),
    )
    with op.batch_alter_table("lsh_band", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lsh_band_version_id"), ["version_id"], unique=False)

    with op.batch_alter_table("story", schema=None, table_kwargs=_KEEP_IDS) as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_story_key"), ["key"], unique=True)

    with op.batch_alter_table("version", schema=None, table_kwargs=_KEEP_IDS) as batch_op:
        batch_op.add_column(sa.Column("extra", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("fingerprint", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("shingles", sa.Integer(), nullable=True))
    _fingerprint_stored_versions()


def downgrade() -> None:
    # Columns are dropped in place (SQLite >= 3.35 can): recreating story on SQLite would drop
    # the old table, and with foreign keys on that cascades to every version.
    op.drop_index(op.f("ix_story_key"), table_name="story")
    for table, column in (
        ("version", "shingles"),
        ("version", "fingerprint"),
        ("version", "extra"),
        ("story", "key"),
    ):
        op.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')

    with op.batch_alter_table("lsh_band", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lsh_band_version_id"))

    op.drop_table("lsh_band")
    with op.batch_alter_table("batch_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_item_story_id"))
        batch_op.drop_index("ix_batch_item_batch_state")

    op.drop_table("batch_item")
    op.drop_table("batch_upload")
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_status"))

    op.drop_table("batch")


def _fingerprint_stored_versions() -> None:
    """Fingerprint and index the versions stored before near-duplicate search existed."""
    bind = op.get_bind()
    version = sa.table(
        "version",
        sa.column("id", sa.Integer),
        sa.column("text", sa.Text),
        sa.column("fingerprint", sa.LargeBinary),
        sa.column("shingles", sa.Integer),
    )
    band = sa.table(
        "lsh_band", sa.column("key", sa.BigInteger), sa.column("version_id", sa.Integer)
    )
    last = 0
    while rows := bind.execute(
        sa.select(version.c.id, version.c.text)
        .where(version.c.id > last)
        .order_by(version.c.id)
        .limit(500)
    ).all():
        for vid, text in rows:
            fp = fingerprint(text)
            bind.execute(
                version.update()
                .where(version.c.id == vid)
                .values(fingerprint=fp.signature, shingles=fp.shingles)
            )
            bind.execute(band.insert(), [{"key": k, "version_id": vid} for k in set(fp.band_keys)])
        last = rows[-1][0]
