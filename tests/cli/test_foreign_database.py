"""Another application's SQLite file named by --db is refused before anything is written to it:
same bytes, same journal mode, no -wal/-shm beside it, by every command and by Ledger.open."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

import main
from models.errors import DatabaseProblem
from models.services import Ledger
from reports.excel.templates import write_template


def _notes_app(path: Path) -> None:
    """A small notes program's database: its own table, rollback journal (SQLite's default)."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    conn.execute("INSERT INTO notes (body) VALUES ('买菜'), ('交电费')")
    conn.commit()
    conn.close()


def _alembic_app(path: Path) -> None:
    """Another program kept up to date with Alembic: an alembic_version table, but not ours."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')")
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, login TEXT)")
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()


FOREIGN = {"notes": _notes_app, "alembic": _alembic_app}


def _ledger_backup(tmp_path: Path) -> Path:
    ledger = Ledger.open(f"sqlite:///{tmp_path / '真台账.sqlite3'}", create=True)
    try:
        return ledger.maintenance.backup(tmp_path / "真台账备份.sqlite3")
    finally:
        ledger.close()


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    roster = tmp_path / "花名册.xlsx"
    write_template("households", roster, org_name="")
    return {
        "check": ["check"],
        "stats": ["stats", "2025"],
        "export": ["export", "households", str(tmp_path / "out.xlsx")],
        "backup": ["backup"],
        "restore": ["restore", str(_ledger_backup(tmp_path)), "--yes"],
        "import-dry-run": ["import", "households", str(roster), "--dry-run"],
        "import": ["import", "households", str(roster)],
        "import-undo": ["import", "--undo", "1"],
        "account": ["account", "list"],
        "template": ["template", "households", str(tmp_path / "t.xlsx")],
        "report": ["report", "2025", str(tmp_path / "总结.pdf")],
    }


def _state(path: Path) -> tuple[str, str, list[str]]:
    """The file's hash, its journal mode (read without changing it) and what lies beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        conn.close()
    beside = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
    return digest, mode, beside


def _assert_refused(text: str, path: Path) -> None:
    assert "不是工会台账" in text and str(path) in text, text
    assert "没有改动" in text, text
    assert "Traceback" not in text and "意外错误" not in text, text


@pytest.mark.parametrize("app", sorted(FOREIGN))
@pytest.mark.parametrize(
    "command",
    [
        "check",
        "stats",
        "export",
        "backup",
        "restore",
        "import-dry-run",
        "import",
        "import-undo",
        "account",
        "template",
        "report",
    ],
)
def test_every_command_refuses_another_programs_sqlite_file_untouched(
    app: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _commands(tmp_path)[command]
    theirs = tmp_path / "别的程序.db"
    FOREIGN[app](theirs)
    before = _state(theirs)
    assert before[1] == "delete" and before[2] == [theirs.name]
    code = main.main(["--db", str(theirs), *argv])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    _assert_refused(err, theirs)
    assert _state(theirs) == before
    assert not (tmp_path / "备份").exists()  # not even a copy of their data was made


@pytest.mark.parametrize("app", sorted(FOREIGN))
@pytest.mark.parametrize("read_only_fallback", [False, True], ids=["cli", "window"])
def test_ledger_open_refuses_another_programs_sqlite_file_untouched(
    app: str, read_only_fallback: bool, tmp_path: Path
) -> None:
    theirs = tmp_path / "别的程序.db"
    FOREIGN[app](theirs)
    before = _state(theirs)
    with pytest.raises(DatabaseProblem) as info:
        Ledger.open(f"sqlite:///{theirs}", read_only_fallback=read_only_fallback)
    _assert_refused(info.value.message, theirs)
    assert _state(theirs) == before


def test_a_ledger_and_an_empty_file_still_open(tmp_path: Path) -> None:
    # The check must not refuse what is ours: an existing ledger, and an empty file (a new one).
    ours = tmp_path / "台账.sqlite3"
    Ledger.open(f"sqlite:///{ours}", create=True).close()
    empty = tmp_path / "空.sqlite3"
    empty.touch()
    for path in (ours, empty):
        ledger = Ledger.open(f"sqlite:///{path}")
        try:
            assert ledger.households.count() == 0
        finally:
            ledger.close()


@pytest.mark.postgres
@pytest.mark.parametrize("alembic", [False, True], ids=["notes", "alembic"])
def test_another_programs_server_schema_is_refused_untouched(pg_url: str, alembic: bool) -> None:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
            if alembic:
                conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
                conn.execute(text("INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')"))
        before = sorted(inspect(engine).get_table_names())
        with pytest.raises(DatabaseProblem) as info:
            Ledger.open(pg_url)
        assert "不是工会台账" in info.value.message and "没有改动" in info.value.message
        engine.dispose()  # a fresh look, not the inspector's cache
        assert sorted(inspect(engine).get_table_names()) == before
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM notes")).scalar() == 0
    finally:
        engine.dispose()
