"""核查 records, 防返困 follow-ups and pairs confirmed as not the same person

The file's 最近核查日期 (households.reviewed_date, since 0001) stays where it is, the one figure
the lists and the 花名册 read; `household_reviews` keeps every 核查 behind it (date, reviewer,
result, note), and recording one moves the date forward. `follow_ups` are the calls and visits
after 脱困; `not_same_person` remembers the duplicate candidates the clerk ruled out. The
follow-up intervals and the yearly aid limit are named settings (the settings table), no columns.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _stamped() -> list[sa.Column]:
    now = sa.text("(CURRENT_TIMESTAMP)")
    return [
        sa.Column("created_at", sa.DateTime(), server_default=now, nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=now, nullable=False),
        sa.Column("created_by", sa.String(length=40), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "household_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reviewer", sa.String(length=40), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("operator", sa.String(length=40), server_default="", nullable=False),
        *_stamped(),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_household_reviews_household_id_households"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_reviews")),
    )
    op.create_index(
        "ix_household_reviews_household_date", "household_reviews", ["household_id", "date"]
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("way", sa.String(length=8), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("operator", sa.String(length=40), server_default="", nullable=False),
        *_stamped(),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_follow_ups_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    op.create_index("ix_follow_ups_household_date", "follow_ups", ["household_id", "date"])
    op.create_table(
        "not_same_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_a", sa.String(length=20), nullable=False),
        sa.Column("person_b", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_not_same_person")),
        sa.UniqueConstraint(
            "person_a", "person_b", name=op.f("uq_not_same_person_person_a_person_b")
        ),
    )


def downgrade() -> None:
    op.drop_table("not_same_person")
    op.drop_index("ix_follow_ups_household_date", table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_index("ix_household_reviews_household_date", table_name="household_reviews")
    op.drop_table("household_reviews")
