"""Photos in backups: one archive with the database, restored with it all-or-nothing; database-only
backups (made by earlier versions, or of a ledger without photos) still restore."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from models import backup
from models.errors import DatabaseProblem
from models.services import Ledger
from tests.models.factories import household_values

pytestmark = pytest.mark.sqlite_only  # a server database is backed up with pg_dump


def _photo(ledger: Ledger, tmp_path: Path, name: str, colour: str) -> Path:
    from PIL import Image

    activity = ledger.activities.create(
        {"name": name, "category": "送温暖", "start_date": "2025-01-20"}
    )
    picture = tmp_path / f"{name}.jpg"
    Image.new("RGB", (64, 48), colour).save(picture)
    photo = ledger.activities.add_photo(picture, f"{name}现场", activity_id=activity.id)
    return ledger.activities.photo_file(photo)


def _households(ledger: Ledger) -> int:
    with ledger.db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM households").scalar_one()


def test_a_backup_holds_the_photos_and_a_restore_brings_them_back(
    ledger: Ledger, tmp_path: Path
) -> None:
    ledger.households.create(household_values(name="王秀英"))
    first = _photo(ledger, tmp_path, "春节慰问", "red")
    second = _photo(ledger, tmp_path, "元宵慰问", "green")
    pictures = {first: first.read_bytes(), second: second.read_bytes()}

    snap = ledger.maintenance.backup()
    assert snap in [b.path for b in ledger.maintenance.backups()]
    with zipfile.ZipFile(snap) as archive:  # an ordinary zip: any tool can look inside
        assert archive.testzip() is None
        names = archive.namelist()
    assert {first.name, second.name} <= {Path(n).name for n in names}

    shutil.rmtree(ledger.db.files_dir)  # the 附件 folder lost (cleaned by hand, a new PC)
    ledger.households.create(household_values(name="李四"))
    verified = ledger.maintenance.verify(snap)
    assert (verified.households, verified.photos) == (1, 2)

    result = ledger.maintenance.restore(snap)
    assert _households(ledger) == 1
    assert {p: p.read_bytes() for p in pictures} == pictures
    assert ledger.maintenance.check().healthy
    # What was replaced is kept too (database only: its photos were gone already).
    assert ledger.maintenance.verify(result.kept).households == 2


def test_a_ledger_without_photos_is_backed_up_as_a_plain_sqlite_file(ledger: Ledger) -> None:
    ledger.households.create(household_values())
    snap = ledger.maintenance.backup()
    assert snap.suffix == ".sqlite3"
    assert snap.read_bytes()[:16] == b"SQLite format 3\x00"


def test_a_backup_to_a_chosen_file_takes_the_photos_along(ledger: Ledger, tmp_path: Path) -> None:
    picture = _photo(ledger, tmp_path, "春节慰问", "red")
    (tmp_path / "u盘").mkdir()
    made = ledger.maintenance.backup(tmp_path / "u盘" / "台账.sqlite3")
    assert made == tmp_path / "u盘" / "台账.zip"  # the name says what it is
    assert not (tmp_path / "u盘" / "台账.sqlite3").exists()
    with zipfile.ZipFile(made) as archive:
        assert any(n.endswith(picture.name) for n in archive.namelist())


def test_a_database_only_backup_of_an_earlier_version_still_restores(
    ledger: Ledger, tmp_path: Path
) -> None:
    ledger.households.create(household_values(name="王秀英"))
    picture = _photo(ledger, tmp_path, "春节慰问", "red")
    old = tmp_path / "台账备份-ledger-20250101-090000-每日.sqlite3"
    src, dest = sqlite3.connect(ledger.db.path), sqlite3.connect(old)
    src.backup(dest)  # what earlier versions wrote: the SQLite file alone
    src.close()
    dest.close()
    ledger.households.create(household_values(name="李四"))

    result = ledger.maintenance.restore(old)
    assert result.restored.photos == 0
    assert _households(ledger) == 1
    assert picture.exists()  # the photo folder is left as it is
    assert ledger.maintenance.check().healthy


def test_a_restore_failing_midway_leaves_database_and_photos_as_they_were(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger.households.create(household_values(name="王秀英"))
    damaged = _photo(ledger, tmp_path, "春节慰问", "red")
    gone = _photo(ledger, tmp_path, "元宵慰问", "green")
    original = damaged.read_bytes()
    snap = ledger.maintenance.backup()
    ledger.households.create(household_values(name="李四"))
    damaged.write_bytes(b"scribbled over")
    gone.unlink()

    def disk_error(_source: Path, _live: Path) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backup, "_copy_pages", disk_error)
    with pytest.raises(DatabaseProblem, match="没有被改动"):
        ledger.maintenance.restore(snap)
    assert _households(ledger) == 2
    assert damaged.read_bytes() == b"scribbled over" and not gone.exists()
    assert not [p for p in damaged.parent.iterdir() if p.name.startswith(".")]  # no leftovers

    monkeypatch.undo()
    ledger.maintenance.restore(snap)
    assert _households(ledger) == 1
    assert damaged.read_bytes() == original and gone.exists()


def test_a_photo_that_cannot_be_put_back_undoes_the_photos_already_placed(
    ledger: Ledger, tmp_path: Path
) -> None:
    ledger.households.create(household_values(name="王秀英"))
    files = [_photo(ledger, tmp_path, name, "red") for name in ("春节慰问", "元宵慰问", "三八慰问")]
    snap = ledger.maintenance.backup()
    ledger.households.create(household_values(name="李四"))
    for file in files:
        file.unlink()
    with zipfile.ZipFile(snap) as archive:
        last = next(f for f in files if archive.namelist()[-1].endswith(f.name))
    last.mkdir()  # something in the way of the last photo the restore puts back

    with pytest.raises(DatabaseProblem, match="没有被改动"):
        ledger.maintenance.restore(snap)
    assert _households(ledger) == 2
    assert [f for f in files if f.is_file()] == []
    assert sorted(p.name for p in last.parent.iterdir()) == [last.name]


def test_restore_over_an_unreadable_database_brings_the_photos_back(
    ledger: Ledger, tmp_path: Path
) -> None:
    ledger.households.create(household_values(name="王秀英"))
    picture = _photo(ledger, tmp_path, "春节慰问", "red")
    content = picture.read_bytes()
    snap = ledger.maintenance.backup()
    live = ledger.db.path
    assert live is not None
    ledger.close()
    live.write_bytes(b"garbage" * 1000)
    picture.unlink()

    verified, _kept = backup.restore_over_unreadable(live, snap)
    assert verified.photos == 1 and picture.read_bytes() == content
    reopened = Ledger.open(f"sqlite:///{live}")
    try:
        assert reopened.maintenance.check().healthy
    finally:
        reopened.close()


def _forged(snap: Path, out: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(snap) as source, zipfile.ZipFile(out, "w") as forged:
        for info in source.infolist():
            forged.writestr(info, source.read(info))
        forged.writestr(name, data)
    return out


def test_an_archive_reaching_outside_the_photo_folder_is_refused(
    ledger: Ledger, tmp_path: Path
) -> None:
    _photo(ledger, tmp_path, "春节慰问", "red")
    snap = ledger.maintenance.backup()
    forged = _forged(snap, tmp_path / "伪造.zip", "附件/../../逃出去.txt", b"x")
    with pytest.raises(DatabaseProblem, match="不是工会台账的备份.*没有被改动"):
        ledger.maintenance.restore(forged)
    assert not list(tmp_path.rglob("逃出去.txt"))


def test_an_archive_with_a_damaged_photo_is_refused_in_chinese(
    ledger: Ledger, tmp_path: Path
) -> None:
    picture = _photo(ledger, tmp_path, "春节慰问", "red")
    snap = ledger.maintenance.backup()
    data = bytearray(snap.read_bytes())
    start = data.find(picture.read_bytes()[:64])  # photos are stored as they are, uncompressed
    assert start > 0
    data[start + 100 : start + 140] = b"\x00" * 40
    snap.write_bytes(bytes(data))
    ledger.households.create(household_values(name="李四"))
    with pytest.raises(DatabaseProblem) as caught:
        ledger.maintenance.restore(snap)
    assert "已损坏" in caught.value.message and "没有被改动" in caught.value.message
    assert "Bad CRC" not in caught.value.message
    assert _households(ledger) == 1


def test_a_backup_named_zip_is_a_zip_even_without_photos(ledger: Ledger, tmp_path: Path) -> None:
    ledger.households.create(household_values(name="王秀英"))
    made = ledger.maintenance.backup(tmp_path / "台账.zip")
    assert made == tmp_path / "台账.zip" and zipfile.is_zipfile(made)
    ledger.households.create(household_values(name="李四"))
    assert ledger.maintenance.restore(made).restored.households == 1


def test_the_workspace_of_a_killed_restore_is_removed_by_the_next_one(
    ledger: Ledger, tmp_path: Path
) -> None:
    import os
    import time

    _photo(ledger, tmp_path, "春节慰问", "red")
    snap = ledger.maintenance.backup()
    live = ledger.db.path
    assert live is not None
    left = live.parent / ".恢复中-k1ll3d"  # what a restore killed midway leaves beside the database
    left.mkdir()
    (left / "台账.sqlite3").write_bytes(b"\x00" * 4096)
    hours_ago = time.time() - 3 * 3600
    os.utime(left, (hours_ago, hours_ago))
    ledger.maintenance.restore(snap)
    assert not left.exists()
    assert not [p for p in live.parent.iterdir() if p.name.startswith(".恢复中-")]
