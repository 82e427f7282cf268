"""民族 and the income figures may be blank

A household saved with 民族, 家庭年收入 or 年刚性支出 left empty used to be stored as 汉族 and
0.00 元, values nobody chose; from this revision those columns take NULL, and the forms and the
importer leave them blank. Rows stored before keep their values (an old 0.00 cannot be told from
a real 0).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = (
    ("ethnicity", sa.String(length=10), "'汉族'"),
    ("family_annual_income", sa.BigInteger(), "0"),
    ("annual_rigid_expense", sa.BigInteger(), "0"),
)


def upgrade() -> None:
    # Batch mode: SQLite rebuilds the table (copying its rows); PostgreSQL alters it in place.
    with op.batch_alter_table("households", schema=None) as batch_op:
        for name, type_, _ in COLUMNS:
            batch_op.alter_column(name, existing_type=type_, nullable=True)


def downgrade() -> None:
    for name, _, fill in COLUMNS:
        op.execute(f"UPDATE households SET {name} = {fill} WHERE {name} IS NULL")
    with op.batch_alter_table("households", schema=None) as batch_op:
        for name, type_, _ in COLUMNS:
            batch_op.alter_column(name, existing_type=type_, nullable=False)
