"""Stations, rest stops and activities sorted by pinyin

Adds `stations.sort_name` and `activities.sort_name` (the pinyin collation key of 名称, see
models.pinyin) with an index each; existing records get their key here, a few hundred at a time.

Revision ID: 0007_names_pinyin
Revises: 0005
Create Date: 2026-12-07 20:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_names_pinyin"
# The integrator re-chains this after 0006 on merge.
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = ("stations", "activities")
CHUNK = 500


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("sort_name", sa.String(length=200), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_sort_name"), ["sort_name"], unique=False)
    bind = op.get_bind()
    for table in TABLES:
        _fill(bind, table)


def _fill(bind: sa.Connection, table: str) -> None:
    from models import pinyin  # the same keys the program keeps

    last = 0
    while True:
        rows = bind.execute(
            sa.text(f"SELECT id, name FROM {table} WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": CHUNK},
        ).all()
        if not rows:
            break
        bind.execute(
            sa.text(f"UPDATE {table} SET sort_name = :key WHERE id = :id"),
            [{"id": i, "key": pinyin.sort_key(name)} for i, name in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_sort_name"))
            batch_op.drop_column("sort_name")
