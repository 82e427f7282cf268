"""Migrations: empty → head builds exactly the models' schema, and a database made by this version
upgrades cleanly under a later migration (proved with a throwaway revision), copied aside first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from models import database
from models.errors import DatabaseProblem
from models.schema import Base
from models.search_index import not_in_models
from models.services import Ledger
from tests.models.factories import household_values, id_number

THROWAWAY = '''"""throwaway: add a column"""

import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.add_column(sa.Column("throwaway_note", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.drop_column("throwaway_note")
'''


def test_head_matches_the_models(db_url: str) -> None:
    db = database.open_database(db_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn,
                opts={"compare_type": True, "include_name": lambda n, _t, _p: not not_in_models(n)},
            ),
            Base.metadata,
        )
    assert diff == []
    assert database.current_revision(db) == database.head_revision(db)


def test_database_of_this_version_upgrades_under_a_later_migration(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger.open(db_url)
    row = ledger.households.create(household_values())
    head = database.head_revision(ledger.db)
    ledger.close()

    scripts = tmp_path / "migrations"
    shutil.copytree(database.MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_throwaway.py").write_text(THROWAWAY.format(head=head), "utf-8")
    monkeypatch.setattr(database, "MIGRATIONS_DIR", scripts)

    upgraded = database.open_database(db_url)
    assert database.current_revision(upgraded) == "9999"
    columns = {c["name"] for c in inspect(upgraded.engine).get_columns("households")}
    assert "throwaway_note" in columns
    with upgraded.engine.connect() as conn:
        assert (
            conn.execute(text("select name from households where id = :i"), {"i": row.id}).scalar()
            == row.name
        )
    if upgraded.path is not None:  # a server database is backed up by its administrator instead
        copies = list(upgraded.path.parent.glob(f"*.升级前-{head}.*"))
        assert len(copies) == 1
    upgraded.dispose()


def test_foreign_database_is_left_alone(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "别人的.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("create table customers (id integer primary key)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem) as caught:
        database.open_database("sqlite:///" + str(path))
    assert "不是工会台账创建的" in caught.value.message


def test_not_a_database_gives_a_chinese_message(tmp_path: Path) -> None:
    path = tmp_path / "坏文件.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseProblem) as caught:
        database.open_database("sqlite:///" + str(path))
    assert "不是有效的工会台账数据库" in caught.value.message


@pytest.mark.sqlite_only
def test_sqlite_pragmas(db_url: str) -> None:
    db = database.open_database(db_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("pragma foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("pragma busy_timeout").scalar() >= 5000
    db.dispose()


def test_0002_keeps_the_records_of_0001_and_adds_wording_and_vocabulary(db_url: str) -> None:
    """A ledger made before the wording work upgrades in place: its rows stay, the clerk's original
    wording column is empty on every kind that has choice fields, and the office vocabulary exists."""
    db = database.connect(db_url)
    database.upgrade(db, "0001")
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "insert into stations (code, name, station_type, township, open_24h, status)"
                " values ('ZD0001', '城关镇职工驿站', '户外劳动者服务站点', '城关镇', false, '运行')"
            )
        )
    database.upgrade(db)
    assert database.current_revision(db) == database.head_revision(db)
    found = inspect(db.engine)
    for table in ("households", "household_members", "assistance", "stations", "activities"):
        assert "original_wording" in {c["name"] for c in found.get_columns(table)}, table
    columns = {c["name"] for c in found.get_columns("office_vocabulary")}
    assert columns == {"list_name", "wording", "value", "created_at", "created_by"}
    with db.engine.connect() as conn:
        row = conn.execute(text("select name, original_wording from stations")).one()
        assert tuple(row) == ("城关镇职工驿站", None)
        assert conn.execute(text("select count(*) from office_vocabulary")).scalar() == 0
    from alembic import command

    cfg = database._alembic_config(db)
    with db.engine.begin() as conn:  # and back: the downgrade drops only what 0002 added
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert "office_vocabulary" not in inspect(db.engine).get_table_names()
    with db.engine.connect() as conn:
        assert conn.execute(text("select name from stations")).scalar() == "城关镇职工驿站"
    db.dispose()


def test_0004_adds_reviews_follow_ups_and_ruled_out_pairs_keeping_the_files(db_url: str) -> None:
    """A 0003 ledger with a reviewed file upgrades in place: its 最近核查日期 stays, the three new
    tables start empty; and the downgrade drops only what 0004 added."""

    ledger = Ledger.open(db_url)
    row = ledger.households.create(household_values(reviewed_date="2025-06-30"))
    ledger.close()
    db = database.connect(db_url)
    downgrade(db, "0003")
    tables = set(inspect(db.engine).get_table_names())
    assert not {"household_reviews", "follow_ups", "not_same_person"} & tables
    database.upgrade(db)
    assert database.current_revision(db) == database.head_revision(db)
    found = inspect(db.engine)
    assert {c["name"] for c in found.get_columns("follow_ups")} >= {
        "household_id", "date", "way", "result", "note", "operator",
    }  # fmt: skip
    with db.engine.connect() as conn:
        reviewed = conn.execute(
            text("select reviewed_date from households where id = :i"), {"i": row.id}
        ).scalar()
        assert str(reviewed)[:10] == "2025-06-30"
        for table in ("household_reviews", "follow_ups", "not_same_person"):
            assert conn.execute(text(f"select count(*) from {table}")).scalar() == 0
    db.dispose()
    upgraded = Ledger.open(db_url)
    upgraded.reviews.record_review([row.id], date="2026-01-05", reviewer="王丽", result="情况属实")
    assert upgraded.households.get(row.id).reviewed_date.isoformat() == "2026-01-05"
    upgraded.close()


def downgrade(db: database.Database, revision: str) -> None:
    """What the app never does: back to an older revision (foreign keys off on SQLite, as the
    upgrade does, for the batch rebuilds of tables other rows refer to)."""
    from alembic import command

    cfg = database._alembic_config(db)
    with db.engine.connect() as conn:
        sqlite = db.engine.dialect.name == "sqlite"
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
        if sqlite:
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


TABLES_KEPT = ("households", "status_changes", "household_members", "assistance", "audit_log")


def test_a_0002_ledger_holding_files_upgrades_to_head_keeping_every_row(db_url: str) -> None:
    """The ledger of a clerk who last ran the 0002 program: files with members, history and aid.
    Upgrades rebuild households (batch mode); the rows that refer to it must not stop that."""
    ledger = Ledger.open(db_url)
    row = ledger.households.create(household_values())
    ledger.households.add_member(
        row.id, {"name": "张小明", "relation": "子女", "id_number": id_number()}
    )
    ledger.households.add_assistance(
        row.id,
        {
            "date": "2024-01-10",
            "category": "送温暖慰问",
            "cash": "500",
            "funding_source": "本级工会经费",
        },
    )
    ledger.close()
    db = database.connect(db_url)

    def counts() -> dict[str, int]:
        with db.engine.connect() as conn:
            return {
                t: conn.execute(text(f"select count(*) from {t}")).scalar() for t in TABLES_KEPT
            }

    before = counts()
    downgrade(db, "0002")
    database.upgrade(db)
    assert database.current_revision(db) == database.head_revision(db)
    assert counts() == before
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again
    db.dispose()
    reopened = Ledger.open(db_url)
    assert [m.name for m in reopened.households.detail(row.id).members] == ["张小明"]
    reopened.close()
