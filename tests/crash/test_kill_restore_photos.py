"""Crash safety of restoring a backup with photos: a real process SIGKILLed at random moments
leaves the old database, or the restored one with every one of its photo files in place."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models import backup
from models.services import Ledger
from tests.crash.test_kill import ROOT, TRIALS, _env, _fill, _state

pytestmark = [pytest.mark.sqlite_only, pytest.mark.slow]


def _with_photos(db: Path, pictures: Path, count: int) -> None:
    from PIL import Image

    ledger = Ledger.open(f"sqlite:///{db}")
    try:
        rng = random.Random(count)
        for i in range(count):
            activity = ledger.activities.create(
                {"name": f"送温暖{i}", "category": "送温暖", "start_date": "2025-01-20"}
            )
            picture = pictures / f"现场{i}.png"
            noise = rng.randbytes(800 * 800 * 3)  # does not compress: ~2 MB, a camera photo's size
            Image.frombytes("RGB", (800, 800), noise).save(picture)
            ledger.activities.add_photo(picture, "现场", activity_id=activity.id)
    finally:
        ledger.close()


def _photos_missing(db: Path) -> list[str]:
    ledger = Ledger.open(f"sqlite:///{db}")
    try:
        report = ledger.maintenance.check()
        assert all(f.code == "photo_missing" for f in report.errors), report.summary()
        return [f.problem for f in report.errors]
    finally:
        ledger.close()


@pytest.fixture(scope="module")
def archive_and_live(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A backup archive (600 files, 40 photos) and another database to restore it over (1200
    files, no photos), each in a folder of its own. The photos are big enough that putting them
    back takes a fair share of the restore, so kills land there too."""
    made = tmp_path_factory.mktemp("archive")
    source = made / "source.sqlite3"
    _fill(source, 0, 600)
    _with_photos(source, made, 40)
    archive = backup.write_backup(source, made / "附件", made / "backup.zip")
    live = tmp_path_factory.mktemp("live") / "template.sqlite3"
    _fill(live, 0, 1200)
    return archive, live


def test_kill_during_restore_with_photos(
    archive_and_live: tuple[Path, Path], tmp_path: Path
) -> None:
    archive, template = archive_and_live
    before = _state(template)

    def run(folder: Path) -> subprocess.Popen[bytes]:
        folder.mkdir()
        db = folder / "台账.sqlite3"
        shutil.copy(template, db)
        command = [sys.executable, str(ROOT / "main.py"), "restore", str(archive), "--yes"]
        return subprocess.Popen(
            [*command, "--db", str(db)],
            env=_env(tmp_path),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    began = time.monotonic()
    assert run(tmp_path / "timing").wait(300) == 0
    duration = time.monotonic() - began
    after = _state(tmp_path / "timing" / "台账.sqlite3")
    assert after != before and _photos_missing(tmp_path / "timing" / "台账.sqlite3") == []

    rng = random.Random(13)
    seen: set[tuple[int, int, int]] = set()
    for trial in range(TRIALS * 3):
        if trial >= TRIALS and len(seen) == 2:
            break
        if trial >= TRIALS:  # all kills on one side so far: move the window to the other
            duration *= 1.5 if seen == {before} else 0.6
        proc = run(tmp_path / f"trial{trial}")
        time.sleep(rng.uniform(0.1 if trial % 2 == 0 else duration * 0.6, duration * 1.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        db = tmp_path / f"trial{trial}" / "台账.sqlite3"
        state = _state(db)
        assert state in (before, after)
        # Restored means restored with its photos: none of them may be missing.
        assert _photos_missing(db) == [], f"第 {trial} 次：恢复了数据库却缺照片"
        seen.add(state)
        shutil.rmtree(db.parent)  # ~80 MB of photos per trial
    assert seen == {before, after}, f"所有杀进程时刻都落在同一侧：{seen}"
