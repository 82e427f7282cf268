"""Backups: snapshot, rotation, verification, and the restore round trip (SQLite file tests)."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import time
from pathlib import Path

import pytest

from models import backup
from models.errors import DatabaseProblem, PermissionDenied
from models.services import ROLE_CLERK, ROLE_VIEWER, Actor, Ledger
from tests.models.factories import household_values

pytestmark = pytest.mark.sqlite_only


def _names(ledger: Ledger) -> list[str]:
    return [r.name for r in ledger.households.rows(ledger.households.search_ids(_all()))]


def _all():
    from models.services import HouseholdQuery

    return HouseholdQuery()


def test_restore_round_trip(ledger: Ledger) -> None:
    ledger.households.create(household_values(name="王秀英"))
    snap = ledger.maintenance.backup()
    assert snap.exists() and snap.parent == ledger.maintenance.backup_dir()

    ledger.households.create(household_values(name="李四"))
    first = ledger.households.rows(ledger.households.search_ids(_all()))[0]
    ledger.households.update(first.id, {"phone": "13812345678"})
    assert sorted(_names(ledger)) == ["李四", "王秀英"]

    result = ledger.maintenance.restore(snap)
    assert result.restored.households == 1
    assert _names(ledger) == ["王秀英"]
    assert ledger.households.get(first.id).phone is None
    # The replaced database was kept, complete, as a backup of its own.
    assert result.kept.exists() and "恢复前" in result.kept.name
    conn = sqlite3.connect(result.kept)
    assert conn.execute("SELECT count(*) FROM households").fetchone()[0] == 2
    conn.close()
    # The live file stays in WAL mode and passes the full check; the restore is in its trail.
    assert ledger.maintenance.check().healthy
    with ledger.db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert any(
        r.action == "restore_backup"
        for r in ledger.audit.rows(
            ledger.audit.search_ids(
                __import__("models.services.audit", fromlist=["AuditQuery"]).AuditQuery()
            )
        )
    )


def test_restore_is_seen_by_another_open_window(db_url: str, ledger: Ledger) -> None:
    ledger.households.create(household_values(name="王秀英"))
    snap = ledger.maintenance.backup()
    ledger.households.create(household_values(name="李四"))
    other = Ledger.open(db_url)
    try:
        assert len(_names(other)) == 2
        ledger.maintenance.restore(snap)
        assert _names(other) == ["王秀英"]
    finally:
        other.close()


def _someone_elses_zip() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("照片/合影.jpg", b"\xff\xd8 not ours")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"PK\x03\x04 the start of a zip file", "已损坏"),  # a backup archive cut short
        (_someone_elses_zip(), "不是工会台账的备份"),
        (b"", "不是 SQLite 数据库"),
    ],
)
def test_restore_refuses_non_sqlite_and_changes_nothing(
    ledger: Ledger, tmp_path: Path, content: bytes, phrase: str
) -> None:
    ledger.households.create(household_values(name="王秀英"))
    bad = tmp_path / "坏文件.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(DatabaseProblem, match=phrase):
        ledger.maintenance.restore(bad)
    assert _names(ledger) == ["王秀英"]
    assert not ledger.maintenance.backups()  # nothing replaced, so nothing needed keeping


def test_restore_refuses_truncated_backup(ledger: Ledger, tmp_path: Path) -> None:
    for i in range(30):
        ledger.households.create(household_values(name=f"职工{i}", remarks="备注" * 200))
    snap = ledger.maintenance.backup()
    cut = tmp_path / "截断.sqlite3"
    data = snap.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseProblem, match="损坏|不完整"):
        ledger.maintenance.restore(cut)
    assert len(_names(ledger)) == 30


def test_restore_refuses_foreign_sqlite_file(ledger: Ledger, tmp_path: Path) -> None:
    other = tmp_path / "别的程序.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem, match="不是工会台账的备份"):
        ledger.maintenance.restore(other)


def test_restore_refuses_unknown_newer_schema(ledger: Ledger, tmp_path: Path) -> None:
    snap = ledger.maintenance.backup()
    conn = sqlite3.connect(snap)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseProblem, match="更新版本"):
        ledger.maintenance.restore(snap)


def test_only_admin_restores_and_backs_up_elsewhere(ledger: Ledger, tmp_path: Path) -> None:
    snap = ledger.maintenance.backup()
    for role in (ROLE_CLERK, ROLE_VIEWER):
        other = ledger.as_actor(Actor("某人", "someone", role))
        with pytest.raises(PermissionDenied):
            other.maintenance.restore(snap)
        with pytest.raises(PermissionDenied):
            other.maintenance.backup(tmp_path / "u盘.sqlite3")
    with pytest.raises(PermissionDenied):
        ledger.as_actor(Actor("某人", "someone", ROLE_VIEWER)).maintenance.backup()
    assert ledger.as_actor(Actor("录入", "clerk", ROLE_CLERK)).maintenance.backup().exists()


def test_backup_to_chosen_file_and_folder_setting(ledger: Ledger, tmp_path: Path) -> None:
    (tmp_path / "u盘").mkdir()  # a chosen folder must exist: a mistyped one is refused
    out = ledger.maintenance.backup(tmp_path / "u盘" / "台账.sqlite3")
    assert out.exists()
    assert backup.verify_backup(ledger.db, out).households == 0
    folder = ledger.maintenance.set_backup_dir(tmp_path / "新备份目录")
    made = ledger.maintenance.backup()
    assert made.parent == folder.resolve()


def test_daily_snapshot_once_a_day_and_not_for_an_untouched_database(ledger: Ledger) -> None:
    assert ledger.maintenance.snapshot_daily() is None  # nothing was ever written
    ledger.households.create(household_values())
    first = ledger.maintenance.snapshot_daily()
    assert first is not None and backup.DAILY in first.name
    assert ledger.maintenance.snapshot_daily() is None


def _fake(folder: Path, when: dt.datetime, reason: str = backup.DAILY) -> Path:
    path = folder / f"{backup.PREFIX}-{when:%Y%m%d-%H%M%S}-{reason}{backup.SUFFIX}"
    path.write_bytes(b"x")
    return path


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path) -> None:
    now = dt.datetime(2025, 12, 31, 9, 0)
    # Two snapshots a day for 400 days.
    for day in range(400):
        for hour in (9, 17):
            _fake(tmp_path, now - dt.timedelta(days=day) + dt.timedelta(hours=hour - 9))
    stranger = tmp_path / "clerk-notes.txt"
    stranger.write_text("keep me")
    backup.rotate(tmp_path, now=now)
    left = backup.list_backups(tmp_path)
    days = {b.taken_at.date() for b in left}
    assert {now.date() - dt.timedelta(days=d) for d in range(7)} <= days
    months = {(b.taken_at.year, b.taken_at.month) for b in left}
    assert len(months) >= 12
    assert len(left) <= backup.KEEP_LATEST + 7 + 4 + 12
    assert stranger.exists()  # files not named by the program are never deleted


def test_failed_copy_leaves_no_half_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    target_dir = tmp_path / "备份"
    target_dir.mkdir()
    with pytest.raises(DatabaseProblem, match="备份失败"):
        backup.copy_database(broken, target_dir / "x.sqlite3")
    assert list(target_dir.iterdir()) == []


def test_server_database_backup_says_pg_dump() -> None:
    from models.database import connect

    db = connect("postgresql+psycopg://clerk:secret@10.0.0.5:5432/ledger")
    try:
        text = backup.pg_dump_advice(db)
        assert "pg_dump -Fc -h 10.0.0.5 -p 5432 -U clerk -d ledger" in text
        assert "secret" not in text
        # pg_dump holds the records, not the photo files kept on this computer: said, with where.
        assert str(db.files_dir) in text and "照片" in text
        with pytest.raises(DatabaseProblem, match="pg_dump"):
            backup.snapshot(db)
    finally:
        db.dispose()


def test_restore_over_unreadable_database_keeps_the_broken_file(
    ledger: Ledger, tmp_path: Path
) -> None:
    ledger.households.create(household_values(name="王秀英"))
    snap = ledger.maintenance.backup()
    live = ledger.db.path
    assert live is not None
    ledger.close()
    live.write_bytes(b"garbage" * 1000)
    verified, kept = backup.restore_over_unreadable(live, snap)
    assert kept.read_bytes().startswith(b"garbage")
    reopened = Ledger.open(f"sqlite:///{live}")
    try:
        assert _names(reopened) == ["王秀英"]
    finally:
        reopened.close()


def test_two_databases_in_one_folder_keep_their_own_backups(tmp_path: Path) -> None:
    first = Ledger.open(f"sqlite:///{tmp_path / '城关.sqlite3'}", create=True)
    second = Ledger.open(f"sqlite:///{tmp_path / '新区-2.sqlite3'}", create=True)
    try:
        for ledger in (first, second):
            ledger.households.create(household_values())
            assert ledger.maintenance.snapshot_daily() is not None  # each gets its own daily one
        assert first.maintenance.backup_dir() == second.maintenance.backup_dir()
        assert len(first.maintenance.backups()) == len(second.maintenance.backups()) == 1
        assert first.maintenance.backups()[0].source == "城关"
        assert second.maintenance.backups()[0].source == "新区_2"  # dashes would blur the name
    finally:
        first.close()
        second.close()


def _swap_index_roots(snap: Path) -> str:
    """Two indexes pointing at each other's pages: SQLite lists ~20 English lines about it."""
    conn = sqlite3.connect(snap)
    roots = dict(
        conn.execute(
            "SELECT name, rootpage FROM sqlite_master "
            "WHERE name IN ('ix_households_name', 'ix_households_township')"
        )
    )
    conn.execute("PRAGMA writable_schema = ON")
    name, other = "ix_households_name", "ix_households_township"
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (roots[other], name))
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = ?", (roots[name], other))
    conn.commit()
    conn.close()
    return "missing from index"


def _scribble(snap: Path) -> str:
    data = bytearray(snap.read_bytes())
    for offset in range(4096 * 3, len(data) - 4096, 4096 * 4):
        data[offset + 100 : offset + 300] = b"\x00\xff" * 100  # a disk that went bad
    snap.write_bytes(bytes(data))
    return "malformed"


@pytest.mark.parametrize("damage", [_swap_index_roots, _scribble])
def test_a_damaged_backup_is_refused_in_chinese_with_the_details_in_the_log(
    ledger: Ledger, damage: object
) -> None:
    from models import diagnostics

    for i in range(60):
        ledger.households.create(household_values(name=f"职工{i}", remarks="备注" * 100))
    snap = ledger.maintenance.backup()
    raw = damage(snap)  # type: ignore[operator]

    with pytest.raises(DatabaseProblem) as caught:
        ledger.maintenance.restore(snap)
    message = caught.value.message
    logs = list(diagnostics.log_folder().glob("*.log"))
    assert len(logs) == 1 and str(logs[0]) in message
    assert "已损坏" in message and "没有被改动" in message and "另选" in message
    assert "\n" not in message and raw not in message
    said = message.replace(snap.name, "").replace(str(logs[0]), "")
    assert not re.search(r"[A-Za-z]{4,}", said)  # no English left for the clerk
    assert len(_names(ledger)) == 60
    assert raw in logs[0].read_text(encoding="utf-8")  # SQLite's own words, for support


def _aged(path: Path, hours: float) -> Path:
    path.write_bytes(b"\x00" * 4096)
    when = time.time() - hours * 3600
    os.utime(path, (when, when))
    return path


@pytest.mark.parametrize("run", ["backup", "import"])
def test_temporary_files_of_a_killed_backup_are_cleaned_on_the_next_run(
    ledger: Ledger, run: str
) -> None:
    from models import diagnostics

    ledger.households.create(household_values())
    folder = ledger.maintenance.backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stale = _aged(
        folder / f".备份中-1a2b3c4d-{backup.PREFIX}-ledger-20250101-090000-导入前.sqlite3", 3
    )
    staler = _aged(folder / ".备份中-9f8e7d6c-台账备份-ledger-20241231-170000-手动.zip", 30)
    busy = _aged(folder / ".备份中-0a0b0c0d-台账备份-ledger-20250102-090000-导入前.sqlite3", 0.1)
    stranger = _aged(folder / ".clerk-notes.txt", 5)
    if run == "backup":
        ledger.maintenance.backup()
    else:
        ledger.maintenance.snapshot_before(backup.BEFORE_IMPORT)
    assert not stale.exists() and not staler.exists()
    assert busy.exists()  # maybe another window's backup still being written
    assert stranger.exists()
    logged = "".join(p.read_text(encoding="utf-8") for p in diagnostics.log_folder().glob("*.log"))
    assert stale.name in logged and staler.name in logged and busy.name not in logged
