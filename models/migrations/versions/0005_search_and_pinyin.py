"""Search inside values and names sorted by pinyin

Adds `household_search` (one searched text per file: its numbers, names and members', see
models.search_index) with, on SQLite, an FTS5 trigram index kept by triggers and, on PostgreSQL,
a pg_trgm GIN index where the ledger's owner may create the extension; `households.sort_name`
(the pinyin collation key of 姓名); an index on members' names. Existing files get their text and
key here, a few hundred at a time.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-07 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FTS = "household_search_fts"
TRGM_INDEX = "ix_household_search_text_trgm"
CHUNK = 500

SQLITE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(text, content='household_search', "
    "content_rowid='household_id', tokenize='trigram')",
    f"CREATE TRIGGER household_search_ai AFTER INSERT ON household_search BEGIN "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.household_id, new.text); END",
    f"CREATE TRIGGER household_search_ad AFTER DELETE ON household_search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.household_id, old.text); END",
    f"CREATE TRIGGER household_search_au AFTER UPDATE ON household_search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.household_id, old.text); "
    f"INSERT INTO {FTS}(rowid, text) VALUES (new.household_id, new.text); END",
)


def upgrade() -> None:
    op.create_table(
        "household_search",
        sa.Column("household_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_household_search_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("household_id", name=op.f("pk_household_search")),
    )
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sort_name", sa.String(length=200), nullable=True))
        batch_op.create_index(batch_op.f("ix_households_sort_name"), ["sort_name"], unique=False)
    with op.batch_alter_table("household_members", schema=None) as batch_op:
        batch_op.create_index("ix_household_members_name", ["name"], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        _trigram_index_if_allowed(bind)
    _fill(bind)


def _trigram_index_if_allowed(bind: sa.Connection) -> None:
    # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it without
    # superuser. Where even that is refused, the search still works by scanning the texts.
    try:
        with bind.begin_nested():
            schema = _trigram_schema(bind)
            if schema is None:
                _create_trigram_extension(bind)
                schema = _trigram_schema(bind)
            quoted = bind.dialect.identifier_preparer.quote(schema)
            bind.execute(
                sa.text(
                    f"CREATE INDEX {TRGM_INDEX} ON household_search"
                    f" USING gin (text {quoted}.gin_trgm_ops)"
                )
            )
    except sa.exc.DBAPIError:
        return


def _trigram_schema(bind: sa.Connection) -> str | None:
    """Where pg_trgm lives, if the database has it (one schema for the whole database)."""
    return bind.execute(
        sa.text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n"
            " ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
        )
    ).scalar()


def _create_trigram_extension(bind: sa.Connection) -> None:
    # In "public", which every ledger's search path has and no ledger drops; only where that is
    # not allowed, in the ledger's own schema.
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION pg_trgm SCHEMA public"))
    except sa.exc.DBAPIError:
        bind.execute(sa.text("CREATE EXTENSION pg_trgm"))


def _fill(bind: sa.Connection) -> None:
    from models import pinyin, search_index  # the same keys and texts the program keeps

    last = 0
    while True:
        rows = bind.execute(
            sa.text("SELECT id, name FROM households WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": CHUNK},
        ).all()
        if not rows:
            break
        bind.execute(
            sa.text("UPDATE households SET sort_name = :key WHERE id = :id"),
            [{"id": i, "key": pinyin.sort_key(name)} for i, name in rows],
        )
        search_index.refresh(bind, [i for i, _ in rows])
        last = rows[-1][0]


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("household_search_ai", "household_search_ad", "household_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    else:
        op.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")
    # The search texts go first: on SQLite the batch below copies households to a new table and
    # drops the old one, which foreign keys refuse while household_search still refers to it.
    op.drop_table("household_search")
    with op.batch_alter_table("household_members", schema=None) as batch_op:
        batch_op.drop_index("ix_household_members_name")
    with op.batch_alter_table("households", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_households_sort_name"))
        batch_op.drop_column("sort_name")
