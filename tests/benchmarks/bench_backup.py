"""What a backup costs once photos ride along: the database-only copy (what every backup was before)
against the archive with the database and N camera-sized photos, plus checking and restoring it.

Figures per run: seconds and file size for the plain copy, the archive, `verify_backup` of the
archive (reads every member against its checksum) and a restore of it over a copy of the database
with the photo folder emptied (every photo put back).

    python -m tests.benchmarks.run backup --households 100000
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

PHOTOS = 60  # a county's year of activities, a few photos each
SIDE = 1000  # 1000×1000 noise: ~3 MB, incompressible like a camera JPEG


def _photos(folder: Path, count: int) -> list[str]:
    from PIL import Image

    rng = random.Random(count)
    names = []
    (folder / "照片").mkdir(parents=True, exist_ok=True)
    for i in range(count):
        name = f"照片/bench-{i:03d}.png"
        Image.frombytes("RGB", (SIDE, SIDE), rng.randbytes(SIDE * SIDE * 3)).save(folder / name)
        names.append(name)
    return names


def _attach(db: Path, names: list[str]) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        activity = conn.execute("SELECT min(id) FROM activities").fetchone()[0]
        conn.executemany(
            "INSERT INTO photos (activity_id, path, caption, position, version, created_at, "
            "updated_at, created_by) VALUES (?, ?, '', 0, 1, CURRENT_TIMESTAMP, "
            "CURRENT_TIMESTAMP, '')",
            [(activity, name) for name in names],
        )
        conn.commit()
    finally:
        conn.close()


def _timed(action: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return round(time.perf_counter() - start, 3), result


def run(db: Path, runs: int = 3) -> dict[str, Any]:
    from models import backup
    from models.services import Ledger

    figures: dict[str, Any] = {"photos": PHOTOS, "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        live = work / "台账.sqlite3"
        shutil.copy(db, live)
        files = work / "附件"
        _attach(live, _photos(files, PHOTOS))
        out = work / "备份"
        out.mkdir()
        for i in range(max(1, runs)):
            plain_s, plain = _timed(lambda i=i: backup.copy_database(live, out / f"p{i}.sqlite3"))
            zip_s, made = _timed(
                lambda i=i: backup.write_backup(live, files, out / f"z{i}.sqlite3")
            )
            verify_s, _ = _timed(lambda made=made: backup.verify_backup(None, made))
            shutil.rmtree(files / "照片")
            ledger = Ledger.open(f"sqlite:///{live}")
            try:
                restore_s, _ = _timed(lambda db=ledger.db, made=made: backup.restore(db, made))
            finally:
                ledger.close()
            figures["runs"].append(
                {
                    "database_mb": round(plain.stat().st_size / 1e6, 1),
                    "plain_copy_s": plain_s,
                    "archive_mb": round(made.stat().st_size / 1e6, 1),
                    "archive_s": zip_s,
                    "verify_archive_s": verify_s,
                    "restore_archive_s": restore_s,
                }
            )
            for made_file in out.iterdir():
                made_file.unlink()
    return figures
