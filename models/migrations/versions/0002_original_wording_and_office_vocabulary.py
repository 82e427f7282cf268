"""the clerk's original wording on records, and the office vocabulary

Where the wording lives: one JSON column `original_wording` ({field name: the cell's text}) on
each table whose kind has choice fields (households, household_members, assistance, stations,
activities), not one side table keyed by (entity, record id, field). The wording belongs to the
record and to nothing else: it is read with the record's own row (the form, the 花名册 export
streams one select without a join), it goes to the recycle bin, back, into an import batch's undo
and into the audit trail with the record, and no orphan rows can outlive a record. It is only ever
looked up by record, never searched by field, which is what a side table would be good for.

`office_vocabulary` holds the mappings the office chose once (list name, wording → value) so that
every later import reads them without asking; it is a table of the database like the other
settings, so backups and restores carry it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WORDED_TABLES = ("households", "household_members", "assistance", "stations", "activities")


def upgrade() -> None:
    for table in WORDED_TABLES:
        # Batch mode: SQLite rebuilds the table (copying its rows); PostgreSQL alters it in place.
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("original_wording", sa.JSON(), nullable=True))
    op.create_table(
        "office_vocabulary",
        sa.Column("list_name", sa.String(length=40), nullable=False),
        sa.Column("wording", sa.String(length=200), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("created_by", sa.String(length=40), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("list_name", "wording", name=op.f("pk_office_vocabulary")),
    )


def downgrade() -> None:
    op.drop_table("office_vocabulary")
    for table in reversed(WORDED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("original_wording")
