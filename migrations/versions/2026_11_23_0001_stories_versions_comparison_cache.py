"""stories versions comparison cache

Revision ID: 0001
Revises:
Create Date: 2026-11-23 14:27:12.850301
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('story',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('base_version_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_story')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_story_updated_at'), ['updated_at'], unique=False)

    op.create_table('version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('story_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('byline', sa.String(length=300), nullable=True),
    sa.Column('published_at', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=True),
    sa.Column('content_type', sa.String(length=200), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('word_count', sa.Integer(), nullable=False),
    sa.Column('grouping_method', sa.String(length=40), nullable=True),
    sa.Column('grouping_score', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['story_id'], ['story.id'], name=op.f('fk_version_story_id_story'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_version_source'), ['source'], unique=False)
        batch_op.create_index(batch_op.f('ix_version_story_id'), ['story_id'], unique=False)
        batch_op.create_index('ix_version_story_sha', ['story_id', 'sha256'], unique=False)

    op.create_table('comparison_cache',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_a_id', sa.Integer(), nullable=False),
    sa.Column('version_b_id', sa.Integer(), nullable=False),
    sa.Column('options_key', sa.String(length=200), nullable=False),
    sa.Column('engine', sa.String(length=20), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['version_a_id'], ['version.id'], name=op.f('fk_comparison_cache_version_a_id_version'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_b_id'], ['version.id'], name=op.f('fk_comparison_cache_version_b_id_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comparison_cache')),
    sa.UniqueConstraint('version_a_id', 'version_b_id', 'options_key', 'engine', name=op.f('uq_comparison_cache_version_a_id'))
    )
    with op.batch_alter_table('comparison_cache', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comparison_cache_version_a_id'), ['version_a_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comparison_cache_version_b_id'), ['version_b_id'], unique=False)

    # story and version refer to each other: the story's base version link comes last.  On
    # SQLite this recreates the table, which must keep AUTOINCREMENT (ids are permalinks).
    with op.batch_alter_table(
        'story', schema=None, table_kwargs={'sqlite_autoincrement': True}
    ) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f('fk_story_base_version_id_version'), 'version', ['base_version_id'], ['id'],
            ondelete='SET NULL',
        )


def downgrade() -> None:
    with op.batch_alter_table(
        'story', schema=None, table_kwargs={'sqlite_autoincrement': True}
    ) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_story_base_version_id_version'), type_='foreignkey')
    with op.batch_alter_table('comparison_cache', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comparison_cache_version_b_id'))
        batch_op.drop_index(batch_op.f('ix_comparison_cache_version_a_id'))

    op.drop_table('comparison_cache')
    with op.batch_alter_table('version', schema=None) as batch_op:
        batch_op.drop_index('ix_version_story_sha')
        batch_op.drop_index(batch_op.f('ix_version_story_id'))
        batch_op.drop_index(batch_op.f('ix_version_source'))
        batch_op.drop_index(batch_op.f('ix_version_sha256'))

    op.drop_table('version')
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_story_updated_at'))

    op.drop_table('story')
